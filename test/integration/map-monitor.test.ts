// 一张图 monitoring layers: devices with their state (normal, alarm with level, offline), active alarms and cameras
// as GeoJSON, within the data scope, for monitor.read only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { raiseOfflineAlarms } from '../../src/monitor/sweep.ts';
import { startMonitorEnv, type MonitorEnv } from '../helpers/monitor.ts';

describe('一张图 monitoring layers', () => {
  let env: MonitorEnv;
  let gas: { id: number; secret: string };
  let drain: { id: number; secret: string };
  let quiet: { id: number; secret: string };
  const layer = async (name: string, headers = env.admin) => {
    const res = await env.p.request({ method: 'GET', url: `/api/map/monitor/${name}.geojson`, headers });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(String(res.headers['content-type']), /geo\+json/);
    const body = typeof res.body === 'string' ? JSON.parse(res.body) : res.body;
    assert.equal(body.type, 'FeatureCollection');
    return body.features as { id: number; geometry: { coordinates: number[] }; properties: Record<string, any> }[];
  };

  before(async () => {
    env = await startMonitorEnv();
    gas = await env.device('GAS-2001', 'gas_lel', { facility: '人民路燃气管线' });
    drain = await env.device('DRN-2001', 'drain_level', { position: { lon: 119.0007, lat: 34.0003 } });
    quiet = await env.device('WTR-2001', 'water_pipe');
    await env.device('GAS-2002', 'gas_lel', { enabled: false });
    // gas: yellow then red (one alarm, level red)
    const h = env.basic('GAS-2001', gas.secret);
    for (const lel of [22, 55]) {
      const res = await env.p.request({ method: 'POST', url: '/api/monitor/readings', headers: h, payload: { readings: [{ values: { lel } }] } });
      assert.equal(res.status, 200);
    }
    await env.p.request({ method: 'POST', url: '/api/monitor/readings', headers: env.basic('WTR-2001', quiet.secret),
      payload: { readings: [{ values: { pressure: 0.3 } }] } });
    // drain: silent for two hours → offline
    await env.p.db.query("update monitor_devices set created_at = now() - interval '2 hours' where id = $1", [drain.id]);
    await env.p.db.transaction((tx) => raiseOfflineAlarms(tx, env.p.ctx.events, new Date()));
    const cam = await env.p.request({ method: 'POST', url: '/api/monitor/cameras', headers: env.admin,
      payload: { code: 'CAM-2001', name: '人民路口东', position: { lon: 119.0004, lat: 34.0004 } } });
    assert.equal(cam.status, 201);
  });
  after(async () => { await env?.p.close(); });

  it('shows enabled devices with type, state, level and last seen, alarms drawn last', async () => {
    const features = await layer('devices');
    const byCode = new Map(features.map((f) => [f.properties.code, f]));
    assert.equal(byCode.has('GAS-2002'), false);   // disabled
    const g = byCode.get('GAS-2001')!;
    assert.equal(g.properties.state, 'alarm');
    assert.equal(g.properties.level, 'red');
    assert.match(g.properties.levelName, /红色/);
    assert.match(g.properties.typeName, /可燃气体/);
    assert.equal(g.properties.facility, '人民路燃气管线');
    assert.ok(g.properties.alarmId > 0);
    assert.ok(g.properties.lastSeenAt);
    assert.deepEqual(g.geometry.coordinates, [119.0002, 34.0002]);
    const d = byCode.get('DRN-2001')!;
    assert.equal(d.properties.state, 'offline');
    assert.equal(d.properties.level, null);
    assert.ok(d.properties.offlineSince);
    assert.equal(d.properties.lastSeenAt, null);
    const w = byCode.get('WTR-2001')!;
    assert.equal(w.properties.state, 'normal');
    assert.ok(w.properties.category);
    assert.equal(features.at(-1)!.properties.code, 'GAS-2001');
  });

  it('lists the active alarms with level, status and device, highest level last', async () => {
    const features = await layer('alarms');
    assert.equal(features.length, 2);
    const [offline, red] = features;
    assert.equal(red.properties.deviceCode, 'GAS-2001');
    assert.equal(red.properties.level, 'red');
    assert.equal(red.properties.status, 'raised');
    assert.equal(red.properties.statusName, '待确认');
    assert.equal(red.properties.lastValue, 55);
    assert.equal(red.properties.deviceId, gas.id);
    assert.equal(offline.properties.kind, 'offline');
    // recovered alarms leave the layer
    await env.p.request({ method: 'POST', url: '/api/monitor/readings', headers: env.basic('DRN-2001', drain.secret),
      payload: { readings: [{ values: { level: 0.4 } }] } });
    const after = await layer('alarms');
    assert.deepEqual(after.map((f) => f.properties.deviceCode), ['GAS-2001']);
    assert.equal((await layer('devices')).find((f) => f.properties.code === 'DRN-2001')!.properties.state, 'normal');
  });

  it('shows the cameras', async () => {
    const features = await layer('cameras');
    assert.deepEqual(features.map((f) => [f.properties.code, f.properties.name, f.properties.enabled]), [['CAM-2001', '人民路口东', true]]);
  });

  it('keeps to the data scope and the monitor.read permission', async () => {
    const elsewhere = await env.p.loginAs('district_admin');   // scope: another district
    for (const name of ['devices', 'alarms', 'cameras']) assert.deepEqual(await layer(name, elsewhere), []);
    const inspector = await env.p.loginAs('inspector1');
    assert.equal((await layer('devices', inspector)).length, 3);
    for (const user of ['collector1', 'citizen1']) {
      const res = await env.p.request({ method: 'GET', url: '/api/map/monitor/devices.geojson', headers: await env.p.loginAs(user) });
      assert.equal(res.status, 403);
    }
    assert.equal((await env.p.request({ method: 'GET', url: '/api/map/monitor/alarms.geojson' })).status, 401);
  });
});
