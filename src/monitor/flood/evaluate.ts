// 防汛研判: collects the latest flood readings per area (a street: rain gauges' 1 h / 3 h / 24 h rainfall, river
// gauges against their section's 警戒/保证水位, road ponding depths), computes each area's level with the pure rules and
// starts, escalates, de-escalates or ends its warning; a start or escalation notifies the teams covering the area
// (站内消息, orange and red also pushed) and records who was told. Run by the flood job once across nodes.
import { divisionPrefix } from '../../admin/scope.ts';
import { PUSH_JOB } from '../../command/notifications.ts';
import type { Queryable } from '../../db/types.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { LEVEL_NAMES, type Level } from '../rules/levels.ts';
import { areaLevel, DEFAULT_FLOOD_RULES, INDICATOR_NAMES, nextWarning, rainOver, type FloodRules, type Observation, type Reason } from './rules.ts';
import type { FloodEvaluation } from './views.ts';

/** Readings older than this are not evidence of the present. */
export const FRESH_MINUTES = 90;
const HOUR = 3_600_000;

export interface FloodPoint extends Observation { lon: number; lat: number; areaCode: string; code: string; typeCode: string; at: string }

/** The flood observations now: one per river/ponding gauge and three per rain gauge, with the area (street) they lie in. */
export async function floodObservations(q: Queryable, now: Date, rules: FloodRules = DEFAULT_FLOOD_RULES): Promise<FloodPoint[]> {
  const since = new Date(+now - FRESH_MINUTES * 60_000).toISOString();
  const latest = await q.query(
    `select d.id, d.code, d.name, d.type_code, d.lon, d.lat, substr(d.grid_code, 1, 9) as area, f.props, x.value, x.ts
     from monitor_devices d left join monitor_facilities f on f.id = d.facility_id
     cross join lateral (select r.value, r.ts from monitor_readings r where r.device_id = d.id
       and r.metric = case d.type_code when 'rain_gauge' then 'rain_1h' when 'river_level' then 'level' else 'depth' end
       and r.ts >= $1 and r.ts <= $2 order by r.ts desc limit 1) x
     where d.enabled and d.type_code in ('rain_gauge', 'river_level', 'road_ponding')`, [since, now.toISOString()]);
  const rainIds = latest.filter((r) => r.type_code === 'rain_gauge').map((r) => Number(r.id));
  const firstHour = new Date(Math.floor(+now / HOUR) * HOUR - 23 * HOUR).toISOString();
  const hourly = rainIds.length === 0 ? [] : await q.query<{ device_id: number; bucket: string; max: number }>(
    `select device_id, bucket, max from monitor_rollups where resolution = '1h' and metric = 'rain_1h' and device_id = any($1)
       and bucket >= $2 and bucket <= $3 order by bucket`, [rainIds, firstHour, now.toISOString()]);
  const out: FloodPoint[] = [];
  for (const r of latest) {
    const base = { deviceId: Number(r.id), deviceName: r.name as string, lon: r.lon as number, lat: r.lat as number, areaCode: r.area as string,
      code: r.code as string, typeCode: r.type_code as string, at: new Date(r.ts).toISOString() };
    if (r.type_code === 'rain_gauge') {
      const maxima = hourly.filter((h) => Number(h.device_id) === base.deviceId).map((h) => h.max);
      out.push({ ...base, indicator: 'rain_1h', value: r.value, unit: 'mm' },
        { ...base, indicator: 'rain_3h', value: Math.max(r.value, rainOver(maxima, 3)), unit: 'mm' },
        { ...base, indicator: 'rain_24h', value: Math.max(r.value, rainOver(maxima, 24)), unit: 'mm' });
    } else if (r.type_code === 'river_level') {
      const props = r.props ?? {};
      out.push({ ...base, indicator: 'river_level', value: r.value, unit: 'm',
        warningLevel: typeof props.warningLevel === 'number' ? props.warningLevel : rules.riverWarning,
        guaranteeLevel: typeof props.guaranteeLevel === 'number' ? props.guaranteeLevel : rules.riverGuarantee });
    } else {
      out.push({ ...base, indicator: 'ponding', value: r.value, unit: 'cm' });
    }
  }
  return out;
}

function describeReasons(reasons: Reason[]): string {
  return reasons.slice(0, 3).map((r) => `${r.deviceName}${INDICATOR_NAMES[r.indicator]} ${r.value}${r.unit}`).join('；');
}

