// 综合评价 monthly totals (evaluation_figure_totals, migration 015): every figure per object series (unit grid,
// department, person in a role, reporter, dispatcher — each within a community) as running totals by China month,
// so whole months of any length read two rows per series (the totals at the last month minus those before the first).
// Folded from the deltas that the fine rollups' flushes queue (counts.ts, clock-counts.ts), one folder at a time.
import type { Db, Queryable } from '../db/types.ts';
import { NO_COHORT } from './clock-counts.ts';
import { qualify } from './figures-sql.ts';
import { FIGURE_NAMES, FIGURES, type ClockFigure, type PositionKey } from './rules/figures.ts';

/** Delta rows per table and fold. */
const FOLD_BATCH = 50_000;
/** Any constant: folders take it for their transaction, so each computes from the totals the previous one left. */
const FOLD_LOCK = 7_305_150_015;

const SERIES = ['dim', 'key', 'role', 'community'] as const;
const cols = (prefix = '') => FIGURE_NAMES.map((n) => `${prefix}"${n}"`).join(', ');

/** The series a figure of a clock row counts for: regions and departments all; persons by whose figure it is. */
function clockDims(f: ClockFigure): string[] {
  const position: PositionKey = f.position ?? 'actor';
  const person = position === 'actor' ? ['actor'] : position === 'gridCollector' ? [] : [position];
  return ['grid', 'department', ...person];
}

/** Contributions of event delta rows (x) to the series: (dim, key, role, community, month, figures…). */
function eventContributions(rows: string): string {
  const figures = FIGURE_NAMES.map((n) => {
    const f = FIGURES[n];
    return f.source === 'events' ? `case when x.counter in (${f.counters.map((c) => `'${c}'`).join(', ')}) then x.n else 0 end` : '0';
  });
  return `select d.dim, d.key, d.role, left(x.grid_code, 12) as community, date_trunc('month', x.day)::date as month,
      ${figures.map((sql, i) => `${sql} as "${FIGURE_NAMES[i]}"`).join(', ')}
    from ${rows} x
    cross join lateral (values ('grid', x.grid_code, ''), ('department', x.department_id::text, ''),
      ('actor', x.actor_id::text, x.actor_role)) d(dim, key, role)
    where d.dim = 'grid' or (d.dim = 'department' and x.department_id <> 0) or (d.dim = 'actor' and x.actor_id <> 0)`;
}

/** Contributions of clock delta rows (x): by the month the clock stopped, and the 结案 cohort by the judged 处置's month. */
function clockContributions(rows: string): string {
  const figures = FIGURE_NAMES.map((n) => {
    const f = FIGURES[n];
    if (f.source !== 'clocks') return '0';
    const c = f as ClockFigure;
    return `case when b.base = '${c.cohort ? 'cohort' : 'day'}' and d.dim in (${clockDims(c).map((d) => `'${d}'`).join(', ')})
      and (${qualify(c.where)}) then x.${c.measure} else 0 end`;
  });
  return `select d.dim, d.key, d.role, left(x.grid_code, 12) as community,
      date_trunc('month', case when b.base = 'cohort' then x.cohort_day else x.day end)::date as month,
      ${figures.map((sql, i) => `${sql} as "${FIGURE_NAMES[i]}"`).join(', ')}
    from ${rows} x
    cross join lateral (values ('grid', x.grid_code, ''), ('department', x.department_id::text, ''),
      ('actor', x.actor_id::text, x.actor_role), ('reporter', x.reporter_id::text, ''), ('dispatcher', x.dispatcher_id::text, '')) d(dim, key, role)
    cross join lateral (values ('day'), ('cohort')) b(base)
    where (b.base = 'day' or x.cohort_day <> '${NO_COHORT}'::date)
      and (d.dim = 'grid' or (d.dim = 'department' and x.department_id <> 0) or (d.dim = 'actor' and x.actor_id <> 0)
        or (d.dim = 'reporter' and x.reporter_id <> 0) or (d.dim = 'dispatcher' and x.dispatcher_id <> 0))`;
}

const seriesMatch = (a: string, b: string) => SERIES.map((c) => `${a}.${c} = ${b}.${c}`).join(' and ');

/**
 * One fold in one statement: takes up to `$1` deltas of each kind, sums them per series and month, and recomputes every
 * row of the series they touch — each month's totals are the series' old totals at that month plus the deltas up to it —
 * writing only the rows that change, in the order readers take them (rows valid at the same month together).
 */
