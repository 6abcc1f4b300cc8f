// The demo city's ground plan: a lattice of ~100 m cells (unit grids to be), main roads every 8 cells,
// a river (云河) meandering west→east through the middle, and the cells cut by it ("atoms": a cell minus
// the river, one piece per bank). Everything else is built from these atoms so that edges coincide exactly.
import type { Position } from 'geojson';
import { Rng } from './random.ts';
import { signedArea, type Ring } from './polygons.ts';

export const LON0 = 119.2;
export const LAT0 = 34.56;
export const DLON = 0.0011;   // ≈ 100.8 m at 34.6°N
export const DLAT = 0.0009;   // ≈ 99.9 m
export const NX = 104;        // 13 blocks of 8 cells
export const NY = 88;         // 11 blocks of 8 cells
export const BLOCK = 8;       // cells between two main roads (≈ 800 m)
export const M_PER_DEG_LON = 91_640;
export const M_PER_DEG_LAT = 110_950;
/** Cell rows the river may cross: between the main roads at rows 40 and 48. */
export const RIVER_ROWS: readonly [number, number] = [40, 47];
/** Components keep this far from the water's edge (m). */
const BANK_MARGIN_M = 3;

const r8 = (v: number) => Math.round(v * 1e8) / 1e8;
export const r7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Lattice line coordinates: xs[i] is the west edge of cell column i. */
export const XS: readonly number[] = Array.from({ length: NX + 1 }, (_, i) => r8(LON0 + i * DLON));
export const YS: readonly number[] = Array.from({ length: NY + 1 }, (_, j) => r8(LAT0 + j * DLAT));

// Blocks (8×8 cells) left out to give the city an irregular outline: [block column, block row].
const MISSING_BLOCKS = new Set(['0,0', '1,0', '0,1', '12,0', '12,1', '0,10', '11,10', '12,10', '12,9']);

export function blockInCity(bx: number, by: number): boolean {
  return bx >= 0 && by >= 0 && bx < NX / BLOCK && by < NY / BLOCK && !MISSING_BLOCKS.has(`${bx},${by}`);
}

export function cellInCity(i: number, j: number): boolean {
  return i >= 0 && j >= 0 && i < NX && j < NY && blockInCity(Math.floor(i / BLOCK), Math.floor(j / BLOCK));
}

export const isRiverRow = (j: number) => j >= RIVER_ROWS[0] && j <= RIVER_ROWS[1];

/** A river bank as a piecewise-linear function of longitude. */
export interface Bank { xs: number[]; ys: number[] }

function segmentIndex(b: Bank, x: number): number {
  let lo = 0;
  let hi = b.xs.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b.xs[mid] <= x) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function interpolate(b: Bank, k: number, x: number): number {
  return b.ys[k] + ((x - b.xs[k]) * (b.ys[k + 1] - b.ys[k])) / (b.xs[k + 1] - b.xs[k]);
}

export function bankAt(b: Bank, x: number): number {
  return interpolate(b, segmentIndex(b, x), x);
}

export interface River { north: Bank; south: Bank }

/** Meandering river: centre line swings up to ~220 m, width 70–115 m; only arithmetic, so fully repeatable. */
export function buildRiver(seed: number): River {
  const rng = new Rng(seed, 'river');
  const x0 = r8(LON0 - 0.004);
  const x1 = LON0 + NX * DLON + 0.004;
  const step = 0.00022;                     // ≈ 20 m between bank vertices
  const swingEvery = 0.0066;                // ≈ 600 m between meander extremes
  const widthEvery = 0.011;                 // ≈ 1 km between width changes
  const swings: number[] = [];
  let sign = rng.chance(0.5) ? 1 : -1;
  for (let k = 0; k * swingEvery <= x1 - x0 + swingEvery; k++) {
    swings.push(sign * rng.range(70, 220));
    if (rng.chance(0.8)) sign = -sign;
  }
  const widths: number[] = [];
  for (let k = 0; k * widthEvery <= x1 - x0 + widthEvery; k++) widths.push(rng.range(70, 115));
  const smooth = (values: number[], every: number, x: number) => {
    const t = (x - x0) / every;
    const k = Math.floor(t);
    const f = t - k;
    const s = f * f * (3 - 2 * f);
    return values[k] + (values[k + 1] - values[k]) * s;
  };
  const middle = (YS[RIVER_ROWS[0]] + YS[RIVER_ROWS[1] + 1]) / 2;
  const levels = YS.slice(RIVER_ROWS[0], RIVER_ROWS[1] + 2);
  // keep vertices off the lattice lines so no bank segment runs along a cell edge
  const offLattice = (y: number) => (levels.some((l) => Math.abs(l - y) < 2e-7) ? r8(y + 5e-7) : y);
  const north: Bank = { xs: [], ys: [] };
  const south: Bank = { xs: [], ys: [] };
  for (let x = x0, k = 0; x <= x1; k++, x = r8(x0 + k * step)) {
    const centre = middle + smooth(swings, swingEvery, x) / M_PER_DEG_LAT;
    const half = smooth(widths, widthEvery, x) / 2 / M_PER_DEG_LAT;
    north.xs.push(x);
    south.xs.push(x);
    north.ys.push(offLattice(r8(centre + half)));
    south.ys.push(offLattice(r8(centre - half)));
  }
  return { north, south };
}

