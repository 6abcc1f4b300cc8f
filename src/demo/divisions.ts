// Districts → streets → communities → unit grids, all cut from the ground atoms. Districts follow the
// river and one north–south main road; streets and communities are found by splitting along road lines;
// slivers the river leaves are merged into their neighbour; every polygon is the exact union of atoms.
import { area } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { gridCode } from '../base/codes.ts';
import type { Atom, Ground, Side } from './layout.ts';
import { BLOCK, isRiverRow } from './layout.ts';
import { CITY_CODE, CITY_NAME, DISTRICTS, type DistrictDef } from './names.ts';
import { bboxOf, unionRings, type Ring } from './polygons.ts';
import { Rng } from './random.ts';

/** Cells per tile: streets and communities are made of 4×4-cell tiles bounded by main or secondary roads. */
const TILE = 4;
/** Pieces of a cell smaller than this are merged into a neighbouring grid (m²). */
const SLIVER_M2 = 3500;
const WEST_EAST_SPLIT = 7 * BLOCK; // the district line runs along the main road at column 56
const STREETS_PER_DISTRICT = 5;
const COMMUNITIES_PER_STREET = 4;

export interface DivisionRow {
  code: string;
  name: string;
  level: 'city' | 'district' | 'street' | 'community';
  parent_code: string | null;
  geometry: Polygon | MultiPolygon;
  bbox: number[];
  area_m2: number;
}

export interface GridRow {
  code: string;
  name: string;
  community_code: string;
  geometry: Polygon | MultiPolygon;
  bbox: number[];
  area_m2: number;
  start_date: string;
}

export interface Partition {
  divisions: DivisionRow[];
  grids: GridRow[];
  /** grid code per atom id */
  atomGrid: string[];
  /** representative cell of each grid (its largest piece) */
  gridCell: Map<string, { i: number; j: number; side: Side }>;
}

/** Partition units: a 4×4 tile, or for the river rows the piece of a 4-cell-wide strip on one bank joined to the tile beside it. */
interface Unit { tx: number; ty: number; atoms: number[]; weight: number }

function unitKey(a: Atom): { tx: number; ty: number } {
  const tx = Math.floor(a.i / TILE);
  if (isRiverRow(a.j)) return { tx, ty: a.side === 'N' ? 12 : 9 };
  return { tx, ty: Math.floor(a.j / TILE) };
}

function elongation(units: Unit[]): number {
  const w = Math.max(...units.map((u) => u.tx)) - Math.min(...units.map((u) => u.tx)) + 1;
  const h = Math.max(...units.map((u) => u.ty)) - Math.min(...units.map((u) => u.ty)) + 1;
  return Math.max(w, h) / Math.min(w, h);
}

/** Splits units into `parts` groups by cuts along tile lines, each group about the same size. */
function bisect(units: Unit[], parts: number, rng: Rng): Unit[][] {
  if (parts === 1) return [units];
  const leftParts = Math.floor(parts / 2);
  const target = leftParts / parts;
  const total = units.reduce((s, u) => s + u.weight, 0);
  const span = (f: (u: Unit) => number) => Math.max(...units.map(f)) - Math.min(...units.map(f)) + 1;
  const spanX = span((u) => u.tx);
  const spanY = span((u) => u.ty);
  let best: { score: number; first: Unit[]; second: Unit[] } | undefined;
  for (const axis of ['x', 'y'] as const) {
    const coord = axis === 'x' ? (u: Unit) => u.tx : (u: Unit) => -u.ty; // y cuts put the northern part first
    const values = [...new Set(units.map(coord))].sort((a, b) => a - b);
    const longer = axis === 'x' ? spanX >= spanY : spanY >= spanX;
    for (let k = 1; k < values.length; k++) {
      const first = units.filter((u) => coord(u) < values[k]);
      const second = units.filter((u) => coord(u) >= values[k]);
      const w = first.reduce((s, u) => s + u.weight, 0) / total;
      // balanced parts first, then compact ones (long thin strips make poor streets)
      const score = Math.abs(w - target) + 0.03 * (Math.max(elongation(first), elongation(second)) - 1)
        + (longer ? 0 : 0.02) + rng.next() * 0.01;
      if (!best || score < best.score) best = { score, first, second };
    }
  }
  if (!best) throw new Error('cannot split a single tile further');
  return [...bisect(best.first, leftParts, rng), ...bisect(best.second, parts - leftParts, rng)];
}

function geometryRow(atoms: readonly Atom[], ids: readonly number[]) {
  const geometry = unionRings(ids.map((id) => atoms[id].ring));
  return { geometry, bbox: bboxOf(geometry), area_m2: Math.round(area(geometry) * 100) / 100 };
}

function requirePolygon(what: string, g: Polygon | MultiPolygon): void {
  if (g.type !== 'Polygon') throw new Error(`demo city: ${what} is not one piece`);
}

/** Shared edge length (degrees, only used to compare) between two atoms. */
function sharedEdge(a: Ring, b: Ring): number {
  const edges = new Set<string>();
  for (let k = 0; k + 1 < b.length; k++) edges.add(`${b[k + 1][0]},${b[k + 1][1]}|${b[k][0]},${b[k][1]}`);
  let len = 0;
  for (let k = 0; k + 1 < a.length; k++) {
    if (edges.has(`${a[k][0]},${a[k][1]}|${a[k + 1][0]},${a[k + 1][1]}`)) {
      len += Math.hypot(a[k + 1][0] - a[k][0], a[k + 1][1] - a[k][1]);
    }
  }
  return len;
}

