// 读数校验 (pure): a telemetry message `{ ts, values: { metric: number } }` checked against the device type's metrics.
// ts is an ISO 8601 text or epoch milliseconds; readings from the future (beyond the allowed clock skew) or older than
// the raw retention are refused. Each problem names its reason, so bad payloads are counted per device.

export interface Reading { metric: string; ts: number; value: number }

export interface TelemetryLimits { nowMs: number; maxFutureMs: number; maxAgeMs: number }

export type Parsed = { ok: true; readings: Reading[] } | { ok: false; reason: string };

export const MAX_VALUES_PER_MESSAGE = 100;

export function parseTimestamp(ts: unknown): number | null {
  if (typeof ts === 'number') return Number.isFinite(ts) && ts > 0 ? Math.trunc(ts) : null;
  if (typeof ts !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(ts)) return null;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? null : ms;
}

/** Checks one message (already JSON-decoded) of a device whose type has `metrics`. */
export function parseTelemetry(message: unknown, metrics: ReadonlySet<string>, limits: TelemetryLimits): Parsed {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { ok: false, reason: '消息须为 JSON 对象' };
  const m = message as Record<string, unknown>;
  const ts = m.ts === undefined ? limits.nowMs : parseTimestamp(m.ts);
  if (ts === null) return { ok: false, reason: 'ts 须为 ISO 8601 时间或毫秒时间戳' };
  if (ts > limits.nowMs + limits.maxFutureMs) return { ok: false, reason: '读数时间晚于当前时间' };
  if (ts < limits.nowMs - limits.maxAgeMs) return { ok: false, reason: '读数时间早于原始数据保留期' };
  const values = m.values;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return { ok: false, reason: 'values 须为 { 指标: 数值 } 对象' };
  // for…in over the parsed object: no entries array per message (the ingest's hot path)
  let count = 0;
  for (const _ in values) count++;
  if (count === 0) return { ok: false, reason: 'values 为空' };
  if (count > MAX_VALUES_PER_MESSAGE) return { ok: false, reason: `一条消息最多 ${MAX_VALUES_PER_MESSAGE} 个指标` };
  const readings: Reading[] = [];
  for (const metric in values) {
    if (!metrics.has(metric)) return { ok: false, reason: `设备类型没有指标 ${metric}` };
    const value = (values as Record<string, unknown>)[metric];
    const v = typeof value === 'boolean' ? Number(value) : value;
    if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, reason: `指标 ${metric} 的值须为数字` };
    readings.push({ metric, ts, value: v });
  }
  return { ok: true, readings };
}

/** Decodes an MQTT payload; JSON that does not parse is a bad payload like any other. */
export function decodePayload(payload: Buffer | string): { ok: true; message: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, message: JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) };
  } catch {
    return { ok: false, reason: '消息不是有效的 JSON' };
  }
}