/** The river as one polygon (north bank west→east, south bank back). */
export function riverRing(river: River): Ring {
  const ring: Position[] = [];
  for (let k = 0; k < river.north.xs.length; k++) ring.push([river.north.xs[k], river.north.ys[k]]);
  for (let k = river.south.xs.length - 1; k >= 0; k--) ring.push([river.south.xs[k], river.south.ys[k]]);
  ring.push(ring[0]);
  return signedArea(ring) > 0 ? ring : ring.reverse();
}

/** The bank's outline across one cell, clamped to the cell's rows: points west→east. */
function profile(b: Bank, x0: number, x1: number, y0: number, y1: number): Position[] {
  const clamp = (v: number) => (v < y0 ? y0 : v > y1 ? y1 : v);
  const pts: Position[] = [[x0, clamp(r8(bankAt(b, x0)))]];
  for (let k = segmentIndex(b, x0); k < b.xs.length - 1 && b.xs[k] < x1; k++) {
    const lo = Math.max(b.xs[k], x0);
    const hi = Math.min(b.xs[k + 1], x1);
    const crossings: Position[] = [];
    for (const level of [y0, y1]) {
      if ((b.ys[k] - level) * (b.ys[k + 1] - level) < 0) {
        const cx = r8(b.xs[k] + ((level - b.ys[k]) * (b.xs[k + 1] - b.xs[k])) / (b.ys[k + 1] - b.ys[k]));
        if (cx > lo && cx < hi) crossings.push([cx, level]);
      }
    }
    crossings.sort((p, q) => p[0] - q[0]);
    pts.push(...crossings);
    if (b.xs[k + 1] < x1) pts.push([b.xs[k + 1], clamp(b.ys[k + 1])]);
  }
  pts.push([x1, clamp(r8(bankAt(b, x1)))]);
  return dedupe(pts);
}

function dedupe(pts: Position[]): Position[] {
  return pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
}

/** Drops duplicate points and vertices in the middle of a straight horizontal or vertical run. */
function tidyRing(open: Position[]): Ring {
  let pts = dedupe(open);
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  let changed = true;
  while (changed && pts.length > 3) {
    changed = false;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[(i + pts.length - 1) % pts.length];
      const v = pts[i];
      const n = pts[(i + 1) % pts.length];
      if ((p[0] === v[0] && v[0] === n[0]) || (p[1] === v[1] && v[1] === n[1])) {
        pts = pts.filter((_, k) => k !== i);
        changed = true;
        break;
      }
    }
  }
  // start at the south-west-most vertex so equal pieces always print the same
  let start = 0;
  for (let i = 1; i < pts.length; i++) {
    if (pts[i][1] < pts[start][1] || (pts[i][1] === pts[start][1] && pts[i][0] < pts[start][0])) start = i;
  }
  const ring = [...pts.slice(start), ...pts.slice(0, start)];
  ring.push(ring[0]);
  return ring;
}

export type Side = 'N' | 'S';

/** A cell, or the piece of a cell on one side of the river. */
export interface Atom {
  id: number;
  i: number;
  j: number;
  side: Side;
  ring: Ring;
  /** longitude range of the piece (pieces of one cell on one bank never share one) */
  west: number;
  east: number;
  areaM2: number;
}

function planarAreaM2(ring: Ring): number {
  return Math.abs(signedArea(ring)) * M_PER_DEG_LON * M_PER_DEG_LAT;
}

/** Pieces of the cell on the north bank (above the north bank line). */
function piecesNorth(b: Bank, x0: number, x1: number, y0: number, y1: number): Ring[] {
  const pts = profile(b, x0, x1, y0, y1);
  const rings: Ring[] = [];
  let a = -1;
  for (let k = 0; k < pts.length - 1; k++) {
    const open = !(pts[k][1] === y1 && pts[k + 1][1] === y1);
    if (open && a < 0) a = k;
    const runEnds = a >= 0 && (!open || k === pts.length - 2);
    if (runEnds) {
      const b2 = open ? k + 1 : k;
      rings.push(tidyRing([...pts.slice(a, b2 + 1), [pts[b2][0], y1], [pts[a][0], y1]]));
      a = -1;
    }
  }
  return rings;
}

