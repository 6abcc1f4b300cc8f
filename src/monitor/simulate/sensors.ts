// cityops simulate sensors: realistic telemetry from the registered devices of a RUNNING platform, for demos. The
// devices are read over HTTP (a user's session); each publishes every `rateSeconds` over MQTT with its own
// credentials (the demo city's secrets are derived from the demo seed; others come from a secrets file) or, with an
// API key of scope monitor:ingest, in batches over HTTP. Simulated devices answer the platform's commands (反向控制).
// Counts are reported as it runs, with the alarms the platform raises (its alarm stream).
import mqtt, { type MqttClient } from 'mqtt';
import { demoDeviceSecret } from '../../demo/device-secrets.ts';
import { DEMO_SEED, Rng } from '../../demo/random.ts';
import { connectPlatform, type PlatformClient } from './client.ts';
import { DRY, nextWeather, readingsOf, startAnomaly, type Anomaly, type Scenario, type SimDevice, type Weather } from './patterns.ts';

export interface SensorSimOptions {
  url: string; username: string; password: string;
  /** MQTT (default) or the HTTP batch endpoint (needs apiKey) */
  transport: 'mqtt' | 'http';
  mqttUrl?: string; topicRoot?: string; apiKey?: string;
  /** device code → secret; devices without one use the demo city's derived secret */
  secrets?: Record<string, string>;
  demoSeed?: number;
  rateSeconds: number;
  /** stop after this long; otherwise when `signal` aborts */
  durationSeconds?: number;
  /** chance per device and tick of starting an anomaly that crosses its alarm thresholds */
  anomalies: number;
  scenario: Scenario;
  /** only these device types / at most this many devices */
  types?: string[]; limit?: number;
  seed?: number;
  reportEverySeconds?: number;
  report?: (line: string) => void;
  signal?: AbortSignal;
}

export interface SensorSimSummary {
  devices: number; connected: number; failedToConnect: string[]; messages: number; readings: number; errors: number;
  anomalies: number; alarmsRaised: number; escalations: number; commandsAnswered: number; seconds: number;
}

interface Sim { device: SimDevice; rng: Rng; anomaly: Anomaly | null; client?: MqttClient }

/** Waits `ms`, or less when the signal aborts. */
export const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const done = () => { clearTimeout(t); signal?.removeEventListener('abort', done); resolve(); };
  const t = setTimeout(done, Math.max(0, ms));
  signal?.addEventListener('abort', done, { once: true });
});

/** The MQTT broker of a platform URL: same host, the embedded broker's default port. */
export const defaultMqttUrl = (url: string) => `mqtt://${new URL(url).hostname}:1884`;

async function loadDevices(platform: PlatformClient, o: SensorSimOptions): Promise<SimDevice[]> {
  const rows = await platform.all('/api/monitor/devices');
  const devices = rows.filter((d: any) => d.enabled && (!o.types?.length || o.types.includes(d.typeCode)))
    .map((d: any) => ({ code: d.code, typeCode: d.typeCode, metrics: (d.metrics as { key: string }[]).map((m) => m.key) }));
  return o.limit ? devices.slice(0, o.limit) : devices;
}

function connectDevice(o: SensorSimOptions, sim: Sim, root: string, onCommand: () => void): Promise<MqttClient> {
  const code = sim.device.code;
  const password = o.secrets?.[code] ?? demoDeviceSecret(o.demoSeed ?? DEMO_SEED, code);
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(o.mqttUrl ?? defaultMqttUrl(o.url), { username: code, password, clientId: `sim-${code}`, reconnectPeriod: 2000, connectTimeout: 10_000 });
    c.once('connect', () => {
      c.subscribe(`${root}/devices/${code}/commands`, { qos: 1 });
      resolve(c);
    });
    c.once('error', (err) => { c.end(true); reject(err); });
    // a simulated device carries out what it is told and says so
    c.on('message', (_topic, payload) => {
      let command: { id?: number } = {};
      try { command = JSON.parse(payload.toString()); } catch { return; }
      if (typeof command.id !== 'number') return;
      onCommand();
      setTimeout(() => c.publish(`${root}/devices/${code}/commands/ack`, JSON.stringify({ id: command.id, ok: true, message: '模拟设备已执行' }), { qos: 1 }), 200);
    });
  });
}

