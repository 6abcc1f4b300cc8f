// Device registry, rules and permissions of the monitor.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMonitorEnv, POINT, type MonitorEnv } from '../helpers/monitor.ts';

describe('monitor registry', () => {
  let env: MonitorEnv;
  before(async () => { env = await startMonitorEnv(); });
  after(async () => { await env?.p.close(); });

  it('seeds the device types with metrics and units, their rules and the video classes', async () => {
    const types = await env.p.request({ method: 'GET', url: '/api/monitor/device-types', headers: env.admin });
    assert.equal(types.status, 200);
    const codes = types.body.items.map((t: any) => t.code);
    for (const c of ['gas_lel', 'gas_pipe', 'water_pipe', 'drain_level', 'rain_gauge', 'road_ponding', 'manhole_cover', 'bridge_health',
      'heating_pipe', 'tunnel_env']) assert.ok(codes.includes(c), c);
    const gas = types.body.items.find((t: any) => t.code === 'gas_lel');
    assert.deepEqual(gas.metrics[0], { key: 'lel', name: '可燃气体浓度', unit: '%LEL' });
    const bridge = types.body.items.find((t: any) => t.code === 'bridge_health');
    assert.deepEqual(bridge.metrics.map((m: any) => m.key), ['deflection', 'strain', 'crack', 'vibration', 'tilt', 'load']);
    const rules = await env.p.request({ method: 'GET', url: '/api/monitor/rules?deviceType=road_ponding', headers: env.admin });
    assert.deepEqual(rules.body.items.map((r: any) => r.kind).sort(), ['offline', 'threshold']);
    const classes = await env.p.request({ method: 'GET', url: '/api/monitor/video-classes', headers: env.admin });
    const byName = Object.fromEntries(classes.body.items.map((c: any) => [c.name, c.matterCode]));
    assert.equal(byName['占道经营'], '09006');
    assert.equal(byName['机动车乱停放'], '09009');
    assert.equal(byName['道路积水'], '10901');
    assert.equal(classes.body.items.length, 15);
  });

  it('registers a device with its secret once, places it and hides the secret afterwards', async () => {
    const { id, secret, body } = await env.device('GAS-0001', 'gas_lel', { facility: '人民路燃气管线' });
    assert.match(secret, /^cds_/);
    assert.equal(body.gridCode, '379902001001001');
    assert.equal(body.typeName, '可燃气体监测仪（相邻空间）');
    const read = await env.p.request({ method: 'GET', url: `/api/monitor/devices/${id}`, headers: env.admin });
    assert.equal(read.status, 200);
    assert.equal(read.body.secret, undefined);
    assert.equal(JSON.stringify(read.body).includes(secret), false);
    const stored = await env.p.db.maybeOne('select secret_hash from monitor_devices where id = $1', [id]);
    assert.notEqual(stored!.secret_hash, secret);
    const list = await env.p.request({ method: 'GET', url: '/api/monitor/devices?type=gas_lel&q=GAS', headers: env.admin });
    assert.equal(list.body.total, 1);
  });

  it('refuses bad devices with a code and writes nothing', async () => {
    const post = (payload: object) => env.p.request({ method: 'POST', url: '/api/monitor/devices', headers: env.admin, payload });
    const base = { code: 'BAD-0001', name: '坏设备', typeCode: 'gas_lel', position: POINT };
    assert.equal((await post({ ...base, code: 'GAS-0001' })).body.code, 'DUPLICATE_CODE');
    assert.equal((await post({ ...base, typeCode: 'nuclear' })).body.code, 'UNKNOWN_DEVICE_TYPE');
    assert.equal((await post({ ...base, position: { lon: 120.5, lat: 34 } })).status, 400);
    assert.equal((await post({ ...base, componentId: '37990201001000001' })).body.code, 'UNKNOWN_COMPONENT');
    assert.equal((await post({ ...base, departmentId: 99999 })).body.code, 'UNKNOWN_DEPARTMENT');
    assert.equal((await post({ ...base, code: 'a b' })).status, 400);
    const n = await env.p.db.maybeOne<{ n: number }>("select count(*)::int as n from monitor_devices where code = 'BAD-0001'");
    assert.equal(n!.n, 0);
  });

  it('updates, rotates the secret and deletes devices', async () => {
    const { id, secret } = await env.device('PND-0001', 'road_ponding');
    const put = await env.p.request({ method: 'PUT', url: `/api/monitor/devices/${id}`, headers: env.admin,
      payload: { name: '人民路积水点', typeCode: 'road_ponding', position: { lon: 119.0012, lat: 34.0002 }, enabled: false } });
    assert.equal(put.status, 200);
    assert.equal(put.body.gridCode, '379902001002001');
    assert.equal(put.body.enabled, false);
    const rotated = await env.p.request({ method: 'POST', url: `/api/monitor/devices/${id}/secret`, headers: env.admin });
    assert.notEqual(rotated.body.secret, secret);
    const del = await env.p.request({ method: 'DELETE', url: `/api/monitor/devices/${id}`, headers: env.admin });
    assert.equal(del.status, 204);
    assert.equal((await env.p.request({ method: 'GET', url: `/api/monitor/devices/${id}`, headers: env.admin })).status, 404);
  });

  it('manages rules with checked parameters; a device rule replaces its type rule', async () => {
    const { id } = await env.device('GAS-0002', 'gas_lel');
    const post = (payload: object) => env.p.request({ method: 'POST', url: '/api/monitor/rules', headers: env.admin, payload });
    const good = { name: '本井更严', deviceId: id, kind: 'threshold', metric: 'lel',
      params: { direction: 'above', levels: { yellow: 5, red: 10 }, forSeconds: 0, hysteresis: 1 } };
    const created = await post(good);
    assert.equal(created.status, 201);
    assert.equal((await post({ ...good, metric: 'co2' })).body.code, 'UNKNOWN_METRIC');
    assert.equal((await post({ ...good, deviceTypeCode: 'gas_lel' })).body.code, 'RULE_TARGET');
    assert.equal((await post({ ...good, params: { direction: 'above', levels: { yellow: 10, red: 5 }, forSeconds: 0, hysteresis: 0 } })).body.code, 'INVALID_RULE');
    assert.equal((await post({ ...good, kind: 'offline', params: { minutes: 5, level: 'blue' } })).body.code, 'INVALID_RULE');
    assert.equal((await post({ ...good, matterCode: '99999' })).body.code, 'UNKNOWN_TYPE');
    const put = await env.p.request({ method: 'PUT', url: `/api/monitor/rules/${created.body.id}`, headers: env.admin,
      payload: { ...good, params: { ...good.params, levels: { yellow: 6, red: 12 } } } });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.params.levels, { yellow: 6, red: 12 });
    // the type's metric cannot be removed while a rule uses it
    const types = await env.p.request({ method: 'GET', url: '/api/monitor/device-types', headers: env.admin });
    const gas = types.body.items.find((t: any) => t.code === 'gas_lel');
    const drop = await env.p.request({ method: 'PUT', url: '/api/monitor/device-types/gas_lel', headers: env.admin,
      payload: { name: gas.name, category: gas.category, matterCode: gas.matterCode, metrics: gas.metrics.filter((m: any) => m.key !== 'lel') } });
    assert.equal(drop.status, 409);
    assert.equal(drop.body.code, 'METRIC_IN_USE');
  });

  it('creates a device type for a new kind of sensor', async () => {
    const res = await env.p.request({ method: 'POST', url: '/api/monitor/device-types', headers: env.admin, payload: {
      code: 'slope_tilt', name: '边坡倾斜监测', category: '边坡', matterCode: '10002',
      metrics: [{ key: 'tilt', name: '倾角', unit: '°' }, { key: 'tilt2', name: '倾角', unit: '°' }] } });
    assert.equal(res.status, 201);
    const dup = await env.p.request({ method: 'POST', url: '/api/monitor/device-types', headers: env.admin, payload: {
      code: 'slope_x', name: 'x', category: 'x', matterCode: '10002', metrics: [{ key: 'aa', name: 'a', unit: '' }, { key: 'aa', name: 'b', unit: '' }] } });
    assert.equal(dup.body.code, 'DUPLICATE_METRIC');
  });

  it('grants read to centre staff and handlers, management to admins, dispatchers and shift leaders, nothing to citizens', async () => {
    const get = async (user: string) => (await env.p.request({ method: 'GET', url: '/api/monitor/devices', headers: await env.p.loginAs(user) })).status;
    const post = async (user: string) => (await env.p.request({ method: 'POST', url: '/api/monitor/devices', headers: await env.p.loginAs(user),
      payload: { code: `X-${user}`, name: 'x', typeCode: 'gas_lel', position: POINT } })).status;
    assert.equal(await get('citizen1'), 403);
    assert.equal(await get('collector1'), 403);
    assert.equal(await get('leader1'), 200);
    assert.equal(await get('handler1'), 200);
    assert.equal(await post('leader1'), 403);
    assert.equal(await post('dispatcher1'), 201);
    assert.equal((await env.p.request({ method: 'GET', url: '/api/monitor/devices' })).status, 401);
    // the ingest key reports readings but reads nothing
    assert.equal((await env.p.request({ method: 'GET', url: '/api/monitor/devices', headers: env.ingestKey })).status, 403);
  });

  it('keeps other districts out of a district admin\'s lists', async () => {
    const res = await env.p.request({ method: 'GET', url: '/api/monitor/devices', headers: await env.p.loginAs('district_admin') });
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 0);
  });
});
