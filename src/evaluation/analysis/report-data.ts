// The content of a 城市运行 report for one region and period: key figures with 环比/同比, the period's flow (by hour
// for a day, by day otherwise), the top types, the districts (or streets), growing hot spots and 焦点问题.
import { SYSTEM_ACTOR, type Actor } from '../../admin/actor.ts';
import { divisionPrefix } from '../../admin/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { focusProblems } from './focus.ts';
import { hotspots, incidence } from './incidence.ts';
import { reportedCases, scopedCases, windowOf } from './query.ts';
import { daysOf, lastYearPeriod, previousPeriod, relativeChange, type DayRange } from './rules/periods.ts';
import type { ReportKind } from './rules/report-plan.ts';
import { indicatorValues, INDICATORS } from './trends.ts';
import type { FocusProblem, HotspotRow, Indicator } from './views.ts';

export interface ReportFigure { indicator: Indicator; name: string; value: number | null; mom: number | null; yoy: number | null }

export interface ReportData {
  kind: ReportKind;
  regionCode: string;
  regionName: string;
  period: DayRange;
  figures: ReportFigure[];
  flow: { labels: string[]; reported: number[]; closed: number[] };
  types: { name: string; n: number }[];
  areas: { name: string; reported: number; filed: number; closed: number; onTimeHandlingRate: number | null }[];
  hotspots: HotspotRow[];
  focus: FocusProblem[];
}

/** The schedule's view of a region: the system, limited to the region's subtree. */
export function regionActor(regionCode: string): Actor {
  return { ...SYSTEM_ACTOR, scope: [divisionPrefix(regionCode)] };
}

async function flow(q: Queryable, actor: Actor, kind: ReportKind, period: DayRange) {
  const hourly = kind === 'daily';
  const bucket = (col: string) => hourly ? `extract(hour from ${col} at time zone 'Asia/Shanghai')::int::text`
    : `(${col} at time zone 'Asia/Shanghai')::date::text`;
  const labels = hourly ? Array.from({ length: 24 }, (_, h) => String(h)) : daysOf(period);
  const r = reportedCases(actor, { range: period });
  const w = windowOf(period);
  const c = scopedCases(actor, {}).add("c.stage = 'closed' and c.closed_at >= ?::timestamptz and c.closed_at < ?::timestamptz", w.from, w.to);
  const [rep, clo] = await Promise.all([
    q.query<{ b: string; n: number }>(`select ${bucket('c.created_at')} as b, count(*)::int as n from cases c ${r.where()} group by 1`, r.values),
    q.query<{ b: string; n: number }>(`select ${bucket('c.closed_at')} as b, count(*)::int as n from cases c ${c.where()} group by 1`, c.values),
  ]);
  const of = (rows: { b: string; n: number }[]) => { const m = new Map(rows.map((x) => [x.b, x.n])); return labels.map((l) => m.get(l) ?? 0); };
  return { labels: hourly ? labels : labels.map((l) => l.slice(5)), reported: of(rep), closed: of(clo) };
}

export async function reportData(q: Queryable, kind: ReportKind, regionCode: string, period: DayRange): Promise<ReportData> {
  const actor = regionActor(regionCode);
  const region = await q.maybeOne<{ name: string; level: string }>('select name, level from divisions where code = $1', [regionCode]);
  const groupBy = region?.level === 'city' ? 'district' : 'street';
  const prev = previousPeriod(period);
  const ago = lastYearPeriod(period);
  const indicators = Object.keys(INDICATORS) as Indicator[];
  const figures = await Promise.all(indicators.map(async (indicator) => {
    const [now, p, y] = await Promise.all([period, prev, ago].map((r) => indicatorValues(q, actor, {}, r, indicator, 'none')));
    const value = now.get('all') ?? (indicator === 'onTimeHandlingRate' ? null : 0);
    const base = (m: Map<string, number | null>) => m.get('all') ?? (indicator === 'onTimeHandlingRate' ? null : 0);
    const change = (b: number | null) => indicator === 'onTimeHandlingRate'
      ? (value === null || b === null ? null : value - b) : relativeChange(value, b);
    return { indicator, name: INDICATORS[indicator], value, mom: change(base(p)), yoy: change(base(y)) };
  }));
  const [inc, byArea, hot, focus, flows] = await Promise.all([
    incidence(q, actor, { range: period }, 10),
    Promise.all(indicators.map((i) => indicatorValues(q, actor, {}, period, i, groupBy))),
    hotspots(q, actor, { range: period }, 'grid', 8, kind === 'daily' ? 2 : 3, 8),
    focusProblems(q, actor, { range: period }, { level: 'grid', windowDays: 7, minCount: 3 }, 10),
    flow(q, actor, kind, period),
  ]);
  const areaCodes = [...new Set(byArea.flatMap((m) => [...m.keys()]))].sort();
  const names = new Map((await q.query<{ code: string; name: string }>('select code, name from divisions where code = any($1)', [areaCodes]))
    .map((r) => [r.code, r.name]));
  const areas = areaCodes.map((code) => ({
    name: names.get(code) ?? code, reported: (byArea[0].get(code) ?? 0) as number, filed: (byArea[1].get(code) ?? 0) as number,
    closed: (byArea[2].get(code) ?? 0) as number, onTimeHandlingRate: byArea[3].get(code) ?? null,
  }));
  return {
    kind, regionCode, regionName: region?.name ?? regionCode, period, figures, flow: flows,
    types: inc.types.map((t) => ({ name: t.name, n: t.n })), areas, hotspots: hot.items, focus,
  };
}