export async function simulateSensors(o: SensorSimOptions): Promise<SensorSimSummary> {
  if (o.transport === 'http' && !o.apiKey) throw new Error('通过 HTTP 上报需要 API 密钥（--api-key，权限范围 monitor:ingest）');
  const report = o.report ?? (() => undefined);
  const platform = await connectPlatform(o.url, o.username, o.password);
  const devices = await loadDevices(platform, o);
  if (devices.length === 0) throw new Error('平台上没有可模拟的设备');
  const root = o.topicRoot ?? 'cityops';
  const seed = o.seed ?? Date.now();
  const sims: Sim[] = devices.map((device) => ({ device, rng: new Rng(seed, device.code), anomaly: null }));
  const summary: SensorSimSummary = { devices: devices.length, connected: 0, failedToConnect: [], messages: 0, readings: 0, errors: 0, anomalies: 0,
    alarmsRaised: 0, escalations: 0, commandsAnswered: 0, seconds: 0 };

  if (o.transport === 'mqtt') {
    for (let i = 0; i < sims.length; i += 50) {
      await Promise.all(sims.slice(i, i + 50).map(async (sim) => {
        try {
          sim.client = await connectDevice(o, sim, root, () => { summary.commandsAnswered++; });
          summary.connected++;
        } catch {
          summary.failedToConnect.push(sim.device.code);
        }
      }));
    }
    if (summary.connected === 0) throw new Error(`没有设备能连接 MQTT（${o.mqttUrl ?? defaultMqttUrl(o.url)}）：请检查地址与设备密钥（--secrets）`);
    report(`已连接 ${summary.connected}/${devices.length} 台设备${summary.failedToConnect.length ? `，${summary.failedToConnect.length} 台认证失败（如 ${summary.failedToConnect.slice(0, 3).join('、')}）` : ''}`);
  } else {
    summary.connected = devices.length;
  }
  const stopWatching = await platform.watchAlarms((c) => {
    if (c.action === 'raise') summary.alarmsRaised++;
    if (c.action === 'escalate') summary.escalations++;
  });

  const started = Date.now();
  const end = o.durationSeconds === undefined ? Infinity : started + o.durationSeconds * 1000;
  // the flood scenario plays a 3-hour storm over the run (or 10 minutes when it runs until stopped)
  const span = Number.isFinite(end) ? end - started : 600_000;
  const speed = o.scenario === 'flood' ? (3 * 3_600_000) / span : 1;
  const weatherRng = new Rng(seed, 'weather');
  let weather: Weather = DRY;
  let last = started;
  let lastReport = started;
  let reported = { messages: 0, alarms: 0 };
  const every = (o.reportEverySeconds ?? 5) * 1000;

  while (Date.now() < end && !o.signal?.aborted) {
    const now = Date.now();
    weather = nextWeather(weather, weatherRng, o.scenario, started + (now - started) * speed, (now - last) * speed, started, span * speed);
    last = now;
    const batch: { device: string; ts: number; values: Record<string, number> }[] = [];
    const sent: Promise<unknown>[] = [];
    for (const sim of sims) {
      if (o.transport === 'mqtt' && !sim.client?.connected) continue;
      if (sim.anomaly && sim.anomaly.untilMs <= now) sim.anomaly = null;
      if (!sim.anomaly && o.anomalies > 0 && sim.rng.chance(o.anomalies)) {
        sim.anomaly = startAnomaly(sim.device, sim.rng, now);
        if (sim.anomaly) {
          summary.anomalies++;
          report(`  注入异常：${sim.device.code} ${sim.anomaly.what}（${sim.anomaly.metric} = ${sim.anomaly.value}）`);
        }
      }
      const values = readingsOf(sim.device, now, weather, sim.rng, sim.anomaly);
      summary.messages++;
      summary.readings += Object.keys(values).length;
      if (sim.client) {
        sent.push(sim.client.publishAsync(`${root}/devices/${sim.device.code}/telemetry`, JSON.stringify({ ts: now, values }), { qos: 1 })
          .catch(() => { summary.errors++; }));
      } else {
        batch.push({ device: sim.device.code, ts: now, values });
      }
    }
    for (let i = 0; i < batch.length; i += 5000) {
      const res = await platform.postWithKey('/api/monitor/readings', o.apiKey!, { readings: batch.slice(i, i + 5000) });
      if (res.status !== 200) {
        summary.errors += Math.min(5000, batch.length - i);
        report(`  上报失败：HTTP ${res.status} ${res.body?.message ?? ''}`);
      } else summary.errors += res.body.rejected?.length ?? 0;
    }
    await Promise.race([Promise.all(sent), sleep(o.rateSeconds * 1000, o.signal)]);
    if (Date.now() - lastReport >= every) {
      const secs = (Date.now() - lastReport) / 1000;
      const alarms = summary.alarmsRaised + summary.escalations;
      report(`[${Math.round((Date.now() - started) / 1000)}s] ${summary.messages} 条消息（${((summary.messages - reported.messages) / secs).toFixed(0)} 条/秒），` +
        `${summary.readings} 个读数，失败 ${summary.errors}，新告警 ${alarms - reported.alarms}（累计产生 ${summary.alarmsRaised}、升级 ${summary.escalations}），` +
        `指令应答 ${summary.commandsAnswered}${o.scenario === 'flood' ? `，雨强 ${weather.rain.toFixed(0)} mm/h` : ''}`);
      reported = { messages: summary.messages, alarms };
      lastReport = Date.now();
    }
    const wait = o.rateSeconds * 1000 - (Date.now() - now);
    if (wait > 0) await sleep(Math.min(wait, end - Date.now()), o.signal);
  }
  // let the last alarms arrive on the stream
  await sleep(1500);
  stopWatching();
  await Promise.all(sims.map((s) => s.client?.endAsync().catch(() => undefined)));
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
