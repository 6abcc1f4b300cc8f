// Sums the evaluation figures per object for a period, from the rollups (fast) or from raw history (the proof and
// the bench's baseline): the same figure definitions (rules/figures.ts), the same keys (objects.ts), two sources.
import { likePatterns } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { clockFactsSql } from './clock-counts.ts';
import { clockKey, eventKey, positionKeysOf, type EvaluatedObject, type KeySql } from './objects.ts';
import { emptyFigures, FIGURES, type ClockFigure, type FigureName, type Figures, type PositionKey } from './rules/figures.ts';
import type { Period } from './rules/periods.ts';

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

/** Every figure of every object of the kind with anything counted in the period and scope, by object key. */
export async function sumFigures(q: Queryable, o: EvaluatedObject, period: Period, scope: Scope,
  source: FigureSource = 'rollup'): Promise<Map<string, Figures>> {
  const into = new Map<string, Figures>();
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
  return into;
}
