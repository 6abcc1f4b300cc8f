import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Polygon } from 'geojson';
import { checkTopology, type CommunityArea, type GridArea } from '../../src/base/spatial/topology.ts';

const LON0 = 119.2, LAT0 = 34.25, D = 0.001; // cells of about 92 m × 111 m

function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/**
 * Communities of `size`×`size` cells side by side, each tiled by its own grids; inner lattice corners jittered
 * (shared by the neighbouring grids) so cells are irregular quadrilaterals but still tile exactly.
 */
function city(communitiesX: number, communitiesY: number, size: number): { communities: CommunityArea[]; grids: GridArea[] } {
  let seed = 1;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const cols = communitiesX * size, rows = communitiesY * size;
  const corner: number[][][] = [];
  for (let r = 0; r <= rows; r++) {
    corner.push([]);
    for (let c = 0; c <= cols; c++) {
      const fixed = r % size === 0 || c % size === 0; // community borders stay straight
      corner[r].push([LON0 + (c + (fixed ? 0 : (rnd() - 0.5) * 0.4)) * D, LAT0 + (r + (fixed ? 0 : (rnd() - 0.5) * 0.4)) * D]);
    }
  }
  const communities: CommunityArea[] = [];
  const grids: GridArea[] = [];
  for (let cy = 0; cy < communitiesY; cy++) {
    for (let cx = 0; cx < communitiesX; cx++) {
      const code = `379902001${String(cy * communitiesX + cx + 1).padStart(3, '0')}`;
      communities.push({ code, geometry: rect(LON0 + cx * size * D, LAT0 + cy * size * D, LON0 + (cx + 1) * size * D, LAT0 + (cy + 1) * size * D) });
      let n = 0;
      for (let r = cy * size; r < (cy + 1) * size; r++) {
        for (let c = cx * size; c < (cx + 1) * size; c++) {
          const ring = [corner[r][c], corner[r][c + 1], corner[r + 1][c + 1], corner[r + 1][c], corner[r][c]];
          grids.push({ code: `${code}${String(++n).padStart(3, '0')}`, communityCode: code, geometry: { type: 'Polygon', coordinates: [ring] } });
        }
      }
    }
  }
  return { communities, grids };
}

const EMPTY = { overlaps: [], gaps: [], outside: [], missingCommunity: [] };

test('a clean tiling reports nothing', () => {
  const { communities, grids } = city(3, 2, 5);
  assert.deepEqual(checkTopology(communities, grids), EMPTY);
});

test('finds a planted overlap, a gap and a grid reaching outside its community', () => {
  const { communities, grids } = city(2, 1, 4);
  const byCode = new Map(grids.map((g) => [g.code, g]));
  // overlap: grid 001 of community 001 gets a triangular bump 30 % of a cell wide into its east neighbour 002
  const g1 = byCode.get('379902001001001')!;
  const [sw, se, ne, nw] = (g1.geometry as Polygon).coordinates[0];
  const bump = [(se[0] + ne[0]) / 2 + 0.3 * D, (se[1] + ne[1]) / 2];
  g1.geometry = { type: 'Polygon', coordinates: [[sw, se, bump, ne, nw, sw]] };
  // gap: grid 016 (the north-east corner) of community 001 is removed
  const withoutCorner = grids.filter((g) => g.code !== '379902001001016');
  // outside: the south-west grid of community 002 reaches half a cell south, out of the community
  const g2 = byCode.get('379902001002001')!;
  const [, se2, ne2, nw2] = (g2.geometry as Polygon).coordinates[0]; // south-west and north-west share x = LON0 + 4D
  const south = [[LON0 + 4 * D, LAT0 - 0.5 * D], [se2[0], LAT0 - 0.5 * D]];
  g2.geometry = { type: 'Polygon', coordinates: [[south[0], south[1], se2, ne2, nw2, south[0]]] };

  const report = checkTopology(communities, withoutCorner);
  assert.equal(report.overlaps.length, 1);
  assert.deepEqual([report.overlaps[0].a, report.overlaps[0].b].sort(), ['379902001001001', '379902001001002']);
  assert.ok(report.overlaps[0].areaM2 > 1000 && report.overlaps[0].areaM2 < 3000, `overlap ${report.overlaps[0].areaM2}`);

  assert.equal(report.gaps.length, 1);
  assert.equal(report.gaps[0].communityCode, '379902001001');
  assert.ok(report.gaps[0].areaM2 > 5000 && report.gaps[0].areaM2 < 15000, `gap ${report.gaps[0].areaM2}`);

  assert.equal(report.outside.length, 1);
  assert.equal(report.outside[0].gridCode, '379902001002001');
  assert.equal(report.outside[0].communityCode, '379902001002');
  const half = 0.5 * D * 111_195 * D * 111_195 * Math.cos((LAT0 * Math.PI) / 180);
  assert.ok(Math.abs(report.outside[0].outsideAreaM2 - half) / half < 0.01, `outside ${report.outside[0].outsideAreaM2} vs ${half}`);
  assert.deepEqual(report.missingCommunity, []);
});

test('floating-point slivers under the tolerance are not faults; the tolerance is an option', () => {
  const { communities, grids } = city(1, 1, 3);
  // shift one shared corner of grid 001 by 1e-9° (≈ 0.1 mm): slivers of far less than 1 m²
  const g = grids[0];
  const ring = (g.geometry as Polygon).coordinates[0];
  ring[2] = [ring[2][0] + 1e-9, ring[2][1] + 1e-9];
  assert.deepEqual(checkTopology(communities, grids), EMPTY);
  // a 1 m shift makes overlaps of tens of m²: found with the default, ignored with a large tolerance
  ring[2] = [ring[2][0] + 1e-5, ring[2][1] + 1e-5];
  assert.ok(checkTopology(communities, grids).overlaps.length > 0);
  assert.deepEqual(checkTopology(communities, grids, { toleranceM2: 500 }).overlaps, []);
});

test('grids of a community that is not given are listed by community code', () => {
  const { communities, grids } = city(2, 1, 2);
  const report = checkTopology(communities.slice(0, 1), grids);
  assert.deepEqual(report.missingCommunity, ['379902001002']);
  assert.deepEqual(report.overlaps, []);
  assert.deepEqual(report.outside, []);
});

test('a community without grids is one gap of its whole area', () => {
  const { communities } = city(1, 1, 2);
  const report = checkTopology(communities, []);
  assert.equal(report.gaps.length, 1);
  assert.ok(Math.abs(report.gaps[0].areaM2 - 4 * D * D * 111_195 ** 2 * Math.cos((LAT0 * Math.PI) / 180)) < 200);
});

test('checks 3,000+ irregular grids in a few seconds', () => {
  const { communities, grids } = city(6, 6, 10); // 36 communities × 100 grids = 3,600
  const t0 = performance.now();
  const report = checkTopology(communities, grids);
  const seconds = (performance.now() - t0) / 1000;
  assert.deepEqual(report, EMPTY);
  assert.ok(seconds < 10, `took ${seconds.toFixed(1)} s`);
  console.log(`checkTopology: ${grids.length} grids in ${seconds.toFixed(2)} s`);
});
