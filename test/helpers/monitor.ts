// Shared set-up of the monitor tests: the case-loop test city (grids near 119.0, 34.0; department 云河市市政工程管理处
// with handler1), an ingest API key, and a helper to register devices.
import mqtt, { type MqttClient } from 'mqtt';
import { seedCommandCity, POINT } from './command.ts';
import { startTestPlatform, type TestPlatform } from './platform.ts';

export { POINT };

export interface MonitorEnv {
  p: TestPlatform;
  admin: Record<string, string>;
  ingestKey: Record<string, string>;
  departmentId: number;
  device(code: string, typeCode: string, extra?: Record<string, unknown>): Promise<{ id: number; secret: string; body: any }>;
  basic(code: string, secret: string): Record<string, string>;
}

export async function startMonitorEnv(): Promise<MonitorEnv> {
  const p = await startTestPlatform({ seed: seedCommandCity });
  const admin = await p.loginAs('admin');
  const key = await p.request({ method: 'POST', url: '/api/api-keys', headers: admin, payload: { name: '物联网关', scopes: ['monitor:ingest'] } });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${JSON.stringify(key.body)}`);
  const departmentId = Number((await p.db.maybeOne("select id from departments where name = '云河市市政工程管理处'"))!.id);
  return {
    p, admin, departmentId, ingestKey: { 'x-api-key': key.body.key },
    async device(code, typeCode, extra = {}) {
      const res = await p.request({ method: 'POST', url: '/api/monitor/devices', headers: admin,
        payload: { code, name: `测试设备${code}`, typeCode, position: POINT, departmentId, ...extra } });
      if (res.status !== 201) throw new Error(`device ${code}: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, secret: res.body.secret, body: res.body };
    },
    basic: (code, secret) => ({ authorization: `Basic ${Buffer.from(`${code}:${secret}`).toString('base64')}` }),
  };
}

/** Polls `check` every 50 ms until it gives something truthy (returned), or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A device's MQTT connection (no reconnect: a refused one fails at once). */
export function connectDevice(url: string, opts: mqtt.IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, ...opts });
    c.once('connect', () => resolve(c));
    c.once('error', (err) => { c.end(true); reject(err); });
  });
}
