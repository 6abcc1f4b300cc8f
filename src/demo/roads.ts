// Street network and map areas of the demo city. Roads run along lattice lines (so they are grid
// boundaries): main roads every 8 cells, secondary roads half-way, branch roads between; the river
// has a road on each bank, parks sit in quarter-blocks bounded by main and secondary roads.
import type { LineString, Polygon, Position } from 'geojson';
import { bankAt, BLOCK, cellInCity, isRiverRow, M_PER_DEG_LAT, M_PER_DEG_LON, NX, NY, r7, RIVER_ROWS, riverRing, XS, YS, type River } from './layout.ts';
import { BRANCH_SUFFIXES, MAIN_EW, MAIN_NS, PLACE_WORDS, RIVERSIDE, SECONDARY_EW, SECONDARY_NS } from './names.ts';
import { lineBbox } from './polygons.ts';
import { Rng } from './random.ts';

export type RoadClass = '主干路' | '次干路' | '支路';

export interface Road {
  name: string;
  class: RoadClass;
  coordinates: Position[];
  /** lattice roads: 'ns' along column `line` over rows from…to; 'ew' along row `line` over columns; riverside roads: none */
  axis?: 'ns' | 'ew';
  line?: number;
  from?: number;
  to?: number;
}

export interface Crossing { lon: number; lat: number; classes: [RoadClass, RoadClass]; names: [string, string] }
export interface Bridge { name: string; road: string; lon: number; north: number; south: number }
export interface MapArea { name: string; kind: 'water' | 'park' | 'square'; geometry: Polygon }
/** A park or square, in cell coordinates (columns i0…i1, rows j0…j1), or a strip along the north bank. */
export interface OpenSpace { name: string; kind: 'park' | 'square'; cells?: [number, number, number, number]; bankStrip?: [number, number] }

export const OPEN_SPACES: readonly OpenSpace[] = [
  { name: '人民公园', kind: 'park', cells: [24, 64, 28, 68] },
  { name: '云河公园', kind: 'park', cells: [60, 52, 64, 56] },
  { name: '新城公园', kind: 'park', cells: [16, 20, 20, 24] },
  { name: '海滨公园', kind: 'park', cells: [84, 12, 88, 16] },
  { name: '滨河公园', kind: 'park', bankStrip: [36, 48] },
  { name: '市民广场', kind: 'square', cells: [44, 60, 48, 64] },
];
const PARK_INSET_M = 12;
const BANK_STRIP_M: [number, number] = [4, 24];
const RIVERSIDE_OFFSET_M = 30;

function classOf(k: number): RoadClass | undefined {
  if (k % BLOCK === 0) return '主干路';
  if (k % BLOCK === BLOCK / 2) return '次干路';
  if (k % 2 === 0) return '支路';
  return undefined;
}

/** Runs of a lattice line that border at least one city cell. */
function runs(n: number, present: (k: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let k = 0; k <= n; k++) {
    const on = k < n && present(k);
    if (on && start < 0) start = k;
    if (!on && start >= 0) { out.push([start, k]); start = -1; }
  }
  return out;
}

function inOpenSpace(axis: 'ns' | 'ew', line: number, from: number, to: number): boolean {
  return OPEN_SPACES.some(({ cells }) => {
    if (!cells) return false;
    const [i0, j0, i1, j1] = cells;
    return axis === 'ns' ? line > i0 && line < i1 && from < j1 && to > j0 : line > j0 && line < j1 && from < i1 && to > i0;
  });
}

function openSpacePolygon(space: OpenSpace, river: River): Polygon {
  const insetLon = PARK_INSET_M / M_PER_DEG_LON;
  const insetLat = PARK_INSET_M / M_PER_DEG_LAT;
  if (space.cells) {
    const [i0, j0, i1, j1] = space.cells;
    const [x0, y0, x1, y1] = [r7(XS[i0] + insetLon), r7(YS[j0] + insetLat), r7(XS[i1] - insetLon), r7(YS[j1] - insetLat)];
    return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  }
  const [i0, i1] = space.bankStrip!;
  const xs: number[] = [];
  for (let x = XS[i0]; x <= XS[i1] + 1e-9; x += 0.00022) xs.push(x);
  const lower = xs.map((x): Position => [r7(x), r7(bankAt(river.north, x) + BANK_STRIP_M[0] / M_PER_DEG_LAT)]);
  const upper = xs.map((x): Position => [r7(x), r7(bankAt(river.north, x) + BANK_STRIP_M[1] / M_PER_DEG_LAT)]).reverse();
  return { type: 'Polygon', coordinates: [[...lower, ...upper, lower[0]]] };
}

export interface Network {
  roads: Road[];
  crossings: Crossing[];
  bridges: Bridge[];
  areas: MapArea[];
}

