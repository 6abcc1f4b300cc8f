// The register page's server side (place search, duplicates before saving, the calendar's year view) and the
// map settings (tile URL validation, who may change it, audit).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tileUrlProblem } from '../../src/base/map-settings.ts';
import { matchPlaces, roadPoint, type PlaceIndex } from '../../src/base/place-search.ts';
import type { Db } from '../../src/db/types.ts';
import { POINT, seedCommandCity, TYPE } from '../helpers/command.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

const WELL_ID = '37990201001000001';

/** The command city plus two roads crossing inside the grids, a landmark and a manhole cover. */
async function seed(db: Db): Promise<void> {
  await seedCommandCity(db);
  const line = (coordinates: number[][]) => JSON.stringify({ type: 'LineString', coordinates });
  await db.query(
    `insert into roads (name, class, geometry, bbox) values
       ('建设路', '次干路', $1, '{119.001,33.999,119.001,34.002}'),
       ('人民路', '主干路', $2, '{118.999,34.0003,119.003,34.0003}')`,
    [line([[119.001, 33.999], [119.001, 34.002]]), line([[118.999, 34.0003], [119.003, 34.0003]])]);
  await db.query(`insert into landmarks (name, category, lon, lat, address) values ('幸福小学', '学校', 119.0004, 34.0004, '人民路8号')`);
  await db.query(`insert into components (id, type_code, name, grid_code, community_code, street_code, lon, lat)
    values ($1, '01001', '上水井盖', '379902001001001', '379902001001', '379902001', 119.0001, 34.0001)`, [WELL_ID]);
}

