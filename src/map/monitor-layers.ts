// 一张图 monitoring layers (运行监测): the devices with their state (normal, in alarm with its level 蓝黄橙红, offline),
// the active alarms and the video cameras, as GeoJSON within the viewer's data scope (a record is visible when its
// grid lies in the scope, src/monitor/scope.ts). Live alarm changes reach the map through /api/monitor/alarms/stream.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../admin/actor.ts';
import { PERMISSIONS } from '../admin/roles.ts';
import { SqlFilter } from '../base/sql.ts';
import type { Queryable } from '../db/types.ts';
import { LEVEL_NAMES } from '../monitor/rules/levels.ts';
import { ALARM_STATUS_NAMES } from '../monitor/rules/lifecycle.ts';
import { scopeFilter } from '../monitor/scope.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';

/** A device's state on the map: an active alarm of a measuring rule wins over an offline alarm. */
export type DeviceState = 'normal' | 'alarm' | 'offline';

const ACTIVE = `a.status in ('raised', 'confirmed', 'dispatched')`;
const LEVEL_RANK = (expr: string) => `array_position(array['blue', 'yellow', 'orange', 'red'], ${expr})`;
const point = (lon: string, lat: string) => `json_build_object('type', 'Point', 'coordinates', json_build_array(${lon}, ${lat}))`;

async function collection(db: Queryable, features: string, from: string, f: SqlFilter, order: string): Promise<string> {
  const row = await db.maybeOne<{ features: string | null }>(
    `select string_agg(x.f, ',' order by x.o) as features from (select (${features})::text as f, ${order} as o ${from} ${f.where()}) x`, f.values);
  return `{"type":"FeatureCollection","features":[${row?.features ?? ''}]}`;
}

/** Enabled devices with their type, state, worst active level, the worst active alarm and the last reading time. */
export async function devicesLayer(db: Queryable, actor: Actor): Promise<string> {
  const f = new SqlFilter().add('d.enabled');
  scopeFilter(f, actor, 'd.grid_code');
  const levels = f.param(JSON.stringify(LEVEL_NAMES));
  const state = `case when al.id is not null then 'alarm' when off.id is not null then 'offline' else 'normal' end`;
  const feature = `json_build_object('type', 'Feature', 'id', d.id, 'geometry', ${point('d.lon', 'd.lat')}, 'properties', json_build_object(
    'id', d.id, 'code', d.code, 'name', d.name, 'typeCode', d.type_code, 'typeName', t.name, 'category', t.category,
    'facility', d.facility, 'state', ${state}, 'level', al.level, 'levelName', ${levels}::jsonb ->> al.level, 'alarmId', al.id,
    'offlineSince', off.raised_at, 'lastSeenAt', d.last_seen_at))`;
  const from = `from monitor_devices d join monitor_device_types t on t.code = d.type_code
    left join lateral (select a.id, a.level from monitor_alarms a where a.device_id = d.id and ${ACTIVE} and a.kind <> 'offline'
      order by ${LEVEL_RANK('a.level')} desc, a.id desc limit 1) al on true
    left join lateral (select a.id, a.raised_at from monitor_alarms a where a.device_id = d.id and ${ACTIVE} and a.kind = 'offline'
      order by a.id limit 1) off on true`;
  // drawn in this order: alarms on top, the worst level last
  return collection(db, feature, from, f, `(case when al.id is not null then 2 + ${LEVEL_RANK('al.level')} when off.id is not null then 1 else 0 end) * 1e12 + d.id`);
}

/** Active alarms (待确认, 已确认, 已派遣) at their device's position, the highest level drawn last. */
export async function alarmsLayer(db: Queryable, actor: Actor): Promise<string> {
  const f = new SqlFilter().add(ACTIVE);
  scopeFilter(f, actor, 'a.grid_code');
  const levels = f.param(JSON.stringify(LEVEL_NAMES));
  const statuses = f.param(JSON.stringify(ALARM_STATUS_NAMES));
  const feature = `json_build_object('type', 'Feature', 'id', a.id, 'geometry', ${point('a.lon', 'a.lat')}, 'properties', json_build_object(
    'id', a.id, 'deviceId', a.device_id, 'deviceCode', d.code, 'deviceName', d.name, 'typeName', t.name, 'ruleName', r.name,
    'kind', a.kind, 'metric', a.metric, 'level', a.level, 'levelName', ${levels}::jsonb ->> a.level, 'status', a.status,
    'statusName', ${statuses}::jsonb ->> a.status, 'lastValue', a.last_value, 'raisedAt', a.raised_at, 'lastAt', a.last_at,
    'caseId', a.case_id, 'caseNo', c.case_no))`;
  const from = `from monitor_alarms a join monitor_devices d on d.id = a.device_id join monitor_device_types t on t.code = d.type_code
    join monitor_rules r on r.id = a.rule_id left join cases c on c.id = a.case_id`;
  return collection(db, feature, from, f, `${LEVEL_RANK('a.level')} * 1e12 + a.id`);
}

/** Video cameras (视频监控), enabled or not. */
export async function camerasLayer(db: Queryable, actor: Actor): Promise<string> {
  const f = new SqlFilter();
  scopeFilter(f, actor, 'm.grid_code');
  const feature = `json_build_object('type', 'Feature', 'id', m.id, 'geometry', ${point('m.lon', 'm.lat')}, 'properties', json_build_object(
    'id', m.id, 'code', m.code, 'name', m.name, 'enabled', m.enabled, 'gridCode', m.grid_code, 'departmentName', dep.name))`;
  return collection(db, feature, 'from monitor_cameras m left join departments dep on dep.id = m.department_id', f, 'm.id');
}

function sendGeoJson(reply: FastifyReply, body: string) {
  return reply.header('Cache-Control', 'private, no-cache').type('application/geo+json; charset=utf-8').send(body);
}

export async function registerMonitorLayerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const config = { permission: PERMISSIONS.monitorRead };
  const tags = ['一张图 map'];
  app.get('/api/map/monitor/devices.geojson', {
    config, schema: { tags, response: errorResponses,
      summary: '地图图层：监测设备（类型、状态：正常 / 告警及等级 / 离线、最后上报时间；不含停用设备）' },
  }, async (request, reply) => sendGeoJson(reply, await devicesLayer(db, actorOf(request))));
  app.get('/api/map/monitor/alarms.geojson', {
    config, schema: { tags, response: errorResponses, summary: '地图图层：当前告警（待确认、已确认、已派遣），等级高的在上' },
  }, async (request, reply) => sendGeoJson(reply, await alarmsLayer(db, actorOf(request))));
  app.get('/api/map/monitor/cameras.geojson', {
    config, schema: { tags, response: errorResponses, summary: '地图图层：视频监控点位' },
  }, async (request, reply) => sendGeoJson(reply, await camerasLayer(db, actorOf(request))));
}
