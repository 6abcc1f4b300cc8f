// 下钻: the cases behind one figure of one row, paged, each linking to its detail page.
import { Drawer, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { DrillItem, DrillPage } from '../../../../src/evaluation/views.ts';

export interface DrillTarget { query: Record<string, string>; key: string; name: string; figure: string; figureName: string }

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);

export default function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const data = useLoad<DrillPage | undefined>(
    () => (target ? api.get<DrillPage>('/api/evaluation/cases', { ...target.query, key: target.key, figure: target.figure, page, pageSize: 20 })
      : Promise.resolve(undefined)),
    [target, page]);
  return (
    <Drawer open={target !== null} onClose={() => { setPage(1); onClose(); }} size="large" destroyOnHidden
      title={target ? t('evaDrillTitle', { name: target.name, figure: target.figureName, n: data.data?.total ?? '…' }) : ''}>
      <Table<DrillItem> rowKey="id" size="small" loading={data.loading} dataSource={data.data?.items ?? []} data-testid="eva-drill-table"
        pagination={{ current: page, pageSize: 20, total: data.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
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
