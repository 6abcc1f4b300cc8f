// 管理部件: city furniture with a 17-digit id (district + type + sequence), placed in a unit grid by its position.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { inScope } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import type { BaseContext } from './changes.ts';
import { parseComponentId } from './codes.ts';
import { ComponentIdAllocator, ComponentTypes } from './component-ids.ts';
import { requireCityBounds } from './grids.ts';
import { placePoint, type Place } from './placement.ts';
import type { Crs } from './spatial/coords.ts';
import { getSpatialService } from './spatial/service.ts';
import { likeText, pageClause, SqlFilter } from './sql.ts';
import { assertInScope, filterByPrefix } from './visibility.ts';

export const COMPONENT_STATUSES = ['完好', '破损', '丢失', '废弃', '移除'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];
export const ACCURACY_CLASSES = ['A', 'B', 'C'] as const;

export interface Position {
  lon: number;
  lat: number;
  crs?: Crs;
}

export interface ComponentInput {
  id?: string;
  typeCode?: string;
  name?: string;
  position: Position;
  status?: ComponentStatus;
  ownerDepartmentId?: number | null;
  maintainerDepartmentId?: number | null;
  propertyUnitCode?: string | null;
  propertyUnitName?: string | null;
  initialDate?: string | null;
  dataSource?: string | null;
  accuracy?: (typeof ACCURACY_CLASSES)[number] | null;
  remark?: string | null;
}

export type ComponentPatch = Partial<Omit<ComponentInput, 'id' | 'typeCode'>>;

