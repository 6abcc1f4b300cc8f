// A drawer listing cases page by page, each linking to its detail page: what every drill-down of the evaluation pages
// (a figure of a row, a city-index indicator) opens.
import { Drawer, Table } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n.tsx';
import type { DrillItem } from '../../../../src/evaluation/views.ts';
import { chinaTime } from '../../format.ts';

const time = (iso: string) => chinaTime(iso, 'minute');

export default function CasesTableDrawer({ open, title, onClose, loading, items, total, page, onPage, testId, children }: {
  open: boolean; title: string; onClose(): void; loading: boolean; items: DrillItem[]; total: number; page: number;
  onPage(page: number): void; testId: string; children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer open={open} onClose={onClose} size="large" destroyOnHidden title={title}>
      {children}
      <Table<DrillItem> rowKey="id" size="small" loading={loading} dataSource={items} data-testid={testId}
        pagination={{ current: page, pageSize: 20, total, showSizeChanger: false, onChange: onPage }}
        columns={[
          { title: t('evaCaseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          { title: t('evaType'), dataIndex: 'typeName' },
          { title: t('evaAddress'), dataIndex: 'address', ellipsis: true },
          { title: t('evaStage'), dataIndex: 'stageName', width: 90 },
          { title: t('evaReportedAt'), dataIndex: 'createdAt', width: 140, render: time },
        ]} />
    </Drawer>
  );
}
