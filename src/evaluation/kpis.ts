// The evaluation tables (区域评价, 部门评价, 岗位评价): every object in the viewer's scope with its figures, rates,
// composite score, grade and rank for a period. Figures come from the rollups, flushed (and the monthly totals folded)
// first so they are exact.
import type { Actor } from '../admin/actor.ts';
import { likePatterns } from '../admin/scope.ts';
import { flushCounts } from '../command/counts.ts';
import type { Queryable } from '../db/types.ts';
import { flushClockCounts } from './clock-counts.ts';
import { sumFigures, type FigureSource, type Scope } from './figures-sql.ts';
import { POSITION_NAMES, REGION_LEVEL_NAMES, type EvaluatedObject } from './objects.ts';
import { emptyFigures, FIGURES, RATE_DEFS, RATE_FIGURES, ratesOf, type FigureName, type RateKey } from './rules/figures.ts';
import type { Period } from './rules/periods.ts';
import { compositeScore, gradeOf, TABLE_COLUMNS as COLUMNS, type ScoredObject, type ScoringConfig } from './rules/scoring.ts';
import { loadScoring } from './scoring-store.ts';
import { foldTotals } from './totals.ts';
import type { KpiRow, KpiTable } from './views.ts';


export function scoredObjectOf(o: EvaluatedObject): ScoredObject {
  return o.kind === 'position' ? o.role : o.kind;
}

export const RATE_NAMES = Object.fromEntries(Object.entries(RATE_DEFS).map(([k, v]) => [k, v.name])) as Record<RateKey, string>;

interface Named { key: string; name: string; context: string | null }

/** The objects of the kind within the scope, named (regions under `parent` when given). */
async function objectsOf(q: Queryable, o: EvaluatedObject, scope: Scope, parent?: string): Promise<Named[]> {
  const patterns = scope === 'all' ? ['%'] : likePatterns(scope);
  const under = parent ? `${parent}%` : '%';
  switch (o.kind) {
    case 'region':
      if (o.level === 'grid') {
        return q.query(`select g.code as key, g.name, d.name as context from unit_grids g join divisions d on d.code = g.community_code
          where g.code like any($1) and g.code like $2 order by g.code`, [patterns, under]);
      }
      if (o.level === 'responsibility') {
        return q.query(`select r.code as key, r.name, coalesce(u.display_name, '') as context from responsibility_grids r
          left join users u on u.id = r.collector_id
          where r.division_code like any($1) and r.division_code like $2 order by r.code`, [patterns, under]);
      }
      return q.query(`select d.code as key, d.name, p.name as context from divisions d left join divisions p on p.code = d.parent_code
        where d.level = $3 and d.code like any($1) and d.code like $2 order by d.code`, [patterns, under, o.level]);
    case 'department':
      return q.query(`select d.id::text as key, d.name, d.category as context from departments d
        where $1::text[] = array['%'] or exists (select 1 from department_regions r where r.department_id = d.id and r.division_code like any($1))
        order by d.id`, [patterns]);
    case 'position':
      return q.query(`select u.id::text as key, u.display_name as name, coalesce(v.name, '') as context from users u
        left join divisions v on v.code = u.region_code
        where u.role = $1 and ($2::text[] = array['%'] or u.region_code like any($2)) order by u.id`, [o.role, patterns]);
  }
}

function titleOf(o: EvaluatedObject): string {
  switch (o.kind) {
    case 'region': return `区域评价（${REGION_LEVEL_NAMES[o.level]}）`;
    case 'department': return '部门评价';
    case 'position': return `岗位评价（${POSITION_NAMES[o.role]}）`;
  }
}

/** An object of `keys` (a loop: Object.fromEntries is slow at ~10,000 rows a table). */
function pick<K extends string, V>(keys: readonly K[], value: (k: K) => V): Record<K, V> {
  const o = {} as Record<K, V>;
  for (const k of keys) o[k] = value(k);
  return o;
}

/** localeCompare's order, without building a collator per comparison (a grid table sorts ~10,000 rows). */
const KEY_ORDER = new Intl.Collator();

/** Builds the table from summed figures (pure apart from the inputs; the raw-versus-rollup check compares these). */
export function assembleTable(o: EvaluatedObject, period: Period, objects: Named[], sums: Map<string, Figures>,
  scoring: ScoringConfig, pendingClocks: number): KpiTable {
  const scored = scoredObjectOf(o);
  const cols = COLUMNS[scored];
  const rows: KpiRow[] = objects.map((obj) => {
    const figures = sums.get(obj.key) ?? emptyFigures();
    const rates = ratesOf(figures, cols.rates);
    const { score, parts } = compositeScore(scoring.objects[scored], figures, rates, RATE_NAMES);
    return {
      key: obj.key, name: obj.name, context: obj.context || null,
      figures: pick(cols.figures, (f) => figures[f]),
      rates: pick(cols.rates, (r) => rates[r] ?? null),
      score, grade: gradeOf(score, scoring.grades), rank: null, parts,
    };
  });
  const ranked = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
  ranked.forEach((r, i) => { r.rank = i > 0 && ranked[i - 1].score === r.score ? ranked[i - 1].rank : i + 1; });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || KEY_ORDER.compare(a.key, b.key));
  return {
    object: o.kind, level: o.kind === 'region' ? o.level : null, role: o.kind === 'position' ? o.role : null,
    title: titleOf(o), period: { kind: period.kind, from: period.from, to: period.to, label: period.label },
    figureColumns: cols.figures.map((f) => ({ key: f, name: FIGURES[f].name })),
    rateColumns: cols.rates.map((r) => ({ key: r, name: RATE_NAMES[r], figures: [...RATE_FIGURES[r]] })),
    rows, pendingClocks,
  };
}

type Figures = ReturnType<typeof emptyFigures>;

export interface TableOptions { parent?: string; source?: FigureSource; flush?: boolean }

/** The evaluation table for the actor's scope. */
export async function kpiTable(q: Queryable, actor: Pick<Actor, 'scope'>, o: EvaluatedObject, period: Period,
  options: TableOptions = {}): Promise<KpiTable> {
  let pending = 0;
  if (options.flush !== false) {
    await flushCounts(q, 50_000);
    pending = await flushClockCounts(q, 20_000);
    await foldTotals(q, 200_000);   // a backlog left over reads the daily rollups (exact, slower) until the job folds it
  }
  const [objects, sums, scoring] = [await objectsOf(q, o, actor.scope, options.parent),
    await sumFigures(q, o, period, actor.scope, options.source ?? 'rollup'), await loadScoring(q)];
  return assembleTable(o, period, objects, sums, scoring.config, pending);
}
