// HTTP ingest, storage with rollups and history, bad input, and the alarm loop: reading → alarm → case → recovery.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { raiseOfflineAlarms } from '../../src/monitor/sweep.ts';
import { startMonitorEnv, type MonitorEnv } from '../helpers/monitor.ts';

const BASE = Date.now() - 3_600_000;
const minute = (m: number) => new Date(BASE + m * 60_000).toISOString();

describe('monitor ingest over HTTP and the alarm loop', () => {
  let env: MonitorEnv;
  let gas: { id: number; secret: string };
  before(async () => {
    env = await startMonitorEnv();
    gas = await env.device('GAS-1001', 'gas_lel', { facility: '人民路燃气管线' });
  });
  after(async () => { await env?.p.close(); });

  const post = (headers: Record<string, string>, readings: object[]) =>
    env.p.request({ method: 'POST', url: '/api/monitor/readings', headers, payload: { readings } });

  it('stores a device\'s readings with its own credentials, ignores duplicates and keeps rollups', async () => {
    const h = env.basic('GAS-1001', gas.secret);
    const first = await post(h, [{ ts: minute(0), values: { lel: 2, temp: 18 } }, { ts: minute(0.5), values: { lel: 4 } }]);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { accepted: 2, readings: 3, stored: 3, duplicates: 0, rejected: [] });
    const again = await post(h, [{ ts: minute(0), values: { lel: 2, temp: 18 } }, { ts: minute(1), values: { lel: 6 } }]);
    assert.deepEqual({ stored: again.body.stored, duplicates: again.body.duplicates }, { stored: 1, duplicates: 2 });
    // out of order: an older reading is still stored
    const late = await post(h, [{ ts: minute(0.25), values: { lel: 3 } }]);
    assert.equal(late.body.stored, 1);
    const n = await env.p.db.maybeOne<{ n: number }>("select count(*)::int as n from monitor_readings where device_id = $1 and metric = 'lel'", [gas.id]);
    assert.equal(n!.n, 4);
    const series = await env.p.request({ method: 'GET', headers: env.admin,
      url: `/api/monitor/devices/${gas.id}/series?metric=lel&from=${encodeURIComponent(minute(-1))}&to=${encodeURIComponent(minute(5))}` });
    assert.equal(series.body.resolution, 'raw');
    assert.deepEqual(series.body.points.map((p: any) => p.value), [2, 3, 4, 6]);
    const hourly = await env.p.request({ method: 'GET', headers: env.admin,
      url: `/api/monitor/devices/${gas.id}/series?metric=lel&resolution=1h&from=${encodeURIComponent(minute(-120))}&to=${encodeURIComponent(minute(60))}` });
    const total = hourly.body.points.reduce((s: number, p: any) => s + p.count, 0);
    assert.equal(total, 4);   // duplicates counted once
    const minutes = await env.p.db.query("select n, sum, min, max from monitor_rollups where resolution = '1m' and device_id = $1 and metric = 'lel' order by bucket", [gas.id]);
    assert.equal(minutes.reduce((s, r) => s + Number(r.n), 0), 4);
    assert.equal(Math.max(...minutes.map((r) => r.max)), 6);
    const device = await env.p.request({ method: 'GET', url: `/api/monitor/devices/${gas.id}`, headers: env.admin });
    assert.ok(device.body.lastSeenAt);
  });

  it('refuses wrong credentials, unknown devices and other devices\' readings', async () => {
    assert.equal((await post(env.basic('GAS-1001', 'cds_wrong'), [{ values: { lel: 1 } }])).status, 401);
    assert.equal((await post(env.basic('NOPE-1', gas.secret), [{ values: { lel: 1 } }])).body.code, 'DEVICE_AUTH_FAILED');
    assert.equal((await post({}, [{ device: 'GAS-1001', values: { lel: 1 } }])).status, 401);
    const unknown = await post(env.ingestKey, [{ device: 'GAS-1001', values: { lel: 1 } }, { device: 'NOPE-2', values: { lel: 1 } }]);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'UNKNOWN_DEVICE');
    const other = await post(env.basic('GAS-1001', gas.secret), [{ device: 'GAS-9999', values: { lel: 1 } }]);
    assert.equal(other.status, 403);
    // a logged-in user without the ingest permission
    assert.equal((await post(env.admin, [{ device: 'GAS-1001', values: { lel: 1 } }])).status, 403);
    assert.equal((await post(env.ingestKey, [])).status, 400);
  });

  it('counts malformed messages per device and stores the good ones', async () => {
    const before = (await env.p.request({ method: 'GET', url: `/api/monitor/devices/${gas.id}`, headers: env.admin })).body.badPayloads;
    const res = await post(env.ingestKey, [
      { device: 'GAS-1001', ts: minute(2), values: { lel: 'high' } },
      { device: 'GAS-1001', ts: minute(2), values: { co2: 1 } },
      { device: 'GAS-1001', ts: minute(2), values: { lel: 7 } },
      { device: 'GAS-1001', ts: new Date(Date.now() + 3_600_000).toISOString(), values: { lel: 1 } },
    ]);
    assert.equal(res.status, 200);
    assert.equal(res.body.accepted, 1);
    assert.deepEqual(res.body.rejected.map((r: any) => r.index), [0, 1, 3]);
    assert.match(res.body.rejected[1].message, /co2/);
    const device = await env.p.request({ method: 'GET', url: `/api/monitor/devices/${gas.id}`, headers: env.admin });
    assert.equal(device.body.badPayloads, before + 3);
    assert.match(device.body.lastBadReason, /晚于/);
  });

  it('raises one alarm, escalates it, notifies the department, and it becomes a case in the loop', async () => {
    const h = env.basic('GAS-1001', gas.secret);
    await post(h, [{ ts: minute(10), values: { lel: 22 } }]);   // yellow (20)
    await post(h, [{ ts: minute(11), values: { lel: 24 } }]);   // still yellow: same alarm
    await post(h, [{ ts: minute(12), values: { lel: 55 } }]);   // red
    const list = await env.p.request({ method: 'GET', url: `/api/monitor/alarms?active=true&device=${gas.id}`, headers: env.admin });
    assert.equal(list.body.total, 1);
    const alarm = list.body.items[0];
    assert.equal(alarm.level, 'red');
    assert.equal(alarm.peakLevel, 'red');
    assert.equal(alarm.status, 'raised');
    assert.equal(alarm.lastValue, 55);
    const messages = await env.p.db.query(`select n.message, n.urgent from notifications n join users u on u.id = n.user_id
      where u.username = 'handler1' and n.message like '%GAS-1001%' order by n.id`);
    assert.equal(messages.length, 2);   // raise (yellow) and escalation (red)
    assert.equal(messages[1].urgent, true);
    assert.match(messages[1].message, /红色/);
    const push = await env.p.db.maybeOne<{ n: number }>("select count(*)::int as n from jobs where kind = 'notification.push'");
    assert.ok(push!.n >= 1);

    const act = (action: string, headers = env.admin) =>
      env.p.request({ method: 'POST', url: `/api/monitor/alarms/${alarm.id}/actions/${action}`, headers, payload: { note: '现场核实' } });
    assert.equal((await act('confirm', await env.p.loginAs('leader1'))).status, 403);
    assert.equal((await act('archive')).body.code, 'ALARM_ACTION_NOT_ALLOWED');
    const confirmed = await act('confirm', await env.p.loginAs('dispatcher1'));
    assert.equal(confirmed.body.status, 'confirmed');
    const dispatched = await act('dispatch', await env.p.loginAs('dispatcher1'));
    assert.equal(dispatched.status, 200);
    assert.equal(dispatched.body.status, 'dispatched');
    const c = await env.p.db.maybeOne('select * from cases where id = $1', [dispatched.body.caseId]);
    assert.equal(c!.source, 'iot');
    assert.equal(c!.type_code, '01011');
    assert.equal(c!.urgent, true);
    assert.equal(c!.grid_code, '379902001001001');
    assert.match(c!.description, /GAS-1001/);
    assert.equal(dispatched.body.caseNo, c!.case_no);
    assert.equal((await act('dispatch')).status, 409);

    // a repeat while active updates the same alarm
    await post(h, [{ ts: minute(13), values: { lel: 60 } }]);
    const active = await env.p.db.query("select id from monitor_alarms where device_id = $1 and status in ('raised', 'confirmed', 'dispatched')", [gas.id]);
    assert.deepEqual(active.map((r) => Number(r.id)), [alarm.id]);

    // recovery: below blue − hysteresis
    await post(h, [{ ts: minute(14), values: { lel: 1 } }]);
    const recovered = await env.p.request({ method: 'GET', url: `/api/monitor/alarms/${alarm.id}`, headers: env.admin });
    assert.equal(recovered.body.status, 'recovered');
    assert.deepEqual(recovered.body.events.map((e: any) => e.action), ['raise', 'escalate', 'confirm', 'dispatch', 'recover']);
    assert.equal((await act('archive')).body.status, 'archived');

    // after recovery a new excursion is a new alarm
    await post(h, [{ ts: minute(15), values: { lel: 30 } }]);
    const next = await env.p.request({ method: 'GET', url: `/api/monitor/alarms?active=true&device=${gas.id}`, headers: env.admin });
    assert.equal(next.body.total, 1);
    assert.notEqual(next.body.items[0].id, alarm.id);
    const falseAlarm = await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${next.body.items[0].id}/actions/false_alarm`, headers: env.admin });
    assert.equal(falseAlarm.body.status, 'false_alarm');
  });

  it('publishes alarm changes on the event bus for the live map', async () => {
    const seen: any[] = [];
    const off = env.p.ctx.events.subscribe('monitor.alarm.changed', (e) => seen.push(e.data));
    const pond = await env.device('PND-1001', 'road_ponding');
    await env.p.db.query("update monitor_rules set params = jsonb_set(params, '{forSeconds}', '0') where device_type_code = 'road_ponding' and kind = 'threshold'");
    await env.p.ctx.events.publish(env.p.db, 'monitor.registry.changed', { what: 'test' });
    await new Promise((r) => setTimeout(r, 50));
    await post(env.basic('PND-1001', pond.secret), [{ ts: minute(20), values: { depth: 30 } }]);
    await new Promise((r) => setTimeout(r, 100));
    off();
    const mine = seen.filter((c) => c.deviceId === pond.id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].level, 'orange');
    assert.equal(mine[0].action, 'raise');
    assert.equal(mine[0].gridCode, '379902001001001');
    // the ponding alarm becomes a 道路积水 case (local type)
    const dispatched = await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${mine[0].id}/actions/dispatch`, headers: env.admin });
    assert.equal(dispatched.status, 200);
    assert.equal((await env.p.db.maybeOne('select type_code from cases where id = $1', [dispatched.body.caseId]))!.type_code, '10901');
  });

  it('raises offline alarms for silent devices and clears them on the next reading', async () => {
    const drain = await env.device('DRN-1001', 'drain_level');
    await env.p.db.query("update monitor_devices set created_at = now() - interval '2 hours' where id = $1", [drain.id]);
    const raised = await env.p.db.transaction((tx) => raiseOfflineAlarms(tx, env.p.ctx.events, new Date()));
    assert.ok(raised >= 1);
    const again = await env.p.db.transaction((tx) => raiseOfflineAlarms(tx, env.p.ctx.events, new Date()));
    assert.equal(again, 0);   // one active alarm per device and rule
    const offline = await env.p.db.maybeOne("select a.id, a.status from monitor_alarms a where a.device_id = $1 and a.kind = 'offline'", [drain.id]);
    assert.equal(offline!.status, 'raised');
    await new Promise((r) => setTimeout(r, 50));   // the node hears of it
    await post(env.basic('DRN-1001', drain.secret), [{ values: { level: 0.5 } }]);
    const after = await env.p.db.maybeOne('select status from monitor_alarms where id = $1', [offline!.id]);
    assert.equal(after!.status, 'recovered');
  });

  it('keeps retention settings in order', async () => {
    const bad = await env.p.request({ method: 'PUT', url: '/api/monitor/settings', headers: env.admin,
      payload: { retention: { rawDays: 90, minuteDays: 30, hourDays: 365 } } });
    assert.equal(bad.body.code, 'INVALID_RETENTION');
    const ok = await env.p.request({ method: 'PUT', url: '/api/monitor/settings', headers: env.admin,
      payload: { retention: { rawDays: 7, minuteDays: 30, hourDays: 365 } } });
    assert.deepEqual(ok.body.retention, { rawDays: 7, minuteDays: 30, hourDays: 365 });
    const stats = await env.p.request({ method: 'GET', url: '/api/monitor/stats', headers: env.admin });
    assert.ok(stats.body.readings > 0 && stats.body.badPayloads >= 3 && stats.body.duplicates >= 2);
  });
});
