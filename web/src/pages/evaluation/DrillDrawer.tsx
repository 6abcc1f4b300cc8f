// 下钻: the cases behind one figure of one row, paged, each linking to its detail page.
import { useState } from 'react';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { DrillPage } from '../../../../src/evaluation/views.ts';
import CasesTableDrawer from './CasesTableDrawer.tsx';

export interface DrillTarget { query: Record<string, string>; key: string; name: string; figure: string; figureName: string }

export default function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose(): void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const data = useLoad<DrillPage | undefined>(
    () => (target ? api.get<DrillPage>('/api/evaluation/cases', { ...target.query, key: target.key, figure: target.figure, page, pageSize: 20 })
      : Promise.resolve(undefined)),
    [target, page]);
  return (
    <CasesTableDrawer open={target !== null} onClose={() => { setPage(1); onClose(); }} testId="eva-drill-table"
      title={target ? t('evaDrillTitle', { name: target.name, figure: target.figureName, n: data.data?.total ?? '…' }) : ''}
      loading={data.loading} items={data.data?.items ?? []} total={data.data?.total ?? 0} page={page} onPage={setPage} />
  );
}
