// cityops simulate against a running platform (HTTP on an ephemeral port, the embedded MQTT broker): sensors publish
// realistic readings with injected anomalies, the platform stores them and raises alarms (one becomes a case); the
// HTTP batch transport; video detections with snapshots become events and cases.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { monitorPipeline, startMonitorMqtt } from '../../src/monitor/service.ts';
import { simulateSensors } from '../../src/monitor/simulate/sensors.ts';
import { simulateVideo } from '../../src/monitor/simulate/video.ts';
import { startMonitorEnv, POINT, type MonitorEnv } from '../helpers/monitor.ts';

describe('cityops simulate', () => {
  let env: MonitorEnv;
  let url: string;
  let mqttUrl: string;
  const secrets: Record<string, string> = {};
  const lines: string[] = [];
  before(async () => {
    env = await startMonitorEnv();
    for (const [code, type] of [['SIM-GAS-1', 'gas_lel'], ['SIM-BRIDGE-1', 'bridge_health'], ['SIM-SEPTIC-1', 'septic_gas'], ['SIM-RAIN-1', 'rain_gauge']]) {
      secrets[code] = (await env.device(code, type)).secret;
    }
    await env.p.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(env.p.app.server.address() as AddressInfo).port}`;
    mqttUrl = (await startMonitorMqtt(env.p.ctx, { port: 0, host: '127.0.0.1' })).url;
  });
  after(async () => { await env?.p.close(); });

  it('publishes readings over MQTT with anomalies; the platform stores them and raises alarms that become cases', async () => {
    const summary = await simulateSensors({
      url, username: 'admin', password: 'Demo@2026', transport: 'mqtt', mqttUrl, secrets, rateSeconds: 0.5, durationSeconds: 4,
      anomalies: 1, scenario: 'normal', seed: 7, reportEverySeconds: 1, report: (l) => lines.push(l),
    });
    assert.equal(summary.devices, 4);
    assert.equal(summary.connected, 4);
    assert.equal(summary.errors, 0);
    assert.ok(summary.messages >= 4 * 5, `messages ${summary.messages}`);
    assert.ok(summary.anomalies >= 4);
    await monitorPipeline(env.p.ctx).flush();
    const stored = Number((await env.p.db.maybeOne('select count(*)::int as n from monitor_readings'))!.n);
    assert.equal(stored, summary.readings);
    // gas leak, overload/deflection, septic methane and the storm cross their red thresholds at once
    const alarms = await env.p.request({ method: 'GET', url: '/api/monitor/alarms?active=true', headers: env.admin });
    const codes = new Set(alarms.body.items.map((a: any) => a.deviceCode));
    for (const code of Object.keys(secrets)) assert.ok(codes.has(code), `no alarm for ${code}: ${[...codes]}`);
    assert.ok(summary.alarmsRaised >= 4, `raised ${summary.alarmsRaised}`);
    assert.ok(lines.some((l) => /注入异常：SIM-GAS-1 燃气泄漏/.test(l)));
    assert.ok(lines.some((l) => /条\/秒/.test(l)));

    const gas = alarms.body.items.find((a: any) => a.deviceCode === 'SIM-GAS-1');
    assert.equal(gas.level, 'red');
    const dispatched = await env.p.request({ method: 'POST', url: `/api/monitor/alarms/${gas.id}/actions/dispatch`, headers: env.admin, payload: {} });
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    assert.ok(dispatched.body.caseNo);
    const c = await env.p.db.maybeOne('select source from cases where id = $1', [dispatched.body.caseId]);
    assert.equal(c!.source, 'iot');
  });

  it('sends batches over HTTP with an API key, and plays a storm in the flood scenario', async () => {
    const rain = () => env.p.db.query<{ value: number }>(
      `select value from monitor_readings r join monitor_devices d on d.id = r.device_id where d.code = 'SIM-RAIN-1' order by ts`);
    const before = (await rain()).length;
    await assert.rejects(simulateSensors({ url, username: 'admin', password: 'Demo@2026', transport: 'http', rateSeconds: 1, durationSeconds: 1,
      anomalies: 0, scenario: 'normal' }), /API 密钥/);
    const summary = await simulateSensors({
      url, username: 'admin', password: 'Demo@2026', transport: 'http', apiKey: env.ingestKey['x-api-key'], types: ['rain_gauge'],
      rateSeconds: 0.25, durationSeconds: 3, anomalies: 0, scenario: 'flood', seed: 3,
    });
    assert.equal(summary.devices, 1);
    assert.equal(summary.errors, 0);
    const rows = await rain();
    assert.equal(rows.length, before + summary.readings);
    const storm = rows.slice(before).map((r) => Number(r.value));
    assert.ok(Math.max(...storm) > 60, `peak rain ${Math.max(...storm)}`);   // the downpour of the scenario
    assert.ok(storm[0] < 10, `starts light: ${storm[0]}`);
  });

  it('posts AI video detections with a drawn snapshot; an automatic class becomes a case', async () => {
    const cam = await env.p.request({ method: 'POST', url: '/api/monitor/cameras', headers: env.admin, payload: { code: 'SIM-CAM-1', name: '人民路口', position: POINT } });
    assert.equal(cam.status, 201);
    // only automatic classes stay enabled, so every confident detection opens a case
    for (const cls of (await env.p.request({ method: 'GET', url: '/api/monitor/video-classes', headers: env.admin })).body.items) {
      if (cls.mode === 'auto') continue;
      await env.p.request({ method: 'PUT', url: `/api/monitor/video-classes/${cls.class}`, headers: env.admin, payload: { ...cls, class: undefined, enabled: false } });
    }
    const summary = await simulateVideo({ url, username: 'admin', password: 'Demo@2026', apiKey: env.ingestKey['x-api-key'], rateSeconds: 0.2,
      durationSeconds: 2.5, sceneChance: 1, seed: 11 });
    assert.equal(summary.errors, 0, JSON.stringify(summary));
    assert.equal(summary.snapshots, 1);
    assert.ok(summary.posted >= 1);
    const events = await env.p.db.query('select status, snapshot, source from monitor_video_events');
    assert.equal(events.length, 1);
    assert.ok(events[0].snapshot, 'snapshot stored');
    assert.ok(['case_created', 'pending_review'].includes(events[0].status));
    assert.equal(summary.outcomes.case_created ?? 0, events[0].status === 'case_created' ? 1 : 0);
  });
});
