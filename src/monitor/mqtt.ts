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
import { decodePayload } from './rules/telemetry.ts';

const HIGH_WATER = 50_000;

export const telemetryTopic = (root: string, code: string) => `${root}/devices/${code}/telemetry`;

function codeOfTopic(root: string, topic: string): string | null {
  const prefix = `${root}/devices/`;
  if (!topic.startsWith(prefix) || !topic.endsWith('/telemetry')) return null;
  const code = topic.slice(prefix.length, -'/telemetry'.length);
  return code.length > 0 && !code.includes('/') ? code : null;
}

async function backpressure(pipeline: Pipeline): Promise<void> {
  if (pipeline.pending >= HIGH_WATER) await pipeline.flush();
}

export interface MqttIngest { readonly url: string; close(): Promise<void> }

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
      if (!device || codeOfTopic(root, packet.topic) !== device.code) {
        done(new Error(`topic not allowed: ${packet.topic}`));
        return;
      }
      const decoded = decodePayload(packet.payload);
      if (decoded.ok) pipeline.accept(device, decoded.message);
      else pipeline.rejected(device, decoded.reason);
      backpressure(pipeline).then(() => done(null), () => done(null));
    },
    authorizeSubscribe: (client, sub, done) => {
      const device = devices.get(client);
      // a device may listen to its own commands topic (actuator hook); nothing else
      done(device && sub.topic === `${root}/devices/${device.code}/commands` ? null : new Error('subscribe not allowed'), sub);
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
    const code = codeOfTopic(root, packet.topic);
    const take = async () => {
      const device = code ? await pipeline.device(code) : undefined;
      if (!device) { pipeline.rejected(null, '未登记的设备', code ?? packet.topic); return; }
      const decoded = decodePayload(packet.payload as Buffer);
      if (!decoded.ok) { pipeline.rejected(device, decoded.reason); return; }
      const token = (decoded.message as { token?: unknown } | null)?.token;
      if (typeof token !== 'string' || !secretMatches(token, device.secretHash)) { pipeline.rejected(device, '设备令牌无效'); return; }
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
  await client.subscribeAsync(`$share/cityops/${telemetryTopic(root, '+')}`, { qos: 1 });
  log.info({ url }, 'monitor: subscribed to the external MQTT broker');
  return {
    url,
    async close() { await client.endAsync(); },
  };
}