export function buildNetwork(river: River, seed: number): Network {
  const rng = new Rng(seed, 'roads');
  const roads: Road[] = [];
  const names = new Set<string>();
  const named = (name: string) => {
    if (names.has(name)) throw new Error(`duplicate road name ${name}`);
    names.add(name);
    return name;
  };
  const branchNames = rng.shuffle(PLACE_WORDS.flatMap((w) => BRANCH_SUFFIXES.map((s) => w + s)));
  let nextBranch = 0;
  const branchName = () => {
    while (names.has(branchNames[nextBranch])) nextBranch++;
    return named(branchNames[nextBranch++]);
  };
  const add = (name: string, cls: RoadClass, axis: 'ns' | 'ew', line: number, from: number, to: number) => {
    const coordinates: Position[] = axis === 'ns' ? [[XS[line], YS[from]], [XS[line], YS[to]]] : [[XS[from], YS[line]], [XS[to], YS[line]]];
    roads.push({ name, class: cls, coordinates, axis, line, from, to });
  };

  let secondaryEw = 0;
  for (const axis of ['ns', 'ew'] as const) {
    const lines = axis === 'ns' ? NX : NY;
    const along = axis === 'ns' ? NY : NX;
    for (let line = 0; line <= lines; line++) {
      const cls = classOf(line);
      if (!cls) continue;
      // the lattice rows inside the river strip carry no east–west road (the riverside roads replace them)
      if (axis === 'ew' && line > RIVER_ROWS[0] && line <= RIVER_ROWS[1]) continue;
      const present = (k: number) => (axis === 'ns' ? cellInCity(line - 1, k) || cellInCity(line, k) : cellInCity(k, line - 1) || cellInCity(k, line));
      if (cls !== '支路') {
        const found = runs(along, present);
        if (found.length !== 1) throw new Error(`road line ${axis}${line} is not one piece`);
        const [from, to] = found[0];
        const index = line / BLOCK;
        const name = cls === '主干路'
          ? (axis === 'ns' ? MAIN_NS : MAIN_EW)[index]
          : axis === 'ns' ? SECONDARY_NS[Math.floor(index)] : SECONDARY_EW[secondaryEw++];
        add(named(name), cls, axis, line, from, to);
        continue;
      }
      // branch roads: one per block side, some blocks without
      for (let from = 0; from < along; from += BLOCK) {
        const to = from + BLOCK;
        if (!present(from) || !present(to - 1)) continue;
        if (axis === 'ns' && isRiverRow(from)) continue;
        if (inOpenSpace(axis, line, from, to) || rng.chance(0.35)) continue;
        add(branchName(), cls, axis, line, from, to);
      }
    }
  }
  // riverside roads along both banks, 30 m from the water
  for (const side of ['north', 'south'] as const) {
    const bank = river[side];
    const offset = (side === 'north' ? 1 : -1) * RIVERSIDE_OFFSET_M / M_PER_DEG_LAT;
    const coordinates: Position[] = [];
    for (let k = 0; k < bank.xs.length; k++) {
      if (bank.xs[k] >= XS[0] && bank.xs[k] <= XS[NX]) coordinates.push([bank.xs[k], r7(bank.ys[k] + offset)]);
    }
    roads.push({ name: named(RIVERSIDE[side]), class: '次干路', coordinates });
  }

  const crossings: Crossing[] = [];
  const ns = roads.filter((r) => r.axis === 'ns');
  const ew = roads.filter((r) => r.axis === 'ew');
  for (const a of ns) {
    for (const b of ew) {
      if (b.line! >= a.from! && b.line! <= a.to! && a.line! >= b.from! && a.line! <= b.to!) {
        crossings.push({ lon: XS[a.line!], lat: YS[b.line!], classes: [a.class, b.class], names: [a.name, b.name] });
      }
    }
  }
  const bridges: Bridge[] = ns
    .filter((r) => r.class !== '支路' && r.from! <= RIVER_ROWS[0] && r.to! > RIVER_ROWS[1])
    .map((r) => {
      const lon = XS[r.line!];
      return {
        name: r.class === '主干路' ? `${r.name}云河大桥` : `${r.name}桥`,
        road: r.name, lon, north: bankAt(river.north, lon), south: bankAt(river.south, lon),
      };
    });
  const areas: MapArea[] = [
    { name: '云河', kind: 'water', geometry: { type: 'Polygon', coordinates: [riverRing(river)] } },
    ...OPEN_SPACES.map((s) => ({ name: s.name, kind: s.kind, geometry: openSpacePolygon(s, river) })),
  ];
  return { roads, crossings, bridges, areas };
}

export function roadRows(network: Network) {
  return network.roads.map((r) => {
    const geometry: LineString = { type: 'LineString', coordinates: r.coordinates };
    return { name: r.name, class: r.class, geometry, bbox: lineBbox(r.coordinates) };
  });
}

/** Nearest lattice road to a point and the distance along it from its west or south end (m). */
export function nearestRoad(network: Network, lon: number, lat: number): { road: Road; along: number; left: boolean } | undefined {
  let best: { road: Road; along: number; left: boolean; d: number } | undefined;
  for (const road of network.roads) {
    if (!road.axis) continue;
    const [a, b] = road.coordinates;
    let d: number, along: number, left: boolean;
    if (road.axis === 'ns') {
      if (lat < a[1] || lat > b[1]) continue;
      d = Math.abs(lon - a[0]) * M_PER_DEG_LON;
      along = (lat - a[1]) * M_PER_DEG_LAT;
      left = lon < a[0];
    } else {
      if (lon < a[0] || lon > b[0]) continue;
      d = Math.abs(lat - a[1]) * M_PER_DEG_LAT;
      along = (lon - a[0]) * M_PER_DEG_LON;
      left = lat > a[1];
    }
    if (!best || d < best.d) best = { road, along, left, d };
  }
  return best;
}
