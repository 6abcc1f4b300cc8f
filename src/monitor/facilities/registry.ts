// 设施登记: bridges, pipe segments, tunnels, pumping stations, river sections … with their geometry, placed in a unit
// grid by a representative point (data scope as devices), owner department and kind-specific properties; and which
// devices watch them (monitor_devices.facility_id; the free-text `facility` label keeps working beside it).
import type { Actor } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import { likeText, pageClause, SqlFilter } from '../../base/sql.ts';
import type { Queryable } from '../../db/types.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { placeOrThrow, REGISTRY_CHANGED } from '../registry.ts';
import { scopeFilter } from '../scope.ts';
import { FACILITY_KIND_NAMES, type FacilityKind } from './kinds.ts';
import type { FacilityGeometry, FacilityKindCode, FacilityList, FacilityView } from './views.ts';

// views.ts repeats the facility kinds without importing them; this fails to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_KIND_MATCHES: Same<FacilityKind, FacilityKindCode> = true;

type Ctx = Pick<AppContext, 'db' | 'events'>;

export interface FacilityInput {
  code: string; kind: FacilityKind; name: string; geometry: FacilityGeometry;
  /** the point that places it in a grid; by default the point, the middle vertex of a line, the first vertex of a polygon */
  position?: { lon: number; lat: number } | null;
  departmentId?: number | null; props?: Record<string, unknown>; note?: string | null;
}

export interface FacilityQuery { page?: number; pageSize?: number; kind?: FacilityKind; region?: string; q?: string }

const SELECT = `select f.*, dep.name as department_name,
  (select count(*)::int from monitor_devices d where d.facility_id = f.id) as devices,
  (select count(*)::int from monitor_alarms a join monitor_devices d on d.id = a.device_id
     where d.facility_id = f.id and a.status in ('raised', 'confirmed', 'dispatched')) as active_alarms
  from monitor_facilities f left join departments dep on dep.id = f.department_id`;

export function facilityView(r: any): FacilityView {
  return {
    id: Number(r.id), code: r.code, kind: r.kind as FacilityKind, kindName: FACILITY_KIND_NAMES[r.kind as FacilityKind], name: r.name,
    geometry: r.geometry as FacilityGeometry, lon: r.lon, lat: r.lat, gridCode: r.grid_code, districtCode: r.district_code,
    departmentId: r.department_id === null ? null : Number(r.department_id), departmentName: r.department_name ?? null,
    props: r.props ?? {}, note: r.note, devices: Number(r.devices ?? 0), activeAlarms: Number(r.active_alarms ?? 0),
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const isPos = (p: unknown): p is number[] => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));

/** Checks the GeoJSON shape and returns its representative point. */
export function representativePoint(g: FacilityGeometry): [number, number] {
  const bad = (msg: string) => badRequest('INVALID_GEOMETRY', `几何图形无效：${msg}`);
  if (g.type === 'Point') {
    if (!isPos(g.coordinates)) throw bad('点坐标应为 [经度, 纬度]');
    return [g.coordinates[0], g.coordinates[1]];
  }
  if (g.type === 'LineString') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length < 2 || !g.coordinates.every(isPos)) throw bad('线至少需要两个 [经度, 纬度] 点');
    const mid = g.coordinates[Math.floor((g.coordinates.length - 1) / 2)];
    return [mid[0], mid[1]];
  }
  if (g.type === 'Polygon') {
    const ring = g.coordinates?.[0];
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPos)) throw bad('面的外环至少需要四个点（首尾相同）');
    const [a, z] = [ring[0], ring[ring.length - 1]];
    if (a[0] !== z[0] || a[1] !== z[1]) throw bad('面的外环须首尾相同');
    return [a[0], a[1]];
  }
  throw bad('只支持 Point、LineString、Polygon');
}

export async function listFacilities(q: Queryable, actor: Actor, query: FacilityQuery): Promise<FacilityList> {
  const f = new SqlFilter();
  scopeFilter(f, actor, 'f.grid_code');
  if (query.kind) f.add('f.kind = ?', query.kind);
  if (query.region) f.add('f.grid_code like ?', `${query.region}%`);
  if (query.q) f.add('(f.code ilike ? or f.name ilike ?)', ...Array(2).fill(`%${likeText(query.q)}%`));
  const total = (await q.maybeOne<{ n: number }>(`select count(*)::int as n from monitor_facilities f ${f.where()}`, f.values))!.n;
  const rows = await q.query(`${SELECT} ${f.where()} order by f.kind, f.code ${pageClause(query.page, query.pageSize, 1000)}`, f.values);
  return { total: Number(total), items: rows.map(facilityView) };
}

export async function getFacility(q: Queryable, actor: Actor, id: number): Promise<FacilityView> {
  const f = new SqlFilter().add('f.id = ?', id);
  scopeFilter(f, actor, 'f.grid_code');
  const row = await q.maybeOne(`${SELECT} ${f.where()}`, f.values);
  if (!row) throw notFound('设施', id);
  return facilityView(row);
}

