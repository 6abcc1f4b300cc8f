// Reverse geocoding (位置描述): a position → "人民路与建设路交叉口北约80米", from the roads and landmarks
// layers. Roads are cut into segments in local metres and indexed with Flatbush; intersections of
// differently named roads are found once, when the geocoder is built.
import Flatbush from 'flatbush';
import type { LineString, MultiLineString } from 'geojson';
import { LocalProjection } from './coords.ts';
import { PointIndex } from './locator.ts';
import { closestOnSegment, segmentIntersection } from './segments.ts';

export interface RoadLine {
  name: string;
  geometry: LineString | MultiLineString;
}

export interface Landmark {
  name: string;
  lon: number;
  lat: number;
}

export interface Intersection {
  /** The two road names, in the order the roads were given (list main roads first to name them first). */
  roads: [string, string];
  lon: number;
  lat: number;
}

export interface NearestRoad {
  name: string;
  distanceM: number;
  /** The nearest point on the road */
  lon: number;
  lat: number;
}

export interface GeocoderOptions {
  /** Describe by an intersection within this distance (default 300 m). */
  intersectionRadiusM?: number;
  /** Else by the nearest road within this distance (default 200 m)… */
  roadRadiusM?: number;
  /** …naming a landmark within this distance as well (default 300 m). */
  roadLandmarkRadiusM?: number;
  /** Else by the nearest landmark within this distance (default 1000 m). */
  landmarkRadiusM?: number;
}

const DIRECTIONS = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];
/** A road ending this close to another one meets it (T junctions drawn a little short). */
const SNAP_M = 3;
/** Crossings of the same two roads closer than this are one intersection (dual carriageways). */
const MERGE_M = 60;

export class ReverseGeocoder {
  readonly intersections: Intersection[];
  private readonly options: Required<GeocoderOptions>;
  private readonly projection: LocalProjection;
  private readonly roadNames: string[];
  /** per segment: x1, y1, x2, y2 in local metres */
  private readonly seg: Float64Array;
  private readonly segRoad: Uint32Array;
  /** bit 1: the segment starts its line; bit 2: it ends its line */
  private readonly segEnds: Uint8Array;
  private readonly segIndex: Flatbush | undefined;
  private readonly junctions: PointIndex<Intersection>;
  private readonly landmarks: PointIndex<Landmark>;

  constructor(roads: readonly RoadLine[], landmarks: readonly Landmark[], options: GeocoderOptions = {}) {
    this.options = { intersectionRadiusM: 300, roadRadiusM: 200, roadLandmarkRadiusM: 300, landmarkRadiusM: 1000, ...options };
    const lines = roads.map((r) => ({ name: r.name, lines: r.geometry.type === 'LineString' ? [r.geometry.coordinates] : r.geometry.coordinates }));
    this.projection = LocalProjection.around([
      ...lines.flatMap((r) => r.lines.flat().map((p) => [p[0], p[1]] as const)),
      ...landmarks.map((l) => [l.lon, l.lat] as const),
    ]);
    this.roadNames = lines.map((r) => r.name);
    const count = lines.reduce((n, r) => n + r.lines.reduce((m, l) => m + Math.max(0, l.length - 1), 0), 0);
    this.seg = new Float64Array(count * 4);
    this.segRoad = new Uint32Array(count);
    this.segEnds = new Uint8Array(count);
    this.segIndex = count > 0 ? new Flatbush(count) : undefined;
    let s = 0;
    lines.forEach((road, r) => {
      for (const line of road.lines) {
        for (let i = 0; i + 1 < line.length; i++, s++) {
          const x1 = this.projection.x(line[i][0]), y1 = this.projection.y(line[i][1]);
          const x2 = this.projection.x(line[i + 1][0]), y2 = this.projection.y(line[i + 1][1]);
          this.seg.set([x1, y1, x2, y2], 4 * s);
          this.segRoad[s] = r;
          this.segEnds[s] = (i === 0 ? 1 : 0) | (i + 2 === line.length ? 2 : 0);
          this.segIndex!.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
        }
      }
    });
    this.segIndex?.finish();
    this.intersections = this.findIntersections();
    this.junctions = new PointIndex(this.intersections, this.projection);
    this.landmarks = new PointIndex(landmarks, this.projection);
  }

  /** The Chinese description of a WGS84 position, or '' when nothing named is near. */
  describe(lon: number, lat: number): string {
    const o = this.options;
    const junction = this.junctions.nearest(lon, lat, o.intersectionRadiusM);
    if (junction) {
      const { item, distanceM } = junction;
      return `${item.roads[0]}与${item.roads[1]}交叉口${this.offset(item.lon, item.lat, lon, lat, distanceM, '处')}`;
    }
    const road = this.nearestRoad(lon, lat);
    if (road) {
      const landmark = this.landmarks.nearest(lon, lat, o.roadLandmarkRadiusM);
      const name = landmark ? `${road.name}（近${landmark.item.name}）` : road.name;
      if (road.distanceM < 10) return name;
      return `${name}${direction(this.projection, road.lon, road.lat, lon, lat)}侧约${roundTen(road.distanceM)}米`;
    }
    const landmark = this.landmarks.nearest(lon, lat, o.landmarkRadiusM);
    if (landmark) return `${landmark.item.name}${this.offset(landmark.item.lon, landmark.item.lat, lon, lat, landmark.distanceM, '处')}`;
    return '';
  }

