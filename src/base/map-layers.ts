// GeoJSON layers for the map page. Features are assembled as JSON text in SQL (no parse/re-serialise of
// geometries in Node), limited to what the actor may see.
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest } from '../platform/errors.ts';
import type { Bounds } from './spatial/geometry.ts';
import { SqlFilter } from './sql.ts';
import { ACTIVE_GRID } from './divisions.ts';
import { filterByPrefix, filterDivisions, scopeRootCode } from './visibility.ts';

export const MAX_POINT_FEATURES = 100_000;

export function parseBbox(text: string | undefined): Bounds | undefined {
  if (text === undefined || text === '') return undefined;
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[0] > parts[2] || parts[1] > parts[3]) {
    throw badRequest('INVALID_BBOX', `bbox 应为 minx,miny,maxx,maxy（经纬度，min 不大于 max）: ${text}`);
  }
  return parts as Bounds;
}

function collection(features: string[], extra: Record<string, unknown> = {}): string {
  const members = Object.entries(extra).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('');
  return `{"type":"FeatureCollection"${members},"features":[${features.join(',')}]}`;
}

async function features(db: Queryable, sql: string, values: unknown[]): Promise<string[]> {
  return (await db.query<{ f: string }>(sql, values)).map((r) => r.f);
}

/** Features whose bbox column (double precision[4]) meets the box. */
function filterBbox(f: SqlFilter, column: string, box: Bounds | undefined): void {
  if (box) f.add(`${column}[1] <= ? and ${column}[3] >= ? and ${column}[2] <= ? and ${column}[4] >= ?`, box[2], box[0], box[3], box[1]);
}

/**
 * The area a city-wide layer (roads, water, landmarks) is cut to for a scoped actor: the bbox of their
 * region(s). undefined = no limit; null = nothing visible.
 */
export async function scopeBox(db: Queryable, actor: Actor): Promise<Bounds | null | undefined> {
  if (actor.scope === 'all') return undefined;
  const rows = await db.query<{ bbox: number[] }>(
    'select bbox from divisions where code = any($1) and bbox is not null', [actor.scope.map(scopeRootCode)]);
  if (rows.length === 0) return null;
  const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { bbox } of rows) {
    b[0] = Math.min(b[0], bbox[0]); b[1] = Math.min(b[1], bbox[1]);
    b[2] = Math.max(b[2], bbox[2]); b[3] = Math.max(b[3], bbox[3]);
  }
  return b;
}

function meet(a: Bounds | undefined, b: Bounds | undefined): Bounds | undefined {
  if (!a) return b;
  if (!b) return a;
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
}

export async function divisionsLayer(db: Queryable, actor: Actor, q: { level?: string }): Promise<string> {
  const f = new SqlFilter().add('geometry is not null');
  filterDivisions(f, actor, 'code');
  if (q.level) f.add('level = ?', q.level);
  return collection(await features(db, `select json_build_object('type', 'Feature', 'id', code, 'geometry', geometry,
    'properties', json_build_object('code', code, 'name', name, 'level', level, 'parentCode', parent_code, 'areaM2', area_m2))::text as f
    from divisions ${f.where()} order by code`, f.values));
}

export async function gridsLayer(db: Queryable, actor: Actor, q: { bbox?: Bounds; community?: string }): Promise<string> {
  const f = new SqlFilter().add(ACTIVE_GRID);
  filterByPrefix(f, actor, 'code');
  if (q.community) f.add('community_code = ?', q.community);
  filterBbox(f, 'bbox', q.bbox);
  return collection(await features(db, `select json_build_object('type', 'Feature', 'id', code, 'geometry', geometry,
    'properties', json_build_object('code', code, 'name', name, 'communityCode', community_code, 'areaM2', area_m2,
      'startDate', start_date, 'endDate', end_date))::text as f
    from unit_grids ${f.where()} order by code`, f.values));
}

