// 地址搜索 (place search) for registering a case by hand: roads, road intersections, landmarks, divisions, unit grids
// and components matched by name or code, ranked, each with a point and where it lies (grid, community, street,
// district, position description). Names are matched as plain substrings; the index lives in memory per node and
// is rebuilt after 'base.changed', like the spatial service whose intersections and locator it reuses.
import type { LineString, MultiLineString, Polygon, MultiPolygon } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import type { Actor } from '../admin/actor.ts';
import { inScope } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import { getSpatialService, type SpatialContext } from './spatial/service.ts';
import type { Intersection } from './spatial/geocode.ts';
import { SqlFilter } from './sql.ts';
import { divisionVisible, filterByPrefix } from './visibility.ts';

export const PLACE_KINDS = ['intersection', 'road', 'landmark', 'district', 'street', 'community', 'grid', 'component'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** One searchable place before it is located. */
export interface PlaceEntry {
  kind: PlaceKind;
  name: string;
  /** What else tells it apart: road class, landmark category and address, division or grid code, component type. */
  detail: string;
  /** Division, grid or component code (scope is checked on it); null for roads, intersections and landmarks. */
  code: string | null;
  lon: number;
  lat: number;
}

export interface PlaceHit extends PlaceEntry {
  /** Position description ("人民路与建设路交叉口北约80米"), '' when nothing named is near. */
  address: string;
  gridCode: string | null;
  communityName: string | null;
  streetName: string | null;
  districtName: string | null;
}

export interface PlaceIndex {
  entries: PlaceEntry[];
  intersections: readonly Intersection[];
}

/** What a search ranks on: lower is better. */
interface Ranked { entry: PlaceEntry; score: number }

const KIND_ORDER: Record<PlaceKind, number> = Object.fromEntries(PLACE_KINDS.map((k, i) => [k, i])) as Record<PlaceKind, number>;
/** "人民路与建设路", "人民路和建设路", "人民路/建设路", "人民路 建设路", with or without 交叉口. */
const JUNCTION_SPLIT = /与|和|&|\/|、|,|，|\s+|交叉口|交叉路口|路口|交口/;
const JUNCTION_WORD = /交叉口|交叉路口|路口|交口/;
const DIGITS = /^[0-9]+$/;

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** 0 exact, 1 prefix, 2 inside the name, 3 inside the detail; undefined when it does not match. */
function scoreOf(entry: PlaceEntry, q: string): number | undefined {
  const name = entry.name.toLowerCase();
  if (name === q || entry.code === q) return 0;
  if (name.startsWith(q) || (entry.code !== null && DIGITS.test(q) && entry.code.startsWith(q))) return 1;
  if (name.includes(q)) return 2;
  if (entry.detail.toLowerCase().includes(q)) return 3;
  return undefined;
}

function junctionEntry(j: Intersection): PlaceEntry {
  return { kind: 'intersection', name: `${j.roads[0]}与${j.roads[1]}交叉口`, detail: '', code: null, lon: j.lon, lat: j.lat };
}

/** Intersections for "A与B" (both roads named) or "A交叉口"/an exact road name (every crossing of that road). */
function matchJunctions(intersections: readonly Intersection[], q: string): Ranked[] {
  const parts = q.split(JUNCTION_SPLIT).map((s) => s.trim()).filter(Boolean);
  const out: Ranked[] = [];
  if (parts.length === 2) {
    const [a, b] = parts;
    for (const j of intersections) {
      const [r0, r1] = j.roads.map((r) => r.toLowerCase());
      const forward = r0.includes(a) && r1.includes(b), backward = r0.includes(b) && r1.includes(a);
      if (!forward && !backward) continue;
      const exact = (forward && r0 === a && r1 === b) || (backward && r0 === b && r1 === a);
      out.push({ entry: junctionEntry(j), score: exact ? 0 : 1 });
    }
  } else if (parts.length === 1) {
    const [road] = parts;
    const asked = JUNCTION_WORD.test(q);
    for (const j of intersections) {
      const names = j.roads.map((r) => r.toLowerCase());
      if (asked ? names.some((n) => n.includes(road)) : names.includes(road)) out.push({ entry: junctionEntry(j), score: asked ? 1 : 2.5 });
    }
  }
  return out;
}

/** The places matching `q`, best first: exact, prefix, inside the name, inside the detail; then by kind and name length. */
export function matchPlaces(index: PlaceIndex, query: string, limit: number, visible: (code: string) => boolean = () => true): PlaceEntry[] {
  const q = normalize(query);
  if (!q) return [];
  const ranked: Ranked[] = matchJunctions(index.intersections, q);
  for (const entry of index.entries) {
    const score = scoreOf(entry, q);
    if (score !== undefined && (entry.code === null || visible(entry.code))) ranked.push({ entry, score });
  }
  ranked.sort((x, y) => x.score - y.score || KIND_ORDER[x.entry.kind] - KIND_ORDER[y.entry.kind]
    || x.entry.name.length - y.entry.name.length || x.entry.name.localeCompare(y.entry.name, 'zh-CN'));
  const seen = new Set<string>();
  const out: PlaceEntry[] = [];
  for (const { entry } of ranked) {
    const key = `${entry.kind}:${entry.code ?? entry.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
    if (out.length >= limit) break;
  }
  return out;
}

/** A point on a road about halfway along its longest line (lengths in degrees scaled by latitude). */
export function roadPoint(lines: number[][][]): [number, number] | undefined {
  let best: number[][] | undefined, bestLength = -1;
  const lengthOf = (line: number[][]) => {
    let sum = 0;
    for (let i = 1; i < line.length; i++) sum += segment(line[i - 1], line[i]);
    return sum;
  };
  for (const line of lines) {
    const length = lengthOf(line);
    if (line.length > 0 && length > bestLength) { best = line; bestLength = length; }
  }
  if (!best) return undefined;
  let left = bestLength / 2;
  for (let i = 1; i < best.length; i++) {
    const s = segment(best[i - 1], best[i]);
    if (s >= left && s > 0) {
      const f = left / s;
      return [best[i - 1][0] + f * (best[i][0] - best[i - 1][0]), best[i - 1][1] + f * (best[i][1] - best[i - 1][1])];
    }
    left -= s;
  }
  return [best[0][0], best[0][1]];
}

function segment(a: number[], b: number[]): number {
  return Math.hypot((b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180), b[1] - a[1]);
}

const bboxCenter = (b: number[]): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];

const LEVEL_KIND: Record<string, PlaceKind | undefined> = { district: 'district', street: 'street', community: 'community' };

async function loadIndex(ctx: SpatialContext): Promise<PlaceIndex> {
  const { db } = ctx;
  const [roads, landmarks, divisions, grids, intersections] = await Promise.all([
    db.query<{ name: string; class: string; geometry: LineString | MultiLineString }>('select name, class, geometry from roads order by id'),
    db.query<{ name: string; category: string; lon: number; lat: number; address: string | null }>(
      'select name, category, lon, lat, address from landmarks order by id'),
    db.query<{ code: string; name: string; level: string; bbox: number[] }>(
      'select code, name, level, bbox from divisions where bbox is not null and cardinality(bbox) = 4 order by code'),
    db.query<{ code: string; name: string; bbox: number[] }>(
      'select code, name, bbox from unit_grids where end_date is null or end_date > current_date order by code'),
    getSpatialService(ctx).intersections(),
  ]);
  const entries: PlaceEntry[] = [];
  const roadLines = new Map<string, { cls: string; lines: number[][][] }>();
  for (const r of roads) {
    const lines = r.geometry.type === 'LineString' ? [r.geometry.coordinates] : r.geometry.type === 'MultiLineString' ? r.geometry.coordinates : [];
    const road = roadLines.get(r.name) ?? { cls: r.class, lines: [] };
    road.lines.push(...lines);
    roadLines.set(r.name, road);
  }
  for (const [name, road] of roadLines) {
    const point = roadPoint(road.lines);
    if (point) entries.push({ kind: 'road', name, detail: road.cls, code: null, lon: point[0], lat: point[1] });
  }
  for (const l of landmarks) {
    entries.push({ kind: 'landmark', name: l.name, detail: [l.category, l.address].filter(Boolean).join(' '), code: null, lon: l.lon, lat: l.lat });
  }
  for (const d of divisions) {
    const kind = LEVEL_KIND[d.level];
    if (kind) entries.push({ kind, name: d.name, detail: d.code, code: d.code, lon: bboxCenter(d.bbox)[0], lat: bboxCenter(d.bbox)[1] });
  }
  for (const g of grids) {
    const [lon, lat] = bboxCenter(g.bbox);
    entries.push({ kind: 'grid', name: g.name, detail: g.code, code: g.code, lon, lat });
  }
  return { entries, intersections };
}

const indexes = new WeakMap<EventBus, { index?: Promise<PlaceIndex> }>();

/** This node's place index, rebuilt on first use after any node announces 'base.changed'. */
function placeIndex(ctx: SpatialContext): Promise<PlaceIndex> {
  let holder = indexes.get(ctx.events);
  if (!holder) {
    const created: { index?: Promise<PlaceIndex> } = {};
    ctx.events.subscribe('base.changed', () => { created.index = undefined; });
    indexes.set(ctx.events, (holder = created));
  }
  if (!holder.index) {
    const loading = loadIndex(ctx);
    loading.catch(() => { if (holder!.index === loading) holder!.index = undefined; });
    holder.index = loading;
  }
  return holder.index;
}

/** Components whose 17-digit id starts with the digits typed (in the actor's scope). */
async function componentsById(db: Queryable, actor: Actor, digits: string, limit: number): Promise<PlaceEntry[]> {
  const f = new SqlFilter().add('c.id like ?', `${digits}%`);
  filterByPrefix(f, actor, 'c.grid_code');
  const rows = await db.query<{ id: string; name: string; type_name: string | null; lon: number; lat: number }>(
    `select c.id, c.name, t.name as type_name, c.lon, c.lat from components c
     left join catalog_types t on t.kind = 'component' and t.code = c.type_code ${f.where()} order by c.id limit ${limit}`, f.values);
  return rows.map((r) => ({ kind: 'component', name: r.id, detail: [r.type_name, r.name].filter(Boolean).join(' '), code: r.id, lon: r.lon, lat: r.lat }));
}

/** A point inside a division or grid whose bbox centre lies outside it (an L-shaped community, say). */
async function interiorPoint(db: Queryable, entry: PlaceEntry): Promise<[number, number] | undefined> {
  const table = entry.kind === 'grid' ? 'unit_grids' : 'divisions';
  const row = await db.maybeOne<{ geometry: Polygon | MultiPolygon | null }>(`select geometry from ${table} where code = $1`, [entry.code]);
  if (!row?.geometry) return undefined;
  return pointOnFeature(row.geometry).geometry.coordinates as [number, number];
}

/** Search for `GET /api/places/search`: matched places with their grid, divisions and position description. */
export async function searchPlaces(ctx: SpatialContext, actor: Actor, query: string, limit: number): Promise<PlaceHit[]> {
  const q = normalize(query);
  if (!q) return [];
  const visible = (code: string) => (code.length <= 12 ? divisionVisible(actor, code) : inScope(code, actor.scope));
  const found = matchPlaces(await placeIndex(ctx), q, limit, visible);
  if (/^[0-9]{6,17}$/.test(q) && found.length < limit) found.push(...(await componentsById(ctx.db, actor, q, limit - found.length)));
  const spatial = getSpatialService(ctx);
  const hits: PlaceHit[] = [];
  for (const entry of found) {
    let at = await spatial.locate(entry.lon, entry.lat);
    const inside = entry.kind === 'grid' ? at?.gridCode === entry.code
      : entry.kind === 'district' || entry.kind === 'street' || entry.kind === 'community' ? at?.communityCode.startsWith(entry.code!) : true;
    let point: [number, number] = [entry.lon, entry.lat];
    if (!inside) {
      const inner = await interiorPoint(ctx.db, entry);
      if (inner) {
        point = inner;
        at = await spatial.locate(inner[0], inner[1]);
      }
    }
    hits.push({
      ...entry, lon: point[0], lat: point[1],
      address: at?.description ?? (await spatial.describe(point[0], point[1])),
      gridCode: at?.gridCode ?? null, communityName: at?.communityName || null,
      streetName: at?.streetName || null, districtName: at?.districtName || null,
    });
  }
  return hits;
}
