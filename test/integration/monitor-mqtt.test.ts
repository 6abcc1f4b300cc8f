// MQTT ingest through the embedded broker (ephemeral port) and through the machine's Mosquitto (external broker
// mode): device authentication, topic rights, bad payloads, duplicates, QoS 1 across a broker restart, alarms.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { monitorPipeline, startMonitorMqtt, stopMonitorMqtt } from '../../src/monitor/service.ts';
import { connectDevice, type MonitorEnv, startMonitorEnv, waitFor } from '../helpers/monitor.ts';

const MOSQUITTO = 'mqtt://127.0.0.1:1883';



const count = async (env: MonitorEnv, deviceId: number) =>
  Number((await env.p.db.maybeOne('select count(*)::int as n from monitor_readings where device_id = $1', [deviceId]))!.n);

describe('monitor MQTT ingest, embedded broker', () => {
  let env: MonitorEnv;
  let url: string;
  let dev: { id: number; secret: string };
  before(async () => {
    env = await startMonitorEnv();
    dev = await env.device('MQ-0001', 'bridge_health', { facility: '云河大桥' });
    url = (await startMonitorMqtt(env.p.ctx, { port: 0, host: '127.0.0.1' })).url;
  });
  after(async () => { await env?.p.close(); });

  const topic = (code: string) => `${env.p.ctx.config.mqttTopicRoot}/devices/${code}/telemetry`;

  it('refuses unknown devices and wrong secrets at connect', async () => {
    await assert.rejects(connectDevice(url, { username: 'MQ-0001', password: 'cds_wrong' }), /Bad username or password|Not authorized|connack/i);
    await assert.rejects(connectDevice(url, { username: 'NOPE-1', password: dev.secret }));
    await assert.rejects(connectDevice(url, {}));
  });

  it('stores QoS 1 readings, counts bad payloads without disconnecting and ignores duplicates', async () => {
    const c = await connectDevice(url, { username: 'MQ-0001', password: dev.secret, clientId: 'dev-mq-0001' });
    const ts = Date.now() - 60_000;
    for (let i = 0; i < 20; i++) await c.publishAsync(topic('MQ-0001'), JSON.stringify({ ts: ts + i * 1000, values: { deflection: 10 + i, strain: 100 } }), { qos: 1 });
    await c.publishAsync(topic('MQ-0001'), '{not json', { qos: 1 });
    await c.publishAsync(topic('MQ-0001'), JSON.stringify({ ts, values: { voltage: 3 } }), { qos: 1 });
    await c.publishAsync(topic('MQ-0001'), JSON.stringify({ ts, values: { deflection: 10, strain: 100 } }), { qos: 1 });   // duplicate
    assert.equal(c.connected, true);
    await monitorPipeline(env.p.ctx).flush();
    assert.equal(await count(env, dev.id), 40);
    const row = await env.p.db.maybeOne('select bad_payloads, last_bad_reason from monitor_devices where id = $1', [dev.id]);
    assert.equal(Number(row!.bad_payloads), 2);
    assert.match(row!.last_bad_reason, /voltage/);
    await c.endAsync();
  });

  it('closes a device that publishes to another device\'s topic', async () => {
    const c = await connectDevice(url, { username: 'MQ-0001', password: dev.secret });
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish(topic('MQ-9999'), JSON.stringify({ values: { deflection: 1 } }), { qos: 1 });
    await closed;
    c.end(true);
  });

  it('raises an alarm from an MQTT reading (latency is measured by bench/monitor-ingest.bench.ts)', async () => {
    const c = await connectDevice(url, { username: 'MQ-0001', password: dev.secret });
    await c.publishAsync(topic('MQ-0001'), JSON.stringify({ values: { load: 60 } }), { qos: 1 });   // 超载 red (55 t)
    await waitFor('the overload alarm', async () => !!(await env.p.db.maybeOne(
      "select 1 from monitor_alarms a join monitor_rules r on r.id = a.rule_id where a.device_id = $1 and r.metric = 'load' and a.level = 'red'", [dev.id])));
    await c.endAsync();
  });

  it('loses no QoS 1 reading across a broker restart', async () => {
    const port = Number(new URL(url).port);
    const c = mqtt.connect(url, { username: 'MQ-0001', password: dev.secret, clientId: 'dev-restart', clean: false, reconnectPeriod: 100 });
    await new Promise((r) => c.once('connect', r));
    await monitorPipeline(env.p.ctx).flush();
    const before = await count(env, dev.id);
    await stopMonitorMqtt(env.p.ctx);
    await waitFor('the device to notice', async () => !c.connected);
    const ts = Date.now() - 30_000;
    const sent = Array.from({ length: 25 }, (_, i) => c.publishAsync(topic('MQ-0001'), JSON.stringify({ ts: ts + i, values: { vibration: i } }), { qos: 1 }));
    await new Promise((r) => setTimeout(r, 200));
    await startMonitorMqtt(env.p.ctx, { port, host: '127.0.0.1' });
    await Promise.all(sent);
    await monitorPipeline(env.p.ctx).flush();
    assert.equal(await count(env, dev.id), before + 25);
    await c.endAsync();
  });
});

describe('monitor MQTT ingest, external broker (Mosquitto on 127.0.0.1:1883)', () => {
  let env: MonitorEnv;
  let dev: { id: number; secret: string };
  let root: string;
  before(async () => {
    env = await startMonitorEnv();
    root = `cityops_test_${randomBytes(4).toString('hex')}`;   // tests share the machine's broker
    env.p.ctx.config.mqttTopicRoot = root;
    dev = await env.device('EXT-0001', 'drain_level');
    await startMonitorMqtt(env.p.ctx, { url: MOSQUITTO });
  });
  after(async () => { await env?.p.close(); });

  it('takes readings carrying the device token and counts the rest', async () => {
    const c = await connectDevice(MOSQUITTO, { clientId: `dev_${root}` });
    const t = `${root}/devices/EXT-0001/telemetry`;
    const ts = Date.now() - 60_000;
    for (let i = 0; i < 10; i++) await c.publishAsync(t, JSON.stringify({ token: dev.secret, ts: ts + i * 1000, values: { level: 0.5 } }), { qos: 1 });
    await c.publishAsync(t, JSON.stringify({ token: 'cds_forged', ts, values: { level: 9 } }), { qos: 1 });
    await c.publishAsync(t, JSON.stringify({ ts, values: { level: 9 } }), { qos: 1 });
    await c.publishAsync(`${root}/devices/NOPE-1/telemetry`, JSON.stringify({ token: dev.secret, values: { level: 1 } }), { qos: 1 });
    await c.publishAsync(t, JSON.stringify({ token: dev.secret, ts: ts + 20_000, values: { level: 3.2 } }), { qos: 1 });   // red (3 m)
    await waitFor('the readings', async () => {
      await monitorPipeline(env.p.ctx).flush();
      return (await count(env, dev.id)) === 11;
    });
    await waitFor('the bad payloads', async () => {
      await monitorPipeline(env.p.ctx).flush();
      return Number((await env.p.db.maybeOne('select bad_payloads from monitor_devices where id = $1', [dev.id]))!.bad_payloads) === 2;
    });
    assert.equal(monitorPipeline(env.p.ctx).stats.unknownDevices, 1);
    // 高水位 rule holds for 60 s: one reading at red starts the clock but raises nothing yet
    assert.equal((await env.p.db.maybeOne('select count(*)::int as n from monitor_alarms where device_id = $1', [dev.id]))!.n, 0);
    await c.endAsync();
  });
});
