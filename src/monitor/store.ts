// 时序存储: readings go in as one JSON array per statement; the same statement keeps the 1-minute and 1-hour rollups
// (from the rows actually inserted, so duplicates count once) and the devices' last-seen time. History for charts
// reads raw readings or a rollup; retention deletes what is older than the settings allow.
import type { Queryable } from '../db/types.ts';
import { badRequest } from '../platform/errors.ts';
import type { ResolutionCode, SeriesData } from './views.ts';

/** A reading as written by callers with a few rows (the demo's history): ts in ISO 8601. */
export interface ReadingRow { device_id: number; metric: string; ts: string; value: number }

/** Readings waiting to be written, column by column (no object per reading on the hot path); ts in epoch ms. */
export class ReadingBatch {
  deviceIds: number[] = [];
  metrics: string[] = [];
  ts: number[] = [];
  values: number[] = [];

  get length(): number { return this.deviceIds.length; }

  push(deviceId: number, metric: string, ts: number, value: number): void {
    this.deviceIds.push(deviceId);
    this.metrics.push(metric);
    this.ts.push(ts);
    this.values.push(value);
  }

  static of(rows: readonly ReadingRow[]): ReadingBatch {
    const batch = new ReadingBatch();
    for (const r of rows) batch.push(r.device_id, r.metric, Date.parse(r.ts), r.value);
    return batch;
  }

  /** Appends another batch's readings (a failed write's, put back in front of newer ones by the caller). */
  concat(other: ReadingBatch): ReadingBatch {
    const out = new ReadingBatch();
    out.deviceIds = this.deviceIds.concat(other.deviceIds);
    out.metrics = this.metrics.concat(other.metrics);
    out.ts = this.ts.concat(other.ts);
    out.values = this.values.concat(other.values);
    return out;
  }
}

/**
 * Writes the readings and their rollups; returns how many were new (the rest were duplicates). The readings go in
 * as four arrays (unnest), about twice as fast as a JSON array of objects.
 */
export async function writeReadings(q: Queryable, readings: ReadingBatch | readonly ReadingRow[]): Promise<number> {
  const batch = readings instanceof ReadingBatch ? readings : ReadingBatch.of(readings);
  if (batch.length === 0) return 0;
  const row = await q.maybeOne<{ inserted: number }>(
    `with batch as (
       select device_id, metric, to_timestamp(ms / 1000.0) as ts, value
       from unnest($1::bigint[], $2::text[], $3::float8[], $4::float8[]) as x(device_id, metric, ms, value)),
     ins as (
       insert into monitor_readings (device_id, metric, ts, value) select device_id, metric, ts, value from batch
       on conflict do nothing returning device_id, metric, ts, value),
     roll as (
       insert into monitor_rollups (resolution, device_id, metric, bucket, n, sum, min, max)
       select '1m', device_id, metric, date_trunc('minute', ts), count(*), sum(value), min(value), max(value) from ins group by 2, 3, 4
       union all
       select '1h', device_id, metric, date_trunc('hour', ts), count(*), sum(value), min(value), max(value) from ins group by 2, 3, 4
       on conflict (resolution, device_id, metric, bucket) do update set n = monitor_rollups.n + excluded.n,
         sum = monitor_rollups.sum + excluded.sum, min = least(monitor_rollups.min, excluded.min), max = greatest(monitor_rollups.max, excluded.max)),
     seen as (
       update monitor_devices d set last_seen_at = greatest(d.last_seen_at, s.ts)
       from (select device_id, max(ts) as ts from batch group by device_id) s where d.id = s.device_id)
     select count(*)::int as inserted from ins`,
    [batch.deviceIds, batch.metrics, batch.ts, batch.values]);
  return Number(row!.inserted);
}

/** Adds bad-payload counts per device. */
export async function countBadPayloads(q: Queryable, bad: { device_id: number; n: number; reason: string; at: string }[]): Promise<void> {
  if (bad.length === 0) return;
  await q.query(
    `update monitor_devices d set bad_payloads = d.bad_payloads + b.n, last_bad_at = b.at, last_bad_reason = b.reason
     from json_to_recordset($1::json) as b(device_id bigint, n int, reason text, at timestamptz) where d.id = b.device_id`,
    [JSON.stringify(bad)]);
}

