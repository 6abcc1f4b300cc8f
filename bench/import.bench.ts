// Import throughput: a CSV of 100,000 components over 3,600 synthetic unit grids, through the same code path as
// POST /api/import/components and `cityops import` (parse, per-row checks and grid location, one transaction).
// Run: node --import tsx bench/import.bench.ts [rows]
import { stringify } from 'csv-stringify/sync';
import { SYSTEM_ACTOR } from '../src/admin/actor.ts';
import { makeCreditCode } from '../src/base/codes.ts';
import type { ImportPhase } from '../src/base/import/importer.ts';
import { runImport } from '../src/base/import/run.ts';
import { bulkInsert } from '../src/platform/bulk.ts';
import { EventBus } from '../src/platform/events.ts';
import { openTestDb } from '../test/helpers/db.ts';

const ROWS = Number(process.argv[2] ?? 100_000);
const SIDE = 60;            // 60 × 60 grids …
const CELL = 0.0005;        // … of about 46 m × 55 m
const BLOCK = 10;           // 10 × 10 grids per community, 6 communities per street
const LON0 = 119.0, LAT0 = 34.0;
const TYPES = ['01001', '01002', '01003', '01004', '01010', '02001', '02010', '03001', '04001', '05002'];

const square = (lon: number, lat: number, w: number, h = w) => ({
  type: 'Polygon', coordinates: [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]],
});
const box = (lon: number, lat: number, w: number, h = w) => [lon, lat, lon + w, lat + h];

async function seedGrids(db: Awaited<ReturnType<typeof openTestDb>>['db']): Promise<void> {
  const extent = SIDE * CELL;
  const division = (code: string, level: string, parent: string | null, lon: number, lat: number, w: number, h: number) =>
    ({ code, name: `区划${code}`, level, parent_code: parent, geometry: square(lon, lat, w, h), bbox: box(lon, lat, w, h), area_m2: 1 });
  await bulkInsert(db, 'divisions', [division('379900', 'city', null, LON0 - 0.01, LAT0 - 0.01, extent + 0.02, extent + 0.02)]);
  await bulkInsert(db, 'divisions', [division('379902', 'district', '379900', LON0, LAT0, extent, extent)]);
  const blocks = SIDE / BLOCK;
  const streets = [], communities = [], grids = [];
  for (let sy = 0; sy < blocks; sy++) {
    const street = `379902${String(sy + 1).padStart(3, '0')}`;
    streets.push(division(street, 'street', '379902', LON0, LAT0 + sy * BLOCK * CELL, extent, BLOCK * CELL));
    for (let cx = 0; cx < blocks; cx++) {
      const community = `${street}${String(cx + 1).padStart(3, '0')}`;
      const lon = LON0 + cx * BLOCK * CELL, lat = LAT0 + sy * BLOCK * CELL;
      communities.push(division(community, 'community', street, lon, lat, BLOCK * CELL, BLOCK * CELL));
      for (let i = 0; i < BLOCK * BLOCK; i++) {
        const gx = lon + (i % BLOCK) * CELL, gy = lat + Math.floor(i / BLOCK) * CELL;
        grids.push({ code: `${community}${String(i + 1).padStart(3, '0')}`, name: `网格${i + 1}`, community_code: community,
          geometry: square(gx, gy, CELL), bbox: box(gx, gy, CELL), area_m2: 2500, start_date: '2026-01-01' });
      }
    }
  }
  await bulkInsert(db, 'divisions', streets);
  await bulkInsert(db, 'divisions', communities);
  await bulkInsert(db, 'unit_grids', grids);
  // Roads along the community edges and landmarks, so locating also builds position descriptions as in a real city.
  const roads = [];
  for (let i = 0; i <= blocks; i++) {
    const at = i * BLOCK * CELL;
    roads.push({ name: `东西${i}路`, class: '主干路', geometry: { type: 'LineString', coordinates: [[LON0, LAT0 + at], [LON0 + extent, LAT0 + at]] },
      bbox: [LON0, LAT0 + at, LON0 + extent, LAT0 + at] });
    roads.push({ name: `南北${i}路`, class: '次干路', geometry: { type: 'LineString', coordinates: [[LON0 + at, LAT0], [LON0 + at, LAT0 + extent]] },
      bbox: [LON0 + at, LAT0, LON0 + at, LAT0 + extent] });
  }
  await bulkInsert(db, 'roads', roads);
  await bulkInsert(db, 'landmarks', Array.from({ length: 300 }, (_, i) => ({
    name: `地标${i}`, category: '其他', lon: LON0 + ((i * 37) % 300) / 300 * extent, lat: LAT0 + ((i * 91) % 300) / 300 * extent, address: null })));
}

function componentsCsv(ownerCredit: string): Buffer {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const sequence = new Map<string, number>();
  const rows: unknown[][] = [['id', 'type_code', 'name', 'lon', 'lat', 'crs', 'status', 'owner_credit_code', 'maintainer_credit_code',
    'property_unit_name', 'initial_date', 'data_source', 'accuracy', 'remark']];
  for (let i = 0; i < ROWS; i++) {
    const type = TYPES[i % TYPES.length];
    const seq = (sequence.get(type) ?? 0) + 1;
    sequence.set(type, seq);
    // every tenth row leaves the id to be generated
    const id = i % 10 === 9 ? '' : `379902${type}${String(seq).padStart(6, '0')}`;
    const lon = LON0 + 0.00001 + random() * (SIDE * CELL - 0.00002), lat = LAT0 + 0.00001 + random() * (SIDE * CELL - 0.00002);
    rows.push([id, type, '', lon.toFixed(7), lat.toFixed(7), 'WGS84', '完好', ownerCredit, '', '云河市政', '2024-05-01', '实测', 'B', '']);
  }
  return Buffer.from(stringify(rows));
}

const testDb = await openTestDb();
const { db } = testDb;
try {
  await seedGrids(db);
  const credit = makeCreditCode('11', '379900', '00000001');
  await db.query(`insert into departments (credit_code, name, category, level) values ($1, '云河市市政工程管理处', '市政', 'city')`, [credit]);
  const data = componentsCsv(credit);
  console.log(`database: ${db.kind}; ${SIDE * SIDE} grids; CSV of ${ROWS} components, ${(data.length / 1e6).toFixed(1)} MB`);
  const phaseStart = new Map<ImportPhase, number>();
  const t0 = performance.now();
  const report = await runImport({ db, events: new EventBus(db, 'bench') }, SYSTEM_ACTOR, {
    kind: 'components', fileName: 'bench.csv', data,
    onProgress: (phase) => { if (!phaseStart.has(phase)) phaseStart.set(phase, performance.now()); },
  });
  const seconds = (performance.now() - t0) / 1000;
  const count = (await db.maybeOne<{ n: number }>('select count(*)::int as n from components'))!.n;
  if (report.status !== 'done' || count !== ROWS) {
    throw new Error(`import ${report.status}: ${count} rows, first errors ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  const marks = [...phaseStart.entries(), ['end', performance.now()] as const];
  const phases = marks.slice(0, -1).map(([p, t], i) => `${p} ${((marks[i + 1][1] - t) / 1000).toFixed(1)} s`).join(', ');
  console.log(`imported ${ROWS} rows in ${seconds.toFixed(1)} s → ${Math.round(ROWS / seconds)} rows/s (${phases})`);
} finally {
  await testDb.close();
}