  /** The road nearest to a WGS84 position within maxDistanceM (default: the road radius, 200 m). */
  nearestRoad(lon: number, lat: number, maxDistanceM = this.options.roadRadiusM): NearestRoad | undefined {
    if (!this.segIndex) return undefined;
    const px = this.projection.x(lon), py = this.projection.y(lat);
    let best: { x: number; y: number; d2: number } | undefined, bestRoad = -1;
    for (const s of this.segIndex.search(px - maxDistanceM, py - maxDistanceM, px + maxDistanceM, py + maxDistanceM)) {
      const c = closestOnSegment(px, py, this.seg[4 * s], this.seg[4 * s + 1], this.seg[4 * s + 2], this.seg[4 * s + 3]);
      if (!best || c.d2 < best.d2) {
        best = c;
        bestRoad = this.segRoad[s];
      }
    }
    if (!best || best.d2 > maxDistanceM * maxDistanceM) return undefined;
    return { name: this.roadNames[bestRoad], distanceM: Math.sqrt(best.d2), lon: this.projection.lon(best.x), lat: this.projection.lat(best.y) };
  }

  /** "北约80米" from a named place to the position, or `atPlace` when under 10 m. */
  private offset(fromLon: number, fromLat: number, lon: number, lat: number, distanceM: number, atPlace: string): string {
    if (distanceM < 10) return atPlace;
    return `${direction(this.projection, fromLon, fromLat, lon, lat)}约${roundTen(distanceM)}米`;
  }

  private findIntersections(): Intersection[] {
    if (!this.segIndex) return [];
    // first road (input order) carrying each name, so "A与B" follows the caller's order
    const rank = new Map<string, number>();
    this.roadNames.forEach((name, r) => { if (!rank.has(name)) rank.set(name, r); });
    const clusters = new Map<string, { roads: [string, string]; x: number; y: number; n: number }[]>();
    const add = (a: number, b: number, x: number, y: number) => {
      let first = this.roadNames[this.segRoad[a]], second = this.roadNames[this.segRoad[b]];
      if (rank.get(first)! > rank.get(second)!) [first, second] = [second, first];
      const key = `${first}\u0000${second}`;
      let list = clusters.get(key);
      if (!list) clusters.set(key, (list = []));
      const near = list.find((c) => Math.hypot(c.x / c.n - x, c.y / c.n - y) < MERGE_M);
      if (near) {
        near.x += x;
        near.y += y;
        near.n++;
      } else {
        list.push({ roads: [first, second], x, y, n: 1 });
      }
    };
    const seg = this.seg;
    for (let a = 0; a < this.segRoad.length; a++) {
      const [ax, ay, bx, by] = seg.subarray(4 * a, 4 * a + 4);
      const found = this.segIndex.search(Math.min(ax, bx) - SNAP_M, Math.min(ay, by) - SNAP_M, Math.max(ax, bx) + SNAP_M, Math.max(ay, by) + SNAP_M);
      for (const b of found) {
        if (b <= a || this.roadNames[this.segRoad[a]] === this.roadNames[this.segRoad[b]]) continue;
        const [cx, cy, dx, dy] = seg.subarray(4 * b, 4 * b + 4);
        const hit = segmentIntersection(ax, ay, bx, by, cx, cy, dx, dy)
          ?? this.snapEnd(a, cx, cy, dx, dy) ?? this.snapEnd(b, ax, ay, bx, by);
        if (hit) add(a, b, hit[0], hit[1]);
      }
    }
    return [...clusters.values()].flat().map((c) => ({
      roads: c.roads, lon: this.projection.lon(c.x / c.n), lat: this.projection.lat(c.y / c.n),
    }));
  }

  /** Where a line end of segment s lies within SNAP_M of segment CD (a T junction drawn short). */
  private snapEnd(s: number, cx: number, cy: number, dx: number, dy: number): [number, number] | undefined {
    const ends = this.segEnds[s];
    for (const k of [ends & 1 ? 0 : -1, ends & 2 ? 2 : -1]) {
      if (k < 0) continue;
      const c = closestOnSegment(this.seg[4 * s + k], this.seg[4 * s + k + 1], cx, cy, dx, dy);
      if (c.d2 <= SNAP_M * SNAP_M) return [c.x, c.y];
    }
    return undefined;
  }
}

/** One of 8 compass directions from a place to a position. */
function direction(p: LocalProjection, fromLon: number, fromLat: number, lon: number, lat: number): string {
  const bearing = Math.atan2(p.x(lon) - p.x(fromLon), p.y(lat) - p.y(fromLat)) * (180 / Math.PI);
  return DIRECTIONS[((Math.round(bearing / 45) % 8) + 8) % 8];
}

function roundTen(m: number): number {
  return Math.max(10, Math.round(m / 10) * 10);
}
