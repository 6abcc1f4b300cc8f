// SpatialService on a real (test) database: loading, lookups, and reloading when 'base.changed' arrives.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gcoord } from '../../src/base/spatial/coords.ts';
import { getSpatialService, SpatialService } from '../../src/base/spatial/service.ts';
import type { Queryable } from '../../src/db/types.ts';
import { AppError } from '../../src/platform/errors.ts';
import { EventBus } from '../../src/platform/events.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { seedTinyCity } from '../helpers/fixtures.ts';


let testDb: TestDb;
let events: EventBus;

before(async () => {
  testDb = await openTestDb();
  await seedTinyCity(testDb.db);
  // 人民路 runs east–west just north of the grids' middle, 建设路 north–south on the border of the two communities
  const line = (coordinates: number[][]) => JSON.stringify({ type: 'LineString', coordinates });
  await testDb.db.query(
    `insert into roads (name, class, geometry, bbox) values
       ('建设路', '次干路', $1, '{119.001,33.999,119.001,34.002}'),
       ('人民路', '主干路', $2, '{118.999,34.0003,119.003,34.0003}')`,
    [line([[119.001, 33.999], [119.001, 34.002]]), line([[118.999, 34.0003], [119.003, 34.0003]])]);
  await testDb.db.query(`insert into landmarks (name, category, lon, lat) values ('幸福小学', '学校', 119.0003, 34.0045)`);
  events = new EventBus(testDb.db, 'spatial-test');
  await events.start();
});

after(async () => {
  await events.close();
  await testDb.close();
});

test('locates a point: grid, community, street, district and a description', async () => {
  const service = getSpatialService({ db: testDb.db, events });
  assert.equal(getSpatialService({ db: testDb.db, events }), service, 'one service per event bus');
  const hit = await service.locate(119.0002, 34.0002);
  assert.deepEqual(hit, {
    lon: 119.0002, lat: 34.0002,
    gridCode: '379902001001001', gridName: '网格1',
    communityCode: '379902001001', communityName: '幸福社区',
    streetCode: '379902001', streetName: '人民街道',
    districtCode: '379902', districtName: '中心区',
    // 主干路 named first; the point is ≈ 74 m west and 11 m south of the crossing
    description: '人民路与建设路交叉口西约70米',
  });
  assert.equal(await service.locate(119.15, 34.05), undefined);
  assert.equal(await service.describe(119.0003, 34.0043), '幸福小学南约20米'); // no road within 200 m
});

test('accepts GCJ-02 and BD-09 positions and answers in WGS84', async () => {
  const service = getSpatialService({ db: testDb.db, events });
  const wgs: [number, number] = [119.0012, 34.0002];
  for (const [crs, code] of [['GCJ02', gcoord.GCJ02], ['BD09', gcoord.BD09]] as const) {
    const [lon, lat] = gcoord.transform(wgs, gcoord.WGS84, code);
    const hit = await service.locate(lon, lat, crs);
    assert.equal(hit?.gridCode, '379902001002001', crs);
    assert.ok(Math.abs(hit!.lon - wgs[0]) < 1e-5 && Math.abs(hit!.lat - wgs[1]) < 1e-5, `${crs}: ${hit!.lon}, ${hit!.lat}`);
  }
  await assert.rejects(service.locate(119, 95), (err: unknown) => err instanceof AppError && err.code === 'INVALID_COORDINATE');
});

test('cityBounds is the bbox of the city division', async () => {
  assert.deepEqual(await getSpatialService({ db: testDb.db, events }).cityBounds(), [119.0, 34.0, 119.2, 34.1]);
});

test("reloads after 'base.changed' from any node, and after invalidate()", async () => {
  const service = getSpatialService({ db: testDb.db, events });
  assert.equal((await service.locate(119.0007, 34.0002))?.gridName, '网格2');
  await testDb.db.query(`update unit_grids set name = '网格2（新）' where code = '379902001001002'`);
  assert.equal((await service.locate(119.0007, 34.0002))?.gridName, '网格2', 'cached until told');
  await events.publish(testDb.db, 'base.changed', { what: 'grids' });
  let name: string | undefined;
  for (let i = 0; i < 100 && name !== '网格2（新）'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    name = (await service.locate(119.0007, 34.0002))?.gridName;
  }
  assert.equal(name, '网格2（新）');

  // a retired grid no longer locates
  await testDb.db.query(`update unit_grids set end_date = current_date - 1 where code = '379902001001002'`);
  service.invalidate();
  assert.equal(await service.locate(119.0007, 34.0002), undefined);
});

test('cityBounds without a city boundary covers all divisions; none at all gives undefined', async () => {
  const rows = (bboxes: number[][]) => ({
    query: async () => bboxes.map((bbox) => ({ level: 'district', bbox })),
  }) as unknown as Queryable;
  assert.deepEqual(await new SpatialService(rows([[119, 34, 119.1, 34.1], [119.1, 33.9, 119.3, 34.05]])).cityBounds(), [119, 33.9, 119.3, 34.1]);
  assert.equal(await new SpatialService(rows([])).cityBounds(), undefined);
});

test('a failed load is not cached', async () => {
  let calls = 0;
  const flaky = {
    query: async () => {
      if (calls++ === 0) throw new Error('connection lost');
      return [{ level: 'city', bbox: [1, 2, 3, 4] }];
    },
  } as unknown as Queryable;
  const service = new SpatialService(flaky);
  await assert.rejects(service.cityBounds(), /connection lost/);
  assert.deepEqual(await service.cityBounds(), [1, 2, 3, 4]);
});
