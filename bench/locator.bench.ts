// Point → unit grid lookups: GridLocator (Flatbush + turf) against a linear turf scan (booleanPointInPolygon
// over every grid) on 3,000+ irregular grids of about 100 m and the same random points.
// Run: node --import tsx bench/locator.bench.ts
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import { GridLocator, type GridShape } from '../src/base/spatial/locator.ts';

const COLS = 60, ROWS = 55;
const LON0 = 119.2, LAT0 = 34.25;
const DLON = 0.00108, DLAT = 0.0009; // ≈ 100 m × 100 m at 34°N

/** Deterministic pseudo-random numbers (mulberry32) so runs are comparable. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A gap-free tiling: lattice corners jittered by up to 20 % of a cell, a jittered midpoint on every
 * horizontal edge (shared by both neighbours, so cells have 6 positions), every 9th cell split in two.
 */
function buildGrids(): GridShape[] {
  const rnd = random(42);
  const jitter = () => (rnd() - 0.5) * 0.4;
  const corner: [number, number][][] = [];
  for (let r = 0; r <= ROWS; r++) {
    corner.push([]);
    for (let c = 0; c <= COLS; c++) {
      const edge = r === 0 || c === 0 || r === ROWS || c === COLS;
      corner[r].push([LON0 + (c + (edge ? 0 : jitter())) * DLON, LAT0 + (r + (edge ? 0 : jitter())) * DLAT]);
    }
  }
  const mid: [number, number][][] = corner.map((row, r) => row.slice(0, COLS).map((p, c) => {
    const q = row[c + 1];
    const dy = r === 0 || r === ROWS ? 0 : jitter() * DLAT;
    return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2 + dy];
  }));
  const grids: GridShape[] = [];
  let n = 0;
  const add = (ring: [number, number][]) => {
    n++;
    grids.push({ code: `379902${String(1 + Math.floor(n / 1000)).padStart(3, '0')}${String(n % 1000).padStart(6, '0')}`, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } });
  };
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const sw = corner[r][c], se = corner[r][c + 1], ne = corner[r + 1][c + 1], nw = corner[r + 1][c];
      const s = mid[r][c], north = mid[r + 1][c];
      if ((r * COLS + c) % 9 === 0) {
        add([sw, s, north, nw]);
        add([s, se, ne, north]);
      } else {
        add([sw, s, se, ne, north, nw]);
      }
    }
  }
  return grids;
}

const grids = buildGrids();
const rnd = random(7);
const points = Array.from({ length: 200_000 }, () => [LON0 + rnd() * COLS * DLON, LAT0 + rnd() * ROWS * DLAT] as const);

function rate(label: string, lookups: number, run: (i: number) => string | undefined): { perSecond: number; results: (string | undefined)[] } {
  const results: (string | undefined)[] = [];
  const t0 = performance.now();
  for (let i = 0; i < lookups; i++) results.push(run(i % points.length));
  const seconds = (performance.now() - t0) / 1000;
  const perSecond = lookups / seconds;
  console.log(`${label.padEnd(34)} ${String(lookups).padStart(9)} lookups in ${seconds.toFixed(2)} s = ${Math.round(perSecond).toLocaleString('en')} lookups/s`);
  return { perSecond, results };
}

/** The same tiling with every edge cut into 4 (straight, so shared edges still match): ~4× the positions. */
function densify(shapes: GridShape[]): GridShape[] {
  return shapes.map((g) => {
    const ring = (g.geometry as Polygon).coordinates[0];
    const dense: number[][] = [];
    for (let i = 0; i < ring.length - 1; i++) {
      for (let k = 0; k < 4; k++) dense.push([ring[i][0] + ((ring[i + 1][0] - ring[i][0]) * k) / 4, ring[i][1] + ((ring[i + 1][1] - ring[i][1]) * k) / 4]);
    }
    return { code: g.code, geometry: { type: 'Polygon', coordinates: [[...dense, dense[0]]] } };
  });
}

for (const [label, shapes] of [['', grids], [' (dense: ×4 positions)', densify(grids)]] as const) {
  const t = performance.now();
  const locator = new GridLocator(shapes);
  const positions = shapes.reduce((n, g) => n + (g.geometry as Polygon).coordinates[0].length, 0);
  console.log(`\n${shapes.length} grids${label}, ${(positions / shapes.length).toFixed(1)} positions each; GridLocator built in ${(performance.now() - t).toFixed(0)} ms`);
  rate('GridLocator (warm-up)', 200_000, (i) => locator.locate(points[i][0], points[i][1]));
  const fast = rate('GridLocator', 2_000_000, (i) => locator.locate(points[i][0], points[i][1]));
  const linear = rate('linear turf scan', 2_000, (i) => shapes.find((g) => booleanPointInPolygon(points[i] as [number, number], g.geometry))?.code);
  const differ = linear.results.filter((code, i) => code !== fast.results[i]).length;
  console.log(`answers differing from the linear scan: ${differ} of ${linear.results.length}`);
  console.log(`GridLocator / linear turf scan: ×${(fast.perSecond / linear.perSecond).toFixed(0)}`);
}
