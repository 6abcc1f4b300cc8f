// 任务: the cases waiting on the user — a collector's 核实 and 核查 tasks, a department's 待处置 cases — reloaded live
// whenever the case stream reports a change.
import { Alert, Empty, Spin } from 'antd';
import type { CaseListPage, WorkQueue } from '../../../src/command/views.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoad } from '../hooks.ts';
import { useI18n, type TKey } from '../i18n.tsx';
import { useField } from './context.tsx';
import { CaseCard } from './ui.tsx';

const QUEUES: Record<string, { queue: WorkQueue; title: TKey }[]> = {
  collector: [{ queue: 'to_verify', title: 'fdToVerify' }, { queue: 'to_check', title: 'fdToCheck' }],
  handler: [{ queue: 'handling', title: 'fdHandling' }],
};

function Queue({ queue, title }: { queue: WorkQueue; title: TKey }) {
  const { t } = useI18n();
  const { changes, online } = useField();
  const list = useLoad(() => api.get<CaseListPage>('/api/cases', { queue, pageSize: 100 }), [queue, changes, online]);
  return (
    <section data-testid={`fd-queue-${queue}`}>
      <h3 className="fd-section-title">{t(title)} <span className="fd-count">{list.data?.total ?? '–'}</span></h3>
      {list.error && <Alert type={online ? 'error' : 'warning'} showIcon title={online ? list.error : t('fdOfflineList')} style={{ marginBottom: 10 }} />}
      {list.loading && !list.data && <Spin />}
      {list.data && !list.data.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fdNoTasks')} />}
      {list.data?.items.map((item) => <CaseCard key={item.id} item={item} />)}
    </section>
  );
}

export default function TasksPage() {
  const { me } = useAuth();
  return <div data-testid="fd-tasks">{(QUEUES[me!.role] ?? []).map((q) => <Queue key={q.queue} {...q} />)}</div>;
}