/** Pieces of the cell on the south bank (below the south bank line). */
function piecesSouth(b: Bank, x0: number, x1: number, y0: number, y1: number): Ring[] {
  const pts = profile(b, x0, x1, y0, y1);
  const rings: Ring[] = [];
  let a = -1;
  for (let k = 0; k < pts.length - 1; k++) {
    const open = !(pts[k][1] === y0 && pts[k + 1][1] === y0);
    if (open && a < 0) a = k;
    const runEnds = a >= 0 && (!open || k === pts.length - 2);
    if (runEnds) {
      const b2 = open ? k + 1 : k;
      rings.push(tidyRing([[pts[a][0], y0], [pts[b2][0], y0], ...pts.slice(a, b2 + 1).reverse()]));
      a = -1;
    }
  }
  return rings;
}

export interface Ground {
  river: River;
  atoms: Atom[];
  /** atom ids per cell (`i,j`) */
  byCell: Map<string, number[]>;
}

/** Every city cell minus the river. */
export function buildGround(seed: number): Ground {
  const river = buildRiver(seed);
  const atoms: Atom[] = [];
  const byCell = new Map<string, number[]>();
  const add = (i: number, j: number, side: Side, ring: Ring) => {
    const id = atoms.length;
    let west = Infinity, east = -Infinity;
    for (const [x] of ring) { if (x < west) west = x; if (x > east) east = x; }
    atoms.push({ id, i, j, side, ring, west, east, areaM2: planarAreaM2(ring) });
    const k = `${i},${j}`;
    const list = byCell.get(k);
    if (list) list.push(id); else byCell.set(k, [id]);
  };
  for (let j = 0; j < NY; j++) {
    for (let i = 0; i < NX; i++) {
      if (!cellInCity(i, j)) continue;
      const [x0, x1, y0, y1] = [XS[i], XS[i + 1], YS[j], YS[j + 1]];
      if (!isRiverRow(j)) {
        add(i, j, j > RIVER_ROWS[1] ? 'N' : 'S', [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]);
        continue;
      }
      for (const ring of piecesSouth(river.south, x0, x1, y0, y1)) add(i, j, 'S', ring);
      for (const ring of piecesNorth(river.north, x0, x1, y0, y1)) add(i, j, 'N', ring);
    }
  }
  return { river, atoms, byCell };
}

const EDGE_CLEARANCE_LON = 0.5 / M_PER_DEG_LON;
const EDGE_CLEARANCE_LAT = 0.5 / M_PER_DEG_LAT;

/** Moves a point that sits within 0.5 m of a cell edge to 0.5 m off it, so it falls clearly in one cell. */
export function clearOfEdges(lon: number, lat: number): [number, number] {
  const i = Math.round((lon - LON0) / DLON);
  const j = Math.round((lat - LAT0) / DLAT);
  const ex = LON0 + i * DLON;
  const ey = LAT0 + j * DLAT;
  if (Math.abs(lon - ex) < EDGE_CLEARANCE_LON) lon = ex + (lon >= ex ? 1 : -1) * EDGE_CLEARANCE_LON * 1.2;
  if (Math.abs(lat - ey) < EDGE_CLEARANCE_LAT) lat = ey + (lat >= ey ? 1 : -1) * EDGE_CLEARANCE_LAT * 1.2;
  return [lon, lat];
}

/** The atom a point lies in, or -1 outside the city, in the river or within BANK_MARGIN_M of the water. */
export function locateAtom(ground: Ground, lon: number, lat: number): number {
  let i = Math.floor((lon - LON0) / DLON);
  let j = Math.floor((lat - LAT0) / DLAT);
  if (i >= 0 && i < NX && lon < XS[i]) i--;
  if (i >= 0 && i < NX && lon >= XS[i + 1]) i++;
  if (j >= 0 && j < NY && lat < YS[j]) j--;
  if (j >= 0 && j < NY && lat >= YS[j + 1]) j++;
  if (!cellInCity(i, j)) return -1;
  if (lon - XS[i] < EDGE_CLEARANCE_LON || XS[i + 1] - lon < EDGE_CLEARANCE_LON) return -1;
  if (lat - YS[j] < EDGE_CLEARANCE_LAT || YS[j + 1] - lat < EDGE_CLEARANCE_LAT) return -1;
  const ids = ground.byCell.get(`${i},${j}`);
  if (!ids) return -1;
  if (!isRiverRow(j)) return ids[0];
  const margin = BANK_MARGIN_M / M_PER_DEG_LAT;
  let side: Side;
  if (lat > bankAt(ground.river.north, lon) + margin) side = 'N';
  else if (lat < bankAt(ground.river.south, lon) - margin) side = 'S';
  else return -1;
  for (const id of ids) {
    const a = ground.atoms[id];
    if (a.side === side && lon > a.west && lon < a.east) return id;
  }
  return -1;
}
