// 设备登记: device types with their metrics, devices placed in a grid with their watched component and owner
// department, and their credentials. Every change is audited and announces REGISTRY_CHANGED, so each node's ingest
// cache (cache.ts) reloads.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { requireCityBounds } from '../base/grids.ts';
import { placePoint, type Place } from '../base/placement.ts';
import { pageClause, SqlFilter, likeText } from '../base/sql.ts';
import { getSpatialService } from '../base/spatial/service.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import type { AppContext } from '../server/context.ts';
import type { Metric } from './catalog.ts';
import { hashSecret, newDeviceSecret } from './credentials.ts';
import { scopeFilter } from './scope.ts';
import type { DeviceList, DeviceSecret, DeviceTypeList, DeviceTypeView, DeviceView, MetricView, RegisteredDevice } from './views.ts';

// views.ts repeats the metric's shape without importing it; this fails to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_METRIC_MATCHES: Same<Metric, MetricView> = true;

export const REGISTRY_CHANGED = 'monitor.registry.changed';

type Ctx = Pick<AppContext, 'db' | 'events'>;

export async function placeOrThrow(ctx: Ctx, lon: number, lat: number): Promise<Place> {
  const place = await placePoint(getSpatialService(ctx), await requireCityBounds(ctx), lon, lat);
  if (!place.ok) throw badRequest(place.code, place.message);
  return place;
}

async function requireMatterType(q: Queryable, code: string): Promise<void> {
  if (!(await q.maybeOne("select 1 from catalog_types where kind = 'matter' and code = $1", [code]))) {
    throw badRequest('UNKNOWN_TYPE', `目录中没有该事项类型: ${code}`);
  }
}

// ---- device types ----

export interface DeviceTypeInput { code?: string; name: string; category: string; metrics: Metric[]; matterCode: string }

const typeView = (r: any): DeviceTypeView => ({ code: r.code, name: r.name, category: r.category, metrics: r.metrics, matterCode: r.matter_code });

export async function listDeviceTypes(q: Queryable): Promise<DeviceTypeList> {
  return { items: (await q.query('select * from monitor_device_types order by category, code')).map(typeView) };
}

function checkMetrics(metrics: Metric[]): void {
  const keys = metrics.map((m) => m.key);
  if (new Set(keys).size !== keys.length) throw badRequest('DUPLICATE_METRIC', '指标代码重复');
}

export async function createDeviceType(tx: Queryable, actor: Actor, input: DeviceTypeInput): Promise<DeviceTypeView> {
  checkMetrics(input.metrics);
  await requireMatterType(tx, input.matterCode);
  if (await tx.maybeOne('select 1 from monitor_device_types where code = $1', [input.code])) {
    throw conflict('DUPLICATE_CODE', `设备类型代码已存在: ${input.code}`);
  }
  const row = await tx.maybeOne(
    'insert into monitor_device_types (code, name, category, metrics, matter_code) values ($1, $2, $3, $4, $5) returning *',
    [input.code, input.name, input.category, JSON.stringify(input.metrics), input.matterCode]);
  await audit(tx, actor, { action: 'create', entity: 'monitor_device_type', entityId: input.code!, after: typeView(row) });
  return typeView(row);
}

export async function updateDeviceType(tx: Queryable, actor: Actor, code: string, input: Omit<DeviceTypeInput, 'code'>): Promise<DeviceTypeView> {
  const before = await tx.maybeOne('select * from monitor_device_types where code = $1 for update', [code]);
  if (!before) throw notFound('设备类型', code);
  checkMetrics(input.metrics);
  await requireMatterType(tx, input.matterCode);
  const dropped = before.metrics.map((m: Metric) => m.key).filter((k: string) => !input.metrics.some((m) => m.key === k));
  const used = dropped.length === 0 ? undefined : await tx.maybeOne<{ name: string }>(
    'select name from monitor_rules where metric = any($1) and (device_type_code = $2 or device_id in (select id from monitor_devices where type_code = $2)) limit 1',
    [dropped, code]);
  if (used) throw conflict('METRIC_IN_USE', `指标仍被告警规则「${used.name}」使用，不能删除`);
  const row = await tx.maybeOne(
    'update monitor_device_types set name = $2, category = $3, metrics = $4, matter_code = $5, updated_at = now() where code = $1 returning *',
    [code, input.name, input.category, JSON.stringify(input.metrics), input.matterCode]);
  await audit(tx, actor, { action: 'update', entity: 'monitor_device_type', entityId: code, before: typeView(before), after: typeView(row) });
  return typeView(row);
}

