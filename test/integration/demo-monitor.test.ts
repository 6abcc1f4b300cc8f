// The demo city's monitoring: facilities, sensors with working demo secrets, cameras, flood set-up, recent history.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemoCity } from '../../src/demo/index.ts';
import { demoDeviceSecret } from '../../src/demo/device-secrets.ts';
import { DEMO_SEED } from '../../src/demo/random.ts';
import { monitorPipeline } from '../../src/monitor/service.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

describe('demo city monitoring', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  before(async () => {
    p = await startTestPlatform({ seed: async (db) => { await generateDemoCity(db); } });
    admin = await p.loginAs('admin');
  });
  after(async () => { await p?.close(); });

  const count = async (sql: string) => Number((await p.db.maybeOne<{ n: number }>(sql))!.n);

  it('places facilities, sensors of every type and cameras in the city', async () => {
    const devices = await count('select count(*)::int as n from monitor_devices');
    assert.ok(devices >= 150 && devices <= 300, `${devices} devices`);
    const types = (await p.db.query<{ type_code: string }>('select distinct type_code from monitor_devices order by 1')).map((r) => r.type_code);
    for (const t of ['bridge_health', 'gas_pipe', 'gas_lel', 'water_pipe', 'drain_level', 'manhole_cover', 'heating_pipe', 'tunnel_env', 'septic_gas',
      'rain_gauge', 'river_level', 'road_ponding']) assert.ok(types.includes(t), t);
    const kinds = (await p.db.query<{ kind: string }>('select distinct kind from monitor_facilities order by 1')).map((r) => r.kind);
    assert.deepEqual(kinds, ['bridge', 'drain_pipe', 'gas_pipe', 'heating_pipe', 'low_point', 'pump_station', 'river_section', 'septic_tank',
      'utility_tunnel', 'water_pipe']);
    assert.equal(await count('select count(*)::int as n from monitor_cameras'), 20);
    assert.equal(await count("select count(*)::int as n from monitor_devices where type_code = 'rain_gauge' and facility_id is null"),
      await count("select count(*)::int as n from monitor_devices where type_code = 'rain_gauge'"));
    assert.equal(await count("select count(*)::int as n from monitor_devices where type_code <> 'rain_gauge' and facility_id is null"), 0);
    // every device lies in its grid's district, and watched components are where the device is
    assert.equal(await count('select count(*)::int as n from monitor_devices where district_code <> substr(grid_code, 1, 6)'), 0);
    assert.equal(await count(`select count(*)::int as n from monitor_devices d join components c on c.id = d.component_id
      where c.grid_code <> d.grid_code`), 0);
    assert.ok(await count('select count(*)::int as n from monitor_flood_teams') >= 4);
    assert.ok(await count('select count(*)::int as n from monitor_flood_team_members') >= 8);
  });

  it('accepts a reading with the demo secret of a device, and refuses a wrong one', async () => {
    const code = 'RG-379902001';
    const post = (secret: string) => p.request({ method: 'POST', url: '/api/monitor/readings',
      headers: { authorization: `Basic ${Buffer.from(`${code}:${secret}`).toString('base64')}` },
      payload: { readings: [{ values: { rain_1h: 0.5 } }] } });
    const ok = await post(demoDeviceSecret(DEMO_SEED, code));
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.stored, 1);
    assert.equal((await post(demoDeviceSecret(DEMO_SEED + 1, code))).status, 401);
  });

  it('has recent history: facility charts, past alarms and a quiet flood picture', async () => {
    assert.ok(await count("select count(*)::int as n from monitor_rollups where resolution = '1h'") > 10_000);
    const bridge = (await p.db.maybeOne<{ id: number }>("select id from monitor_facilities where code = 'BR-001'"))!;
    const view = await p.request({ method: 'GET', url: `/api/monitor/facilities/${bridge.id}/view`, headers: admin });
    assert.equal(view.status, 200);
    assert.ok(view.body.sensors.length >= 1);
    assert.ok(view.body.sensors.every((s: any) => s.latest.deflection && s.state !== 'offline'));
    assert.ok(view.body.series.find((s: any) => s.metric === 'deflection').points.length >= 70);
    const alarms = await p.request({ method: 'GET', url: '/api/monitor/alarms?pageSize=50', headers: admin });
    const statuses = alarms.body.items.map((a: any) => a.status);
    assert.ok(alarms.body.total >= 6);
    assert.ok(statuses.includes('false_alarm') && statuses.includes('archived') && statuses.includes('raised'));
    const evaluated = await p.request({ method: 'POST', url: '/api/monitor/flood/evaluate', headers: admin });
    assert.equal(evaluated.body.started, 0);   // the past rain is over: nothing to warn about now
    const overview = await p.request({ method: 'GET', url: '/api/monitor/flood/overview', headers: admin });
    assert.equal(overview.body.areas.length, 20);
    assert.ok(overview.body.gauges.filter((g: any) => g.typeCode === 'river_level').every((g: any) => g.values.river_level > 2 && g.warningLevel >= 4));
  });

  it('turns the alarm the 值班长 confirmed into a case through the loop\'s intake once the platform runs jobs', async () => {
    const confirmed = await p.db.maybeOne<{ id: number; component_id: string }>(`select a.id, d.component_id from monitor_alarms a
      join monitor_devices d on d.id = a.device_id where a.note like '视频复核%'`);
    assert.ok(confirmed?.component_id, 'a manhole cover alarm on a watched component');
    await p.ctx.jobs.tick();
    const alarm = await p.request({ method: 'GET', url: `/api/monitor/alarms/${confirmed.id}`, headers: admin });
    assert.equal(alarm.body.status, 'dispatched');
    assert.deepEqual(alarm.body.events.map((e: any) => e.action), ['raise', 'confirm', 'dispatch']);
    const c = await p.request({ method: 'GET', url: `/api/cases/${alarm.body.caseId}`, headers: admin });
    assert.equal(c.status, 200);
    assert.deepEqual([c.body.source, c.body.kind, c.body.componentId, c.body.urgent], ['iot', 'component', confirmed.component_id, true]);
    assert.match(c.body.description, /^物联感知告警（红色（Ⅰ级））：.*井盖.*最新读数 开启状态 是$/);
    assert.equal(await count(`select count(*)::int as n from jobs where kind = 'monitor.demo-dispatch' and status = 'pending'`), 0);
  });

  it('keeps the demo sensors reporting: the demo feed job stores a reading of every device each minute', async () => {
    const devices = await count('select count(*)::int as n from monitor_devices where enabled');
    const pending = await p.db.maybeOne<{ status: string; payload: any }>("select status, payload from jobs where kind = 'monitor.demo-feed'");
    assert.equal(pending?.status, 'pending');
    const runs = pending!.payload.runs ?? 0;
    const since = new Date().toISOString();
    await p.db.query("update jobs set run_at = now() where kind = 'monitor.demo-feed'");
    await p.ctx.jobs.tick();
    await monitorPipeline(p.ctx).flush();
    const reported = await count(`select count(distinct device_id)::int as n from monitor_readings where ts >= '${since}'`);
    assert.equal(reported, devices);
    const next = await p.db.maybeOne<{ status: string; payload: any }>("select status, payload from jobs where kind = 'monitor.demo-feed'");
    assert.equal(next?.status, 'pending');   // the next minute is scheduled, carrying the weather
    assert.equal(next?.payload.runs, runs + 1);
    // the open alarms' conditions carry on: the displaced cover still reads open
    assert.equal(next?.payload.anomalies[(await p.db.maybeOne<{ code: string }>(`select d.code from monitor_alarms a
      join monitor_devices d on d.id = a.device_id where a.note like '视频复核%'`))!.code]?.value, 1);
  });
});
