// MQTT ingest. Topic scheme: `<root>/devices/<deviceCode>/telemetry`, payload `{ "ts": …, "values": { metric: number } }`
// (root = CITYOPS_MQTT_TOPIC, default `cityops`).
// - Embedded broker (aedes, default): a device connects with username = its code and password = its secret and may
//   publish only to its own telemetry topic; a wrong topic closes its connection, a bad payload is only counted.
// - External broker (MQTT_URL): the platform subscribes with a shared subscription (`$share/cityops/…`, so each
//   message goes to one app node) at QoS 1 with a persistent session. The broker's ACLs are not trusted alone: each
//   payload carries the device secret as `token`, checked against the stored hash.
// QoS 1 is acknowledged after the reading is taken; when the write buffer is full the acknowledgement waits for the
// next write (backpressure), so a publisher never runs ahead of the database.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes, type Client } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { secretMatches } from './credentials.ts';
import type { CachedDevice } from './cache.ts';
import type { Pipeline } from './pipeline.ts';
import { commandsTopic, type CommandPublisher } from './commands.ts';
import { parseAck } from './rules/commands.ts';
import { decodePayload } from './rules/telemetry.ts';

const HIGH_WATER = 50_000;

export const telemetryTopic = (root: string, code: string) => `${root}/devices/${code}/telemetry`;

const SUFFIXES = { telemetry: '/telemetry', ack: '/commands/ack' } as const;

/** The device and kind of a device topic: `<root>/devices/<code>/telemetry` or `<root>/devices/<code>/commands/ack`. */
function parseTopic(root: string, topic: string): { code: string; kind: keyof typeof SUFFIXES } | null {
  const prefix = `${root}/devices/`;
  if (!topic.startsWith(prefix)) return null;
  for (const kind of ['telemetry', 'ack'] as const) {
    if (!topic.endsWith(SUFFIXES[kind])) continue;
    const code = topic.slice(prefix.length, -SUFFIXES[kind].length);
    return code.length > 0 && !code.includes('/') ? { code, kind } : null;
  }
  return null;
}

/** A device's answer to a command. */
function takeAck(pipeline: Pipeline, device: CachedDevice, message: unknown): void {
  const ack = parseAck(message);
  if (!ack) { pipeline.rejected(device, '指令应答格式错误'); return; }
  void pipeline.commands.acknowledge(device.id, ack).catch(() => undefined);
}

async function backpressure(pipeline: Pipeline): Promise<void> {
  if (pipeline.pending >= HIGH_WATER) await pipeline.flush();
}

/** One message of a connected device (the hot path: no closure per message; acknowledged at once unless the buffer is full). */
function takeMessage(pipeline: Pipeline, device: CachedDevice, kind: 'telemetry' | 'ack', payload: Buffer | string, done: (err: Error | null) => void): void {
  const decoded = decodePayload(payload);
  if (!decoded.ok) pipeline.rejected(device, decoded.reason);
  else if (kind === 'ack') takeAck(pipeline, device, decoded.message);
  else pipeline.accept(device, decoded.message);
  if (pipeline.pending < HIGH_WATER) done(null);
  else pipeline.flush().then(() => done(null), () => done(null));
}

export interface MqttIngest extends CommandPublisher {
  readonly url: string;
  /** This node's own broker: devices connected to other nodes' brokers are reached through them (commands.ts). */
  readonly embedded: boolean;
  close(): Promise<void>;
}

/** The embedded broker on `port` (0: any free port). */
export async function startEmbeddedBroker(pipeline: Pipeline, log: Logger, root: string, port: number, host = '0.0.0.0'): Promise<MqttIngest> {
  const devices = new WeakMap<Client, CachedDevice>();
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      pipeline.device(username ?? '').then((device) => {
        if (!device || !device.enabled || !secretMatches(password, device.secretHash)) {
          const err = Object.assign(new Error('设备认证失败'), { returnCode: 4 as const });
          done(err, false);
          return;
        }
        devices.set(client, device);
        done(null, true);
      }, (err) => done(Object.assign(err as Error, { returnCode: 3 as const }), false));
    },
    authorizePublish: (client, packet, done) => {
      const device = client ? devices.get(client) : undefined;
      const target = parseTopic(root, packet.topic);
      if (!device || target?.code !== device.code) {
        done(new Error(`topic not allowed: ${packet.topic}`));
        return;
      }
      // the device's rules or settings may have changed since it connected: use the current copy
      if (!pipeline.cache.isStale) takeMessage(pipeline, pipeline.cache.byDeviceCode(device.code) ?? device, target.kind, packet.payload, done);
      else {
        pipeline.cache.ready().then(() => takeMessage(pipeline, pipeline.cache.byDeviceCode(device.code) ?? device, target.kind, packet.payload, done),
          () => takeMessage(pipeline, device, target.kind, packet.payload, done));
      }
    },
    authorizeSubscribe: (client, sub, done) => {
      const device = devices.get(client);
      // a device may listen to its own commands topic (actuator hook); nothing else
      done(device && sub.topic === commandsTopic(root, device.code) ? null : new Error('subscribe not allowed'), sub);
    },
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  const actual = (server.address() as AddressInfo).port;
  log.info({ port: actual }, `monitor: embedded MQTT broker listening on ${actual}`);
  return {
    url: `mqtt://127.0.0.1:${actual}`,
    embedded: true,
    publish: (topic, payload) => new Promise<void>((resolve, reject) => {
      broker.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false }, (err) => (err ? reject(err) : resolve()));
    }),
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Subscribes to an external broker (MQTT_URL). */
export async function startExternalSubscriber(pipeline: Pipeline, log: Logger, root: string, url: string, nodeId: string): Promise<MqttIngest> {
  const client: MqttClient = mqtt.connect(url, {
    clientId: `cityops_${root}_${nodeId}`.replace(/[^A-Za-z0-9_-]/g, '_'),
    clean: false, reconnectPeriod: 1000, protocolVersion: 4,
  });
  client.handleMessage = (packet, callback) => {
    const target = parseTopic(root, packet.topic);
    const take = async () => {
      const device = target ? await pipeline.device(target.code) : undefined;
      if (!device) { pipeline.rejected(null, '未登记的设备', target?.code ?? packet.topic); return; }
      const decoded = decodePayload(packet.payload as Buffer);
      if (!decoded.ok) { pipeline.rejected(device, decoded.reason); return; }
      const token = (decoded.message as { token?: unknown } | null)?.token;
      if (typeof token !== 'string' || !secretMatches(token, device.secretHash)) { pipeline.rejected(device, '设备令牌无效'); return; }
      if (target!.kind === 'ack') { takeAck(pipeline, device, decoded.message); return; }
      pipeline.accept(device, decoded.message);
      await backpressure(pipeline);
    };
    take().then(() => callback(), (err) => { log.error({ err }, 'monitor: MQTT message failed'); callback(); });
  };
  client.on('error', (err) => log.warn({ err: err.message }, 'monitor: MQTT broker error'));
  client.on('reconnect', () => log.info('monitor: reconnecting to MQTT broker'));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`MQTT broker ${url} not reachable`)), 10_000);
    client.once('connect', () => { clearTimeout(timer); resolve(); });
  });
  await client.subscribeAsync([`$share/cityops/${telemetryTopic(root, '+')}`, `$share/cityops/${root}/devices/+/commands/ack`], { qos: 1 });
  log.info({ url }, 'monitor: subscribed to the external MQTT broker');
  return {
    url,
    embedded: false,
    async publish(topic, payload) { await client.publishAsync(topic, payload, { qos: 1 }); },
    async close() { await client.endAsync(); },
  };
}
