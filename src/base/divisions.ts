// 行政区划: city → district → street → community. Lists are limited to the actor's subtree and the divisions above it.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import { writeBase, type BaseContext } from './changes.ts';
import { divisionLevel, impliedParent, type DivisionLevel } from './codes.ts';
import { getSpatialService } from './spatial/service.ts';
import { validatePolygon } from './spatial/geometry.ts';
import { SqlFilter } from './sql.ts';
import { ancestorCodes, assertInScope, divisionVisible, filterByPrefix, filterDivisions } from './visibility.ts';

export interface DivisionView {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  areaM2: number | null;
  bbox: number[] | null;
}

export interface DivisionNode extends DivisionView {
  gridCount: number;
  children: DivisionNode[];
}

export interface DivisionInput {
  code: string;
  name: string;
  level?: DivisionLevel;
  parentCode?: string | null;
  geometry?: unknown;
}

export const LEVEL_NAMES: Record<DivisionLevel, string> = { city: '市', district: '区县', street: '街道', community: '社区' };

const COLUMNS = 'code, name, level, parent_code, area_m2, bbox';
/** A grid counts as current until its end date (单元网格终止日期). */
export const ACTIVE_GRID = '(end_date is null or end_date > current_date)';

function toView(r: any): DivisionView {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, areaM2: r.area_m2, bbox: r.bbox };
}

export async function listDivisions(db: Queryable, actor: Actor, q: { parent?: string; level?: DivisionLevel }): Promise<DivisionView[]> {
  const f = new SqlFilter();
  filterDivisions(f, actor, 'code');
  if (q.parent) f.add('parent_code = ?', q.parent);
  if (q.level) f.add('level = ?', q.level);
  const rows = await db.query(`select ${COLUMNS} from divisions ${f.where()} order by code`, f.values);
  return rows.map(toView);
}

