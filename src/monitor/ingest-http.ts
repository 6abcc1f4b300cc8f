// POST /api/monitor/readings: a batch of telemetry messages, from a device with its own credentials
// (`Authorization: Basic base64(code:secret)`, every message its own) or from a gateway holding an API key with scope
// `monitor:ingest` (every message names its device). Unknown devices refuse the whole batch before anything is
// written; a message that fails validation is counted against its device and reported, the others are stored.
import type { FastifyRequest } from 'fastify';
import { can } from '../admin/actor.ts';
import { PERMISSIONS } from '../admin/roles.ts';
import { AppError, forbidden, unauthorized } from '../platform/errors.ts';
import type { CachedDevice } from './cache.ts';
import { basicCredentials, secretMatches } from './credentials.ts';
import type { Pipeline } from './pipeline.ts';
import { ReadingBatch } from './store.ts';

export interface BatchMessage { device?: string; ts?: string | number; values?: unknown }

async function devicesOf(request: FastifyRequest, pipeline: Pipeline, messages: BatchMessage[]): Promise<CachedDevice[]> {
  const basic = basicCredentials(request.headers.authorization);
  if (basic) {
    const device = await pipeline.device(basic.code);
    if (!device || !secretMatches(basic.secret, device.secretHash)) throw new AppError(401, 'DEVICE_AUTH_FAILED', '设备编码或密钥错误');
    if (messages.some((m) => m.device !== undefined && m.device !== device.code)) throw forbidden('设备只能上报自己的读数', 'OTHER_DEVICE');
    return messages.map(() => device);
  }
  if (!request.actor) throw unauthorized('请使用设备密钥（Basic 认证）或 API 密钥');
  if (!can(request.actor, PERMISSIONS.monitorIngest)) throw forbidden(`当前身份无权上报读数（需要权限 ${PERMISSIONS.monitorIngest}）`);
  const devices: CachedDevice[] = [];
  const unknown = new Set<string>();
  for (const m of messages) {
    const device = m.device ? await pipeline.device(m.device) : undefined;
    if (!device) unknown.add(m.device ?? '（未填写）');
    else devices.push(device);
  }
  if (unknown.size > 0) throw new AppError(404, 'UNKNOWN_DEVICE', `设备未登记: ${[...unknown].slice(0, 10).join(', ')}`, { devices: [...unknown] });
  return devices;
}

export async function ingestBatch(request: FastifyRequest, pipeline: Pipeline, messages: BatchMessage[]) {
  const devices = await devicesOf(request, pipeline, messages);
  const rows = new ReadingBatch();
  const rejected: { index: number; device: string; message: string }[] = [];
  const alarms: Promise<unknown>[] = [];
  messages.forEach((m, index) => {
    const result = pipeline.accept(devices[index], { ts: m.ts, values: m.values }, rows);
    if ('error' in result) rejected.push({ index, device: devices[index].code, message: result.error });
    else alarms.push(result.alarms);
  });
  const stored = await pipeline.write(rows);
  await Promise.all(alarms);
  return { accepted: messages.length - rejected.length, readings: rows.length, stored, duplicates: rows.length - stored, rejected };
}