const foldSql = () => `
  with ev as (delete from evaluation_event_deltas where id in (select id from evaluation_event_deltas order by id limit $1) returning *),
  ck as (delete from evaluation_clock_deltas where id in (select id from evaluation_clock_deltas order by id limit $1) returning *),
  f as (
    select dim, key, role, community, month, ${FIGURE_NAMES.map((n) => `sum("${n}")::int as "${n}"`).join(', ')}
    from (${eventContributions('ev')} union all ${clockContributions('ck')}) c
    group by 1, 2, 3, 4, 5
    having ${FIGURE_NAMES.map((n) => `sum("${n}") <> 0`).join(' or ')}),
  s as (select distinct ${SERIES.join(', ')} from f),
  months as (
    select t.dim, t.key, t.role, t.community, t.month from evaluation_figure_totals t join s on ${seriesMatch('t', 's')}
    union select dim, key, role, community, month from f),
  state as (
    select m.dim, m.key, m.role, m.community, m.month,
      coalesce(lead(m.month) over w, 'infinity'::date) as next_month,
      ${FIGURE_NAMES.map((n) => `coalesce(o."${n}", 0) + sum(coalesce(f."${n}", 0)) over w as "${n}"`).join(',\n      ')}
    from months m
    left join f on ${seriesMatch('f', 'm')} and f.month = m.month
    left join lateral (
      select ${cols('t.')} from evaluation_figure_totals t
      where ${seriesMatch('t', 'm')} and t.month <= m.month order by t.month desc limit 1) o on true
    window w as (partition by m.dim, m.key, m.role, m.community order by m.month)),
  saved as (
    insert into evaluation_figure_totals as t (${SERIES.join(', ')}, month, next_month, ${cols()})
    select ${SERIES.join(', ')}, month, next_month, ${cols()} from state order by dim, next_month, month
    on conflict (dim, key, role, community, month) do update set next_month = excluded.next_month,
      ${FIGURE_NAMES.map((n) => `"${n}" = excluded."${n}"`).join(', ')}
    where (t.next_month, ${cols('t.')}) is distinct from (excluded.next_month, ${cols('excluded.')}))
  select (select count(*) from ev)::int as events, (select count(*) from ck)::int as clocks`;

let FOLD_SQL: string | undefined;

async function inTransaction<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in q ? (q as Db).transaction(fn) : fn(q);
}

/** One fold of up to `batch` deltas of each kind, in q's transaction (or its own); returns the deltas folded. */
export async function foldOnce(q: Queryable, batch = FOLD_BATCH): Promise<{ events: number; clocks: number }> {
  return inTransaction(q, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [FOLD_LOCK]);
    const r = await tx.maybeOne<{ events: number; clocks: number }>(FOLD_SQL ??= foldSql(), [batch]);
    return { events: Number(r!.events), clocks: Number(r!.clocks) };
  });
}

/** Folds queued deltas, at most `limit` of each kind; returns true when none are left (the totals are exact). */
export async function foldTotals(q: Queryable, limit = Infinity): Promise<boolean> {
  for (let done = 0; done < limit;) {
    const n = await foldOnce(q);
    done += Math.max(n.events, n.clocks);
    if (n.events < FOLD_BATCH && n.clocks < FOLD_BATCH) return !(await deltasPending(q));
  }
  return !(await deltasPending(q));
}

export async function deltasPending(q: Queryable): Promise<boolean> {
  // by the primary key: a seq scan would wade through the dead rows of folded deltas until vacuum
  const r = await q.maybeOne<{ p: boolean }>(`select (select id from evaluation_event_deltas order by id limit 1) is not null
    or (select id from evaluation_clock_deltas order by id limit 1) is not null as p`);
  return r!.p === true;
}

/** The totals of every series of `dims` over whole months [first, last] (month starts), as rows t with the figures. */
export function totalsBetween(dims: string): string {
  const at = (alias: string, month: string) =>
    `select * from evaluation_figure_totals ${alias} where ${alias}.dim in (${dims}) and ${alias}.month <= ${month} and ${alias}.next_month > ${month}`;
  return `select h.dim, h.key, h.role, h.community, ${FIGURE_NAMES.map((n) => `h."${n}" - coalesce(l."${n}", 0) as "${n}"`).join(', ')}
    from (${at('h', '$2::date')}) h
    left join (${at('l', `($1::date - interval '1 month')::date`)}) l on ${seriesMatch('l', 'h')}`;
}
