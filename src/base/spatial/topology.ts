// Topology check of unit grids (网格拓扑检查): grids must not overlap, must cover their community without
// gaps and must stay inside it. Pieces smaller than the tolerance are floating-point slivers, not faults.
import { area, difference, featureCollection, intersect, polygon, multiPolygon, union } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export interface CommunityArea {
  code: string;
  geometry: Polygon | MultiPolygon;
}

export interface GridArea {
  code: string;
  communityCode: string;
  geometry: Polygon | MultiPolygon;
}

export interface TopologyReport {
  /** pairs of grids sharing more than the tolerance */
  overlaps: { a: string; b: string; areaM2: number }[];
  /** communities whose area is not fully covered by their own grids */
  gaps: { communityCode: string; areaM2: number }[];
  /** grids reaching out of their community */
  outside: { gridCode: string; communityCode: string; outsideAreaM2: number }[];
  /** community codes that grids name but that are not among the communities given (no boundary to check against) */
  missingCommunity: string[];
}

export interface TopologyOptions {
  /** Pieces of overlap, gap or outside area up to this size are ignored (default 1 m²). */
  toleranceM2?: number;
}

type Area = Feature<Polygon | MultiPolygon>;

const M_PER_DEG = 111_195;

export function checkTopology(
  communities: readonly CommunityArea[],
  grids: readonly GridArea[],
  opts: TopologyOptions = {},
): TopologyReport {
  const tolerance = opts.toleranceM2 ?? 1;
  const features = grids.map((g) => asFeature(g.geometry));
  const boxes = features.map(boxOf);
  const report: TopologyReport = { overlaps: [], gaps: [], outside: [], missingCommunity: [] };

  if (grids.length > 0) {
    const index = new Flatbush(grids.length);
    for (const [minX, minY, maxX, maxY] of boxes) index.add(minX, minY, maxX, maxY);
    index.finish();
    for (let i = 0; i < grids.length; i++) {
      const [minX, minY, maxX, maxY] = boxes[i];
      for (const j of index.search(minX, minY, maxX, maxY)) {
        // neighbours whose boxes only touch (the usual case in a tiling) cannot overlap by more than the tolerance
        if (j <= i || boxOverlapM2(boxes[i], boxes[j]) <= tolerance) continue;
        const shared = intersect(featureCollection([features[i], features[j]]));
        const areaM2 = shared ? significantArea(shared, tolerance) : 0;
        if (areaM2 > 0) report.overlaps.push({ a: grids[i].code, b: grids[j].code, areaM2 });
      }
    }
  }

  const byCommunity = new Map<string, number[]>();
  grids.forEach((g, i) => {
    const list = byCommunity.get(g.communityCode);
    if (list) list.push(i);
    else byCommunity.set(g.communityCode, [i]);
  });
  const known = new Set(communities.map((c) => c.code));
  report.missingCommunity = [...byCommunity.keys()].filter((code) => !known.has(code)).sort();

  for (const community of communities) {
    const boundary = asFeature(community.geometry);
    const members = byCommunity.get(community.code) ?? [];
    for (const i of members) {
      const out = difference(featureCollection([features[i], boundary]));
      const outsideAreaM2 = out ? significantArea(out, tolerance) : 0;
      if (outsideAreaM2 > 0) report.outside.push({ gridCode: grids[i].code, communityCode: community.code, outsideAreaM2 });
    }
    const covered = members.length === 0 ? null
      : members.length === 1 ? features[members[0]]
      : union(featureCollection(members.map((i) => features[i])));
    const gap = covered ? difference(featureCollection([boundary, covered])) : boundary;
    const areaM2 = gap ? significantArea(gap, tolerance) : 0;
    if (areaM2 > 0) report.gaps.push({ communityCode: community.code, areaM2 });
  }
  return report;
}

function asFeature(geometry: Polygon | MultiPolygon): Area {
  return geometry.type === 'Polygon' ? polygon(geometry.coordinates) : multiPolygon(geometry.coordinates);
}

/** Area of the pieces larger than the tolerance. */
function significantArea(f: Area, tolerance: number): number {
  const pieces = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let total = 0;
  for (const rings of pieces) {
    const a = area(polygon(rings));
    if (a > tolerance) total += a;
  }
  return total;
}

function boxOf(f: Area): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const pieces = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const rings of pieces) {
    for (const [x, y] of rings[0]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Area of the intersection of two lon/lat boxes in m² (planar approximation, for skipping pairs). */
function boxOverlapM2(a: number[], b: number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const lat = (Math.max(a[1], b[1]) + Math.min(a[3], b[3])) / 2;
  return w * M_PER_DEG * Math.cos((lat * Math.PI) / 180) * h * M_PER_DEG;
}