describe('register page and settings API', () => {
  let p: TestPlatform;
  let h: Record<string, Record<string, string>>;
  const get = (user: string, url: string) => p.request({ method: 'GET', url, headers: h[user] });
  const put = (user: string, url: string, payload: object) => p.request({ method: 'PUT', url, headers: h[user], payload });

  before(async () => {
    p = await startTestPlatform({ seed });
    h = {};
    for (const u of ['admin', 'acceptor1', 'collector1', 'collector2', 'dispatcher1', 'leader1', 'district_admin']) h[u] = await p.loginAs(u);
  });
  after(async () => { await p.close(); });

  it('ranks place matches: exact and prefix first, intersections from "A与B", scope respected', () => {
    const index: PlaceIndex = {
      entries: [
        { kind: 'road', name: '人民路', detail: '主干路', code: null, lon: 1, lat: 1 },
        { kind: 'landmark', name: '人民公园', detail: '公园', code: null, lon: 1, lat: 1 },
        { kind: 'street', name: '新人民街道', detail: '379902002', code: '379902002', lon: 1, lat: 1 },
        { kind: 'community', name: '幸福社区', detail: '379903001001', code: '379903001001', lon: 1, lat: 1 },
      ],
      intersections: [{ roads: ['人民路', '建设路'], lon: 2, lat: 2 }, { roads: ['解放路', '人民路'], lon: 3, lat: 3 }],
    };
    assert.deepEqual(matchPlaces(index, '人民', 10).map((e) => e.name), ['人民路', '人民公园', '新人民街道']);
    const road = matchPlaces(index, '人民路', 10).map((e) => e.name);
    assert.equal(road[0], '人民路', 'the road itself before its intersections');
    assert.deepEqual(road.slice(1).sort(), ['人民路与建设路交叉口', '解放路与人民路交叉口'].sort());
    assert.deepEqual(matchPlaces(index, '建设路 人民路', 10).map((e) => e.name), ['人民路与建设路交叉口']);
    assert.deepEqual(matchPlaces(index, '幸福', 10, (code) => code.startsWith('379902')).map((e) => e.name), []);
    assert.deepEqual(matchPlaces(index, '  ', 10), []);
    assert.deepEqual(roadPoint([[[0, 0], [2, 0]], [[5, 5], [5, 5.5]]]), [1, 0]);
  });

  it('searches roads, intersections, landmarks, divisions, grids and components with where they lie', async () => {
    const road = await get('acceptor1', `/api/places/search?q=${encodeURIComponent('人民路')}`);
    assert.equal(road.status, 200, JSON.stringify(road.body));
    assert.equal(road.body.items[0].kind, 'road');
    assert.equal(road.body.items[0].name, '人民路');
    assert.equal(road.body.items[0].districtName, '中心区');
    assert.match(road.body.items[0].gridCode, /^379902001/);

    const junction = await get('acceptor1', `/api/places/search?q=${encodeURIComponent('人民路与建设路')}`);
    const j = junction.body.items[0];
    assert.equal(j.kind, 'intersection');
    assert.equal(j.name, '人民路与建设路交叉口');
    assert.ok(Math.abs(j.lon - 119.001) < 1e-6 && Math.abs(j.lat - 34.0003) < 1e-6, JSON.stringify(j));
    assert.match(j.address, /人民路与建设路交叉口/);
    assert.ok(['幸福社区', '和平社区'].includes(j.communityName), 'on the border of the two communities');

    const landmark = await get('acceptor1', `/api/places/search?q=${encodeURIComponent('幸福')}&limit=5`);
    const kinds = landmark.body.items.map((i: any) => `${i.kind}:${i.name}`);
    assert.deepEqual(kinds.slice(0, 2), ['landmark:幸福小学', 'community:幸福社区']);
    assert.equal(landmark.body.items[0].gridCode, '379902001001001');
    const byAddress = await get('acceptor1', `/api/places/search?q=${encodeURIComponent('人民路8号')}`);
    assert.equal(byAddress.body.items[0].name, '幸福小学');

    const grid = await get('acceptor1', '/api/places/search?q=379902001002002');
    assert.equal(grid.body.items[0].kind, 'grid');
    assert.equal(grid.body.items[0].gridCode, '379902001002002', 'the grid\'s point lies inside it');

    const component = await get('acceptor1', '/api/places/search?q=3799020100100');
    const hit = component.body.items.find((i: any) => i.kind === 'component');
    assert.equal(hit?.code, WELL_ID);
    assert.equal(hit.gridCode, '379902001001001');
    assert.match(hit.detail, /上水井盖/);

    // a collector of the other district sees neither these communities nor the component
    const other = await get('collector2', `/api/places/search?q=${encodeURIComponent('幸福社区')}`);
    assert.equal(other.status, 200);
    assert.equal(other.body.items.filter((i: any) => i.kind === 'community').length, 0);
    const otherComponent = await get('collector2', '/api/places/search?q=3799020100100');
    assert.equal(otherComponent.body.items.filter((i: any) => i.kind === 'component').length, 0);

    assert.equal((await get('acceptor1', '/api/places/search?q=')).status, 400);
    assert.equal((await get('acceptor1', '/api/places/search?q=a&limit=99')).status, 400);
    assert.equal((await p.request({ method: 'GET', url: '/api/places/search?q=人民' })).status, 401);
  });

  it('lists open cases of the same type nearby before saving, within the type\'s radius', async () => {
    const reported = await p.request({ method: 'POST', url: '/api/cases', headers: { ...h.acceptor1, 'idempotency-key': 'register-test-0001' },
      payload: { kind: 'matter', typeCode: TYPE, position: POINT, description: '人行道违章接坡', source: 'hotline' } });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    const again = await p.request({ method: 'POST', url: '/api/cases', headers: { ...h.acceptor1, 'idempotency-key': 'register-test-0001' },
      payload: { kind: 'matter', typeCode: TYPE, position: POINT, description: '人行道违章接坡', source: 'hotline' } });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, reported.body.id, 'a repeated save gives the same case');

    const near = await get('acceptor1', `/api/cases/nearby?kind=matter&type=${TYPE}&lon=${POINT.lon + 0.0002}&lat=${POINT.lat}`);
    assert.equal(near.status, 200, JSON.stringify(near.body));
    assert.equal(near.body.radiusM, 50);
    assert.equal(near.body.windowHours, 72);
    assert.equal(near.body.items.length, 1);
    const dup = near.body.items[0];
    assert.equal(dup.id, reported.body.id);
    assert.equal(dup.caseNo, reported.body.caseNo);
    assert.equal(dup.stage, 'reported');
    assert.equal(dup.description, '人行道违章接坡');
    assert.ok(dup.distanceM >= 15 && dup.distanceM <= 25, String(dup.distanceM));

    const far = await get('acceptor1', `/api/cases/nearby?kind=matter&type=${TYPE}&lon=${POINT.lon + 0.001}&lat=${POINT.lat}`);
    assert.equal(far.body.items.length, 0, '90 m is beyond the 50 m radius');
    const otherType = await get('acceptor1', `/api/cases/nearby?kind=matter&type=06001&lon=${POINT.lon}&lat=${POINT.lat}`);
    assert.equal(otherType.body.items.length, 0);

    // a wider radius in 立结案标准 takes the far point in
    assert.equal((await put('admin', `/api/case-limits/matter/${TYPE}`, { duplicateRadiusM: 200 })).status, 200);
    const wider = await get('acceptor1', `/api/cases/nearby?kind=matter&type=${TYPE}&lon=${POINT.lon + 0.001}&lat=${POINT.lat}`);
    assert.equal(wider.body.radiusM, 200);
    assert.equal(wider.body.items.length, 1);

    // collector2 works in the other district and does not see the case
    assert.equal((await get('collector2', `/api/cases/nearby?kind=matter&type=${TYPE}&lon=${POINT.lon}&lat=${POINT.lat}`)).body.items.length, 0);
    assert.equal((await get('leader1', `/api/cases/nearby?kind=matter&type=${TYPE}&lon=${POINT.lon}&lat=${POINT.lat}`)).status, 403);
    assert.equal((await get('acceptor1', `/api/cases/nearby?kind=matter&type=99999&lon=${POINT.lon}&lat=${POINT.lat}`)).status, 404);
    assert.equal((await get('acceptor1', `/api/cases/nearby?kind=matter&type=${TYPE}&lon=500&lat=${POINT.lat}`)).status, 400);
  });

  it('gives a year of holidays and 调休 days: official data, and administrator days for later years', async () => {
    const y2026 = await get('leader1', '/api/calendar/year/2026');
    assert.equal(y2026.status, 200);
    assert.equal(y2026.body.coverage, 'official');
    const national = y2026.body.days.find((d: any) => d.date === '2026-10-01');
    assert.deepEqual(national, { date: '2026-10-01', working: false, name: '国庆节', source: 'official' });
    assert.ok(y2026.body.days.some((d: any) => d.working && d.source === 'official'), 'a 调休 working day');

    assert.deepEqual((await get('leader1', '/api/calendar/year/2027')).body.days, []);
    assert.equal((await put('admin', '/api/calendar/days/2027', { days: [{ date: '2027-02-06', kind: 'workday', name: '春节调休' }] })).status, 200);
    const y2027 = await get('leader1', '/api/calendar/year/2027');
    assert.equal(y2027.body.coverage, 'administrator');
    assert.deepEqual(y2027.body.days, [{ date: '2027-02-06', working: true, name: '春节调休', source: 'administrator' }]);
  });

  it('validates the tile URL template, lets only city-wide administrators set it, and audits the change', async () => {
    const initial = await get('leader1', '/api/settings/map');
    assert.equal(initial.status, 200);
    assert.deepEqual(initial.body, { tileUrl: null, tileType: 'raster', attribution: null, maxZoom: 18 });
    assert.equal((await p.request({ method: 'GET', url: '/api/settings/map' })).status, 401);

    assert.equal(tileUrlProblem('https://t0.example.cn/tiles/{z}/{x}/{y}.png'), null);
    for (const [url, pattern] of [
      ['ftp://tiles.example.cn/{z}/{x}/{y}.png', /http/],
      ['https://tiles.example.cn/{z}/{x}.png', /\{y\}/],
      ['https://{s}.tiles.example.cn/{z}/{x}/{y}.png', /\{s\}/],
      ['javascript:alert(1)//{z}/{x}/{y}', /http/],
      ['not a url {z}{x}{y}', /URL/],
    ] as const) {
      const res = await put('admin', '/api/settings/map', { tileUrl: url });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.code, 'INVALID_TILE_URL');
      assert.match(res.body.message, pattern);
    }
    assert.equal((await put('admin', '/api/settings/map', { tileUrl: 'https://a.cn/{z}/{x}/{y}.png', maxZoom: 30 })).status, 400);
    assert.equal((await put('admin', '/api/settings/map', { tileUrl: 'https://a.cn/{z}/{x}/{y}.png', tileType: 'vector' })).status, 400);
    assert.equal((await put('dispatcher1', '/api/settings/map', { tileUrl: 'https://a.cn/{z}/{x}/{y}.png' })).status, 403);
    const district = await put('district_admin', '/api/settings/map', { tileUrl: 'https://a.cn/{z}/{x}/{y}.png' });
    assert.equal(district.status, 403);
    assert.equal(district.body.code, 'OUT_OF_SCOPE');
    assert.deepEqual((await get('leader1', '/api/settings/map')).body, initial.body, 'nothing written by refusals');

    const url = 'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc';
    const saved = await put('admin', '/api/settings/map', { tileUrl: ` ${url} `, attribution: '天地图', maxZoom: 18 });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(saved.body, { tileUrl: url, tileType: 'raster', attribution: '天地图', maxZoom: 18 });
    assert.deepEqual((await get('collector1', '/api/settings/map')).body, saved.body);
    const audit = await p.db.query<{ before: any; after: any }>("select before, after from audit_log where entity = 'map_settings' order by id");
    assert.equal(audit.length, 1);
    assert.equal(audit[0].before.tileUrl, null);
    assert.equal(audit[0].after.tileUrl, url);

    const cleared = await put('admin', '/api/settings/map', { tileUrl: null });
    assert.equal(cleared.body.tileUrl, null);
    assert.equal(cleared.body.attribution, '天地图', 'a partial change keeps the rest');
  });
});
