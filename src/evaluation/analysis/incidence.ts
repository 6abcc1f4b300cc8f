// 三高: when (hour × weekday), where (unit grids, communities, H3 hexagons) and what (types) cases are reported most,
// and the places growing fastest against the previous period — all within the viewer's data scope.
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { cellToBoundary, latLngToCell } from 'h3-js';
import type { Actor } from '../../admin/actor.ts';
import type { Queryable } from '../../db/types.ts';
import { placeNames, reportedCases, typeNames, type AnalysisFilter } from './query.ts';
import { growingHotspots, joinPeriods, type Hotspot } from './rules/hotspots.ts';
import { previousPeriod } from './rules/periods.ts';
import type { HotspotRow, Hotspots, Incidence } from './views.ts';

export type { HotspotRow, Incidence } from './views.ts';

// views.ts writes a hot spot out without importing the rule's type; this fails to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_HOTSPOT_MATCHES: Same<HotspotRow, Hotspot & { name: string }> = true;

export type PlaceLevel = 'grid' | 'community' | 'hex';

export async function incidence(q: Queryable, actor: Actor, f: AnalysisFilter, limit = 20): Promise<Incidence> {
  const local = "(c.created_at at time zone 'Asia/Shanghai')";
  const cells = reportedCases(actor, f);
  const types = reportedCases(actor, f);
  const grids = reportedCases(actor, f);
  const [cellRows, typeRows, gridRows, names] = await Promise.all([
    q.query<{ dow: number; hour: number; n: number }>(
      `select extract(isodow from ${local})::int as dow, extract(hour from ${local})::int as hour, count(*)::int as n
       from cases c ${cells.where()} group by 1, 2`, cells.values),
    q.query<{ kind: string; type_code: string; n: number }>(
      `select c.kind, c.type_code, count(*)::int as n from cases c ${types.where()} group by 1, 2 order by 3 desc, 1, 2`, types.values),
    q.query<{ code: string; n: number }>(
      `select c.grid_code as code, count(*)::int as n from cases c ${grids.where()} group by 1 order by 2 desc, 1 limit ${Math.trunc(limit)}`,
      grids.values),
    typeNames(q),
  ]);
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let total = 0;
  for (const r of cellRows) { matrix[r.dow - 1][r.hour] = r.n; total += r.n; }
  const gridNames = await placeNames(q, gridRows.map((r) => r.code));
  return {
    total, matrix,
    types: typeRows.slice(0, limit).map((r) => ({ kind: r.kind, typeCode: r.type_code, name: names.get(`${r.kind}:${r.type_code}`) ?? r.type_code,
      n: r.n, share: total ? r.n / total : 0 })),
    places: gridRows.map((r) => ({ code: r.code, name: gridNames.get(r.code) ?? r.code, n: r.n })),
  };
}

/** Cases per H3 cell at `resolution` (positions summed at ~10 m first, so the database returns few rows). */
async function hexCounts(q: Queryable, actor: Actor, f: AnalysisFilter, resolution: number): Promise<Map<string, number>> {
  const s = reportedCases(actor, f);
  const rows = await q.query<{ lon: number; lat: number; n: number }>(
    `select round(c.lon::numeric, 4)::float8 as lon, round(c.lat::numeric, 4)::float8 as lat, count(*)::int as n
     from cases c ${s.where()} group by 1, 2`, s.values);
  const out = new Map<string, number>();
  for (const r of rows) {
    const cell = latLngToCell(r.lat, r.lon, resolution);
    out.set(cell, (out.get(cell) ?? 0) + r.n);
  }
  return out;
}

async function placeCounts(q: Queryable, actor: Actor, f: AnalysisFilter, level: PlaceLevel, resolution: number): Promise<Map<string, number>> {
  if (level === 'hex') return hexCounts(q, actor, f, resolution);
  const s = reportedCases(actor, f);
  const column = level === 'grid' ? 'c.grid_code' : 'c.community_code';
  const rows = await q.query<{ code: string; n: number }>(`select ${column} as code, count(*)::int as n from cases c ${s.where()} group by 1`, s.values);
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** The H3 hexagons with cases as GeoJSON polygons, with their count and share of the busiest cell (0–1). */
export async function hexagons(q: Queryable, actor: Actor, f: AnalysisFilter, resolution: number): Promise<FeatureCollection<Polygon>> {
  const counts = await hexCounts(q, actor, f, resolution);
  const max = Math.max(0, ...counts.values());
  const features: Feature<Polygon>[] = [...counts].sort((a, b) => b[1] - a[1]).map(([cell, n]) => {
    const ring = cellToBoundary(cell, true);   // GeoJSON order, already closed
    return { type: 'Feature', id: cell, properties: { cell, n, level: max ? n / max : 0 },
      geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  return { type: 'FeatureCollection', features };
}

/** 增长热点: places with at least `minCount` cases in the range that grew most against the previous period. */
export async function hotspots(q: Queryable, actor: Actor, f: AnalysisFilter, level: PlaceLevel, resolution: number,
  minCount: number, limit: number): Promise<Hotspots> {
  const previous = previousPeriod(f.range);
  const [now, before] = await Promise.all([
    placeCounts(q, actor, f, level, resolution), placeCounts(q, actor, { ...f, range: previous }, level, resolution)]);
  const items = growingHotspots(joinPeriods(now, before), { minCount, limit });
  const names = level === 'hex' ? new Map<string, string>() : await placeNames(q, items.map((i) => i.key));
  return { previous, items: items.map((i) => ({ ...i, name: names.get(i.key) ?? i.key })) };
}
