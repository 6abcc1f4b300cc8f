// 我的待办 on the home page: the role's work queues with live counts (GET /api/cases/queues, refreshed on every case
// change the SSE stream reports); a click opens the case list filtered by that queue.
import { Alert, Badge, Card, Col, Row, Statistic, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { tMaybe, useI18n } from '../../i18n.tsx';
import type { QueueCounts, WorkQueue } from '../../../../src/command/views.ts';
import { useCaseStream } from './caseUi.tsx';

/** The queues each role works from; roles not listed (leader, admin) watch them all. */
const ROLE_QUEUES: Record<string, WorkQueue[]> = {
  collector: ['to_verify', 'to_check'],
  acceptor: ['to_accept', 'to_check', 'overdue'],
  shift_leader: ['to_file', 'to_close', 'supervised', 'overdue'],
  dispatcher: ['to_dispatch', 'supervised', 'overdue'],
  handler: ['handling', 'supervised', 'overdue'],
  inspector: ['supervised', 'overdue'],
};

const WARN: ReadonlySet<WorkQueue> = new Set(['supervised', 'overdue']);

export default function WorkQueues({ role }: { role: string }) {
  const { t } = useI18n();
  const counts = useLoad(() => api.get<QueueCounts>('/api/cases/queues'), []);
  const live = useCaseStream(counts.reload);
  const wanted = ROLE_QUEUES[role];
  const queues = (counts.data?.queues ?? []).filter((q) => !wanted || wanted.includes(q.queue));
  return (
    <Card title={t('cc_workQueues')} loading={counts.loading && !counts.data} data-testid="work-queues"
      extra={<Tooltip title={live ? undefined : t('cc_liveOff')}><Badge status={live ? 'processing' : 'default'} text={t('cc_live')} /></Tooltip>}>
      {counts.error && <Alert type="error" showIcon title={`${t('loadFailed')}：${counts.error}`} />}
      <Row gutter={[16, 16]}>
        {queues.map((q) => (
          <Col key={q.queue} xs={12} sm={8} md={6} lg={4}>
            <Link to={`/cases?queue=${q.queue}`} data-testid={`queue-${q.queue}`}>
              <Card size="small" hoverable>
                <Statistic title={tMaybe(t, `cc_queue_${q.queue}`, q.name)} value={q.count}
                  styles={{ content: { color: q.count > 0 && WARN.has(q.queue) ? '#cf1322' : undefined } }}
                  data-testid={`queue-count-${q.queue}`} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
