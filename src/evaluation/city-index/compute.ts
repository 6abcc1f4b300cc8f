// Computes the 城市管理指数 of a year for the city and its districts: raw values from the evaluation engine (region
// rates over the year's rollups, flushed first), case densities per km², and the entered 实地考察 / 问卷调查 results;
// then the pure rules score, weigh and rank them.
import type { Actor } from '../../admin/actor.ts';
import { divisionPrefix } from '../../admin/scope.ts';
import { flushCounts } from '../../command/counts.ts';
import type { Queryable } from '../../db/types.ts';
import { pageClause } from '../../base/sql.ts';
import { STAGE_NAMES, type Stage } from '../../command/rules/case-model.ts';
import { flushClockCounts } from '../clock-counts.ts';
import { dayEnd, dayStart, sumFigures } from '../figures-sql.ts';
import { emptyFigures, FIGURE_NAMES, RATE_DEFS, type Figures, type RateKey } from '../rules/figures.ts';
import { periodOf, type Period } from '../rules/periods.ts';
import { cityFallback, rankDistricts, regionIndex, weakPoints, type RawValue } from './rules.ts';
import { indexRegions, listEntries, loadTree } from './store.ts';
import type { CityIndexResult, IndexIndicator } from './views.ts';

export function yearPeriod(year: number): Period {
  const r = periodOf('year', `${year}-01-01`);
  if (!r.ok) throw new Error(r.message);
  return r.period;
}

/** Valid cases (not voided, rejected or merged) reported in the period of the types, in the region ($1 $2 period). */
function densityCasesSql(types: string[], prefix: string, values: unknown[]): string {
  return `from cases c join catalog_types t on t.kind = c.kind and t.code = c.type_code where c.created_at >= ${dayStart('$1')} and c.created_at < ${dayEnd('$2')}
    and c.kind || ':' || c.type_code = any($${values.push(types)}) and c.grid_code like $${values.push(`${prefix}%`)}
    and c.stage not in ('voided', 'rejected', 'merged')`;
}

/** The year's figures of every district in scope, and the city's as their sum. */
async function regionFigures(q: Queryable, actor: Pick<Actor, 'scope'>, period: Period, cityCode: string | null): Promise<Map<string, Figures>> {
  await flushCounts(q, 50_000);
  await flushClockCounts(q, 20_000);
  const sums = await sumFigures(q, { kind: 'region', level: 'district' }, period, actor.scope);
  if (cityCode) {
    const city = emptyFigures();
    for (const f of sums.values()) for (const n of FIGURE_NAMES) city[n] += f[n];
    sums.set(cityCode, city);
  }
  return sums;
}

export async function computeCityIndex(q: Queryable, actor: Pick<Actor, 'scope'>, year: number): Promise<CityIndexResult> {
  const period = yearPeriod(year);
  const { tree, isDefault } = await loadTree(q, year);
  const regions = await indexRegions(q, actor.scope);
  const city = regions.find((r) => r.level === 'city') ?? null;
  const indicators = tree.dimensions.flatMap((d) => d.indicators);
  const needsRates = indicators.some((i) => i.source.kind === 'platform' && i.source.metric.kind === 'rate');
  const figures = needsRates ? await regionFigures(q, actor, period, city?.code ?? null) : new Map<string, Figures>();
  const entries = await listEntries(q, year, actor.scope);
  const values = new Map(regions.map((r) => [r.code, new Map<string, RawValue>()]));

  for (const i of indicators.filter((x) => x.source.kind === 'platform')) {
    const counts = city ? await densityCounts(q, i, period, divisionPrefix(city.code), city.code)
      : await densityCounts(q, i, period, regions[0]?.code ?? '-', null);
    for (const r of regions) values.get(r.code)!.set(i.key, platformValue(i, r, figures, counts));
  }
  for (const e of entries.inspections) values.get(e.regionCode)?.set(e.indicatorKey, { raw: e.score!, unit: '分' });
  for (const e of entries.questionnaires) {
    values.get(e.regionCode)?.set(e.indicatorKey, { raw: e.satisfaction!, unit: '%', sampleSize: e.sampleSize });
  }
  // the city without its own 实地考察 / 问卷 result: the districts' mean (by sample size for questionnaires)
  if (city) {
    for (const i of indicators.filter((x) => x.source.kind !== 'platform')) {
      if (values.get(city.code)!.has(i.key)) continue;
      const ds = regions.filter((r) => r.level === 'district').map((r) => values.get(r.code)!.get(i.key)).filter((v) => v && v.raw !== null);
      const avg = cityFallback(ds.map((v) => ({ value: v!.raw!, sample: v!.sampleSize ?? undefined })));
      if (avg) values.get(city.code)!.set(i.key, { raw: avg.value, unit: ds[0]!.unit, sampleSize: avg.sample });
    }
  }
  const results = regions.map((r) => regionIndex(tree, r, values.get(r.code)!));
  rankDistricts(results);
  return { year, period: { from: period.from, to: period.to }, treeIsDefault: isDefault, regions: results, weakPoints: weakPoints(tree, results) };
}

/** Cases of a density indicator per district under the prefix (and their sum as the city's), or null for other indicators. */
async function densityCounts(q: Queryable, i: IndexIndicator, period: Period, prefix: string, cityCode: string | null): Promise<Map<string, number> | null> {
  if (i.source.kind !== 'platform' || i.source.metric.kind !== 'density') return null;
  const values: unknown[] = [period.from, period.to];
  const rows = await q.query<{ d: string; n: number }>(
    `select c.district_code as d, count(*)::int as n ${densityCasesSql(i.source.metric.types, prefix, values)} group by 1`, values);
  const counts = new Map(rows.map((r) => [r.d, Number(r.n)]));
  if (cityCode) counts.set(cityCode, rows.reduce((a, r) => a + Number(r.n), 0));
  return counts;
}

function platformValue(i: IndexIndicator, r: { code: string; areaM2: number | null }, figures: Map<string, Figures>,
  counts: Map<string, number> | null): RawValue {
  if (i.source.kind !== 'platform') return { raw: null, unit: '' };
  const m = i.source.metric;
  if (m.kind === 'rate') {
    const rate = RATE_DEFS[m.rate as RateKey].of(figures.get(r.code) ?? emptyFigures());
    return { raw: rate === null ? null : rate * 100, unit: '%' };
  }
  const n = counts?.get(r.code) ?? 0;
  const km2 = (r.areaM2 ?? 0) / 1e6;
  return { raw: km2 > 0 ? n / km2 : null, unit: '件/km²', caseCount: n };
}

/** The cases behind a density indicator of a region in the year (the drill-down). */
export async function densityCases(q: Queryable, year: number, types: string[], prefix: string, page: number, pageSize: number) {
  const period = yearPeriod(year);
  const values: unknown[] = [period.from, period.to];
  const from = densityCasesSql(types, prefix, values);
  const total = await q.maybeOne<{ n: number }>(`select count(*)::int as n ${from}`, values);
  const rows = await q.query(`select c.id, c.case_no, t.name as type_name, c.address, c.stage, c.district_code, c.created_at, c.closed_at
    ${from}
    order by c.created_at desc, c.id desc ${pageClause(page, pageSize, 100)}`, values);
  return {
    total: Number(total!.n),
    items: rows.map((x) => ({ id: Number(x.id), caseNo: x.case_no, typeName: x.type_name, address: x.address,
      stageName: STAGE_NAMES[x.stage as Stage] ?? x.stage, districtCode: x.district_code,
      createdAt: new Date(x.created_at).toISOString(), closedAt: x.closed_at ? new Date(x.closed_at).toISOString() : null })),
  };
}
