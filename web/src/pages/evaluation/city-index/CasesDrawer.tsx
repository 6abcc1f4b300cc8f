// The cases behind a platform indicator of a region (a density's cases, or a rate's denominator), each linking to
// its detail page.
import { Alert, Drawer, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api.ts';
import { useLoad } from '../../../hooks.ts';
import { useI18n } from '../../../i18n.tsx';
import type { DrillItem } from '../../../../../src/evaluation/views.ts';

export interface CasesTarget { year: number; region: string; regionName: string; indicator: string; name: string }
interface CasesPage { indicatorName: string; total: number; items: DrillItem[] }

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);

export default function CasesDrawer({ target, onClose }: { target: CasesTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const data = useLoad<CasesPage | undefined>(() => (target
    ? api.get<CasesPage>(`/api/city-index/${target.year}/cases`, { region: target.region, indicator: target.indicator, page, pageSize: 20 })
    : Promise.resolve(undefined)), [target, page]);
  return (
    <Drawer open={target !== null} onClose={() => { setPage(1); onClose(); }} size="large" destroyOnHidden
      title={target ? t('ciCasesTitle', { region: target.regionName, name: data.data?.indicatorName ?? target.name, n: data.data?.total ?? '…' }) : ''}>
      {data.error && <Alert type="warning" title={data.error} />}
      <Table<DrillItem> rowKey="id" size="small" loading={data.loading} dataSource={data.data?.items ?? []} data-testid="ci-cases-table"
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
