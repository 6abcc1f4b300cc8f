import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/admin/actor.ts';
import { componentsLayer } from '../../src/base/map-layers.ts';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { COMMUNITY_A, COMMUNITY_B, DISTRICT, seedTinyCity, square, STREET } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

describe('base data: map layers', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  let collector1: Record<string, string>;
  let collector2: Record<string, string>;

  before(async () => {
    p = await startTestPlatform({ seed: async (db) => {
      await seedTinyCity(db);
      const line = (x1: number, x2: number, y: number) => ({ type: 'LineString', coordinates: [[x1, y], [x2, y]] });
      await bulkInsert(db, 'roads', [
        { name: '人民路', class: '主干路', geometry: line(119.0, 119.05, 34.0003), bbox: [119.0, 34.0003, 119.05, 34.0003] },
        { name: '河东大道', class: '快速路', geometry: line(119.12, 119.18, 34.05), bbox: [119.12, 34.05, 119.18, 34.05] },
      ]);
      await bulkInsert(db, 'map_areas', [{ name: '云河', kind: 'water', geometry: square(119.15, 34.02, 0.01), bbox: [119.15, 34.02, 119.16, 34.03] }]);
      await bulkInsert(db, 'landmarks', [
        { name: '市政府', category: '政府机关', lon: 119.0004, lat: 34.0004, address: '人民路1号' },
        { name: '河东公园', category: '公园', lon: 119.15, lat: 34.05, address: null },
      ]);
    } });
    admin = await p.loginAs('admin');
    collector1 = await p.loginAs('collector1');
    collector2 = await p.loginAs('collector2');
    for (const [typeCode, lon] of [['01001', 119.0002], ['01001', 119.0012], ['02001', 119.0017]] as const) {
      const res = await p.request({ method: 'POST', url: '/api/components', headers: admin, payload: { typeCode, position: { lon, lat: 34.0002 } } });
      assert.equal(res.status, 201);
    }
    await p.db.transaction(async (tx) => {
      await tx.query(`insert into responsibility_grids (code, name, division_code) values ('R1', '一号责任网格', $1)`, [STREET]);
      await tx.query(`insert into responsibility_grid_members values ('R1', $1), ('R1', $2)`, [`${COMMUNITY_A}001`, `${COMMUNITY_B}002`]);
    });
  });
  after(async () => { await p?.close(); });

  const layer = async (url: string, headers: Record<string, string>) => {
    const res = await p.request({ method: 'GET', url, headers });
    assert.equal(res.status, 200, `${url}: ${JSON.stringify(res.body)}`);
    assert.equal(res.headers['cache-control'], 'private, max-age=60');
    assert.match(res.headers['content-type'], /^application\/geo\+json/);
    assert.equal(res.body.type, 'FeatureCollection');
    return res.body;
  };

  it('draws division boundaries by level within scope', async () => {
    const all = await layer('/api/map/divisions.geojson', collector1);
    assert.deepEqual(all.features.map((f: any) => f.properties.code), ['379900', DISTRICT, STREET, COMMUNITY_A, COMMUNITY_B]);
    const communities = await layer('/api/map/divisions.geojson?level=community', collector1);
    assert.equal(communities.features.length, 2);
    assert.equal(communities.features[0].geometry.type, 'Polygon');
    assert.equal((await layer('/api/map/divisions.geojson?level=community', collector2)).features.length, 0);
  });

  it('draws current grids, cut to a bbox and a community', async () => {
    const all = await layer('/api/map/grids.geojson', collector1);
    assert.equal(all.features.length, 4);
    assert.deepEqual(Object.keys(all.features[0].properties).sort(), ['areaM2', 'code', 'communityCode', 'endDate', 'name', 'startDate']);
    assert.equal((await layer('/api/map/grids.geojson?bbox=119.0001,34.0001,119.0002,34.0002', collector1)).features.length, 1);
    assert.equal((await layer(`/api/map/grids.geojson?community=${COMMUNITY_B}`, collector1)).features.length, 2);
    assert.equal((await layer('/api/map/grids.geojson', collector2)).features.length, 0);
    const bad = await p.request({ method: 'GET', url: '/api/map/grids.geojson?bbox=1,2,3', headers: collector1 });
    assert.deepEqual([bad.status, bad.body.code], [400, 'INVALID_BBOX']);
  });

  it('draws responsibility grids as multipolygons of their unit grids', async () => {
    const res = await layer('/api/map/responsibility-grids.geojson', collector1);
    assert.equal(res.features.length, 1);
    assert.equal(res.features[0].geometry.type, 'MultiPolygon');
    assert.equal(res.features[0].geometry.coordinates.length, 2);
    assert.equal(res.features[0].properties.gridCount, 2);
    assert.equal((await layer('/api/map/responsibility-grids.geojson', collector2)).features.length, 0);
  });

  it('cuts roads, water and landmarks to the actor\'s region', async () => {
    assert.deepEqual((await layer('/api/map/roads.geojson', admin)).features.map((f: any) => f.properties.name), ['人民路', '河东大道']);
    assert.deepEqual((await layer('/api/map/roads.geojson', collector1)).features.map((f: any) => f.properties.name), ['人民路']);
    assert.deepEqual((await layer('/api/map/roads.geojson', collector2)).features.map((f: any) => f.properties.name), ['河东大道']);
    assert.deepEqual((await layer('/api/map/areas.geojson', collector1)).features, []);
    assert.equal((await layer('/api/map/areas.geojson', collector2)).features[0].properties.kind, 'water');
    const marks = await layer('/api/map/landmarks.geojson', collector1);
    assert.deepEqual(marks.features.map((f: any) => [f.properties.name, f.geometry.type]), [['市政府', 'Point']]);
    assert.equal((await layer('/api/map/landmarks.geojson?bbox=119.1,34,119.2,34.1', admin)).features[0].properties.name, '河东公园');
  });

  it('draws component points with type and status, filtered by type and bbox', async () => {
    const all = await layer('/api/map/components.geojson', collector1);
    assert.equal(all.features.length, 3);
    assert.equal(all.truncated, undefined);
    assert.deepEqual(Object.keys(all.features[0].properties).sort(), ['id', 'status', 'typeCode', 'typeName']);
    assert.deepEqual(all.features[0].geometry, { type: 'Point', coordinates: [119.0002, 34.0002] });
    assert.equal((await layer('/api/map/components.geojson?type=02001', collector1)).features.length, 1);
    assert.equal((await layer('/api/map/components.geojson?type=01', collector1)).features.length, 2);
    assert.equal((await layer('/api/map/components.geojson?bbox=119.001,34,119.002,34.001', collector1)).features.length, 2);
    assert.equal((await layer('/api/map/components.geojson', collector2)).features.length, 0);
    assert.equal((await p.request({ method: 'GET', url: '/api/map/components.geojson' })).status, 401);
  });

  it('caps the component layer and says so', async () => {
    const capped = JSON.parse(await componentsLayer(p.db, SYSTEM_ACTOR, {}, 2));
    assert.deepEqual([capped.features.length, capped.truncated], [2, true]);
    assert.equal(JSON.parse(await componentsLayer(p.db, SYSTEM_ACTOR, {}, 3)).truncated, undefined);
  });
});
