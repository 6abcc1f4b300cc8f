// Sums the evaluation figures per object for a period, from the rollups (fast: monthly totals for whole months, the
// daily rollups for the edges) or from raw history (the proof and the bench's baseline): the same figure definitions
// (rules/figures.ts), the same keys (objects.ts), two sources.
import { likePatterns } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { clockFactsSql } from './clock-counts.ts';
import { clockKey, eventKey, positionKeysOf, type EvaluatedObject, type KeySql } from './objects.ts';
import { emptyFigures, FIGURE_NAMES, FIGURES, type ClockFigure, type FigureName, type Figures, type PositionKey } from './rules/figures.ts';
import type { Period } from './rules/periods.ts';
import { deltasPending, totalsBetween } from './totals.ts';

export type FigureSource = 'rollup' | 'raw';
export type Scope = readonly string[] | 'all';

export const dayStart = (p: string) => `(${p}::date::timestamp at time zone 'Asia/Shanghai')`;
export const dayEnd = (p: string) => `((${p}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;

/** case_counts rows of [from, to] ($1, $2), or the same rows (one per timeline entry) recomputed from raw history. */
export function eventRows(source: FigureSource): string {
  if (source === 'rollup') return 'select * from case_counts where day between $1::date and $2::date';
  return `select (e.at at time zone 'Asia/Shanghai')::date as day, r.counter, c.grid_code, coalesce(u.department_id, 0) as department_id,
      coalesce(e.actor_id, 0) as actor_id, e.actor_role, 1 as n, e.case_id
    from case_events e
    join case_count_rules r on r.action = e.action and (r.to_stage = '' or r.to_stage = e.to_stage)
    join cases c on c.id = e.case_id
    left join users u on u.id = e.actor_id
    where e.at >= ${dayStart('$1')} and e.at < ${dayEnd('$2')}`;
}

/**
 * evaluation_clock_counts rows that may count for [from, to] ($1, $2): stopped in it, or (结案 cohort) judging a 处置
 * finished in it — or the same per clock from raw history.
 */
export function clockRows(source: FigureSource): string {
  if (source === 'rollup') {
    return `select * from evaluation_clock_counts where day between $1::date and $2::date
      union all select * from evaluation_clock_counts where cohort_day between $1::date and $2::date and day > $2::date`;
  }
  return clockFactsSql('case_clocks', `where k.stopped_at >= ${dayStart('$1')}`);
}

const inPeriod = (f: ClockFigure) => (f.cohort ? 'x.cohort_day between $1::date and $2::date' : 'x.day between $1::date and $2::date');

function scopeWhere(scope: Scope, values: unknown[]): string {
  if (scope === 'all') return 'true';
  values.push(likePatterns(scope));
  return `x.grid_code like any($${values.length})`;
}

async function sumEvents(q: Queryable, o: EvaluatedObject, period: Period, scope: Scope, source: FigureSource,
  names: FigureName[], into: Map<string, Figures>): Promise<void> {
  if (names.length === 0) return;
  const values: unknown[] = [period.from, period.to];
  const k = eventKey(o);
  const sums = names.map((n) => {
    const f = FIGURES[n] as { counters: readonly string[] };
    return `coalesce(sum(x.n) filter (where x.counter in (${f.counters.map((c) => `'${c}'`).join(', ')})), 0)::int as "${n}"`;
  });
  const rows = await q.query(`select ${k.expr} as key, ${sums.join(', ')} from (${eventRows(source)}) x ${k.join}
    where ${k.where} and ${scopeWhere(scope, values)} group by 1`, values);
  merge(rows, names, into);
}

async function sumClocks(q: Queryable, o: EvaluatedObject, position: PositionKey, period: Period, scope: Scope,
  source: FigureSource, names: FigureName[], into: Map<string, Figures>): Promise<void> {
  if (names.length === 0) return;
  const values: unknown[] = [period.from, period.to];
  const k: KeySql = clockKey(o, position);
  const sums = names.map((n) => {
    const f = FIGURES[n] as ClockFigure;
    return `coalesce(sum(x.${f.measure}) filter (where ${inPeriod(f)} and (${qualify(f.where)})), 0)::int as "${n}"`;
  });
  const rows = await q.query(`select ${k.expr} as key, ${sums.join(', ')} from (${clockRows(source)}) x ${k.join}
    where ${k.where} and ${scopeWhere(scope, values)} group by 1`, values);
  merge(rows, names, into);
}

/** A figure's condition on the rollup row x. */
export function qualify(where: string): string {
  return where.replace(/\b(clock|action|source|files)\b/g, 'x.$1');
}

function merge(rows: any[], names: FigureName[], into: Map<string, Figures>): void {
  for (const r of rows) {
    const key = String(r.key);
    // the raw source also sees clocks after the period (for the 结案 cohort): an object with nothing counted stays out
    if (!into.has(key) && names.every((n) => Number(r[n]) === 0)) continue;
    const f = into.get(key) ?? emptyFigures();
    for (const n of names) f[n] += Number(r[n]);
    into.set(key, f);
  }
}

/**
 * Every figure of every object of the kind with anything counted in the period and scope, by object key. From the
 * rollups, whole China months come from the monthly totals (when they are folded up to the fine rollups and the scope
 * is at most community-deep) and the partial-month edges from the daily rollups.
 */
export async function sumFigures(q: Queryable, o: EvaluatedObject, period: Period, scope: Scope,
  source: FigureSource = 'rollup'): Promise<Map<string, Figures>> {
  const into = new Map<string, Figures>();
  const split = splitPeriod(period);
  const months = source === 'rollup' && split.months && totalsServe(o, scope) && !(await deltasPending(q)) ? split.months : undefined;
  for (const part of months ? split.edges : [period]) await sumDaily(q, o, part, scope, source, into);
  if (months) await sumMonths(q, o, months, scope, into);
  return into;
}

/** Series other than grids carry the community only, so a deeper scope prefix needs the daily rollups. */
function totalsServe(o: EvaluatedObject, scope: Scope): boolean {
  return scope === 'all' || o.kind === 'region' || scope.every((p) => p.length <= 12);
}

export interface MonthSpan { first: string; last: string }

/** The whole China months of a period (first and last month's first day) and the partial-month edges around them. */
export function splitPeriod(p: Period): { months?: MonthSpan; edges: Period[] } {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const key = (d: Date) => d.toISOString().slice(0, 10);
  const edge = (from: Date, to: Date): Period => ({ kind: 'custom', from: key(from), to: key(to), label: `${key(from)} 至 ${key(to)}` });
  const from = day(p.from);
  const after = new Date(day(p.to).getTime() + 86_400_000);
  const first = from.getUTCDate() === 1 ? from : new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const end = after.getUTCDate() === 1 ? after : new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), 1));
  if (first >= end) return { edges: [p] };
  const edges: Period[] = [];
  if (from < first) edges.push(edge(from, new Date(first.getTime() - 86_400_000)));
  if (end < after) edges.push(edge(end, new Date(after.getTime() - 86_400_000)));
  return { months: { first: key(first), last: key(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1))) }, edges };
}

/** The sums of `names` packed in one text column f (a grid table has ~10,000 rows: parsing 37 columns each costs more). */
const totalSums = (names: FigureName[]) => `concat_ws(',', ${names.map((n) => `coalesce(sum(x."${n}"), 0)`).join(', ')}) as f`;

function mergePacked(rows: { key: string; f: string }[], names: FigureName[], into: Map<string, Figures>): void {
  for (const r of rows) {
    const values = r.f.split(',').map(Number);
    const key = String(r.key);
    if (!into.has(key) && values.every((v) => v === 0)) continue;
    const f = into.get(key) ?? emptyFigures();
    for (let i = 0; i < names.length; i++) f[names[i]] += values[i];
    into.set(key, f);
  }
}

/** Whole months from the monthly totals: the same keys as the daily rollups' (objects.ts) on the totals' series. */
async function sumMonths(q: Queryable, o: EvaluatedObject, months: MonthSpan, scope: Scope, into: Map<string, Figures>): Promise<void> {
  const values: unknown[] = [months.first, months.last];
  const within = (column: string) => (scope === 'all' ? 'true' : `${column} like any($${values.push(likePatterns(scope))})`);
  const grids = `(select t.*, t.key as grid_code from (${totalsBetween(`'grid'`)}) t) x`;
  if (o.kind === 'region') {
    const k = eventKey(o);
    mergePacked(await q.query<{ key: string; f: string }>(`select ${k.expr} as key, ${totalSums(FIGURE_NAMES)} from ${grids} ${k.join}
      where ${within('x.grid_code')} group by 1`, values), FIGURE_NAMES, into);
    return;
  }
  if (o.kind === 'department') {
    mergePacked(await q.query<{ key: string; f: string }>(`select x.key, ${totalSums(FIGURE_NAMES)} from (${totalsBetween(`'department'`)}) x
      where ${within('x.community')} group by 1`, values), FIGURE_NAMES, into);
    return;
  }
  const byCollector = FIGURE_NAMES.filter((n) => (FIGURES[n] as Partial<ClockFigure>).position === 'gridCollector');
  const byPerson = FIGURE_NAMES.filter((n) => !byCollector.includes(n));
  mergePacked(await q.query<{ key: string; f: string }>(`select x.key, ${totalSums(byPerson)} from (${totalsBetween(`'actor', 'reporter', 'dispatcher'`)}) x
    where (x.dim <> 'actor' or x.role = $${values.push(o.role)}) and ${within('x.community')} group by 1`, values), byPerson, into);
  values.length = 2;
  const k = clockKey(o, 'gridCollector');
  mergePacked(await q.query<{ key: string; f: string }>(`select ${k.expr} as key, ${totalSums(byCollector)} from ${grids} ${k.join}
    where ${k.where} and ${within('x.grid_code')} group by 1`, values), byCollector, into);
}

async function sumDaily(q: Queryable, o: EvaluatedObject, period: Period, scope: Scope, source: FigureSource,
  into: Map<string, Figures>): Promise<void> {
  const all = Object.keys(FIGURES) as FigureName[];
  const events = all.filter((n) => FIGURES[n].source === 'events');
  const byPosition = new Map<PositionKey, FigureName[]>();
  for (const n of all) {
    const f = FIGURES[n];
    if (f.source !== 'clocks') continue;
    const key: PositionKey = o.kind === 'position' ? ((f as ClockFigure).position ?? 'actor') : 'actor';
    if (!positionKeysOf(o).includes(key)) continue;
    byPosition.set(key, [...(byPosition.get(key) ?? []), n]);
  }
  // one query at a time: PGlite serialises anyway, and the PostgreSQL pool stays free for others
  await sumEvents(q, o, period, scope, source, events, into);
  for (const [key, names] of byPosition) await sumClocks(q, o, key, period, scope, source, names, into);
}