export type Resolution = 'raw' | '1m' | '1h';

// views.ts repeats the resolutions without importing them; this fails to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_RESOLUTION_MATCHES: Same<Resolution, ResolutionCode> = true;

/** The resolution a chart over the range needs: raw up to 6 hours, minutes up to 7 days, hours beyond. */
export function autoResolution(fromMs: number, toMs: number): Resolution {
  const hours = (toMs - fromMs) / 3_600_000;
  return hours <= 6 ? 'raw' : hours <= 24 * 7 ? '1m' : '1h';
}

const MAX_POINTS = 20_000;

export async function readSeries(q: Queryable, deviceId: number, metric: string, from: Date, to: Date,
  resolution: Resolution | 'auto'): Promise<SeriesData> {
  if (+to <= +from) throw badRequest('INVALID_RANGE', '结束时间须晚于开始时间');
  const res = resolution === 'auto' ? autoResolution(+from, +to) : resolution;
  if (res === 'raw') {
    const rows = await q.query<{ ts: string; value: number }>(
      'select ts, value from monitor_readings where device_id = $1 and metric = $2 and ts >= $3 and ts < $4 order by ts limit $5',
      [deviceId, metric, from.toISOString(), to.toISOString(), MAX_POINTS]);
    return { resolution: res, points: rows.map((r) => ({ t: new Date(r.ts).toISOString(), value: r.value })) };
  }
  const rows = await q.query<{ bucket: string; n: number; sum: number; min: number; max: number }>(
    `select bucket, n, sum, min, max from monitor_rollups where resolution = $1 and device_id = $2 and metric = $3
       and bucket >= $4 and bucket < $5 order by bucket limit $6`,
    [res, deviceId, metric, from.toISOString(), to.toISOString(), MAX_POINTS]);
  return {
    resolution: res,
    points: rows.map((r) => ({ t: new Date(r.bucket).toISOString(), avg: r.sum / r.n, min: r.min, max: r.max, count: Number(r.n) })),
  };
}

// ---- retention (保留期) ----

export interface Retention { rawDays: number; minuteDays: number; hourDays: number }
export const DEFAULT_RETENTION: Retention = { rawDays: 30, minuteDays: 180, hourDays: 1825 };
const RETENTION_KEY = 'monitor.retention';

export async function getRetention(q: Queryable): Promise<Retention> {
  const row = await q.maybeOne<{ value: Retention }>('select value from settings where key = $1', [RETENTION_KEY]);
  return { ...DEFAULT_RETENTION, ...(row?.value ?? {}) };
}

export async function setRetention(q: Queryable, userId: number | null, r: Retention): Promise<Retention> {
  if (!(r.rawDays <= r.minuteDays && r.minuteDays <= r.hourDays)) {
    throw badRequest('INVALID_RETENTION', '保留天数须满足：原始数据 ≤ 分钟汇总 ≤ 小时汇总');
  }
  await q.query(
    `insert into settings (key, value, updated_by) values ($1, $2, $3)
     on conflict (key) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by`,
    [RETENTION_KEY, JSON.stringify(r), userId]);
  return r;
}

/** Deletes readings and rollups past their retention; returns the rows deleted. */
export async function applyRetention(q: Queryable, now: Date): Promise<number> {
  const r = await getRetention(q);
  const before = (days: number) => new Date(+now - days * 86_400_000).toISOString();
  const row = await q.maybeOne<{ n: number }>(
    `with raw as (delete from monitor_readings where ts < $1 returning 1),
       m as (delete from monitor_rollups where resolution = '1m' and bucket < $2 returning 1),
       h as (delete from monitor_rollups where resolution = '1h' and bucket < $3 returning 1)
     select (select count(*) from raw) + (select count(*) from m) + (select count(*) from h) as n`,
    [before(r.rawDays), before(r.minuteDays), before(r.hourDays)]);
  return Number(row!.n);
}