export interface ComponentQuery {
  type?: string;
  grid?: string;
  community?: string;
  street?: string;
  district?: string;
  status?: ComponentStatus;
  department?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** `from` takes the components table or a filtered, paged subquery of it (aliased c). */
const select = (from = 'components c') => `select c.*, t.name as type_name, t.major_name, cm.name as community_name, st.name as street_name,
  o.name as owner_name, m.name as maintainer_name
  from ${from}
  join catalog_types t on t.kind = c.kind and t.code = c.type_code
  left join divisions cm on cm.code = c.community_code left join divisions st on st.code = c.street_code
  left join departments o on o.id = c.owner_department_id left join departments m on m.id = c.maintainer_department_id`;

function toView(r: any) {
  return {
    id: r.id, typeCode: r.type_code, typeName: r.type_name, majorName: r.major_name, name: r.name, status: r.status,
    gridCode: r.grid_code, communityCode: r.community_code, communityName: r.community_name ?? null,
    streetCode: r.street_code, streetName: r.street_name ?? null,
    ownerDepartmentId: r.owner_department_id == null ? null : Number(r.owner_department_id), ownerDepartmentName: r.owner_name ?? null,
    maintainerDepartmentId: r.maintainer_department_id == null ? null : Number(r.maintainer_department_id),
    maintainerDepartmentName: r.maintainer_name ?? null,
    propertyUnitCode: r.property_unit_code, propertyUnitName: r.property_unit_name,
    initialDate: r.initial_date, changeDate: r.change_date, dataSource: r.data_source, accuracy: r.accuracy, remark: r.remark,
    lon: r.lon, lat: r.lat, photos: r.photos, updatedAt: new Date(r.updated_at).toISOString(),
  };
}
export type ComponentView = ReturnType<typeof toView>;

export async function listComponents(db: Queryable, actor: Actor, q: ComponentQuery): Promise<{ total: number; items: ComponentView[] }> {
  const f = new SqlFilter();
  filterByPrefix(f, actor, 'c.grid_code');
  if (q.type) f.add(q.type.length === 2 ? 'c.type_code like ?' : 'c.type_code = ?', q.type.length === 2 ? `${q.type}%` : q.type);
  if (q.grid) f.add('c.grid_code = ?', q.grid);
  if (q.community) f.add('c.community_code = ?', q.community);
  if (q.street) f.add('c.street_code = ?', q.street);
  if (q.district) f.add('c.grid_code like ?', `${likeText(q.district)}%`);
  if (q.status) f.add('c.status = ?', q.status);
  if (q.department) f.add('(c.owner_department_id = ? or c.maintainer_department_id = ?)', q.department, q.department);
  if (q.q) f.add('(c.id like ? or c.name ilike ?)', `${likeText(q.q)}%`, `%${likeText(q.q)}%`);
  const total = (await db.maybeOne<{ n: number }>(`select count(*)::int as n from components c ${f.where()}`, f.values))!.n;
  // Page the components table first, then join: a plan that does not depend on table statistics.
  const rows = await db.query(`${select(`(select * from components c ${f.where()} order by c.id ${pageClause(q.page, q.pageSize)}) c`)} order by c.id`, f.values);
  return { total, items: rows.map(toView) };
}

export async function getComponent(db: Queryable, actor: Actor, id: string): Promise<ComponentView> {
  const r = await db.maybeOne<any>(`${select()} where c.id = $1`, [id]);
  if (!r || !inScope(r.grid_code, actor.scope)) throw notFound('部件', id);
  return toView(r);
}

async function place(ctx: BaseContext, actor: Actor, position: Position): Promise<Place> {
  const placed = await placePoint(getSpatialService(ctx), await requireCityBounds(ctx), position.lon, position.lat, position.crs);
  if (!placed.ok) throw badRequest(placed.code, placed.message);
  assertInScope(actor, placed.gridCode, '部件位置所在网格');
  return placed;
}

async function checkDepartments(q: Queryable, ids: (number | null | undefined)[]): Promise<void> {
  for (const id of ids) {
    if (id != null && !(await q.maybeOne('select 1 from departments where id = $1', [id]))) {
      throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${id}`);
    }
  }
}

/** Type from the body or the id; both must agree, and it must be an enabled component type. */
function resolveType(types: ComponentTypes, input: ComponentInput): string {
  const parts = input.id === undefined ? undefined : parseComponentId(input.id);
  if (input.id !== undefined && !parts) {
    throw badRequest('INVALID_COMPONENT_ID', `部件标识码应为 17 位数字（区划 6 位 + 类型 5 位 + 顺序码 6 位，顺序码不为 000000）: ${input.id}`);
  }
  const typeCode = input.typeCode ?? parts?.typeCode;
  if (!typeCode) throw badRequest('TYPE_REQUIRED', '请填写部件类型代码');
  if (parts && parts.typeCode !== typeCode) throw badRequest('TYPE_MISMATCH', `部件标识码中的类型 ${parts.typeCode} 与填写的类型 ${typeCode} 不符`);
  const type = types.get(typeCode);
  if (!type) throw badRequest('UNKNOWN_TYPE', `部件类型不存在: ${typeCode}`);
  if (!type.enabled) throw badRequest('TYPE_DISABLED', `部件类型已停用: ${typeCode} ${type.name}`);
  return typeCode;
}

export async function createComponent(ctx: BaseContext, actor: Actor, input: ComponentInput): Promise<ComponentView> {
  const types = await ComponentTypes.load(ctx.db);
  const typeCode = resolveType(types, input);
  const at = await place(ctx, actor, input.position);
  if (input.id && input.id.slice(0, 6) !== at.districtCode) {
    throw badRequest('COMPONENT_DIVISION_MISMATCH', `部件标识码的区划 ${input.id.slice(0, 6)} 与所在网格的区县 ${at.districtCode} 不符`);
  }
  await checkDepartments(ctx.db, [input.ownerDepartmentId, input.maintainerDepartmentId]);
  const id = await ctx.db.transaction(async (tx) => {
    let newId = input.id;
    if (newId) {
      if (await tx.maybeOne('select 1 from components where id = $1', [newId])) throw conflict('DUPLICATE_ID', `部件标识码已存在: ${newId}`);
    } else {
      const ids = new ComponentIdAllocator(tx);
      await ids.reserve([at.districtCode + typeCode]);
      newId = ids.take(at.districtCode, typeCode);
    }
    const row = {
      id: newId, type_code: typeCode, name: input.name ?? types.get(typeCode)!.name, status: input.status ?? '完好',
      owner_department_id: input.ownerDepartmentId ?? null, maintainer_department_id: input.maintainerDepartmentId ?? null,
      property_unit_code: input.propertyUnitCode ?? null, property_unit_name: input.propertyUnitName ?? null,
      grid_code: at.gridCode, community_code: at.communityCode, street_code: at.streetCode,
      initial_date: input.initialDate ?? null, data_source: input.dataSource ?? null, accuracy: input.accuracy ?? null,
      remark: input.remark ?? null, lon: at.lon, lat: at.lat,
    };
    await tx.query(`insert into components (${Object.keys(row).join(', ')}) select ${Object.keys(row).join(', ')}
      from json_populate_record(null::components, $1::json)`, [JSON.stringify(row)]);
    await audit(tx, actor, { action: 'create', entity: 'component', entityId: newId, after: row });
    return newId;
  });
  return getComponent(ctx.db, actor, id);
}

const PATCH_COLUMNS: Record<string, string> = {
  name: 'name', status: 'status', ownerDepartmentId: 'owner_department_id', maintainerDepartmentId: 'maintainer_department_id',
  propertyUnitCode: 'property_unit_code', propertyUnitName: 'property_unit_name', initialDate: 'initial_date',
  dataSource: 'data_source', accuracy: 'accuracy', remark: 'remark',
};

export async function updateComponent(ctx: BaseContext, actor: Actor, id: string, patch: ComponentPatch): Promise<ComponentView> {
  const current = await getComponent(ctx.db, actor, id);
  const at = patch.position ? await place(ctx, actor, patch.position) : undefined;
  if (at && at.districtCode !== id.slice(0, 6)) {
    throw badRequest('COMPONENT_DIVISION_MISMATCH', `新位置在区县 ${at.districtCode}，与部件标识码的区划 ${id.slice(0, 6)} 不符；跨区迁移请删除后重建`);
  }
  await checkDepartments(ctx.db, [patch.ownerDepartmentId, patch.maintainerDepartmentId]);
  const sets: string[] = [];
  const values: unknown[] = [id];
  for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
    const value = (patch as Record<string, unknown>)[key];
    if (value !== undefined) {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
  }
  if (at) {
    for (const [column, value] of [['lon', at.lon], ['lat', at.lat], ['grid_code', at.gridCode], ['community_code', at.communityCode], ['street_code', at.streetCode]]) {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
  }
  if (sets.length === 0) return current;
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.query(`update components set ${sets.join(', ')}, change_date = current_date, updated_at = now() where id = $1 returning id`, values);
    if (rows.length === 0) throw notFound('部件', id);
    await audit(tx, actor, { action: 'update', entity: 'component', entityId: id, before: current, after: { ...patch, ...(at ? { gridCode: at.gridCode } : {}) } });
  });
  return getComponent(ctx.db, actor, id);
}

export async function deleteComponent(ctx: BaseContext, actor: Actor, id: string): Promise<void> {
  const current = await getComponent(ctx.db, actor, id);
  await ctx.db.transaction(async (tx) => {
    try {
      await tx.query('delete from components where id = $1', [id]);
    } catch (err) {
      if ((err as { code?: string }).code === '23503') throw conflict('COMPONENT_IN_USE', `部件 ${id} 仍被其他记录引用，不能删除`);
      throw err;
    }
    await audit(tx, actor, { action: 'delete', entity: 'component', entityId: id, before: current });
  });
}
