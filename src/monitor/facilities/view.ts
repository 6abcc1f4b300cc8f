// 设施视图: a facility with its sensors (latest value per metric, state), their series per metric over a period (the
// store's series query) with the threshold lines of their rules, and the alarm history with counts.
import type { Actor } from '../../admin/actor.ts';
import type { Queryable } from '../../db/types.ts';
import { badRequest } from '../../platform/errors.ts';
import type { Metric } from '../catalog.ts';
import type { Level } from '../rules/levels.ts';
import { LEVEL_NAMES } from '../rules/levels.ts';
import { ALARM_STATUS_NAMES, type AlarmStatus } from '../rules/lifecycle.ts';
import { readSeries, type Resolution } from '../store.ts';
import { getFacility } from './registry.ts';
import type {
  AlarmStatusCode, FacilityAlarms, FacilityOverview, FacilitySensor, FacilitySeries, LevelCode, MetricView, ResolutionCode,
  SensorState, SeriesPoint, Threshold,
} from './views.ts';

export type { Threshold } from './views.ts';

// views.ts repeats the monitor's vocabularies without importing them; these fail to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_VOCABULARY_MATCHES: [Same<Level, LevelCode>, Same<AlarmStatus, AlarmStatusCode>, Same<Resolution, ResolutionCode>,
  Same<Metric, MetricView>] = [true, true, true, true];

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const MAX_DAYS = 366;

export function checkPeriod(from: Date, to: Date): void {
  if (!(+to > +from)) throw badRequest('INVALID_RANGE', '结束时间须晚于开始时间');
  if (+to - +from > MAX_DAYS * 86_400_000) throw badRequest('RANGE_TOO_LONG', `时间范围不能超过 ${MAX_DAYS} 天`);
}

/** Raw up to 6 hours, minutes up to 2 days, hours beyond: a facility shows many series at once. */
export function facilityResolution(from: Date, to: Date): Resolution {
  const hours = (+to - +from) / 3_600_000;
  return hours <= 6 ? 'raw' : hours <= 48 ? '1m' : '1h';
}

/** The devices of a facility with their type, metrics, latest values, thresholds and state. */
export async function facilitySensors(q: Queryable, facilityId: number, now: Date): Promise<FacilitySensor[]> {
  const devices = await q.query(
    `select d.id, d.code, d.name, d.type_code, d.enabled, d.last_seen_at, d.created_at, d.lon, d.lat, t.name as type_name, t.metrics,
       (select max(array_position(array['blue', 'yellow', 'orange', 'red'], a.level)) from monitor_alarms a
         where a.device_id = d.id and a.status in ('raised', 'confirmed', 'dispatched')) as alarm_rank,
       (select (r.params->>'minutes')::float8 from monitor_rules r where r.enabled and r.kind = 'offline'
         and (r.device_id = d.id or r.device_type_code = d.type_code) order by r.device_id nulls last limit 1) as offline_minutes
     from monitor_devices d join monitor_device_types t on t.code = d.type_code where d.facility_id = $1 order by d.code`, [facilityId]);
  const ids = devices.map((d) => Number(d.id));
  const latest = ids.length === 0 ? [] : await q.query<{ device_id: number; metric: string; ts: string; value: number }>(
    `select distinct on (device_id, metric) device_id, metric, ts, value from monitor_readings
     where device_id = any($1) order by device_id, metric, ts desc`, [ids]);
  const rules = ids.length === 0 ? [] : await q.query(
    `select r.id, r.name, r.device_id, r.device_type_code, r.metric, r.params from monitor_rules r
     where r.enabled and r.kind = 'threshold' and (r.device_id = any($1) or r.device_type_code in (select type_code from monitor_devices where id = any($1)))`,
    [ids]);
  const levels = ['blue', 'yellow', 'orange', 'red'] as const;
  return devices.map((d) => {
    const id = Number(d.id);
    const own = rules.filter((r) => Number(r.device_id) === id);
    // a device's own rule replaces its type's rule on the same metric
    const effective = [...own, ...rules.filter((r) => r.device_type_code === d.type_code && !own.some((o) => o.metric === r.metric))];
    const thresholds: Record<string, Threshold[]> = {};
    for (const r of effective) {
      for (const level of levels) {
        const v = r.params?.levels?.[level];
        if (typeof v === 'number') (thresholds[r.metric] ??= []).push({ level, value: v, direction: r.params.direction, rule: r.name });
      }
    }
    const lastSeen = d.last_seen_at ? +new Date(d.last_seen_at) : null;
    const silentMs = (d.offline_minutes ?? 60) * 60_000;
    const state: SensorState = !d.enabled ? 'disabled'
      : d.alarm_rank !== null ? 'alarm'
      : lastSeen === null || +now - lastSeen > silentMs ? 'offline' : 'normal';
    return {
      id, code: d.code as string, name: d.name as string, typeCode: d.type_code as string, typeName: d.type_name as string,
      metrics: d.metrics as Metric[], lon: d.lon as number, lat: d.lat as number, enabled: d.enabled as boolean,
      lastSeenAt: iso(d.last_seen_at), createdAt: iso(d.created_at)!, state,
      alarmLevel: d.alarm_rank === null ? null : levels[Number(d.alarm_rank) - 1],
      latest: Object.fromEntries(latest.filter((l) => Number(l.device_id) === id)
        .map((l) => [l.metric, { value: l.value, ts: new Date(l.ts).toISOString() }])) as Record<string, { value: number; ts: string }>,
      thresholds,
    };
  });
}

