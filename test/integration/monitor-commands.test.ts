// 反向控制: a rule's actions publish commands to the alarming device over MQTT (QoS 1), recorded on the alarm with
// the device's acknowledgement; a person sends one from the alarm. The device is a real MQTT client. With two app
// nodes, each with its own embedded broker, a command sent on one reaches a device connected to the other.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { MqttClient } from 'mqtt';
import { loadConfig } from '../../src/config.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Db } from '../../src/db/types.ts';
import { startMonitorMqtt } from '../../src/monitor/service.ts';
import { createPlatform, type Platform } from '../../src/platform/runtime.ts';
import { connectDevice, type MonitorEnv, startMonitorEnv, waitFor } from '../helpers/monitor.ts';



/** Collects what the device receives on its commands topic. */
function inbox(c: MqttClient): { messages: any[]; next(n: number): Promise<any> } {
  const messages: any[] = [];
  c.on('message', (_topic, payload) => messages.push(JSON.parse(payload.toString())));
  return { messages, next: (n) => waitFor(`command #${n}`, async () => messages[n - 1]) };
}

const VENT_RULE = {
  name: '化粪池甲烷超限（联动通风）', kind: 'threshold', metric: 'ch4',
  params: { direction: 'above', levels: { yellow: 10, red: 25 }, forSeconds: 0, hysteresis: 2 },
  actions: [{ name: 'start_ventilation', params: { minutes: 30 }, onRaise: true }, { name: 'sound_alarm', atLevel: 'red' }],
};

