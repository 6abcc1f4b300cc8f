// 公众地图底图: the portal's base layers answer without a login, public and cacheable, with public geography only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

describe('public base layers of the portal map', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ seed: seedTinyCity });
    await p.db.query("insert into roads (name, class, geometry, bbox) values ('人民路', '主干路', $1, array[119, 34, 119.01, 34])",
      [JSON.stringify({ type: 'LineString', coordinates: [[119, 34], [119.01, 34]] })]);
    await p.db.query("insert into landmarks (name, category, address, lon, lat) values ('市民广场', '广场', '人民路 1 号', 119.001, 34.001)");
  });
  after(async () => { await p.close(); });

  it('answers anonymously with only public properties, cacheable', async () => {
    const props: Record<string, string[]> = { districts: ['code', 'level', 'name'], roads: ['class', 'name'], areas: ['kind', 'name'], landmarks: ['category', 'name'] };
    for (const layer of Object.keys(props)) {
      const res = await p.request({ method: 'GET', url: `/api/public/map/${layer}.geojson` });
      assert.equal(res.status, 200, layer);
      assert.equal(res.headers['cache-control'], 'public, max-age=3600');
      assert.match(String(res.headers['content-type']), /application\/geo\+json/);
      assert.equal(res.body.type, 'FeatureCollection');
      for (const f of res.body.features) assert.deepEqual(Object.keys(f.properties).sort(), props[layer], layer);
    }
    const districts = (await p.request({ method: 'GET', url: '/api/public/map/districts.geojson' })).body.features;
    assert.ok(districts.length > 0);
    assert.ok(districts.every((f: any) => f.properties.level === 'district'));
    const landmarks = (await p.request({ method: 'GET', url: '/api/public/map/landmarks.geojson' })).body.features;
    assert.deepEqual(landmarks.map((f: any) => f.properties), [{ name: '市民广场', category: '广场' }]);
    // the console's own layers still need a login (grids, components … stay internal)
    assert.equal((await p.request({ method: 'GET', url: '/api/map/roads.geojson' })).status, 401);
    assert.equal((await p.request({ method: 'GET', url: '/api/public/map/grids.geojson' })).status, 404);
  });

  it('gives the base tile template without a login', async () => {
    const none = await p.request({ method: 'GET', url: '/api/public/map/settings' });
    assert.equal(none.status, 200);
    assert.deepEqual(none.body, { tileUrl: null, attribution: null, maxZoom: 18 });
    const admin = await p.loginAs('admin');
    const set = await p.request({ method: 'PUT', url: '/api/settings/map', headers: admin, payload: { tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal((await p.request({ method: 'GET', url: '/api/public/map/settings' })).body.tileUrl, 'https://tiles.example.org/{z}/{x}/{y}.png');
  });
});
