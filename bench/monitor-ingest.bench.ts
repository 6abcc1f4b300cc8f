// 运行监测 ingest end to end over MQTT: devices publish QoS 1 telemetry to the embedded broker (ephemeral port), the
// platform validates, runs the rules and stores (readings + 1-minute/1-hour rollups); prints readings/s from the first
// publish until everything is stored. Then the latency from publishing an alarming reading to its alarm's change
// being committed and heard on the event bus (what the map and the alarm console receive).
// The publishers (mqtt.js, one connection per device) run in a child process, as devices would run elsewhere; on this
// 2-core machine they still share the CPU with the platform (and PostgreSQL). Besides wall-clock throughput the bench
// prints the platform process's CPU time (PGlite runs inside it): readings per CPU-second is what the ingest costs,
// whatever else the shared machine is doing.
// Run: node --import tsx bench/monitor-ingest.bench.ts [devices] [messagesPerDevice] [valuesPerMessage]
// PGlite by default, PostgreSQL with CITYOPS_TEST_DATABASE_URL set.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';

interface Job { url: string; root: string; devices: { code: string; secret: string }[]; messages: number; metrics: string[] }

/** Child: connects the devices, then on 'go' publishes every message (QoS 1) and reports when all are acknowledged. */
async function publisher(job: Job): Promise<void> {
  const clients: MqttClient[] = await Promise.all(job.devices.map((d) => new Promise<MqttClient>((resolve, reject) => {
    const c = mqtt.connect(job.url, { username: d.code, password: d.secret, reconnectPeriod: 0 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  })));
  process.send!({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  const cpu0 = process.cpuUsage();
  const start = Date.now() - 3_600_000;   // readings over the last hour, one per device every 3.6 s / messages
  const step = Math.floor(3_600_000 / job.messages);
  await Promise.all(clients.map(async (c, i) => {
    const topic = `${job.root}/devices/${job.devices[i].code}/telemetry`;
    for (let m = 0; m < job.messages; m += 100) {
      const batch = [];
      for (let k = m; k < Math.min(m + 100, job.messages); k++) {
        const values: Record<string, number> = {};
        for (const metric of job.metrics) values[metric] = metric === 'load' ? 20 : 10 + (k % 7);
        batch.push(c.publishAsync(topic, JSON.stringify({ ts: start + k * step, values }), { qos: 1 }));
      }
      await Promise.all(batch);
    }
  }));
  const used = process.cpuUsage(cpu0);
  process.send!({ published: true, cpu: (used.user + used.system) / 1e6 });
  await Promise.all(clients.map((c) => c.endAsync()));
  process.disconnect();
}

async function main(): Promise<void> {
  const { SYSTEM_ACTOR } = await import('../src/admin/actor.ts');
  const { createDevice } = await import('../src/monitor/registry.ts');
  const { monitorPipeline, startMonitorMqtt } = await import('../src/monitor/service.ts');
  const { seedCommandCity } = await import('../test/helpers/command.ts');
  const { startTestPlatform } = await import('../test/helpers/platform.ts');
  type AlarmChange = import('../src/monitor/alarms.ts').AlarmChange;

  const DEVICES = Number(process.argv[2] ?? 100);
  const MESSAGES = Number(process.argv[3] ?? 1000);
  const VALUES = Number(process.argv[4] ?? 1);
  const p = await startTestPlatform({ seed: seedCommandCity });
  // bridge_health has six metrics; the load rule (yellow 49 t, red 55 t) raises the latency sample's alarms
  const metrics = ['strain', 'vibration', 'tilt', 'deflection', 'crack', 'load'].slice(0, VALUES);
  const devices: { code: string; secret: string; id: number }[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const d = await createDevice(p.ctx, SYSTEM_ACTOR, { code: `BENCH-${i}`, name: `桥梁传感器${i}`, typeCode: 'bridge_health',
      position: { lon: 119.0001 + (i % 19) * 0.0001, lat: 34.0001 + (i % 4) * 0.0001 } });
    devices.push({ code: d.code, secret: d.secret, id: d.id });
  }
  const { url } = await startMonitorMqtt(p.ctx, { port: 0, host: '127.0.0.1' });
  const root = p.ctx.config.mqttTopicRoot;
  const pipeline = monitorPipeline(p.ctx);

  // ---- throughput ----
  const worker = fork(fileURLToPath(import.meta.url), ['--publisher'], { execArgv: ['--import', 'tsx'] });
  worker.send({ url, root, devices: devices.map(({ code, secret }) => ({ code, secret })), messages: MESSAGES, metrics } satisfies Job);
  const said = (key: string) => new Promise<any>((resolve, reject) => {
    const on = (m: any) => { if (m[key]) { worker.off('message', on); resolve(m); } };
    worker.on('message', on);
    worker.once('error', reject);
  });
  await said('ready');
  const total = DEVICES * MESSAGES * VALUES;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  worker.send('go');
  const { cpu: publisherCpu } = await said('published');
  const published = performance.now();
  await pipeline.flush();
  const stored = performance.now();
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  worker.kill();
  const count = Number((await p.db.maybeOne('select count(*)::int as n from monitor_readings'))!.n);
  const seconds = (stored - t0) / 1000;
  console.log(`${p.db.kind}: ${DEVICES} devices × ${MESSAGES} messages × ${VALUES} values = ${total} readings (${count} stored) in ${seconds.toFixed(2)} s ` +
    `= ${(total / seconds).toFixed(0)} readings/s, ${(DEVICES * MESSAGES / seconds).toFixed(0)} messages/s ` +
    `(all acknowledged after ${((published - t0) / 1000).toFixed(2)} s); bad ${pipeline.stats.badPayloads}; platform CPU ${cpu.toFixed(2)} s ` +
    `= ${(total / cpu).toFixed(0)} readings per CPU-second; publishers CPU ${publisherCpu.toFixed(2)} s`);
  if (count !== total) throw new Error(`stored ${count} of ${total}`);

  // ---- reading → alarm latency (publisher in this thread: one message at a time) ----
  const clients: MqttClient[] = await Promise.all(devices.map((d) => new Promise<MqttClient>((resolve, reject) => {
    const c = mqtt.connect(url, { username: d.code, password: d.secret, reconnectPeriod: 0 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  })));
  const waiting = new Map<number, (at: number) => void>();
  p.ctx.events.subscribe('monitor.alarm.changed', (e) => waiting.get((e.data as AlarmChange).deviceId)?.(performance.now()));
  const latencies: number[] = [];
  const SAMPLES = Math.min(200, DEVICES * 2);
  for (let s = 0; s < SAMPLES; s++) {
    const i = s % DEVICES;
    const raise = Math.floor(s / DEVICES) % 2 === 0;   // first round raises, the next clears
    const heard = new Promise<number>((resolve) => waiting.set(devices[i].id, resolve));
    const sent = performance.now();
    clients[i].publish(`${root}/devices/${devices[i].code}/telemetry`, JSON.stringify({ values: { load: raise ? 60 : 10 } }), { qos: 1 });
    latencies.push((await heard) - sent);
    waiting.delete(devices[i].id);
  }
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  console.log(`reading → alarm committed and published: ${SAMPLES} samples, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`);

  await Promise.all(clients.map((c) => c.endAsync()));
  await p.close();
}

if (process.argv[2] === '--publisher') process.once('message', (job) => void publisher(job as Job));
else await main();