describe('monitor actuator commands, embedded broker', () => {
  let env: MonitorEnv;
  let url: string;
  let dev: { id: number; secret: string };
  let device: MqttClient;
  let box: ReturnType<typeof inbox>;
  let alarmId: number;
  const root = () => env.p.ctx.config.mqttTopicRoot;
  const alarm = async () => (await env.p.request({ method: 'GET', url: `/api/monitor/alarms/${alarmId}`, headers: env.admin })).body;

  before(async () => {
    env = await startMonitorEnv();
    dev = await env.device('SEPTIC-01', 'septic_gas', { facility: '人民路化粪池' });
    url = (await startMonitorMqtt(env.p.ctx, { port: 0, host: '127.0.0.1' })).url;
    device = await connectDevice(url, { username: 'SEPTIC-01', password: dev.secret, clientId: 'septic-01', clean: false });
    box = inbox(device);
    await device.subscribeAsync(`${root()}/devices/SEPTIC-01/commands`, { qos: 1 });
  });
  after(async () => {
    await device?.endAsync();
    await env?.p.close();
  });

  it('refuses rules with bad actions', async () => {
    const bad = async (actions: unknown, extra: object = {}) => {
      const res = await env.p.request({ method: 'POST', url: '/api/monitor/rules', headers: env.admin, payload: { ...VENT_RULE, deviceId: dev.id, actions, ...extra } });
      assert.equal(res.status, 400);
      return res.body.code;
    };
    assert.equal(await bad([{ name: 'fan_on' }]), 'INVALID_RULE_ACTION');                      // neither onRaise nor atLevel
    await bad([{ name: 'Fan On', onRaise: true }]);                                           // schema
    assert.equal(await bad([{ name: 'fan_on', onRaise: true }], { kind: 'offline', metric: null, params: { minutes: 5, level: 'blue' } }),
      'INVALID_RULE_ACTION');
    assert.equal(Number((await env.p.db.maybeOne('select count(*)::int as n from monitor_rules where device_id = $1', [dev.id]))!.n), 0);
  });

  it('sends the rule\'s commands on raise and on reaching red, and records the acknowledgement', async () => {
    const rule = await env.p.request({ method: 'POST', url: '/api/monitor/rules', headers: env.admin, payload: { ...VENT_RULE, deviceId: dev.id } });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    assert.equal(rule.body.actions.length, 2);
    const telemetry = `${root()}/devices/SEPTIC-01/telemetry`;
    let ts = Date.now() - 60_000;   // readings a second apart (the same time would be a duplicate)
    const send = (ch4: number) => device.publishAsync(telemetry, JSON.stringify({ ts: (ts += 1000), values: { ch4 } }), { qos: 1 });
    await send(12);
    const first = await box.next(1);
    assert.equal(first.name, 'start_ventilation');
    assert.deepEqual(first.params, { minutes: 30 });
    alarmId = first.alarmId;
    assert.ok(alarmId > 0);
    let detail = await waitFor('sent', async () => { const a = await alarm(); return a.commands[0]?.status === 'sent' && a; });
    assert.equal(detail.level, 'yellow');
    assert.equal(detail.commands.length, 1);
    assert.equal(detail.commands[0].by, '系统');
    assert.ok(detail.events.some((e: any) => e.action === 'command' && /start_ventilation/.test(e.note)));

    await device.publishAsync(`${root()}/devices/SEPTIC-01/commands/ack`, JSON.stringify({ id: first.id, ok: true, message: '风机已启动' }), { qos: 1 });
    detail = await waitFor('acknowledged', async () => { const a = await alarm(); return a.commands[0].status === 'acknowledged' && a; });
    assert.equal(detail.commands[0].result, '风机已启动');
    assert.ok(detail.commands[0].ackAt);

    // a repeat at the same level sends nothing; reaching red sends the red action only
    await send(14);
    await send(30);
    const second = await box.next(2);
    assert.equal(second.name, 'sound_alarm');
    assert.equal(second.alarmId, alarmId);
    await send(31);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(box.messages.length, 2);
    assert.deepEqual((await alarm()).commands.map((c: any) => c.name), ['start_ventilation', 'sound_alarm']);
  });

  it('sends a person\'s command from the alarm; the device may refuse it; answers for unknown ids are ignored', async () => {
    const inspector = await env.p.loginAs('inspector1');
    assert.equal((await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${alarmId}/commands`, headers: inspector,
      payload: { name: 'stop_ventilation' } })).status, 403);
    assert.equal((await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${alarmId}/commands`, headers: env.admin,
      payload: { name: 'Stop!' } })).status, 400);
    assert.equal((await env.p.request({ method: 'POST', url: '/api/monitor/alarms/999999/commands', headers: env.admin,
      payload: { name: 'stop_ventilation' } })).status, 404);

    const res = await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${alarmId}/commands`, headers: env.admin,
      payload: { name: 'stop_ventilation', params: { reason: '现场已处置' } } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'sent');
    assert.equal(res.body.origin, 'manual');
    assert.notEqual(res.body.by, '系统');
    const third = await box.next(3);
    assert.equal(third.id, res.body.id);
    assert.deepEqual(third.params, { reason: '现场已处置' });

    const ack = `${root()}/devices/SEPTIC-01/commands/ack`;
    await device.publishAsync(ack, JSON.stringify({ id: 999999 }), { qos: 1 });
    await device.publishAsync(ack, JSON.stringify({ id: third.id, ok: false, message: '风机故障' }), { qos: 1 });
    const detail = await waitFor('rejected', async () => { const a = await alarm(); return a.commands[2].status === 'rejected' && a; });
    assert.equal(detail.commands[2].result, '风机故障');
    assert.equal(device.connected, true);
  });

  it('keeps a command for a device that is away (persistent session) and delivers it when it comes back', async () => {
    await device.endAsync();
    const res = await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${alarmId}/commands`, headers: env.admin, payload: { name: 'reset_sensor' } });
    assert.equal(res.body.status, 'sent');
    device = await connectDevice(url, { username: 'SEPTIC-01', password: dev.secret, clientId: 'septic-01', clean: false });
    const back = inbox(device);
    const got = await back.next(1);
    assert.equal(got.name, 'reset_sensor');
  });
});

