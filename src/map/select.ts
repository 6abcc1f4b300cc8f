// 框选: what lies inside a polygon drawn on the map — cases (same rule as the case layer), components and unit
// grids in the actor's scope. SQL narrows by the polygon's bbox; turf decides inside/outside exactly.
import { booleanIntersects, booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { ACTIVE_GRID } from '../base/divisions.ts';
import { validatePolygon } from '../base/spatial/geometry.ts';
import { SqlFilter } from '../base/sql.ts';
import { filterByPrefix } from '../base/visibility.ts';
import { badRequest } from '../platform/errors.ts';
import { CASE_FROM, caseItem, caseProperties, filterCases } from './case-layers.ts';
import type { Period } from './period.ts';

/** Items listed per kind; totals count them all. */
export const SELECT_LIST_LIMIT = 500;

export interface Selection<T> { total: number; items: T[] }

export function checkPolygon(geometry: unknown): Polygon {
  const v = validatePolygon(geometry);
  if (!v.ok) throw badRequest('INVALID_POLYGON', `选择范围无效：${v.message}`, { reason: v.code });
  if (v.geometry.type !== 'Polygon') throw badRequest('INVALID_POLYGON', '选择范围须为单个多边形（Polygon）');
  return v.geometry;
}

function keep<T>(rows: T[], inside: (r: T) => boolean, limit: number): Selection<T> {
  const hits = rows.filter(inside);
  return { total: hits.length, items: hits.slice(0, limit) };
}

export async function selectInPolygon(db: Queryable, actor: Actor, polygon: Polygon, period: Period | undefined, limit = SELECT_LIST_LIMIT) {
  const ring = polygon.coordinates[0];
  const box = [Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1])),
    Math.max(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[1]))];
  const pointIn = (lon: number, lat: number) => booleanPointInPolygon([lon, lat], polygon);

  const cf = filterCases(new SqlFilter(), actor, period);
  cf.add('c.lon between ? and ? and c.lat between ? and ?', box[0], box[2], box[1], box[3]);
  const cases = await db.query<{ lon: number; lat: number; p: any }>(
    `select c.lon, c.lat, ${caseProperties(cf)} as p ${CASE_FROM} ${cf.where()} order by c.created_at desc, c.id desc`, cf.values);

  const pf = new SqlFilter();
  filterByPrefix(pf, actor, 'c.grid_code');
  pf.add('c.lon between ? and ? and c.lat between ? and ?', box[0], box[2], box[1], box[3]);
  const components = await db.query<{ id: string; type_code: string; type_name: string; status: string; grid_code: string; lon: number; lat: number }>(
    `select c.id, c.type_code, t.name as type_name, c.status, c.grid_code, c.lon, c.lat
     from components c join catalog_types t on t.kind = c.kind and t.code = c.type_code ${pf.where()} order by c.id`, pf.values);

  const gf = new SqlFilter().add(ACTIVE_GRID);
  filterByPrefix(gf, actor, 'code');
  gf.add('bbox[1] <= ? and bbox[3] >= ? and bbox[2] <= ? and bbox[4] >= ?', box[2], box[0], box[3], box[1]);
  const grids = await db.query<{ code: string; name: string; community_code: string; geometry: any }>(
    `select code, name, community_code, geometry from unit_grids ${gf.where()} order by code`, gf.values);

  const caseSel = keep(cases, (r) => pointIn(r.lon, r.lat), limit);
  const componentSel = keep(components, (r) => pointIn(r.lon, r.lat), limit);
  const gridSel = keep(grids, (r) => booleanIntersects(polygon, r.geometry), limit);
  return {
    cases: { total: caseSel.total, items: caseSel.items.map(caseItem) },
    components: { total: componentSel.total, items: componentSel.items.map((r) => ({
      id: r.id, typeCode: r.type_code, typeName: r.type_name, status: r.status, gridCode: r.grid_code, lon: r.lon, lat: r.lat })) },
    grids: { total: gridSel.total, items: gridSel.items.map((r) => ({ code: r.code, name: r.name, communityCode: r.community_code })) },
  };
}
