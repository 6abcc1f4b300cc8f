import assert from 'node:assert/strict';
import { test } from 'node:test';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { GridLocator, PointIndex, type GridShape } from '../../src/base/spatial/locator.ts';

const ring = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [ring(x0, y0, x1, y1)] });

// Four 0.01° cells in a row from (119.00, 34.00): A (hole filled by H), B (empty hole), C, and M (two parts).
const SHAPES: GridShape[] = [
  { code: 'A', geometry: { type: 'Polygon', coordinates: [ring(119.00, 34.00, 119.01, 34.01), ring(119.004, 34.004, 119.006, 34.006)] } },
  { code: 'H', geometry: square(119.004, 34.004, 119.006, 34.006) },
  { code: 'B', geometry: { type: 'Polygon', coordinates: [ring(119.01, 34.00, 119.02, 34.01), ring(119.014, 34.004, 119.016, 34.006)] } },
  { code: 'C', geometry: square(119.02, 34.00, 119.03, 34.01) },
  { code: 'M', geometry: { type: 'MultiPolygon', coordinates: [[ring(119.03, 34.00, 119.04, 34.005)], [ring(119.03, 34.008, 119.04, 34.01)]] } },
];

test('locates points inside grids, in holes filled by other grids, and in multipolygon parts', () => {
  const locator = new GridLocator(SHAPES);
  assert.equal(locator.size, 5);
  assert.equal(locator.locate(119.002, 34.002), 'A');
  assert.equal(locator.locate(119.005, 34.005), 'H');
  assert.equal(locator.locate(119.012, 34.008), 'B');
  assert.equal(locator.locate(119.025, 34.005), 'C');
  assert.equal(locator.locate(119.035, 34.002), 'M');
  assert.equal(locator.locate(119.035, 34.009), 'M');
});

test('holes, gaps between parts and the outside belong to no grid', () => {
  const locator = new GridLocator(SHAPES);
  assert.equal(locator.locate(119.015, 34.005), undefined); // B's empty hole
  assert.equal(locator.locate(119.035, 34.0065), undefined); // between M's parts
  assert.equal(locator.locate(118.999, 34.005), undefined);
  assert.equal(locator.locate(119.02, 34.02), undefined);
  assert.equal(new GridLocator([]).locate(119, 34), undefined);
});

test('boundaries belong to the grid; a shared edge goes to one neighbour, always the same', () => {
  const locator = new GridLocator(SHAPES);
  assert.equal(locator.locate(119.00, 34.005), 'A'); // outer west edge
  assert.equal(locator.locate(119.00, 34.00), 'A'); // corner
  assert.equal(locator.locate(119.005, 34.01), 'A'); // outer north edge
  assert.equal(locator.locate(119.015, 34.004), 'B'); // edge of B's empty hole
  assert.equal(locator.locate(119.04, 34.01), 'M'); // far corner of the last part
  const shared = locator.locate(119.01, 34.005);
  assert.ok(shared === 'A' || shared === 'B');
  for (let i = 0; i < 3; i++) assert.equal(locator.locate(119.01, 34.005), shared);
  const hole = locator.locate(119.004, 34.005); // A's hole edge = H's outer edge
  assert.ok(hole === 'A' || hole === 'H');
});

/** Deterministic pseudo-random numbers. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
}

test('agrees with a brute-force turf scan on 10,000 random points', () => {
  const rnd = random(12345);
  const cols = 30, rows = 25, d = 0.001, x0 = 119.1, y0 = 34.1;
  const corner: Position[][] = [];
  for (let r = 0; r <= rows; r++) {
    corner.push([]);
    for (let c = 0; c <= cols; c++) {
      const edge = r === 0 || c === 0 || r === rows || c === cols;
      corner[r].push([x0 + (c + (edge ? 0 : (rnd() - 0.5) * 0.5)) * d, y0 + (r + (edge ? 0 : (rnd() - 0.5) * 0.5)) * d]);
    }
  }
  const grids: GridShape[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const outer = [corner[r][c], corner[r][c + 1], corner[r + 1][c + 1], corner[r + 1][c], corner[r][c]];
      const code = `g${r}-${c}`;
      if ((r + c) % 7 === 0) {
        // a hole around the cell's middle, filled by its own small grid
        const [mx, my] = [(outer[0][0] + outer[2][0]) / 2, (outer[0][1] + outer[2][1]) / 2];
        const hole = ring(mx - 0.15 * d, my - 0.15 * d, mx + 0.15 * d, my + 0.15 * d);
        grids.push({ code, geometry: { type: 'Polygon', coordinates: [outer, hole.slice().reverse()] } });
        grids.push({ code: `${code}-inner`, geometry: { type: 'Polygon', coordinates: [hole] } });
      } else {
        grids.push({ code, geometry: { type: 'Polygon', coordinates: [outer] } });
      }
    }
  }
  const locator = new GridLocator(grids);
  let inside = 0;
  for (let i = 0; i < 10_000; i++) {
    // the extent plus a margin, so some points fall outside every grid
    const p: [number, number] = [x0 + (rnd() * 1.1 - 0.05) * cols * d, y0 + (rnd() * 1.1 - 0.05) * rows * d];
    const expected = grids.find((g) => booleanPointInPolygon(p, g.geometry))?.code;
    assert.equal(locator.locate(p[0], p[1]), expected, `point ${p}`);
    if (expected) inside++;
  }
  assert.ok(inside > 8000 && inside < 10_000, `inside ${inside}`);
});

test('PointIndex finds the nearest points in metres', () => {
  const places = [
    { name: 'a', lon: 119.0, lat: 34.0 },
    { name: 'b', lon: 119.001, lat: 34.0 }, // ≈ 92 m east of a
    { name: 'c', lon: 119.0, lat: 34.002 }, // ≈ 222 m north of a
  ];
  const index = new PointIndex(places);
  const near = index.nearest(119.0009, 34.0);
  assert.equal(near?.item.name, 'b');
  assert.ok(Math.abs(near!.distanceM - 9.2) < 0.5, `${near!.distanceM}`);
  assert.deepEqual(index.within(119.0, 34.0, 100).map((r) => r.item.name), ['a', 'b']);
  assert.deepEqual(index.within(119.0, 34.0, 300).map((r) => r.item.name), ['a', 'b', 'c']);
  const c = index.within(119.0, 34.0, 300)[2];
  assert.ok(Math.abs(c.distanceM - 222.4) < 1, `${c.distanceM}`);
  assert.equal(index.nearest(119.01, 34.01, 500), undefined);
  assert.equal(new PointIndex([]).nearest(119, 34), undefined);
});
