// 权责清单 (responsibility list): which department answers for a component or matter type in a place.
// Administrators keep it; the case loop's routing reads it (see responsibility-match.ts for the pure matching).
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { divisionPrefix } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { matchRules, type ResponsibilityRule, type RuleMatch } from './responsibility-match.ts';
import type { SpatialService } from './spatial/service.ts';
import type { Crs } from './spatial/coords.ts';
import { pageClause, SqlFilter } from './sql.ts';
import { assertInScope, filterDivisions } from './visibility.ts';

export interface RuleInput {
  kind: 'component' | 'matter';
  typeCode: string;
  divisionCode: string;
  gridCode?: string | null;
  roadName?: string | null;
  departmentId: number;
  role?: 'lead' | 'assist';
  autoDispatch?: boolean;
  note?: string | null;
}

export interface RuleView extends ResponsibilityRule {
  typeName: string;
  divisionName: string;
  departmentName: string;
  note: string | null;
  updatedAt: string;
}

const SELECT = `select r.*, t.name as type_name, d.name as division_name, dep.name as department_name
  from responsibility_rules r
  join catalog_types t on t.kind = r.kind and t.code = r.type_code
  join divisions d on d.code = r.division_code
  join departments dep on dep.id = r.department_id`;

function toView(r: any): RuleView {
  return {
    id: Number(r.id), kind: r.kind, typeCode: r.type_code, typeName: r.type_name, divisionCode: r.division_code,
    divisionName: r.division_name, gridCode: r.grid_code, roadName: r.road_name, departmentId: Number(r.department_id),
    departmentName: r.department_name, role: r.role, autoDispatch: r.auto_dispatch, note: r.note,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export interface RuleFilter {
  kind?: 'component' | 'matter';
  type?: string;
  division?: string;
  department?: number;
  page?: number;
  pageSize?: number;
}

export async function listRules(db: Queryable, actor: Actor, q: RuleFilter): Promise<{ total: number; items: RuleView[] }> {
  const f = new SqlFilter();
  filterDivisions(f, actor, 'r.division_code');
  if (q.kind) f.add('r.kind = ?', q.kind);
  if (q.type) f.add('r.type_code like ?', `${q.type}%`);
  if (q.division) f.add('r.division_code like ?', `${q.division}%`);
  if (q.department) f.add('r.department_id = ?', q.department);
  const total = (await db.maybeOne<{ n: number }>(`select count(*)::int as n from responsibility_rules r ${f.where()}`, f.values))!.n;
  const rows = await db.query(`${SELECT} ${f.where()} order by r.kind, r.type_code, length(r.division_code), r.id ${pageClause(q.page, q.pageSize)}`, f.values);
  return { total, items: rows.map(toView) };
}

async function loadRule(q: Queryable, id: number, lock = false): Promise<RuleView> {
  const r = await q.maybeOne(`${SELECT} where r.id = $1 ${lock ? 'for update of r' : ''}`, [id]);
  if (!r) throw notFound('权责清单条目', id);
  return toView(r);
}

async function validate(tx: Queryable, actor: Actor, input: RuleInput): Promise<void> {
  assertInScope(actor, input.divisionCode, '规则适用区域');
  const type = await tx.maybeOne<{ enabled: boolean }>('select enabled from catalog_types where kind = $1 and code = $2', [input.kind, input.typeCode]);
  if (!type) throw badRequest('UNKNOWN_TYPE', `目录中没有该类型: ${input.kind} ${input.typeCode}`);
  if (!(await tx.maybeOne('select 1 from divisions where code = $1', [input.divisionCode]))) {
    throw badRequest('UNKNOWN_REGION', `行政区划不存在: ${input.divisionCode}`);
  }
  if (input.gridCode) {
    if (!input.gridCode.startsWith(divisionPrefix(input.divisionCode))) {
      throw badRequest('GRID_OUTSIDE_DIVISION', `单元网格 ${input.gridCode} 不在规则区域 ${input.divisionCode} 内`);
    }
    if (!(await tx.maybeOne('select 1 from unit_grids where code = $1', [input.gridCode]))) {
      throw badRequest('UNKNOWN_GRID', `单元网格不存在: ${input.gridCode}`);
    }
  }
  if (input.roadName && !(await tx.maybeOne('select 1 from roads where name = $1', [input.roadName]))) {
    throw badRequest('UNKNOWN_ROAD', `道路不存在: ${input.roadName}`);
  }
  if (!(await tx.maybeOne('select 1 from departments where id = $1', [input.departmentId]))) {
    throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${input.departmentId}`);
  }
}

export async function createRule(tx: Queryable, actor: Actor, input: RuleInput): Promise<RuleView> {
  await validate(tx, actor, input);
  const row = await tx.maybeOne<{ id: number }>(
    `insert into responsibility_rules (kind, type_code, division_code, grid_code, road_name, department_id, role, auto_dispatch, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [input.kind, input.typeCode, input.divisionCode, input.gridCode ?? null, input.roadName ?? null, input.departmentId,
      input.role ?? 'lead', input.autoDispatch ?? false, input.note ?? null]);
  const view = await loadRule(tx, Number(row!.id));
  await audit(tx, actor, { action: 'create', entity: 'responsibility_rule', entityId: view.id, after: view });
  return view;
}

export async function updateRule(tx: Queryable, actor: Actor, id: number, patch: Partial<RuleInput>): Promise<RuleView> {
  const before = await loadRule(tx, id, true);
  assertInScope(actor, before.divisionCode, '规则适用区域');
  const next: RuleInput = {
    kind: patch.kind ?? before.kind, typeCode: patch.typeCode ?? before.typeCode, divisionCode: patch.divisionCode ?? before.divisionCode,
    gridCode: patch.gridCode === undefined ? before.gridCode : patch.gridCode,
    roadName: patch.roadName === undefined ? before.roadName : patch.roadName,
    departmentId: patch.departmentId ?? before.departmentId, role: patch.role ?? before.role,
    autoDispatch: patch.autoDispatch ?? before.autoDispatch, note: patch.note === undefined ? before.note : patch.note,
  };
  await validate(tx, actor, next);
  await tx.query(
    `update responsibility_rules set kind = $2, type_code = $3, division_code = $4, grid_code = $5, road_name = $6, department_id = $7,
       role = $8, auto_dispatch = $9, note = $10, updated_at = now() where id = $1`,
    [id, next.kind, next.typeCode, next.divisionCode, next.gridCode ?? null, next.roadName ?? null, next.departmentId, next.role,
      next.autoDispatch, next.note ?? null]);
  const after = await loadRule(tx, id);
  await audit(tx, actor, { action: 'update', entity: 'responsibility_rule', entityId: id, before, after });
  return after;
}

export async function deleteRule(tx: Queryable, actor: Actor, id: number): Promise<void> {
  const before = await loadRule(tx, id, true);
  assertInScope(actor, before.divisionCode, '规则适用区域');
  await tx.query('delete from responsibility_rules where id = $1', [id]);
  await audit(tx, actor, { action: 'delete', entity: 'responsibility_rule', entityId: id, before });
}

export interface RuleSuggestion extends RuleMatch<RuleView> {
  place: { gridCode: string; communityName: string; streetName: string; districtName: string; roadName: string | null; description: string };
}

/** Who answers for this type at this point: the rules that match, most specific first (what a dispatcher is shown). */
export async function suggestDepartments(db: Queryable, spatial: SpatialService, kind: 'component' | 'matter', typeCode: string,
  lon: number, lat: number, crs: Crs = 'WGS84'): Promise<RuleSuggestion> {
  const located = await spatial.locate(lon, lat, crs);
  if (!located) throw notFound('该位置所在的单元网格');
  const road = await spatial.nearestRoad(located.lon, located.lat);
  const rows = await db.query(`${SELECT} where r.kind = $1 and r.type_code = $2`, [kind, typeCode]);
  const match = matchRules(rows.map(toView), kind, typeCode, { gridCode: located.gridCode, roadNames: road ? [road.name] : [] });
  return {
    ...match,
    place: {
      gridCode: located.gridCode, communityName: located.communityName, streetName: located.streetName,
      districtName: located.districtName, roadName: road?.name ?? null, description: located.description,
    },
  };
}
