// Work queues (待受理 … 超期): which open cases wait on the actor, and how many there are in each queue.
import type { Actor } from '../admin/actor.ts';
import { likePatterns } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { SqlFilter } from '../base/sql.ts';
import { filterVisible } from './case-record.ts';
import type { QueueCount } from './views.ts';

export const QUEUES = ['to_accept', 'to_verify', 'to_file', 'to_dispatch', 'handling', 'to_check', 'to_close', 'supervised', 'overdue'] as const;
export type Queue = (typeof QUEUES)[number];
export const QUEUE_NAMES: Record<Queue, string> = {
  to_accept: '待受理', to_verify: '待核实', to_file: '待立案', to_dispatch: '待派遣', handling: '待处置', to_check: '待核查',
  to_close: '待结案', supervised: '督办', overdue: '超期',
};

/** Stages of each work queue; 督办 and 超期 are conditions on any open case instead. */
const QUEUE_STAGES: Partial<Record<Queue, readonly string[]>> = {
  to_accept: ['reported', 'self_review'],
  to_verify: ['verifying'],
  to_file: ['to_file'],
  to_dispatch: ['to_dispatch', 'to_dispatch_2', 'return_review', 'extension_review', 'suspend_review', 'suspended'],
  handling: ['handling'],
  to_check: ['to_check', 'checking'],
  to_close: ['to_close'],
};

const OVERDUE = `(c.overdue or exists (select 1 from case_clocks k where k.case_id = c.id and k.stopped_at is null and k.red_at < now()))`;

/** The condition "waits on this actor" on `cases c`; null for roles that watch every case they see. */
function waitingOnActor(f: SqlFilter, actor: Actor): string | null {
  switch (actor.role) {
    case 'handler': return `c.waiting_department_id = ${f.param(actor.departmentId ?? -1)}`;
    case 'collector': return `c.waiting_user_id = ${f.param(actor.id ?? -1)}`;
    case 'acceptor': case 'shift_leader': case 'dispatcher': {
      const role = f.param(actor.role);
      if (actor.scope === 'all') return `c.waiting_role = ${role}`;
      return `(c.waiting_role = ${role} and c.waiting_region_code like any(${f.param(likePatterns(actor.scope))}))`;
    }
    default: return null;
  }
}

/** The SQL condition of one queue for the actor (on `cases c`, open cases only). */
export function queueCondition(f: SqlFilter, actor: Actor, queue: Queue): string {
  if (queue === 'supervised') return 'c.supervised_count > 0 and c.closed_at is null';
  if (queue === 'overdue') return `c.closed_at is null and ${OVERDUE}`;
  const stages = `c.stage = any(${f.param(QUEUE_STAGES[queue])})`;
  const mine = waitingOnActor(f, actor);
  return mine ? `${stages} and ${mine}` : stages;
}

export async function queueCounts(q: Queryable, actor: Actor): Promise<QueueCount[]> {
  const f = new SqlFilter();
  filterVisible(f, actor);
  f.add('c.closed_at is null');
  const counts = QUEUES.map((queue) => `count(*) filter (where ${queueCondition(f, actor, queue)})::int as ${queue}`);
  const row = (await q.maybeOne<Record<Queue, number>>(`select ${counts.join(', ')} from cases c ${f.where()}`, f.values))!;
  return QUEUES.map((queue) => ({ queue, name: QUEUE_NAMES[queue], count: Number(row[queue]) }));
}