/** Each responsibility grid as one MultiPolygon made of its unit grids' polygons. */
export async function responsibilityLayer(db: Queryable, actor: Actor): Promise<string> {
  const f = new SqlFilter();
  filterByPrefix(f, actor, 'r.division_code');
  const rows = await db.query<any>(
    `select r.code, r.name, r.division_code, r.collector_id, u.display_name as collector_name,
       coalesce(json_agg(g.geometry order by g.code) filter (where g.code is not null), '[]') as parts
     from responsibility_grids r left join users u on u.id = r.collector_id
     left join responsibility_grid_members m on m.responsibility_code = r.code left join unit_grids g on g.code = m.grid_code
     ${f.where()} group by r.code, u.display_name order by r.code`, f.values);
  return collection(rows.map((r) => {
    const parts = (typeof r.parts === 'string' ? JSON.parse(r.parts) : r.parts) as { type: string; coordinates: any }[];
    const coordinates = parts.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
    return JSON.stringify({
      type: 'Feature', id: r.code,
      geometry: coordinates.length ? { type: 'MultiPolygon', coordinates } : null,
      properties: { code: r.code, name: r.name, divisionCode: r.division_code, gridCount: parts.length,
        collectorId: r.collector_id == null ? null : Number(r.collector_id), collectorName: r.collector_name ?? null },
    });
  }));
}

export async function roadsLayer(db: Queryable, actor: Actor, q: { bbox?: Bounds }): Promise<string> {
  const box = await scopeBox(db, actor);
  if (box === null) return collection([]);
  const f = new SqlFilter();
  filterBbox(f, 'bbox', meet(box, q.bbox));
  return collection(await features(db, `select json_build_object('type', 'Feature', 'id', id, 'geometry', geometry,
    'properties', json_build_object('id', id, 'name', name, 'class', class))::text as f from roads ${f.where()} order by id`, f.values));
}

export async function areasLayer(db: Queryable, actor: Actor, q: { bbox?: Bounds }): Promise<string> {
  const box = await scopeBox(db, actor);
  if (box === null) return collection([]);
  const f = new SqlFilter();
  filterBbox(f, 'bbox', meet(box, q.bbox));
  return collection(await features(db, `select json_build_object('type', 'Feature', 'id', id, 'geometry', geometry,
    'properties', json_build_object('id', id, 'name', name, 'kind', kind))::text as f from map_areas ${f.where()} order by id`, f.values));
}

function filterPoints(f: SqlFilter, box: Bounds | undefined): void {
  if (box) f.add('lon between ? and ? and lat between ? and ?', box[0], box[2], box[1], box[3]);
}

export async function landmarksLayer(db: Queryable, actor: Actor, q: { bbox?: Bounds }): Promise<string> {
  const box = await scopeBox(db, actor);
  if (box === null) return collection([]);
  const f = new SqlFilter();
  filterPoints(f, meet(box, q.bbox));
  return collection(await features(db, `select json_build_object('type', 'Feature', 'id', id,
    'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(lon, lat)),
    'properties', json_build_object('id', id, 'name', name, 'category', category, 'address', address))::text as f
    from landmarks ${f.where()} order by id`, f.values));
}

/**
 * Component points, at most `max`; `truncated: true` on the collection when there were more. Features are
 * concatenated as text in SQL (ids, type codes and statuses need no escaping; type names go through to_json),
 * which is several times faster than a row per feature on the embedded database.
 */
export async function componentsLayer(db: Queryable, actor: Actor, q: { bbox?: Bounds; type?: string }, max = MAX_POINT_FEATURES): Promise<string> {
  const f = new SqlFilter();
  filterByPrefix(f, actor, 'c.grid_code');
  if (q.type) f.add(q.type.length === 2 ? 'c.type_code like ?' : 'c.type_code = ?', q.type.length === 2 ? `${q.type}%` : q.type);
  if (q.bbox) f.add('c.lon between ? and ? and c.lat between ? and ?', q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
  const row = await db.maybeOne<{ n: number; features: string | null }>(
    `select count(*)::int as n, string_agg(f, ',' order by id) as features from (
       select c.id, '{"type":"Feature","id":"' || c.id || '","geometry":{"type":"Point","coordinates":[' || c.lon || ',' || c.lat
         || ']},"properties":{"id":"' || c.id || '","typeCode":"' || c.type_code || '","typeName":' || to_json(t.name)::text
         || ',"status":"' || c.status || '"}}' as f
       from components c join catalog_types t on t.kind = c.kind and t.code = c.type_code
       ${f.where()} order by c.id limit ${max}) x`, f.values);
  const truncated = row!.n === max
    && (await db.query(`select 1 from components c ${f.where()} order by c.id offset ${max} limit 1`, f.values)).length > 0;
  return collection(row!.features ? [row!.features] : [], truncated ? { truncated: true } : {});
}
