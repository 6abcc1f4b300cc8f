// Validation of GeoJSON geometries that come from users and imports (grids, divisions, roads, points).
// A valid result carries a cleaned copy: 2D positions, no repeated consecutive positions.
import { area, feature, kinks, length } from '@turf/turf';
import Flatbush from 'flatbush';
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { isValidLonLat } from './coords.ts';
import { segmentIntersection } from './segments.ts';

/** [minLon, minLat, maxLon, maxLat] */
export type Bounds = [number, number, number, number];

export interface Invalid { ok: false; code: string; message: string }
export type PolygonValidation = { ok: true; geometry: Polygon | MultiPolygon; bbox: Bounds; areaM2: number } | Invalid;
export type LineValidation = { ok: true; geometry: LineString | MultiLineString; bbox: Bounds; lengthM: number } | Invalid;
export type PointValidation = { ok: true; lon: number; lat: number } | Invalid;

export interface ValidateOptions {
  /** Every position must lie inside these bounds (usually the city's bbox). */
  bounds?: Bounds;
}

/** Below this a polygon is a line or a point drawn as a ring (its computed area is rounding noise). */
const MIN_AREA_M2 = 0.01;

const fail = (code: string, message: string): Invalid => ({ ok: false, code, message });
const OUTSIDE_CITY = () => fail('OUTSIDE_CITY', '坐标超出本市范围');

export function validatePoint(lon: unknown, lat: unknown, bounds?: Bounds): PointValidation {
  if (!isValidLonLat(lon, lat)) return fail('INVALID_COORDINATE', '坐标无效：经度应在 -180 至 180 之间，纬度应在 -90 至 90 之间');
  const y = lat as number;
  if (bounds && !inBounds(lon, y, bounds)) return OUTSIDE_CITY();
  return { ok: true, lon, lat: y };
}

export function validatePolygon(geom: unknown, opts: ValidateOptions = {}): PolygonValidation {
  if (!isObject(geom)) return fail('GEOMETRY_NOT_OBJECT', '几何图形必须是 GeoJSON 对象');
  if (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon') {
    return fail('GEOMETRY_WRONG_TYPE', `几何类型必须是 Polygon 或 MultiPolygon，实际为 ${describeType(geom.type)}`);
  }
  const raw = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  if (!Array.isArray(raw) || raw.length === 0) return fail('GEOMETRY_MALFORMED', '几何图形的 coordinates 结构不正确');
  const box = emptyBox();
  const polygons: Position[][][] = [];
  for (let p = 0; p < raw.length; p++) {
    const rings = raw[p];
    if (!Array.isArray(rings) || rings.length === 0) return fail('GEOMETRY_MALFORMED', '几何图形的 coordinates 结构不正确');
    const cleaned: Position[][] = [];
    for (let r = 0; r < rings.length; r++) {
      const where = ringLabel(geom.type === 'MultiPolygon' ? p : -1, r);
      const ring = readPositions(rings[r], box, where);
      if (!Array.isArray(ring)) return ring;
      if (ring.length < 4) return fail('RING_TOO_SHORT', `${where}至少需要 4 个坐标点（首尾相同）`);
      const first = ring[0], last = ring[ring.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) return fail('RING_NOT_CLOSED', `${where}未闭合：首尾坐标必须相同`);
      const distinct = dropRepeats(ring);
      if (distinct.length < 4) return fail('RING_TOO_SHORT', `${where}至少需要 3 个不同的坐标点`);
      cleaned.push(distinct);
    }
    polygons.push(cleaned);
  }
  if (opts.bounds && !boxInside(box, opts.bounds)) return OUTSIDE_CITY();
  const geometry: Polygon | MultiPolygon = geom.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
  const crossing = firstCrossing(geometry);
  if (crossing) return fail('SELF_INTERSECTION', `多边形自相交（在 ${crossing[0].toFixed(6)}, ${crossing[1].toFixed(6)} 附近）`);
  const areaM2 = area(geometry);
  if (!(areaM2 >= MIN_AREA_M2)) return fail('GEOMETRY_ZERO_AREA', '多边形面积为零');
  return { ok: true, geometry, bbox: box, areaM2 };
}

