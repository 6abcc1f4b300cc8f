// Facilities (设施) with their view and health report, and the flood scenario (防汛): readings → area warning → team
// notified and acknowledging.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMonitorEnv, POINT, type MonitorEnv } from '../helpers/monitor.ts';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('monitor facilities and flood', () => {
  let env: MonitorEnv;
  const post = (headers: Record<string, string>, readings: object[]) =>
    env.p.request({ method: 'POST', url: '/api/monitor/readings', headers, payload: { readings } });
  before(async () => { env = await startMonitorEnv(); });
  after(async () => { await env?.p.close(); });

  const line = { type: 'LineString', coordinates: [[POINT.lon, POINT.lat - 0.0002], [POINT.lon, POINT.lat], [POINT.lon, POINT.lat + 0.0002]] };

  it('registers, lists, updates and refuses bad facilities', async () => {
    const req = (method: string, url: string, payload?: object, headers = env.admin) => env.p.request({ method: method as any, url, headers, payload });
    const created = await req('POST', '/api/monitor/facilities', { code: 'BR-T01', kind: 'bridge', name: '测试大桥', geometry: line,
      departmentId: env.departmentId, props: { spans: 3 } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.kindName, '桥梁');
    assert.equal(created.body.gridCode.slice(0, 6), '379902');
    assert.equal((await req('POST', '/api/monitor/facilities', { code: 'BR-T01', kind: 'bridge', name: 'x', geometry: line })).body.code, 'DUPLICATE_CODE');
    assert.equal((await req('POST', '/api/monitor/facilities', { code: 'BR-T02', kind: 'bridge', name: 'x',
      geometry: { type: 'LineString', coordinates: [[POINT.lon, POINT.lat]] } })).body.code, 'INVALID_GEOMETRY');
    assert.equal((await req('POST', '/api/monitor/facilities', { code: 'BR-T03', kind: 'castle', name: 'x', geometry: line })).status, 400);
    assert.equal((await req('POST', '/api/monitor/facilities', { code: 'BR-T04', kind: 'bridge', name: 'x',
      geometry: { type: 'Point', coordinates: [121, 30] } })).status, 400);
    assert.equal(await env.p.db.maybeOne("select 1 from monitor_facilities where code like 'BR-T0_' and code <> 'BR-T01'"), undefined);
    const citizen = await env.p.loginAs('citizen1');
    assert.equal((await req('GET', '/api/monitor/facilities', undefined, citizen)).status, 403);
    const handler = await env.p.loginAs('handler1');
    assert.equal((await req('POST', '/api/monitor/facilities', { code: 'BR-T05', kind: 'bridge', name: 'x', geometry: line }, handler)).status, 403);
    const list = await req('GET', '/api/monitor/facilities?kind=bridge', undefined, handler);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((f: any) => f.code), ['BR-T01']);
    const updated = await req('PUT', `/api/monitor/facilities/${created.body.id}`, { kind: 'bridge', name: '测试大桥（改）', geometry: line, props: { spans: 4 } });
    assert.equal(updated.body.name, '测试大桥（改）');
    assert.equal(updated.body.props.spans, 4);
    assert.equal((await req('GET', '/api/monitor/facilities/999999')).status, 404);
  });

  it('shows a facility with its sensors, series, thresholds and alarms, and writes a health report PDF', async () => {
    const fid = Number((await env.p.db.maybeOne("select id from monitor_facilities where code = 'BR-T01'"))!.id);
    const a = await env.device('BRG-T01', 'bridge_health', { facility: '旧标签' });
    const b = await env.device('BRG-T02', 'bridge_health');
    const link = await env.p.request({ method: 'PUT', url: `/api/monitor/facilities/${fid}/devices`, headers: env.admin, payload: { deviceIds: [a.id, b.id] } });
    assert.equal(link.status, 200, JSON.stringify(link.body));
    assert.equal(link.body.devices, 2);
    const labels = await env.p.db.query('select code, facility from monitor_devices where facility_id = $1 order by code', [fid]);
    assert.deepEqual(labels.map((r) => r.facility), ['旧标签', '测试大桥（改）']);   // the free-text label stays where it was set
    assert.equal((await env.p.request({ method: 'PUT', url: `/api/monitor/facilities/${fid}/devices`, headers: env.admin,
      payload: { deviceIds: [999999] } })).body.code, 'UNKNOWN_DEVICE');
    // two hours of readings; the deflection crosses the yellow line (30 mm) and raises an alarm
    const readings = Array.from({ length: 12 }, (_, i) => ({ ts: ago(120 - i * 10), values: { deflection: i === 11 ? 35 : 8 + i, load: 20, strain: 100 } }));
    assert.equal((await post(env.basic('BRG-T01', a.secret), readings)).body.stored, 36);
    assert.equal((await post(env.basic('BRG-T02', b.secret), readings.slice(0, 6))).body.stored, 18);
    const view = await env.p.request({ method: 'GET', url: `/api/monitor/facilities/${fid}/view?from=${ago(180)}&to=${ago(-1)}`, headers: env.admin });
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.equal(view.body.sensors.length, 2);
    const s1 = view.body.sensors.find((s: any) => s.code === 'BRG-T01');
    assert.equal(s1.latest.deflection.value, 35);
    assert.equal(s1.state, 'alarm');
    assert.ok(s1.thresholds.deflection.some((t: any) => t.level === 'yellow' && t.value === 30));
    const defl = view.body.series.find((s: any) => s.deviceId === a.id && s.metric === 'deflection');
    assert.equal(defl.resolution, 'raw');
    assert.equal(defl.points.length, 12);
    assert.ok(defl.thresholds.length >= 3);
    assert.equal(view.body.alarms.counts.total, 1);
    assert.equal(view.body.alarms.items[0].deviceCode, 'BRG-T01');
    assert.equal((await env.p.request({ method: 'GET', url: `/api/monitor/facilities/${fid}/view?from=${ago(1)}&to=${ago(10)}`, headers: env.admin }))
      .body.code, 'INVALID_RANGE');

    const pdf = await env.p.app.inject({ method: 'GET', url: `/api/monitor/facilities/${fid}/report.pdf?from=${ago(24 * 60)}&to=${ago(0)}`, headers: env.admin });
    assert.equal(pdf.statusCode, 200);
    assert.match(String(pdf.headers['content-type']), /application\/pdf/);
    assert.match(String(pdf.headers['content-disposition']), /attachment/);
    assert.ok(pdf.rawPayload.length > 20_000, `pdf of ${pdf.rawPayload.length} bytes`);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    if (process.env.CITYOPS_KEEP_PDF) (await import('node:fs')).writeFileSync(process.env.CITYOPS_KEEP_PDF, pdf.rawPayload);
  });

  it('raises an area warning from flood readings, notifies the team, escalates and takes acknowledgements', async () => {
    const handler1 = Number((await env.p.db.maybeOne("select id from users where username = 'handler1'"))!.id);
    const team = await env.p.request({ method: 'POST', url: '/api/monitor/flood/teams', headers: env.admin,
      payload: { name: '中心区防汛抢险队', departmentId: env.departmentId, areaCode: '379902', memberIds: [handler1] } });
    assert.equal(team.status, 201, JSON.stringify(team.body));
    assert.deepEqual(team.body.members.map((m: any) => m.username), ['handler1']);
    assert.equal((await env.p.request({ method: 'POST', url: '/api/monitor/flood/teams', headers: env.admin,
      payload: { name: 'x', areaCode: '379999', memberIds: [] } })).body.code, 'UNKNOWN_AREA');

    const rain = await env.device('RG-T01', 'rain_gauge');
    const pond = await env.device('PND-T01', 'road_ponding');
    await post(env.basic('RG-T01', rain.secret), [{ ts: ago(5), values: { rain_1h: 35 } }]);
    await post(env.basic('PND-T01', pond.secret), [{ ts: ago(4), values: { depth: 20 } }]);
    const evaluate = () => env.p.request({ method: 'POST', url: '/api/monitor/flood/evaluate', headers: env.admin });
    const first = await evaluate();
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.started, 1);
    assert.equal(first.body.notified, 1);
    const warnings = await env.p.request({ method: 'GET', url: '/api/monitor/flood/warnings?active=true', headers: env.admin });
    assert.equal(warnings.body.total, 1);
    const w = warnings.body.items[0];
    assert.equal(w.level, 'yellow');   // rain 35 mm/h and ponding 20 cm are both 黄色
    assert.equal(w.areaCode.length, 9);
    assert.deepEqual(w.reasons.map((r: any) => r.indicator).sort(), ['ponding', 'rain_1h', 'rain_3h']);   // 3 h ≥ 1 h: 35 mm is 蓝 over 3 h
    assert.deepEqual(w.notified.map((n: any) => [n.name.length > 0, n.team, n.level, n.ackedAt]), [[true, '中心区防汛抢险队', 'yellow', null]]);
    // the same state again changes nothing and tells nobody twice
    assert.equal((await evaluate()).body.notified, 0);
    // deeper water: red at once, the team is told again (urgent, so a push job is queued)
    await post(env.basic('PND-T01', pond.secret), [{ ts: ago(1), values: { depth: 45 } }]);
    const second = await evaluate();
    assert.equal(second.body.escalated, 1);
    assert.equal(second.body.notified, 1);
    const handler = await env.p.loginAs('handler1');
    const messages = await env.p.request({ method: 'GET', url: '/api/notifications', headers: handler });
    const flood = messages.body.items.filter((m: any) => m.message.includes('防汛预警'));
    assert.equal(flood.length, 2);
    assert.ok(flood[0].message.includes('红色') && flood[0].urgent);
    const push = await env.p.db.maybeOne<{ n: number }>("select count(*)::int as n from jobs where kind = 'notification.push'");
    assert.ok(push!.n >= 1);
    const ack = await env.p.request({ method: 'POST', url: `/api/monitor/flood/warnings/${w.id}/ack`, headers: handler });
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    assert.equal(ack.body.acknowledged, 2);
    assert.equal((await env.p.request({ method: 'POST', url: `/api/monitor/flood/warnings/${w.id}/ack`, headers: handler })).body.code, 'ALREADY_ACKNOWLEDGED');
    assert.equal((await env.p.request({ method: 'POST', url: `/api/monitor/flood/warnings/${w.id}/ack`, headers: env.admin })).status, 404);
    const detail = await env.p.request({ method: 'GET', url: `/api/monitor/flood/warnings/${w.id}`, headers: env.admin });
    assert.equal(detail.body.level, 'red');
    assert.deepEqual(detail.body.events.map((e: any) => e.action), ['start', 'escalate']);
    assert.ok(detail.body.notified.every((n: any) => n.ackedAt !== null));
    const overview = await env.p.request({ method: 'GET', url: '/api/monitor/flood/overview', headers: env.admin });
    assert.equal(overview.status, 200);
    assert.equal(overview.body.warnings.length, 1);
    const g = overview.body.gauges.find((x: any) => x.code === 'PND-T01');
    assert.equal(g.level, 'red');
    assert.equal(g.values.ponding, 45);
    assert.ok(overview.body.areas.some((a: any) => a.warning?.id === w.id));
  });
});
