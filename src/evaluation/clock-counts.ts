// 综合评价 clock rollup (evaluation_clock_counts, migration 009): every finished stage clock with what the timeline says
// about it — who stopped it and how, the 主办 department while it ran, the reporter of a report decision, the
// dispatcher of a handling, the day the judged 处置 finished (for 结案/返工) — summed per China day. It is kept a few
// seconds behind case_clocks by a job and by readers that flush it first, and can always be recomputed from raw
// history (case_clocks, case_events, cases) with the same facts query.
import type { Queryable } from '../db/types.ts';
import { scheduleJob, type JobRow } from '../platform/jobs.ts';
import type { AppContext } from '../server/context.ts';
import { STAGE_CLOCK } from '../command/rules/case-model.ts';
import { foldOnce } from './totals.ts';

export const CLOCK_JOB = 'evaluation.clocks';
const CLOCK_JOB_KEY = 'evaluation:clocks';
const CLOCK_INTERVAL_MS = 5_000;
const BATCH = 10_000;
/** Clocks per run of the background job. */
const JOB_BATCH = 2_000;
/** Deltas of each kind folded into the monthly totals per run. */
const JOB_FOLD_BATCH = 10_000;
/** 'no cohort' in cohort_day. */
export const NO_COHORT = '1900-01-01';

/** The dimensions of a rollup row, in key order. */
export const CLOCK_DIMENSIONS = ['day', 'clock', 'action', 'grid_code', 'source', 'department_id', 'actor_id', 'actor_role',
  'reporter_id', 'dispatcher_id', 'cohort_day'] as const;
/** Its measures. */
export const CLOCK_MEASURES = ['n', 'done', 'on_time', 'files', 'dispatched', 'normal_close'] as const;

const stageClockSql = (column: string) => `case ${column} ${Object.entries(STAGE_CLOCK)
  .filter(([, clock]) => clock !== null).map(([stage, clock]) => `when '${stage}' then '${clock}'`).join(' ')} end`;

/**
 * One row per clock of `clocks` (a table expression aliased k, of stopped case_clocks rows): its day, dimensions and
 * 0/1 measures. Decision dims are kept only where the figures read them, so the rollup stays small.
 */
export function clockFactsSql(clocks: string, where = ''): string {
  return `select k.case_id, (k.stopped_at at time zone 'Asia/Shanghai')::date as day, k.clock, coalesce(s.action, '') as action,
      c.grid_code,
      case when s.files = 1 then c.source else '' end as source,
      case when k.clock in ('handle', 'check', 'close') then coalesce(dep.department_id, 0) else 0 end as department_id,
      coalesce(s.actor_id, 0) as actor_id, coalesce(s.actor_role, '') as actor_role,
      case when s.files = 1 or s.action in ('reject', 'refuse_file', 'merge') then coalesce(rep.actor_id, 0) else 0 end as reporter_id,
      case when k.clock = 'handle' then coalesce(dsp.actor_id, 0) else 0 end as dispatcher_id,
      coalesce((select (max(h.stopped_at) at time zone 'Asia/Shanghai')::date from case_clocks h
        where (k.clock, s.action) in (('close', 'close'), ('check', 'check_fail'))
          and h.case_id = k.case_id and h.clock = 'handle' and h.outcome = 'done' and h.stopped_at <= k.stopped_at),
        '${NO_COHORT}'::date) as cohort_day,
      1 as n, case when k.outcome = 'done' then 1 else 0 end as done, case when k.on_time then 1 else 0 end as on_time,
      coalesce(s.files, 0) as files,
      case when k.clock = 'handle' and dsp.found then 1 else 0 end as dispatched,
      case when s.action = 'close' and c.close_type = 'normal' then 1 else 0 end as normal_close
    from ${clocks} k
    join cases c on c.id = k.case_id
    left join lateral (
      select e.action, e.actor_id, e.actor_role,
        case when e.action = 'file' or (e.action = 'accept' and e.to_stage = 'to_dispatch') then 1 else 0 end as files
      from case_events e
      where e.case_id = k.case_id and e.at = k.stopped_at and ${stageClockSql('e.from_stage')} = k.clock
      order by e.id limit 1) s on true
    left join lateral (
      select case when d.action = 'dispatch' then (d.details->>'leadDepartmentId')::bigint end as department_id
      from case_events d
      where d.case_id = k.case_id and d.at <= k.started_at
        and (d.action = 'approve_return' or (d.action = 'dispatch' and d.details ? 'leadDepartmentId'))
      order by d.at desc, d.id desc limit 1) dep on true
    left join lateral (
      select r.actor_id from case_events r where r.case_id = k.case_id and r.action = 'report' order by r.id limit 1) rep on true
    left join lateral (
      select x.actor_id, true as found from case_events x
      where x.case_id = k.case_id and x.action = 'dispatch' and x.at = k.started_at and x.details ? 'leadDepartmentId'
      order by x.id limit 1) dsp on true
    ${where}`;
}

/** The rollup rows of clocks (as clockFactsSql), grouped by every dimension. */
function rollupSql(clocks: string, where = ''): string {
  return `select ${CLOCK_DIMENSIONS.join(', ')}, ${CLOCK_MEASURES.map((m) => `sum(${m})::int as ${m}`).join(', ')}
    from (${clockFactsSql(clocks, where)}) f
    group by ${CLOCK_DIMENSIONS.map((_, i) => i + 1).join(', ')}`;
}