/** The alarms of the facility's devices raised in the period (newest first) and their counts. */
export async function facilityAlarms(q: Queryable, facilityId: number, from: Date, to: Date, limit = 200): Promise<FacilityAlarms> {
  const rows = await q.query(
    `select a.*, d.code as device_code, d.name as device_name, r.name as rule_name, c.case_no from monitor_alarms a
       join monitor_devices d on d.id = a.device_id join monitor_rules r on r.id = a.rule_id left join cases c on c.id = a.case_id
     where d.facility_id = $1 and a.raised_at >= $2 and a.raised_at < $3 order by a.raised_at desc limit $4`,
    [facilityId, from.toISOString(), to.toISOString(), limit]);
  const c = (await q.maybeOne(
    `select count(*)::int as total,
       count(*) filter (where a.status in ('raised', 'confirmed', 'dispatched'))::int as active,
       count(*) filter (where a.status = 'false_alarm')::int as false_alarms,
       count(*) filter (where a.case_id is not null)::int as dispatched,
       count(*) filter (where a.peak_level = 'blue')::int as blue, count(*) filter (where a.peak_level = 'yellow')::int as yellow,
       count(*) filter (where a.peak_level = 'orange')::int as orange, count(*) filter (where a.peak_level = 'red')::int as red
     from monitor_alarms a join monitor_devices d on d.id = a.device_id where d.facility_id = $1 and a.raised_at >= $2 and a.raised_at < $3`,
    [facilityId, from.toISOString(), to.toISOString()]))!;
  return {
    counts: { total: c.total, active: c.active, falseAlarms: c.false_alarms, dispatched: c.dispatched,
      byLevel: { blue: c.blue, yellow: c.yellow, orange: c.orange, red: c.red } as Record<Level, number> },
    items: rows.map((r) => ({
      id: Number(r.id), deviceId: Number(r.device_id), deviceCode: r.device_code as string, deviceName: r.device_name as string,
      ruleName: r.rule_name as string, metric: r.metric as string | null, level: r.level as Level, peakLevel: r.peak_level as Level,
      levelName: LEVEL_NAMES[r.peak_level as Level], status: r.status as AlarmStatus, statusName: ALARM_STATUS_NAMES[r.status as AlarmStatus],
      firstValue: r.first_value as number | null, lastValue: r.last_value as number | null, raisedAt: iso(r.raised_at)!,
      recoveredAt: iso(r.recovered_at), caseId: r.case_id === null ? null : Number(r.case_id), caseNo: (r.case_no ?? null) as string | null,
    })),
  };
}

/** One series per sensor and metric over the period (averages for rollups, with their min/max). */
export async function facilitySeries(q: Queryable, sensors: FacilitySensor[], from: Date, to: Date,
  resolution: Resolution): Promise<FacilitySeries[]> {
  const out: FacilitySeries[] = [];
  for (const s of sensors) {
    for (const m of s.metrics) {
      const series = await readSeries(q, s.id, m.key, from, to, resolution);
      const points = series.points.map((p: any): SeriesPoint => ('value' in p ? { t: p.t, value: p.value }
        : { t: p.t, value: Math.round(p.avg * 1000) / 1000, min: p.min, max: p.max }));
      out.push({ deviceId: s.id, deviceName: s.name, metric: m.key, name: m.name, unit: m.unit, resolution: series.resolution, points,
        thresholds: s.thresholds[m.key] ?? [] });
    }
  }
  return out;
}

export async function facilityOverview(q: Queryable, actor: Actor, id: number, from: Date, to: Date,
  now = new Date()): Promise<FacilityOverview> {
  checkPeriod(from, to);
  const facility = await getFacility(q, actor, id);
  const sensors = await facilitySensors(q, id, now);
  const resolution = facilityResolution(from, to);
  return {
    facility, from: from.toISOString(), to: to.toISOString(), resolution, sensors,
    series: await facilitySeries(q, sensors, from, to, resolution),
    alarms: await facilityAlarms(q, id, from, to),
  };
}