/** Tells the members of every team whose area covers the warning's area; returns how many people were told. */
export async function notifyTeams(tx: Queryable, warningId: number, areaCode: string, areaName: string, level: Level, action: 'start' | 'escalate',
  reasons: Reason[]): Promise<number> {
  const teams = await tx.query<{ id: number; name: string; area_code: string }>('select id, name, area_code from monitor_flood_teams');
  const covering = teams.filter((t) => areaCode.startsWith(divisionPrefix(t.area_code))).map((t) => Number(t.id));
  if (covering.length === 0) return 0;
  const urgent = level === 'orange' || level === 'red';
  const message = `【防汛预警·${LEVEL_NAMES[level]}】${areaName}${action === 'start' ? '发布' : '升级为'}${LEVEL_NAMES[level]}预警：${describeReasons(reasons)}。请按预案响应并确认收到。`;
  // one message per person, even when they serve in several covering teams (the first team is recorded)
  const rows = await tx.query<{ id: number; user_id: number; team_id: number }>(
    `with people as (select distinct on (m.user_id) m.user_id, m.team_id from monitor_flood_team_members m join users u on u.id = m.user_id
       where u.active and m.team_id = any($1) order by m.user_id, m.team_id),
     sent as (insert into notifications (user_id, message, urgent) select user_id, $2, $3 from people returning id, user_id)
     select s.id, s.user_id, p.team_id from sent s join people p on p.user_id = s.user_id`, [covering, message, urgent]);
  if (rows.length === 0) return 0;
  await tx.query(
    `insert into monitor_flood_notifications (warning_id, team_id, user_id, notification_id, level)
     select $1, team_id, user_id, id, $2 from json_to_recordset($3::json) as x(id bigint, user_id bigint, team_id bigint)`,
    [warningId, level, JSON.stringify(rows)]);
  if (urgent) await scheduleJob(tx, { kind: PUSH_JOB, payload: { ids: rows.map((r) => Number(r.id)) } });
  return rows.length;
}

/** Evaluates every area once (call inside one transaction; the job makes it once across nodes). */
export async function evaluateFlood(tx: Queryable, now: Date, rules: FloodRules = DEFAULT_FLOOD_RULES): Promise<FloodEvaluation> {
  const points = await floodObservations(tx, now, rules);
  const active = await tx.query('select * from monitor_flood_warnings where status = $1 for update', ['active']);
  const areaCodes = [...new Set([...points.map((p) => p.areaCode), ...active.map((w) => w.area_code as string)])];
  const names = new Map((await tx.query<{ code: string; name: string }>('select code, name from divisions where code = any($1)', [areaCodes]))
    .map((d) => [d.code, d.name]));
  const result: FloodEvaluation = { areas: areaCodes.length, started: 0, escalated: 0, deescalated: 0, ended: 0, notified: 0 };
  for (const area of areaCodes) {
    if (!names.has(area)) continue;
    const { level, reasons } = areaLevel(points.filter((p) => p.areaCode === area), rules);
    const current = active.find((w) => w.area_code === area);
    const decision = nextWarning(current ? { level: current.level, lowerSince: current.lower_since ? +new Date(current.lower_since) : null } : null,
      level, +now, rules.holdMinutes);
    const stored = reasons.map(({ indicator, deviceId, deviceName, value, unit, level: l }) => ({ indicator, deviceId, deviceName, value, unit, level: l }));
    if (decision.action === 'none') continue;
    if (decision.action === 'start') {
      const w = await tx.maybeOne<{ id: number }>(
        `insert into monitor_flood_warnings (area_code, level, peak_level, status, reasons, started_at, updated_at)
         values ($1, $2, $2, 'active', $3, $4, $4) returning id`, [area, decision.level, JSON.stringify(stored), now.toISOString()]);
      await tx.query('insert into monitor_flood_warning_events (warning_id, at, action, level) values ($1, $2, $3, $4)',
        [w!.id, now.toISOString(), 'start', decision.level]);
      result.started++;
      result.notified += await notifyTeams(tx, Number(w!.id), area, names.get(area)!, decision.level, 'start', reasons);
      continue;
    }
    const id = Number(current!.id);
    if (decision.action === 'keep') {
      await tx.query('update monitor_flood_warnings set lower_since = $2, reasons = case when $4 then $3::jsonb else reasons end, updated_at = $5 where id = $1',
        [id, decision.lowerSince === null ? null : new Date(decision.lowerSince).toISOString(), JSON.stringify(stored), reasons.length > 0, now.toISOString()]);
      continue;
    }
    if (decision.action === 'end') {
      await tx.query(`update monitor_flood_warnings set status = 'ended', ended_at = $2, updated_at = $2, lower_since = null where id = $1`,
        [id, now.toISOString()]);
      await tx.query('insert into monitor_flood_warning_events (warning_id, at, action, level) values ($1, $2, $3, null)', [id, now.toISOString(), 'end']);
      result.ended++;
      continue;
    }
    await tx.query(
      `update monitor_flood_warnings set level = $2, reasons = $3, updated_at = $4, lower_since = null,
         peak_level = case when array_position(array['blue', 'yellow', 'orange', 'red'], $2) > array_position(array['blue', 'yellow', 'orange', 'red'], peak_level)
           then $2 else peak_level end where id = $1`, [id, decision.level, JSON.stringify(stored), now.toISOString()]);
    await tx.query('insert into monitor_flood_warning_events (warning_id, at, action, level) values ($1, $2, $3, $4)',
      [id, now.toISOString(), decision.action, decision.level]);
    if (decision.action === 'escalate') {
      result.escalated++;
      result.notified += await notifyTeams(tx, id, area, names.get(area)!, decision.level, 'escalate', reasons);
    } else result.deescalated++;
  }
  return result;
}