// ---- devices ----

export interface DeviceInput {
  code: string; name: string; typeCode: string; position: { lon: number; lat: number };
  componentId?: string | null; facility?: string | null; departmentId?: number | null; enabled?: boolean;
}

export interface DeviceQuery { page?: number; pageSize?: number; type?: string; region?: string; q?: string; componentId?: string; department?: number }

const DEVICE_SELECT = `select d.*, t.name as type_name, t.category, t.metrics, dep.name as department_name,
  (select count(*)::int from monitor_alarms a where a.device_id = d.id and a.status in ('raised', 'confirmed', 'dispatched')) as active_alarms
  from monitor_devices d join monitor_device_types t on t.code = d.type_code left join departments dep on dep.id = d.department_id`;

export function deviceView(r: any): DeviceView {
  return {
    id: Number(r.id), code: r.code, name: r.name, typeCode: r.type_code, typeName: r.type_name, category: r.category, metrics: r.metrics,
    lon: r.lon, lat: r.lat, gridCode: r.grid_code, districtCode: r.district_code, componentId: r.component_id, facility: r.facility,
    departmentId: r.department_id === null ? null : Number(r.department_id), departmentName: r.department_name ?? null,
    enabled: r.enabled, lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
    badPayloads: Number(r.bad_payloads), lastBadAt: r.last_bad_at ? new Date(r.last_bad_at).toISOString() : null,
    lastBadReason: r.last_bad_reason, activeAlarms: Number(r.active_alarms ?? 0),
  };
}

export async function listDevices(q: Queryable, actor: Actor, query: DeviceQuery): Promise<DeviceList> {
  const f = new SqlFilter();
  scopeFilter(f, actor, 'd.grid_code');
  if (query.type) f.add('d.type_code = ?', query.type);
  if (query.region) f.add('d.grid_code like ?', `${query.region}%`);
  if (query.componentId) f.add('d.component_id = ?', query.componentId);
  if (query.department) f.add('d.department_id = ?', query.department);
  if (query.q) f.add("(d.code ilike ? or d.name ilike ? or coalesce(d.facility, '') ilike ?)", ...Array(3).fill(`%${likeText(query.q)}%`));
  const total = (await q.maybeOne<{ n: number }>(`select count(*)::int as n from monitor_devices d ${f.where()}`, f.values))!.n;
  const rows = await q.query(`${DEVICE_SELECT} ${f.where()} order by d.id ${pageClause(query.page, query.pageSize)}`, f.values);
  return { total: Number(total), items: rows.map(deviceView) };
}

export async function getDevice(q: Queryable, actor: Actor, id: number): Promise<DeviceView> {
  const f = new SqlFilter().add('d.id = ?', id);
  scopeFilter(f, actor, 'd.grid_code');
  const row = await q.maybeOne(`${DEVICE_SELECT} ${f.where()}`, f.values);
  if (!row) throw notFound('设备', id);
  return deviceView(row);
}