/** A road or other line: LineString or MultiLineString, each line with at least 2 distinct positions. */
export function validateLineString(geom: unknown, opts: ValidateOptions = {}): LineValidation {
  if (!isObject(geom)) return fail('GEOMETRY_NOT_OBJECT', '几何图形必须是 GeoJSON 对象');
  if (geom.type !== 'LineString' && geom.type !== 'MultiLineString') {
    return fail('GEOMETRY_WRONG_TYPE', `几何类型必须是 LineString 或 MultiLineString，实际为 ${describeType(geom.type)}`);
  }
  const raw = geom.type === 'LineString' ? [geom.coordinates] : geom.coordinates;
  if (!Array.isArray(raw) || raw.length === 0) return fail('GEOMETRY_MALFORMED', '几何图形的 coordinates 结构不正确');
  const box = emptyBox();
  const lines: Position[][] = [];
  for (let i = 0; i < raw.length; i++) {
    const where = geom.type === 'MultiLineString' ? `第 ${i + 1} 条线` : '线';
    const line = readPositions(raw[i], box, where);
    if (!Array.isArray(line)) return line;
    const distinct = dropRepeats(line);
    if (distinct.length < 2) return fail('LINE_TOO_SHORT', `${where}至少需要 2 个不同的坐标点`);
    lines.push(distinct);
  }
  if (opts.bounds && !boxInside(box, opts.bounds)) return OUTSIDE_CITY();
  const geometry: LineString | MultiLineString = geom.type === 'LineString'
    ? { type: 'LineString', coordinates: lines[0] }
    : { type: 'MultiLineString', coordinates: lines };
  return { ok: true, geometry, bbox: box, lengthM: length(feature(geometry), { units: 'meters' }) };
}

// turf kinks compares every segment with every other one: fine for grids, but a district boundary of
// 10,000 positions takes half a second and a city boundary many seconds. Above this size the same rule
// runs on a segment index instead (library-vs-speed exception).
const KINKS_MAX_POSITIONS = 1000;

/** A position where two non-adjacent ring segments meet, if any (rings of all parts together, like kinks). */
function firstCrossing(geometry: Polygon | MultiPolygon): Position | undefined {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  let segments = 0;
  for (const ring of rings) segments += ring.length - 1;
  if (segments + rings.length <= KINKS_MAX_POSITIONS) return kinks(geometry).features[0]?.geometry.coordinates;
  const ringOf = new Uint32Array(segments), startOf = new Uint32Array(segments);
  const index = new Flatbush(segments);
  let s = 0;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    for (let i = 0; i < ring.length - 1; i++, s++) {
      const [ax, ay] = ring[i], [bx, by] = ring[i + 1];
      ringOf[s] = r;
      startOf[s] = i;
      index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
  }
  index.finish();
  for (let a = 0; a < segments; a++) {
    const ring = rings[ringOf[a]], i = startOf[a];
    const [ax, ay] = ring[i], [bx, by] = ring[i + 1];
    const last = ring.length - 2;
    for (const b of index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (b <= a) continue;
      if (ringOf[b] === ringOf[a]) {
        const j = startOf[b];
        if (j === i + 1 || (i === 0 && j === last)) continue; // neighbours share a position
      }
      const other = rings[ringOf[b]], j = startOf[b];
      const hit = segmentIntersection(ax, ay, bx, by, other[j][0], other[j][1], other[j + 1][0], other[j + 1][1]);
      if (hit) return hit;
    }
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeType(type: unknown): string {
  return typeof type === 'string' ? type : '空';
}

function ringLabel(polygon: number, ring: number): string {
  const part = polygon >= 0 ? `第 ${polygon + 1} 个多边形的` : '';
  return ring === 0 ? `${part}外环` : `${part}第 ${ring} 个内环`;
}

/** 2D copies of the positions, extending box; an Invalid on bad structure or numbers. */
function readPositions(list: unknown, box: Bounds, where: string): Position[] | Invalid {
  if (!Array.isArray(list)) return fail('GEOMETRY_MALFORMED', `${where}的坐标结构不正确`);
  const out: Position[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (!Array.isArray(p) || p.length < 2) return fail('GEOMETRY_MALFORMED', `${where}第 ${i + 1} 个坐标不是 [经度, 纬度]`);
    const [x, y] = p;
    if (!isValidLonLat(x, y)) {
      return fail('INVALID_COORDINATE', `${where}第 ${i + 1} 个坐标无效：经度应在 -180 至 180 之间，纬度应在 -90 至 90 之间`);
    }
    const lat = y as number;
    if (x < box[0]) box[0] = x;
    if (lat < box[1]) box[1] = lat;
    if (x > box[2]) box[2] = x;
    if (lat > box[3]) box[3] = lat;
    out.push([x, lat]);
  }
  return out;
}

function dropRepeats(positions: Position[]): Position[] {
  return positions.filter((p, i) => i === 0 || p[0] !== positions[i - 1][0] || p[1] !== positions[i - 1][1]);
}

function emptyBox(): Bounds {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

function inBounds(lon: number, lat: number, b: Bounds): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

function boxInside(inner: Bounds, outer: Bounds): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}
