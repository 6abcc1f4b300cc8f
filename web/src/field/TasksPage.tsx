// 任务: the cases waiting on the user — a collector's 核实 and 核查 tasks, a department's 待处置 cases — reloaded live
// whenever the case stream reports a change. Each list (and the details of its cases) is kept on the phone: offline
// the last copy is shown with the time it was fetched, and actions taken offline are listed until they are sent.
import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Popconfirm, Spin, Tag } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CaseListPage, WorkQueue } from '../../../src/command/views.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n, type TKey } from '../i18n.tsx';
import { removeAction, retryAction, syncActions } from './action-queue.ts';
import { keepDetails, useCachedLoad } from './cached.ts';
import { useField } from './context.tsx';
import { FIELD_FORMS } from './forms.ts';
import type { OutboxStatus } from './outbox-store.ts';
import { CaseCard, formatTime } from './ui.tsx';

const QUEUES: Record<string, { queue: WorkQueue; title: TKey }[]> = {
  collector: [{ queue: 'to_verify', title: 'fdToVerify' }, { queue: 'to_check', title: 'fdToCheck' }],
  handler: [{ queue: 'handling', title: 'fdHandling' }],
};
const STATUS_COLOR: Record<OutboxStatus, string> = { pending: 'orange', failed: 'red', sent: 'green' };

function Queue({ queue, title }: { queue: WorkQueue; title: TKey }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const userId = me!.user!.id;
  const { changes, online, actions } = useField();
  const list = useCachedLoad(userId, `queue:${queue}`, () => api.get<CaseListPage>('/api/cases', { queue, pageSize: 100 }), [queue, changes, online]);
  const fresh = list.data && !list.savedAt ? list.data : undefined;
  useEffect(() => { if (fresh) void keepDetails(userId, fresh.items); }, [fresh, userId]);
  const queued = new Set(actions.filter((a) => a.status !== 'sent').map((a) => a.caseId));
  return (
    <section data-testid={`fd-queue-${queue}`}>
      <h3 className="fd-section-title">{t(title)} <span className="fd-count">{list.data?.total ?? '–'}</span></h3>
      {list.savedAt && <Alert type="warning" showIcon title={t('fdOfflineData', { at: formatTime(list.savedAt) })} style={{ marginBottom: 10 }}
        data-testid="fd-offline-data" />}
      {list.error && <Alert type={online ? 'error' : 'warning'} showIcon title={online ? list.error : t('fdOfflineList')} style={{ marginBottom: 10 }} />}
      {list.loading && !list.data && <Spin />}
      {list.data && !list.data.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fdNoTasks')} />}
      {list.data?.items.map((item) => <CaseCard key={item.id} item={item} queued={queued.has(item.id)} />)}
    </section>
  );
}

/** Actions written offline: waiting, failed (with the reason, 重试 or 删除) or sent in the last day. */
function QueuedActions() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { actions, online } = useField();
  const [busy, setBusy] = useState(false);
  if (!actions.length) return null;
  const waiting = actions.filter((a) => a.status === 'pending').length;
  const sendNow = async () => {
    setBusy(true);
    try { await syncActions(me!.user!.id); } finally { setBusy(false); }
  };
  const statusName = { pending: t('fdPending'), failed: t('fdFailed'), sent: t('fdSent') };
  return (
    <section data-testid="fd-queued-actions">
      <div className="fd-row">
        <h3 className="fd-section-title">{t('fdQueuedActions')}</h3>
        <Button size="small" icon={<CloudUploadOutlined />} disabled={!online || !waiting} loading={busy} onClick={() => void sendNow()}
          data-testid="fd-send-actions">{t('fdSendNow')}</Button>
      </div>
      {[...actions].reverse().map((a) => (
        <div key={a.key} className="fd-card" data-testid="fd-queued-action" data-status={a.status} data-case-no={a.caseNo}>
          <div className="fd-row">
            <strong>{t(FIELD_FORMS[a.form].title)} · {a.typeName}</strong>
            <Tag color={STATUS_COLOR[a.status]}>{statusName[a.status]}</Tag>
          </div>
          <div className="fd-muted">{a.caseNo} · {formatTime(a.createdAt)} · {t('fdPhotoCount', { n: a.photos.length })}</div>
          {a.error && <div className="fd-warn">{a.error}</div>}
          {a.status === 'failed' && (
            <div className="fd-actions">
              <Button size="small" icon={<ReloadOutlined />} disabled={!online} onClick={() => void retryAction(a, me!.user!.id)}>{t('fdRetry')}</Button>
              <Popconfirm title={t('fdDeleteAction')} onConfirm={() => void removeAction(a.key)}>
                <Button size="small" danger icon={<DeleteOutlined />}>{t('fdDelete')}</Button>
              </Popconfirm>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}

export default function TasksPage() {
  const { me } = useAuth();
  return (
    <div data-testid="fd-tasks">
      <QueuedActions />
      {(QUEUES[me!.role] ?? []).map((q) => <Queue key={q.queue} {...q} />)}
    </div>
  );
}