async function checkDeviceRefs(q: Queryable, input: Partial<DeviceInput>): Promise<void> {
  if (input.typeCode && !(await q.maybeOne('select 1 from monitor_device_types where code = $1', [input.typeCode]))) {
    throw badRequest('UNKNOWN_DEVICE_TYPE', `设备类型不存在: ${input.typeCode}`);
  }
  if (input.componentId && !(await q.maybeOne('select 1 from components where id = $1', [input.componentId]))) {
    throw badRequest('UNKNOWN_COMPONENT', `部件不存在: ${input.componentId}`);
  }
  if (input.departmentId && !(await q.maybeOne('select 1 from departments where id = $1', [input.departmentId]))) {
    throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${input.departmentId}`);
  }
}

/** Registers a device; returns it with its secret, which is shown only this once. */
export async function createDevice(ctx: Ctx, actor: Actor, input: DeviceInput): Promise<RegisteredDevice> {
  await checkDeviceRefs(ctx.db, input);
  const place = await placeOrThrow(ctx, input.position.lon, input.position.lat);
  const secret = newDeviceSecret();
  const id = await ctx.db.transaction(async (tx) => {
    if (await tx.maybeOne('select 1 from monitor_devices where code = $1', [input.code])) {
      throw conflict('DUPLICATE_CODE', `设备编码已存在: ${input.code}`);
    }
    const row = await tx.maybeOne<{ id: number }>(
      `insert into monitor_devices (code, name, type_code, lon, lat, grid_code, district_code, component_id, facility, department_id, secret_hash, enabled)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [input.code, input.name, input.typeCode, place.lon, place.lat, place.gridCode, place.districtCode, input.componentId ?? null,
        input.facility ?? null, input.departmentId ?? null, hashSecret(secret), input.enabled ?? true]);
    await audit(tx, actor, { action: 'create', entity: 'monitor_device', entityId: Number(row!.id),
      after: { code: input.code, name: input.name, typeCode: input.typeCode, gridCode: place.gridCode } });
    await ctx.events.publish(tx, REGISTRY_CHANGED, { what: 'device' });
    return Number(row!.id);
  });
  return { ...(await getDevice(ctx.db, actor, id)), secret };
}

export async function updateDevice(ctx: Ctx, actor: Actor, id: number, input: Omit<DeviceInput, 'code'>): Promise<DeviceView> {
  const current = await getDevice(ctx.db, actor, id);
  await checkDeviceRefs(ctx.db, input);
  const place = await placeOrThrow(ctx, input.position.lon, input.position.lat);
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `update monitor_devices set name = $2, type_code = $3, lon = $4, lat = $5, grid_code = $6, district_code = $7, component_id = $8,
         facility = $9, department_id = $10, enabled = $11, updated_at = now() where id = $1`,
      [id, input.name, input.typeCode, place.lon, place.lat, place.gridCode, place.districtCode, input.componentId ?? null,
        input.facility ?? null, input.departmentId ?? null, input.enabled ?? current.enabled]);
    await audit(tx, actor, { action: 'update', entity: 'monitor_device', entityId: id,
      before: { name: current.name, typeCode: current.typeCode, gridCode: current.gridCode, enabled: current.enabled },
      after: { name: input.name, typeCode: input.typeCode, gridCode: place.gridCode, enabled: input.enabled ?? current.enabled } });
    await ctx.events.publish(tx, REGISTRY_CHANGED, { what: 'device' });
  });
  return getDevice(ctx.db, actor, id);
}

/** A new secret; the old one stops working on every node at once. */
export async function rotateSecret(ctx: Ctx, actor: Actor, id: number): Promise<DeviceSecret> {
  await getDevice(ctx.db, actor, id);
  const secret = newDeviceSecret();
  await ctx.db.transaction(async (tx) => {
    await tx.query('update monitor_devices set secret_hash = $2, updated_at = now() where id = $1', [id, hashSecret(secret)]);
    await audit(tx, actor, { action: 'rotate_secret', entity: 'monitor_device', entityId: id });
    await ctx.events.publish(tx, REGISTRY_CHANGED, { what: 'device' });
  });
  return { id, secret };
}

/** Removes a device with its readings, rollups, rules and alarms; refused while an alarm of it is linked to a case. */
export async function deleteDevice(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  const current = await getDevice(ctx.db, actor, id);
  await ctx.db.transaction(async (tx) => {
    if (await tx.maybeOne('select 1 from monitor_alarms where device_id = $1 and case_id is not null', [id])) {
      throw conflict('DEVICE_HAS_CASES', '该设备的告警已转为案件，不能删除；可改为停用');
    }
    await tx.query('delete from monitor_readings where device_id = $1', [id]);
    await tx.query('delete from monitor_rollups where device_id = $1', [id]);
    await tx.query('delete from monitor_devices where id = $1', [id]);
    await audit(tx, actor, { action: 'delete', entity: 'monitor_device', entityId: id, before: { code: current.code, name: current.name } });
    await ctx.events.publish(tx, REGISTRY_CHANGED, { what: 'device' });
  });
}