const COLUMN_LIST = `${CLOCK_DIMENSIONS.join(', ')}, ${CLOCK_MEASURES.join(', ')}`;
const UPSERT = `insert into evaluation_clock_counts as t (${COLUMN_LIST})`;
const ON_CONFLICT = `on conflict (${CLOCK_DIMENSIONS.join(', ')}) do update set
  ${CLOCK_MEASURES.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ')}`;

/**
 * Adds up to `batch` stopped, not yet evaluated clocks to the rollup and marks them, and queues the same rows as deltas
 * for the monthly totals (totals.ts), in one statement; returns how many. Clocks locked by another flush (SKIP LOCKED) are left to it, so nothing is added twice.
 */
export async function evaluateStoppedClocks(q: Queryable, batch = BATCH): Promise<number> {
  const row = await q.maybeOne<{ n: number }>(
    `with taken as (
       select id from case_clocks where stopped_at is not null and not evaluated order by id limit $1 for update skip locked),
     marked as (
       update case_clocks k set evaluated = true from taken where k.id = taken.id
       returning k.id, k.case_id, k.clock, k.started_at, k.stopped_at, k.outcome, k.on_time),
     rolled as (${rollupSql('marked')}),
     added as (${UPSERT} select * from rolled ${ON_CONFLICT}),
     queued as (insert into evaluation_clock_deltas (${COLUMN_LIST}) select ${COLUMN_LIST} from rolled)
     select count(*)::int as n from marked`, [batch]);
  return Number(row!.n);
}

/**
 * Brings the rollup up to date, at most `limit` clocks (a first run after a bulk load may face a million); returns
 * how many stopped clocks are still waiting (0: exact).
 */
export async function flushClockCounts(q: Queryable, limit = 100_000): Promise<number> {
  for (let done = 0; done < limit;) {
    const n = await evaluateStoppedClocks(q);
    done += n;
    if (n < BATCH) return 0;
  }
  return pendingClocks(q);
}

export async function pendingClocks(q: Queryable): Promise<number> {
  const r = await q.maybeOne<{ n: number }>('select count(*)::int as n from case_clocks where stopped_at is not null and not evaluated');
  return Number(r!.n);
}

/**
 * The job: one small batch per run, each its own short transaction (a backlog of a million clocks after a bulk load
 * must not hold PGlite's single connection), again at once while more remain, else in a few seconds (one job by its key).
 */
export function registerClockJob(ctx: Pick<AppContext, 'jobs'>): void {
  ctx.jobs.register(CLOCK_JOB, async (job: JobRow, tx: Queryable) => {
    const clocks = await evaluateStoppedClocks(tx, JOB_BATCH);
    // and the monthly totals (totals.ts) take what this and the counting job queued
    const folded = await foldOnce(tx, JOB_FOLD_BATCH);
    const more = clocks === JOB_BATCH || folded.events === JOB_FOLD_BATCH || folded.clocks === JOB_FOLD_BATCH;
    await scheduleJob(tx, { kind: CLOCK_JOB, dedupeKey: CLOCK_JOB_KEY, payload: job.payload,
      runAt: new Date(Date.now() + (more ? 0 : CLOCK_INTERVAL_MS)) });
  });
}

export async function startClockJob(q: Queryable): Promise<void> {
  await q.query(
    `insert into jobs (kind, dedupe_key, run_at, payload, max_attempts) values ($1, $2, now(), '{}', 5)
     on conflict (dedupe_key) do update set status = 'pending', run_at = now(), attempts = 0, locked_by = null,
       locked_until = null, last_error = null, finished_at = null
     where jobs.status not in ('pending', 'running')`, [CLOCK_JOB, CLOCK_JOB_KEY]);
}

export type ClockCountRow = Record<(typeof CLOCK_DIMENSIONS)[number] | (typeof CLOCK_MEASURES)[number], string | number>;
const COLUMNS = `day::text as day, clock, action, grid_code, source, department_id::int as department_id, actor_id::int as actor_id,
  actor_role, reporter_id::int as reporter_id, dispatcher_id::int as dispatcher_id, cohort_day::text as cohort_day,
  ${CLOCK_MEASURES.map((m) => `${m}::int as ${m}`).join(', ')}`;
const ORDER = `order by ${CLOCK_DIMENSIONS.join(', ')}`;

/** The stored rollup for China days [from, to]. */
export async function storedClockCounts(q: Queryable, from: string, to: string): Promise<ClockCountRow[]> {
  return q.query(`select ${COLUMNS} from evaluation_clock_counts where day between $1::date and $2::date ${ORDER}`, [from, to]);
}

/** The same rows recomputed from raw history now. */
export async function recomputedClockCounts(q: Queryable, from: string, to: string): Promise<ClockCountRow[]> {
  return q.query(`select ${COLUMNS} from (${rollupSql('case_clocks', `where k.stopped_at >= ($1::date::timestamp at time zone 'Asia/Shanghai')
    and k.stopped_at < (($2::date + 1)::timestamp at time zone 'Asia/Shanghai')`)}) x ${ORDER}`, [from, to]);
}
