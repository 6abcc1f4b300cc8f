// The cases behind a platform indicator of a region (a density's cases, or a rate's denominator), each linking to
// its detail page.
import { Alert } from 'antd';
import { useState } from 'react';
import { api } from '../../../api.ts';
import { useLoad } from '../../../hooks.ts';
import { useI18n } from '../../../i18n.tsx';
import type { DrillItem } from '../../../../../src/evaluation/views.ts';
import CasesTableDrawer from '../CasesTableDrawer.tsx';

export interface CasesTarget { year: number; region: string; regionName: string; indicator: string; name: string }
interface CasesPage { indicatorName: string; total: number; items: DrillItem[] }


export default function CasesDrawer({ target, onClose }: { target: CasesTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const data = useLoad<CasesPage | undefined>(() => (target
    ? api.get<CasesPage>(`/api/city-index/${target.year}/cases`, { region: target.region, indicator: target.indicator, page, pageSize: 20 })
    : Promise.resolve(undefined)), [target, page]);
  return (
    <CasesTableDrawer open={target !== null} onClose={() => { setPage(1); onClose(); }} testId="ci-cases-table"
      title={target ? t('ciCasesTitle', { region: target.regionName, name: data.data?.indicatorName ?? target.name, n: data.data?.total ?? '…' }) : ''}
      loading={data.loading} items={data.data?.items ?? []} total={data.data?.total ?? 0} page={page} onPage={setPage}>
      {data.error && <Alert type="warning" title={data.error} />}
    </CasesTableDrawer>
  );
}