export function partitionCity(ground: Ground, seed: number): Partition {
  const rng = new Rng(seed, 'divisions');
  const { atoms } = ground;
  const divisions: DivisionRow[] = [];
  const communityOf: string[] = new Array(atoms.length);
  const communityNames = new Map<string, string>();
  const all = atoms.map((a) => a.id);
  divisions.push({ code: CITY_CODE, name: CITY_NAME, level: 'city', parent_code: null, ...geometryRow(atoms, all) });

  for (const d of DISTRICTS) {
    const inDistrict = (a: Atom) => a.side === d.side && (a.i < WEST_EAST_SPLIT) === d.west;
    const units = new Map<string, Unit>();
    const districtAtoms: number[] = [];
    for (const a of atoms) {
      if (!inDistrict(a)) continue;
      districtAtoms.push(a.id);
      const { tx, ty } = unitKey(a);
      const k = `${tx},${ty}`;
      let u = units.get(k);
      if (!u) { u = { tx, ty, atoms: [], weight: 0 }; units.set(k, u); }
      u.atoms.push(a.id);
      u.weight += a.areaM2;
    }
    const dg = geometryRow(atoms, districtAtoms);
    requirePolygon(d.name, dg.geometry);
    divisions.push({ code: d.code, name: d.name, level: 'district', parent_code: CITY_CODE, ...dg });
    const streets = bisect([...units.values()], STREETS_PER_DISTRICT, rng);
    streets.forEach((streetUnits, s) => {
      const streetCode = d.code + String(s + 1).padStart(3, '0');
      const sg = geometryRow(atoms, streetUnits.flatMap((u) => u.atoms));
      requirePolygon(d.streets[s], sg.geometry);
      divisions.push({ code: streetCode, name: d.streets[s], level: 'street', parent_code: d.code, ...sg });
      bisect(streetUnits, COMMUNITIES_PER_STREET, rng).forEach((communityUnits, c) => {
        const code = streetCode + String(c + 1).padStart(3, '0');
        const name = d.communities[s * COMMUNITIES_PER_STREET + c];
        const ids = communityUnits.flatMap((u) => u.atoms);
        for (const id of ids) communityOf[id] = code;
        communityNames.set(code, name);
        const cg = geometryRow(atoms, ids);
        requirePolygon(name, cg.geometry);
        divisions.push({ code, name, level: 'community', parent_code: streetCode, ...cg });
      });
    });
  }
  return { divisions, ...buildGrids(ground, communityOf, communityNames) };
}

function buildGrids(ground: Ground, communityOf: string[], communityNames: Map<string, string>) {
  const { atoms, byCell } = ground;
  // union-find: slivers join the neighbour in the same community they share most edge with
  const parent = atoms.map((a) => a.id);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const a of atoms) {
    if (a.areaM2 >= SLIVER_M2) continue;
    let best = -1;
    let bestLen = 0;
    for (const [di, dj] of [[0, 1], [0, -1], [1, 0], [-1, 0]]) {
      for (const id of byCell.get(`${a.i + di},${a.j + dj}`) ?? []) {
        if (communityOf[id] !== communityOf[a.id]) continue;
        const len = sharedEdge(a.ring, atoms[id].ring);
        if (len > bestLen) { bestLen = len; best = id; }
      }
    }
    if (best >= 0) parent[find(a.id)] = find(best);
  }
  const groups = new Map<number, number[]>();
  for (const a of atoms) {
    const root = find(a.id);
    const list = groups.get(root);
    if (list) list.push(a.id); else groups.set(root, [a.id]);
  }
  // number grids in each community west→east, north→south by their largest piece
  const byCommunity = new Map<string, { ids: number[]; main: Atom }[]>();
  for (const ids of groups.values()) {
    const main = ids.map((id) => atoms[id]).reduce((m, a) => (a.areaM2 > m.areaM2 ? a : m));
    const code = communityOf[main.id];
    const list = byCommunity.get(code);
    if (list) list.push({ ids, main }); else byCommunity.set(code, [{ ids, main }]);
  }
  const grids: GridRow[] = [];
  const atomGrid: string[] = new Array(atoms.length);
  const gridCell = new Map<string, { i: number; j: number; side: Side }>();
  for (const community of [...byCommunity.keys()].sort()) {
    const list = byCommunity.get(community)!;
    list.sort((p, q) => q.main.j - p.main.j || p.main.i - q.main.i || p.main.west - q.main.west);
    list.forEach(({ ids, main }, k) => {
      const code = gridCode(community, k + 1);
      const g = geometryRow(atoms, ids);
      requirePolygon(`grid ${code}`, g.geometry);
      grids.push({
        code, name: `${communityNames.get(community)}${String(k + 1).padStart(2, '0')}网格`, community_code: community,
        ...g, start_date: '2024-01-01',
      });
      for (const id of ids) atomGrid[id] = code;
      gridCell.set(code, { i: main.i, j: main.j, side: main.side });
    });
  }
  return { grids, atomGrid, gridCell };
}

export function districtOf(code: string): DistrictDef {
  const d = DISTRICTS.find((x) => code.startsWith(x.code));
  if (!d) throw new Error(`not in the demo city: ${code}`);
  return d;
}