describe('monitor actuator commands, external broker (Mosquitto on 127.0.0.1:1883)', () => {
  let env: MonitorEnv;
  let root: string;
  before(async () => {
    env = await startMonitorEnv();
    root = `cityops_test_${randomBytes(4).toString('hex')}`;
    env.p.ctx.config.mqttTopicRoot = root;
    await startMonitorMqtt(env.p.ctx, { url: 'mqtt://127.0.0.1:1883' });
  });
  after(async () => { await env?.p.close(); });

  it('publishes to the device\'s commands topic and takes its acknowledgement carrying the token', async () => {
    const dev = await env.device('SEPTIC-EXT', 'septic_gas');
    await env.p.request({ method: 'POST', url: '/api/monitor/rules', headers: env.admin, payload: { ...VENT_RULE, deviceId: dev.id } });
    const c = await connectDevice('mqtt://127.0.0.1:1883', { clientId: `dev_${root}` });
    const box = inbox(c);
    await c.subscribeAsync(`${root}/devices/SEPTIC-EXT/commands`, { qos: 1 });
    await c.publishAsync(`${root}/devices/SEPTIC-EXT/telemetry`, JSON.stringify({ token: dev.secret, values: { ch4: 40 } }), { qos: 1 });
    const first = await box.next(1);
    const second = await box.next(2);
    assert.deepEqual([first.name, second.name].sort(), ['sound_alarm', 'start_ventilation']);
    await c.publishAsync(`${root}/devices/SEPTIC-EXT/commands/ack`, JSON.stringify({ id: first.id, token: 'cds_forged' }), { qos: 1 });
    await c.publishAsync(`${root}/devices/SEPTIC-EXT/commands/ack`, JSON.stringify({ id: second.id, token: dev.secret }), { qos: 1 });
    const statuses = await waitFor('acknowledged', async () => {
      const rows = await env.p.db.query<{ id: number; status: string }>('select id, status from monitor_commands order by id');
      return rows.some((r) => r.status === 'acknowledged') && rows;
    });
    assert.deepEqual(statuses.map((r) => [Number(r.id), r.status]).sort(),
      [[first.id, 'sent'], [second.id, 'acknowledged']].sort());
    await c.endAsync();
  });
});

describe('monitor actuator commands, two app nodes each with an embedded broker', () => {
  let env: MonitorEnv;
  let secondDb: Db;
  let nodeB: Platform;
  let device: MqttClient;
  before(async () => {
    env = await startMonitorEnv();
    secondDb = env.p.testDb.url ? await openPostgres(env.p.testDb.url, 3) : env.p.db;
    nodeB = await createPlatform(loadConfig({ logLevel: 'silent', demoOnEmpty: false, nodeId: 'node-b' }), secondDb, { runJobs: false });
    await startMonitorMqtt(env.p.ctx, { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await device?.endAsync();
    await nodeB?.stop();
    if (secondDb && secondDb !== env.p.db) await secondDb.close();
    await env?.p.close();
  });

  it('reaches a device connected to the other node\'s broker, and takes its acknowledgement there', async () => {
    const dev = await env.device('SEPTIC-B', 'septic_gas', { facility: '胜利路化粪池' });
    const urlB = (await startMonitorMqtt(nodeB.ctx, { port: 0, host: '127.0.0.1' })).url;
    device = await connectDevice(urlB, { username: 'SEPTIC-B', password: dev.secret, clientId: 'septic-b', clean: false });
    const box = inbox(device);
    const root = env.p.ctx.config.mqttTopicRoot;
    await device.subscribeAsync(`${root}/devices/SEPTIC-B/commands`, { qos: 1 });
    // an alarm on node A (a reading over the default 甲烷 threshold), and a person's command from it on node A
    const reading = await env.p.request({ method: 'POST', url: '/api/monitor/readings', headers: env.basic('SEPTIC-B', dev.secret),
      payload: { readings: [{ values: { ch4: 30 } }] } });
    assert.equal(reading.status, 200, JSON.stringify(reading.body));
    const alarmId = await waitFor('the alarm', async () => (await env.p.request({ method: 'GET',
      url: `/api/monitor/alarms?device=${dev.id}`, headers: env.admin })).body.items?.[0]?.id);
    const sent = await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${alarmId}/commands`, headers: env.admin,
      payload: { name: 'start_ventilation', params: { minutes: 10 } } });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const got = await box.next(1);
    assert.deepEqual([got.id, got.name, got.params], [sent.body.id, 'start_ventilation', { minutes: 10 }]);
    await device.publishAsync(`${root}/devices/SEPTIC-B/commands/ack`, JSON.stringify({ id: got.id, ok: true }), { qos: 1 });
    await waitFor('acknowledged on node A', async () => {
      const a = (await env.p.request({ method: 'GET', url: `/api/monitor/alarms/${alarmId}`, headers: env.admin })).body;
      return a.commands.find((c: any) => c.id === got.id)?.status === 'acknowledged';
    });
    assert.equal(box.messages.length, 1, 'delivered once');
  });
});
