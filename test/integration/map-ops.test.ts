// 一张图 endpoints: case points with traffic lights, heat bins and per-grid statistics over a time range, polygon
// selection, case search and the field staff's positions — each within the viewer's scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { AFTER_PHOTO, startCaseDriver, type CaseDriver } from '../helpers/command.ts';
import { COMMUNITY_A, COMMUNITY_B, STREET } from '../helpers/fixtures.ts';

const GRID_A1 = `${COMMUNITY_A}001`;   // 119.0000–119.0005
const GRID_B2 = `${COMMUNITY_B}002`;   // 119.0015–119.0020
const DAY = 86_400_000;
const ring = (x0: number, y0: number, x1: number, y1: number) =>
  ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe('map: case layers, selection, search and staff positions', () => {
  let d: CaseDriver;
  let ids: number[] = [];
  const get = (user: string, url: string) => d.p.request({ method: 'GET', url, headers: d.headers[user] });
  const post = (user: string, url: string, payload: object) => d.p.request({ method: 'POST', url, headers: d.headers[user], payload });
  const range = (fromDaysAgo: number, toDaysAgo = 0) => {
    const now = Date.now();
    return `from=${new Date(now - fromDaysAgo * DAY).toISOString()}&to=${new Date(now - toDaysAgo * DAY + 60_000).toISOString()}`;
  };

  before(async () => {
    d = await startCaseDriver();
    for (const u of ['district_admin', 'citizen1']) d.headers[u] = await d.p.loginAs(u);
    // five cases: three in grid A1, two in grid B2
    const points = [[119.0002, 34.0002], [119.0003, 34.0003], [119.0004, 34.0001], [119.0017, 34.0002], [119.0018, 34.0004]];
    for (const [lon, lat] of points) {
      const res = await d.report('collector1', { position: { lon, lat } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids.push(res.body.id);
    }
    // case 0 goes to 结案; cases 1 and 3 are handled (处置 done), case 3 late
    const run = async (id: number, steps: [string, string, Record<string, unknown>?][]) => {
      for (const [user, action, body] of steps) {
        const res = await d.act(user, id, action, body);
        assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
      }
    };
    const dept = await d.departmentId('云河市市政工程管理处');
    const toHandled: [string, string, Record<string, unknown>?][] = [['acceptor1', 'accept'], ['shift1', 'file'],
      ['dispatcher1', 'dispatch', { leadDepartmentId: dept }], ['handler1', 'handle_feedback', { afterPhotos: [AFTER_PHOTO], opinion: '已处理' }]];
    await run(ids[0], [...toHandled, ['acceptor1', 'request_check', { assigneeUserId: await d.userId('collector1') }],
      ['collector1', 'check_pass', { opinion: '已整改' }], ['shift1', 'close']]);
    await run(ids[1], toHandled);
    await run(ids[3], toHandled);
    await d.p.db.query("update case_clocks set on_time = false where case_id = $1 and clock = 'handle'", [ids[3]]);
    // lights of the open cases: 2 yellow, 4 red (the running clock past its instants)
    await d.p.db.query("update case_clocks set yellow_at = now() - interval '1 minute' where case_id = $1 and stopped_at is null", [ids[2]]);
    await d.p.db.query("update case_clocks set yellow_at = now() - interval '2 hours', red_at = now() - interval '1 hour' where case_id = $1 and stopped_at is null", [ids[4]]);
    // case 4 was reported 40 days ago
    await d.p.db.query("update cases set created_at = now() - interval '40 days' where id = $1", [ids[4]]);
    await bulkInsert(d.p.db, 'components', [
      { id: '37990201001000001', type_code: '01001', name: '井盖1', grid_code: GRID_A1, community_code: COMMUNITY_A, street_code: STREET, status: '完好', lon: 119.0001, lat: 34.0001 },
      { id: '37990201001000002', type_code: '01001', name: '井盖2', grid_code: GRID_B2, community_code: COMMUNITY_B, street_code: STREET, status: '完好', lon: 119.0019, lat: 34.0001 },
    ]);
  });
  after(async () => { await d.p.close(); });

  it('lists the open cases now with their traffic light, or the cases reported in a period', async () => {
    const open = await get('admin', '/api/map/cases.geojson');
    assert.equal(open.status, 200);
    const lights = Object.fromEntries(open.body.features.map((f: any) => [f.properties.id, f.properties.light]));
    assert.deepEqual(lights, { [ids[1]]: 'green', [ids[2]]: 'yellow', [ids[3]]: 'green', [ids[4]]: 'red' });
    const one = open.body.features.find((f: any) => f.properties.id === ids[2]);
    assert.deepEqual(one.geometry.coordinates, [119.0004, 34.0001]);
    assert.match(one.properties.caseNo, /^\d{4}-379902-\d{6}$/);
    assert.equal(one.properties.stageName, '待受理');

    const month = await get('admin', `/api/map/cases.geojson?${range(30)}`);
    assert.deepEqual(month.body.features.map((f: any) => f.properties.id).sort(), [ids[0], ids[1], ids[2], ids[3]].sort());
    assert.equal(month.body.features.find((f: any) => f.properties.id === ids[0]).properties.light, 'closed');
    const old = await get('admin', `/api/map/cases.geojson?${range(45, 35)}`);
    assert.deepEqual(old.body.features.map((f: any) => f.properties.id), [ids[4]]);
  });

  it('keeps every case layer within the viewer\'s scope and refuses roles without case.read', async () => {
    for (const url of ['/api/map/cases.geojson', `/api/map/case-heat?${range(60)}`, `/api/map/grid-stats?${range(60)}`]) {
      const other = await get('district_admin', url);
      assert.equal(other.status, 200, url);
      assert.deepEqual(other.body.features ?? other.body.grids, [], url);
      assert.equal((await get('citizen1', url)).status, 403, url);
    }
    // collector2 (河东区) sees nothing; collector1 (中心区) sees them all
    assert.equal((await get('collector2', '/api/map/cases.geojson')).body.features.length, 0);
    assert.equal((await get('collector1', '/api/map/cases.geojson')).body.features.length, 4);
  });

  it('bins the cases of a period for the heat map', async () => {
    const heat = await get('admin', `/api/map/case-heat?${range(60)}&cell=0.001`);
    assert.equal(heat.status, 200, JSON.stringify(heat.body));
    assert.equal(heat.body.total, 5);
    // 0.001° cells: lon 119.0002–119.0004 → 119.000, 119.0017/119.0018 → 119.002
    const cells = heat.body.features.map((f: any) => [...f.geometry.coordinates, f.properties.n]).sort();
    assert.deepEqual(cells, [[119, 34, 3], [119.002, 34, 2]]);
    assert.equal(heat.body.max, 3);
    const month = await get('admin', `/api/map/case-heat?${range(30)}`);
    assert.equal(month.body.total, 4);
    assert.equal((await get('admin', '/api/map/case-heat')).body.total, 4, 'default: the last 30 days');
  });

  it('counts cases and on-time handling per grid over a period', async () => {
    const stats = await get('admin', `/api/map/grid-stats?${range(60)}`);
    assert.equal(stats.status, 200);
    assert.deepEqual(stats.body.grids, [
      { code: GRID_A1, cases: 3, handled: 2, onTime: 2 },
      { code: GRID_B2, cases: 2, handled: 1, onTime: 0 },
    ]);
    const month = await get('admin', `/api/map/grid-stats?${range(30)}`);
    assert.deepEqual(month.body.grids.map((g: any) => [g.code, g.cases]), [[GRID_A1, 3], [GRID_B2, 1]]);
    const before = await get('admin', `/api/map/grid-stats?${range(45, 35)}`);
    assert.deepEqual(before.body.grids, [{ code: GRID_B2, cases: 1, handled: 0, onTime: 0 }], 'handled now, not in that period');
  });

  it('refuses bad periods', async () => {
    const now = new Date().toISOString();
    for (const [q, code] of [[`from=${now}&to=${now}`, 'INVALID_PERIOD'], [`from=${now}`, 'INVALID_PERIOD'],
      ['from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'PERIOD_TOO_LONG'], ['from=yesterday&to=today', null]]) {
      for (const path of ['/api/map/grid-stats', '/api/map/case-heat', '/api/map/cases.geojson']) {
        const res = await get('admin', `${path}?${q}`);
        assert.equal(res.status, 400, `${path}?${q}`);
        if (code) assert.equal(res.body.code, code, `${path}?${q}`);
      }
    }
  });

  it('selects the cases, components and grids inside a drawn polygon', async () => {
    const res = await post('admin', '/api/map/select', { polygon: ring(118.9999, 33.9999, 119.00035, 34.0005) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    // open cases now: ids[1] (119.0003) inside; ids[2] (119.0004) outside the ring; ids[0] closed
    assert.deepEqual(res.body.cases.items.map((c: any) => c.id), [ids[1]]);
    assert.equal(res.body.cases.total, 1);
    assert.deepEqual(res.body.components.items.map((c: any) => c.id), ['37990201001000001']);
    assert.deepEqual(res.body.grids.items.map((g: any) => g.code), [GRID_A1]);

    const inPeriod = await post('admin', '/api/map/select', { polygon: ring(118.9999, 33.9999, 119.0021, 34.0006),
      from: new Date(Date.now() - 60 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
    assert.equal(inPeriod.body.cases.total, 5);
    assert.equal(inPeriod.body.grids.total, 4);
    assert.equal(inPeriod.body.components.total, 2);

    const outside = await post('district_admin', '/api/map/select', { polygon: ring(118.9999, 33.9999, 119.0021, 34.0006) });
    assert.deepEqual([outside.body.cases.total, outside.body.components.total, outside.body.grids.total], [0, 0, 0]);

    for (const polygon of [{ type: 'Point', coordinates: [119, 34] }, { type: 'Polygon', coordinates: [[[119, 34], [119.001, 34]]] },
      { type: 'Polygon', coordinates: [[[119, 34], [119.001, 34.001], [119.001, 34], [119, 34.001], [119, 34]]] }]) {
      const bad = await post('admin', '/api/map/select', { polygon });
      assert.equal(bad.status, 400, JSON.stringify(polygon));
      assert.equal(bad.body.code, 'INVALID_POLYGON');
    }
    assert.equal((await post('citizen1', '/api/map/select', { polygon: ring(119, 34, 119.001, 34.001) })).status, 403);
  });

  it('finds a case by its number or address within scope', async () => {
    const caseNo = (await d.get('admin', ids[3])).caseNo as string;
    const res = await get('admin', `/api/map/search?q=${caseNo}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.cases.map((c: any) => [c.id, c.lon, c.lat]), [[ids[3], 119.0017, 34.0002]]);
    const prefix = await get('admin', `/api/map/search?q=${caseNo.slice(0, 12)}`);
    assert.equal(prefix.body.cases.length, 5);
    assert.deepEqual((await get('district_admin', `/api/map/search?q=${caseNo}`)).body.cases, []);
    const address = (await d.get('admin', ids[2])).address as string;
    const byAddress = await get('admin', `/api/map/search?q=${encodeURIComponent(address.slice(0, 4))}`);
    assert.ok(byAddress.body.cases.some((c: any) => c.id === ids[2]), JSON.stringify(byAddress.body));
  });

  it('stores a collector\'s position and shows recent positions within scope', async () => {
    const me = await post('collector1', '/api/me/position', { lon: 119.0007, lat: 34.0003, accuracy: 8 });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.gridCode, `${COMMUNITY_A}002`);
    const again = await post('collector1', '/api/me/position', { lon: 119.0012, lat: 34.0004 });
    assert.equal(again.body.gridCode, `${COMMUNITY_B}001`);
    assert.equal((await d.p.db.query('select * from staff_positions')).length, 1, 'one row per user: the last known position');

    const list = await get('dispatcher1', '/api/map/staff-positions');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.features.map((f: any) => [f.properties.username, ...f.geometry.coordinates, f.properties.accuracy]),
      [['collector1', 119.0012, 34.0004, null]]);
    assert.equal(list.body.features[0].properties.name, '测试collector1');
    assert.deepEqual((await get('district_admin', '/api/map/staff-positions')).body.features, []);
    assert.equal((await get('citizen1', '/api/map/staff-positions')).status, 403);

    await d.p.db.query("update staff_positions set reported_at = now() - interval '2 hours'");
    assert.deepEqual((await get('dispatcher1', '/api/map/staff-positions')).body.features, []);
    assert.equal((await get('dispatcher1', '/api/map/staff-positions?minutes=180')).body.features.length, 1);
  });

  it('refuses bad positions and roles that are not collectors', async () => {
    const cases: [object, string][] = [
      [{ lon: 119.001, lat: 95 }, 'INVALID_COORDINATE'], [{ lon: 200, lat: 34 }, 'INVALID_COORDINATE'],
      [{ lon: 10, lat: 50 }, 'OUTSIDE_CITY'], [{ lon: 119.001 }, ''], [{ lon: '東', lat: 34 }, ''], [{ lon: 119.001, lat: 34, accuracy: -1 }, ''],
    ];
    for (const [body, code] of cases) {
      const res = await post('collector1', '/api/me/position', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      if (code) assert.equal(res.body.code, code);
    }
    for (const user of ['acceptor1', 'admin', 'citizen1']) {
      const res = await post(user, '/api/me/position', { lon: 119.0012, lat: 34.0004 });
      assert.equal(res.status, 403, user);
    }
    assert.equal((await d.p.request({ method: 'POST', url: '/api/me/position', payload: { lon: 119.0012, lat: 34.0004 } })).status, 401);
  });
});