async function place(ctx: Ctx, input: Omit<FacilityInput, 'code'>) {
  const [lon, lat] = input.position ? [input.position.lon, input.position.lat] : representativePoint(input.geometry);
  representativePoint(input.geometry);   // the shape is checked even when a position is given
  if (input.departmentId && !(await ctx.db.maybeOne('select 1 from departments where id = $1', [input.departmentId]))) {
    throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${input.departmentId}`);
  }
  return placeOrThrow(ctx, lon, lat);
}

export async function createFacility(ctx: Ctx, actor: Actor, input: FacilityInput): Promise<FacilityView> {
  const p = await place(ctx, input);
  const id = await ctx.db.transaction(async (tx) => {
    if (await tx.maybeOne('select 1 from monitor_facilities where code = $1', [input.code])) {
      throw conflict('DUPLICATE_CODE', `设施编码已存在: ${input.code}`);
    }
    const row = await tx.maybeOne<{ id: number }>(
      `insert into monitor_facilities (code, kind, name, geometry, lon, lat, grid_code, district_code, department_id, props, note)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [input.code, input.kind, input.name, JSON.stringify(input.geometry), p.lon, p.lat, p.gridCode, p.districtCode,
        input.departmentId ?? null, JSON.stringify(input.props ?? {}), input.note ?? null]);
    await audit(tx, actor, { action: 'create', entity: 'monitor_facility', entityId: Number(row!.id),
      after: { code: input.code, kind: input.kind, name: input.name, gridCode: p.gridCode } });
    return Number(row!.id);
  });
  return getFacility(ctx.db, actor, id);
}

export async function updateFacility(ctx: Ctx, actor: Actor, id: number, input: Omit<FacilityInput, 'code'>): Promise<FacilityView> {
  const before = await getFacility(ctx.db, actor, id);
  const p = await place(ctx, input);
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `update monitor_facilities set kind = $2, name = $3, geometry = $4, lon = $5, lat = $6, grid_code = $7, district_code = $8,
         department_id = $9, props = $10, note = $11, updated_at = now() where id = $1`,
      [id, input.kind, input.name, JSON.stringify(input.geometry), p.lon, p.lat, p.gridCode, p.districtCode, input.departmentId ?? null,
        JSON.stringify(input.props ?? {}), input.note ?? null]);
    await audit(tx, actor, { action: 'update', entity: 'monitor_facility', entityId: id,
      before: { kind: before.kind, name: before.name, gridCode: before.gridCode }, after: { kind: input.kind, name: input.name, gridCode: p.gridCode } });
  });
  return getFacility(ctx.db, actor, id);
}

/** Deletes a facility; its devices stay registered, unlinked. */
export async function deleteFacility(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  const before = await getFacility(ctx.db, actor, id);
  await ctx.db.transaction(async (tx) => {
    await tx.query('update monitor_devices set facility_id = null where facility_id = $1', [id]);
    await tx.query('delete from monitor_facilities where id = $1', [id]);
    await audit(tx, actor, { action: 'delete', entity: 'monitor_facility', entityId: id, before: { code: before.code, name: before.name } });
    await ctx.events.publish(tx, REGISTRY_CHANGED, { what: 'device' });
  });
}

/**
 * Sets which devices watch the facility: the listed ones are linked (their free-text label becomes the facility's name
 * where it was empty), devices linked before and not listed are unlinked. Every device must be in the actor's scope.
 */
export async function setFacilityDevices(ctx: Ctx, actor: Actor, id: number, deviceIds: number[]): Promise<FacilityView> {
  const facility = await getFacility(ctx.db, actor, id);
  const ids = [...new Set(deviceIds)];
  const f = new SqlFilter().add('d.id = any(?)', ids);
  scopeFilter(f, actor, 'd.grid_code');
  const found = await ctx.db.query<{ id: number }>(`select d.id from monitor_devices d ${f.where()}`, f.values);
  const missing = ids.filter((d) => !found.some((r) => Number(r.id) === d));
  if (missing.length > 0) throw badRequest('UNKNOWN_DEVICE', `设备不存在或不在数据范围内: ${missing.join(', ')}`);
  await ctx.db.transaction(async (tx) => {
    await tx.query('update monitor_devices set facility_id = null, updated_at = now() where facility_id = $1 and not (id = any($2))', [id, ids]);
    await tx.query(
      `update monitor_devices set facility_id = $1, facility = coalesce(nullif(facility, ''), $3), updated_at = now() where id = any($2)`,
      [id, ids, facility.name]);
    await audit(tx, actor, { action: 'link_devices', entity: 'monitor_facility', entityId: id, after: { deviceIds: ids } });
    await ctx.events.publish(tx, REGISTRY_CHANGED, { what: 'device' });
  });
  return getFacility(ctx.db, actor, id);
}