/** The visible divisions as a tree, each node with the number of current grids inside it that the actor sees. */
export async function divisionTree(db: Queryable, actor: Actor): Promise<DivisionNode[]> {
  const f = new SqlFilter();
  filterDivisions(f, actor, 'code');
  const rows = await db.query(`select ${COLUMNS} from divisions ${f.where()} order by length(code), code`, f.values);
  const g = new SqlFilter().add(ACTIVE_GRID);
  filterByPrefix(g, actor, 'code');
  const counts = await db.query<{ community_code: string; n: number }>(
    `select community_code, count(*)::int as n from unit_grids ${g.where()} group by community_code`, g.values);
  const gridCount = new Map<string, number>();
  for (const c of counts) {
    for (const code of [c.community_code, ...ancestorCodes(c.community_code)]) gridCount.set(code, (gridCount.get(code) ?? 0) + c.n);
  }
  const nodes = new Map<string, DivisionNode>();
  const roots: DivisionNode[] = [];
  for (const r of rows) {
    const node: DivisionNode = { ...toView(r), gridCount: gridCount.get(r.code) ?? 0, children: [] };
    nodes.set(node.code, node);
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export async function getDivision(db: Queryable, actor: Actor, code: string) {
  const r = await db.maybeOne<any>(
    `select d.code, d.name, d.level, d.parent_code, d.area_m2, d.bbox, d.geometry, p.name as parent_name
     from divisions d left join divisions p on p.code = d.parent_code where d.code = $1`, [code]);
  if (!r || !divisionVisible(actor, code)) throw notFound('行政区划', code);
  return { ...toView(r), parentName: r.parent_name ?? null, geometry: r.geometry };
}

/** Checks a polygon for a division: city polygons may lie anywhere, the others inside the city's bounds. */
async function divisionGeometry(ctx: BaseContext, level: DivisionLevel, geometry: unknown) {
  if (geometry == null) return { geometry: null, bbox: null, area_m2: null };
  const bounds = level === 'city' ? undefined : await getSpatialService(ctx).cityBounds();
  const v = validatePolygon(geometry, { bounds });
  if (!v.ok) throw badRequest(v.code, `区划边界无效：${v.message}`);
  return { geometry: v.geometry, bbox: v.bbox, area_m2: v.areaM2 };
}

/** Code shape, level and parent must agree: 9 digits is a street whose parent is its first 6 digits. */
export function checkDivisionCode(input: { code: string; level?: string; parentCode?: string | null }): { level: DivisionLevel; parent: string | null } {
  const level = divisionLevel(input.code);
  if (!level) throw badRequest('INVALID_DIVISION_CODE', `行政区划代码格式不正确: ${input.code}（6 位区县/市，9 位街道，12 位社区）`);
  if (input.level && input.level !== level) {
    throw badRequest('LEVEL_MISMATCH', `代码 ${input.code} 对应的级别是${LEVEL_NAMES[level]}，与填写的级别不符`);
  }
  const parent = level === 'city' ? null : impliedParent(input.code) ?? null;
  if (input.parentCode !== undefined && (input.parentCode ?? null) !== parent) {
    throw badRequest('PARENT_MISMATCH', `代码 ${input.code} 的上级应为 ${parent ?? '无'}，与填写的上级 ${input.parentCode ?? '无'} 不符`);
  }
  return { level, parent };
}

export async function createDivision(ctx: BaseContext, actor: Actor, input: DivisionInput): Promise<DivisionView> {
  const { level, parent } = checkDivisionCode(input);
  assertInScope(actor, input.code, '行政区划');
  const geo = await divisionGeometry(ctx, level, input.geometry);
  return writeBase(ctx, 'divisions', async (tx) => {
    if (parent && !(await tx.maybeOne('select 1 from divisions where code = $1', [parent]))) {
      throw badRequest('UNKNOWN_PARENT', `上级行政区划不存在: ${parent}`);
    }
    if (await tx.maybeOne('select 1 from divisions where code = $1', [input.code])) {
      throw conflict('DUPLICATE_CODE', `行政区划代码已存在: ${input.code}`);
    }
    const row = await tx.maybeOne(
      `insert into divisions (code, name, level, parent_code, geometry, bbox, area_m2)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
      [input.code, input.name, level, parent, geo.geometry && JSON.stringify(geo.geometry), geo.bbox, geo.area_m2]);
    const view = toView(row);
    await audit(tx, actor, { action: 'create', entity: 'division', entityId: input.code, after: { ...view, geometry: geo.geometry } });
    return view;
  });
}

export async function updateDivision(ctx: BaseContext, actor: Actor, code: string, patch: { name?: string; geometry?: unknown }): Promise<DivisionView> {
  const existing = await ctx.db.maybeOne<any>('select level from divisions where code = $1', [code]);
  if (!existing || !divisionVisible(actor, code)) throw notFound('行政区划', code);
  assertInScope(actor, code, '行政区划');
  const geo = patch.geometry === undefined ? undefined : await divisionGeometry(ctx, existing.level, patch.geometry);
  return writeBase(ctx, 'divisions', async (tx) => {
    const before = await tx.maybeOne<any>(`select ${COLUMNS}, geometry from divisions where code = $1 for update`, [code]);
    if (!before) throw notFound('行政区划', code);
    const row = await tx.maybeOne(
      `update divisions set name = coalesce($2, name),
         geometry = case when $3 then $4::jsonb else geometry end,
         bbox = case when $3 then $5::float8[] else bbox end,
         area_m2 = case when $3 then $6::float8 else area_m2 end,
         updated_at = now()
       where code = $1 returning ${COLUMNS}`,
      [code, patch.name ?? null, geo !== undefined, geo?.geometry ? JSON.stringify(geo.geometry) : null, geo?.bbox ?? null, geo?.area_m2 ?? null]);
    await audit(tx, actor, { action: 'update', entity: 'division', entityId: code, before, after: { ...patch, ...(geo ? { geometry: geo.geometry } : {}) } });
    return toView(row);
  });
}

/** Refuses (409) while anything still refers to the division. */
export async function deleteDivision(ctx: BaseContext, actor: Actor, code: string): Promise<void> {
  if (!divisionVisible(actor, code)) throw notFound('行政区划', code);
  assertInScope(actor, code, '行政区划');
  await writeBase(ctx, 'divisions', async (tx) => {
    const before = await tx.maybeOne<any>(`select ${COLUMNS} from divisions where code = $1 for update`, [code]);
    if (!before) throw notFound('行政区划', code);
    const uses = (await tx.maybeOne<{ children: number; grids: number; others: number }>(
      `select (select count(*)::int from divisions where parent_code = $1) as children,
              (select count(*)::int from unit_grids where community_code = $1) as grids,
              (select count(*)::int from users where region_code = $1)
              + (select count(*)::int from department_regions where division_code = $1)
              + (select count(*)::int from responsibility_grids where division_code = $1)
              + (select count(*)::int from api_keys where region_code = $1) as others`, [code]))!;
    if (uses.children || uses.grids || uses.others) {
      throw conflict('DIVISION_IN_USE', `行政区划 ${code} 仍有 ${uses.children} 个下级区划、${uses.grids} 个单元网格、${uses.others} 条其他引用（用户、部门、责任网格等），不能删除`);
    }
    await tx.query('delete from divisions where code = $1', [code]);
    await audit(tx, actor, { action: 'delete', entity: 'division', entityId: code, before });
  });
}
