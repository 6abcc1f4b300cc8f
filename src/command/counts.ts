// Evaluation counters (评价计数): the daily rollup `case_counts` kept from the timeline (migration 004). New timeline
// entries are added in batches by the counting job a few seconds behind (so intake and actions pay nothing for it),
// and by anyone who needs exact figures now (flushCounts). The same rows can always be recomputed from raw history.
// Each flush also queues what it added as deltas for the evaluation's monthly totals (migration 015), in the same
// statement, so the totals never miss or double an entry.
import type { Queryable } from '../db/types.ts';
import { scheduleJob, type JobRow } from '../platform/jobs.ts';
import type { AppContext } from '../server/context.ts';
import { COUNT_RULES } from './rules/outcome.ts';

export const COUNT_JOB = 'case.counts';
const COUNT_JOB_KEY = 'case:counts';
/** How far the rollup may trail the timeline while nobody flushes it. */
const COUNT_INTERVAL_MS = 5_000;
const BATCH = 5_000;

export interface CountRow {
  day: string;
  counter: string;
  gridCode: string;
  kind: string;
  typeCode: string;
  departmentId: number;
  actorId: number;
  actorRole: string;
  n: number;
}

/** Makes case_count_rules equal COUNT_RULES (idempotent; several nodes may run it at once). */
export async function syncCountRules(tx: Queryable): Promise<void> {
  const rules = JSON.stringify(COUNT_RULES.map((r) => ({ action: r.action, to_stage: r.toStage ?? '', counter: r.counter })));
  await tx.query(
    `delete from case_count_rules r where not exists (
       select 1 from json_to_recordset($1::json) as x(action text, to_stage text, counter text)
       where x.action = r.action and x.to_stage = r.to_stage and x.counter = r.counter)`, [rules]);
  await tx.query(
    `insert into case_count_rules (action, to_stage, counter)
     select action, to_stage, counter from json_to_recordset($1::json) as x(action text, to_stage text, counter text)
     on conflict do nothing`, [rules]);
}

/** The rollup rows of the timeline entries in `events` (a table expression aliased e), grouped and ordered. */
function rollupOf(events: string, where = ''): string {
  return `select (e.at at time zone 'Asia/Shanghai')::date as day, r.counter, c.grid_code, c.kind, c.type_code,
            coalesce(u.department_id, 0) as department_id, coalesce(e.actor_id, 0) as actor_id, e.actor_role, count(*)::int as n
     from ${events} e
     join case_count_rules r on r.action = e.action and (r.to_stage = '' or r.to_stage = e.to_stage)
     join cases c on c.id = e.case_id
     left join users u on u.id = e.actor_id
     ${where}
     group by 1, 2, 3, 4, 5, 6, 7, 8
     order by 1, 2, 3, 4, 5, 6, 7, 8`;
}

const UPSERT = 'insert into case_counts as t (day, counter, grid_code, kind, type_code, department_id, actor_id, actor_role, n)';
const ON_CONFLICT = `on conflict (day, counter, grid_code, kind, type_code, department_id, actor_id, actor_role)
  do update set n = t.n + excluded.n`;
/** Queues the rolled-up rows for the evaluation's monthly totals (kind and type are not evaluated). */
const QUEUE = `insert into evaluation_event_deltas (day, counter, grid_code, department_id, actor_id, actor_role, n)
  select day, counter, grid_code, department_id, actor_id, actor_role, n`;

/**
 * Adds up to `batch` uncounted timeline entries to the rollup and marks them, in one statement; returns how many it
 * took. Entries locked by another flush (SKIP LOCKED) are left to it, so nothing is counted twice.
 */
export async function countNewEvents(q: Queryable, batch = BATCH): Promise<number> {
  const row = await q.maybeOne<{ n: number }>(
    `with taken as (
       select id from case_events where not counted order by id limit $1 for update skip locked),
     marked as (
       update case_events ev set counted = true from taken where ev.id = taken.id
       returning ev.id, ev.case_id, ev.at, ev.actor_id, ev.actor_role, ev.action, ev.to_stage),
     rolled as (${rollupOf('marked')}),
     added as (${UPSERT} select * from rolled ${ON_CONFLICT}),
     queued as (${QUEUE} from rolled)
     select count(*)::int as n from marked`, [batch]);
  return Number(row!.n);
}

/**
 * A bulk load's rollup: adds the timeline entries of cases [fromId, toId], which the loader inserted already marked
 * `counted`, in one statement (no second pass over them).
 */
export async function countLoadedCases(q: Queryable, fromId: number, toId: number): Promise<void> {
  await q.query(
    `with rolled as (${rollupOf('case_events', 'where e.case_id between $1 and $2 and e.counted')}),
     added as (${UPSERT} select * from rolled ${ON_CONFLICT})
     ${QUEUE} from rolled`,
    [fromId, toId]);
}

/**
 * Brings the rollup up to date with every committed timeline entry (readers call it before exact figures); returns how
 * many it added. A request passes a `limit`, so a backlog (e.g. right after an upgrade) is left to the job.
 */
export async function flushCounts(q: Queryable, limit = Infinity): Promise<number> {
  let total = 0;
  while (total < limit) {
    const n = await countNewEvents(q);
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/**
 * The counting job: one batch per run, each in its own short transaction (a backlog — e.g. after an upgrade — must not
 * hold PGlite's single connection for minutes), again at once while there is more, else in a few seconds. It
 * reschedules its own key, so it stays one job.
 */
export function registerCountJob(ctx: Pick<AppContext, 'jobs'>): void {
  ctx.jobs.register(COUNT_JOB, async (job: JobRow, tx: Queryable) => {
    const more = (await countNewEvents(tx)) === BATCH;
    await scheduleJob(tx, { kind: COUNT_JOB, dedupeKey: COUNT_JOB_KEY, runAt: new Date(Date.now() + (more ? 0 : COUNT_INTERVAL_MS)),
      payload: job.payload });
  });
}

/** Starts the counting job unless it is already pending (any node may call this at start). */
export async function startCountJob(q: Queryable): Promise<void> {
  await q.query(
    `insert into jobs (kind, dedupe_key, run_at, payload, max_attempts) values ($1, $2, now(), '{}', 5)
     on conflict (dedupe_key) do update set status = 'pending', run_at = now(), attempts = 0, locked_by = null,
       locked_until = null, last_error = null, finished_at = null
     where jobs.status not in ('pending', 'running')`, [COUNT_JOB, COUNT_JOB_KEY]);
}

const COLUMNS = `day::text as day, counter, grid_code as "gridCode", kind, type_code as "typeCode",
  department_id::int as "departmentId", actor_id::int as "actorId", actor_role as "actorRole", n::int as n`;
const ORDER = 'order by day, counter, "gridCode", kind, "typeCode", "departmentId", "actorId", "actorRole"';

/** The stored rollup for China days [from, to] (YYYY-MM-DD). Flush first for figures up to this moment. */
export async function storedCounts(q: Queryable, from: string, to: string): Promise<CountRow[]> {
  return q.query<CountRow>(`select ${COLUMNS} from case_counts where day between $1::date and $2::date ${ORDER}`, [from, to]);
}

/** The same rollup computed from case_events now: the rollup is right when the two are equal. */
export async function recomputedCounts(q: Queryable, from: string, to: string): Promise<CountRow[]> {
  return q.query<CountRow>(
    `select ${COLUMNS} from (${rollupOf('case_events', `where e.at >= ($1::date::timestamp at time zone 'Asia/Shanghai')
       and e.at < (($2::date + 1)::timestamp at time zone 'Asia/Shanghai')`)}) x ${ORDER}`, [from, to]);
}
