// 部门: departments and companies that own, maintain or handle things, each with its 统一社会信用代码 and the
// divisions it serves (department_regions), which also give its staff their data scope.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { inScope, likePatterns } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.ts';
import { isValidCreditCode } from './codes.ts';
import { likeText, SqlFilter } from './sql.ts';
import { divisionVisible, scopeAncestors } from './visibility.ts';

export const DEPARTMENT_LEVELS = ['city', 'district', 'street', 'company'] as const;

export interface DepartmentInput {
  name: string;
  shortName?: string | null;
  creditCode?: string | null;
  category: string;
  level: (typeof DEPARTMENT_LEVELS)[number];
  parentId?: number | null;
  phone?: string | null;
  regions?: string[];
}

export interface DepartmentView {
  id: number;
  creditCode: string | null;
  name: string;
  shortName: string | null;
  category: string;
  level: string;
  parentId: number | null;
  parentName: string | null;
  phone: string | null;
  regions: { code: string; name: string }[];
}

const SELECT = `select dep.*, p.name as parent_name,
  coalesce((select json_agg(json_build_object('code', d.code, 'name', d.name) order by d.code)
            from department_regions r join divisions d on d.code = r.division_code where r.department_id = dep.id), '[]') as regions
  from departments dep left join departments p on p.id = dep.parent_id`;

function toView(r: any): DepartmentView {
  return {
    id: Number(r.id), creditCode: r.credit_code, name: r.name, shortName: r.short_name, category: r.category, level: r.level,
    parentId: r.parent_id == null ? null : Number(r.parent_id), parentName: r.parent_name ?? null, phone: r.phone,
    regions: typeof r.regions === 'string' ? JSON.parse(r.regions) : r.regions,
  };
}

/** Departments serving a division the actor sees (or serving no region at all). */
export async function listDepartments(db: Queryable, actor: Actor, q: { q?: string; category?: string; level?: string }): Promise<DepartmentView[]> {
  const f = new SqlFilter();
  if (actor.scope !== 'all') {
    f.add(`(not exists (select 1 from department_regions r where r.department_id = dep.id)
      or exists (select 1 from department_regions r where r.department_id = dep.id
                 and (r.division_code like any(?) or r.division_code = any(?))))`, likePatterns(actor.scope), scopeAncestors(actor.scope));
  }
  if (q.q) f.add('(dep.name ilike ? or dep.short_name ilike ? or dep.credit_code = ?)', `%${likeText(q.q)}%`, `%${likeText(q.q)}%`, q.q);
  if (q.category) f.add('dep.category = ?', q.category);
  if (q.level) f.add('dep.level = ?', q.level);
  return (await db.query(`${SELECT} ${f.where()} order by dep.id`, f.values)).map(toView);
}

export async function getDepartment(db: Queryable, actor: Actor, id: number): Promise<DepartmentView> {
  const r = await db.maybeOne(`${SELECT} where dep.id = $1`, [id]);
  if (!r) throw notFound('部门', id);
  const view = toView(r);
  if (view.regions.length && !view.regions.some((g) => divisionVisible(actor, g.code))) throw notFound('部门', id);
  return view;
}

async function validate(tx: Queryable, actor: Actor, input: Partial<DepartmentInput>, id?: number): Promise<void> {
  if (input.creditCode && !isValidCreditCode(input.creditCode)) {
    throw badRequest('INVALID_CREDIT_CODE', `统一社会信用代码不正确（格式或校验位错误）: ${input.creditCode}`);
  }
  if (input.parentId != null) {
    if (!(await tx.maybeOne('select 1 from departments where id = $1', [input.parentId]))) {
      throw badRequest('UNKNOWN_PARENT', `上级部门不存在: ${input.parentId}`);
    }
    if (id !== undefined) {
      const cycle = await tx.maybeOne(
        `with recursive up(id, parent_id) as (select id, parent_id from departments where id = $1
           union all select d.id, d.parent_id from departments d join up on d.id = up.parent_id)
         select 1 from up where id = $2`, [input.parentId, id]);
      if (cycle) throw badRequest('PARENT_CYCLE', '上级部门不能是本部门或其下级部门');
    }
  }
  if (input.regions) {
    const found = await tx.query<{ code: string }>('select code from divisions where code = any($1)', [input.regions]);
    const missing = input.regions.filter((c) => !found.some((r) => r.code === c));
    if (missing.length) throw badRequest('UNKNOWN_REGION', `行政区划不存在: ${missing.join('、')}`);
    const outside = input.regions.filter((c) => !inScope(c, actor.scope));
    if (outside.length) throw forbidden(`服务区域不在您的管辖范围内: ${outside.join('、')}`, 'OUT_OF_SCOPE');
  }
  const dup = await tx.maybeOne<{ name: string }>(
    'select name from departments where (name = $1 or credit_code = $2) and id is distinct from $3',
    [input.name ?? null, input.creditCode ?? null, id ?? null]);
  if (dup) throw conflict('DUPLICATE_DEPARTMENT', `部门名称或统一社会信用代码已被「${dup.name}」使用`);
}

async function writeRegions(tx: Queryable, id: number, regions: string[]): Promise<void> {
  await tx.query('delete from department_regions where department_id = $1', [id]);
  if (regions.length) {
    await tx.query('insert into department_regions (department_id, division_code) select $1, unnest($2::text[])', [id, [...new Set(regions)]]);
  }
}

export async function createDepartment(tx: Queryable, actor: Actor, input: DepartmentInput): Promise<number> {
  await validate(tx, actor, input);
  const row = await tx.maybeOne<{ id: number }>(
    `insert into departments (credit_code, name, short_name, category, level, parent_id, phone)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [input.creditCode ?? null, input.name, input.shortName ?? null, input.category, input.level, input.parentId ?? null, input.phone ?? null]);
  const id = Number(row!.id);
  await writeRegions(tx, id, input.regions ?? []);
  await audit(tx, actor, { action: 'create', entity: 'department', entityId: id, after: input });
  return id;
}

export async function updateDepartment(tx: Queryable, actor: Actor, id: number, patch: Partial<DepartmentInput>): Promise<void> {
  const before = await tx.maybeOne(`${SELECT} where dep.id = $1`, [id]);
  if (!before) throw notFound('部门', id);
  const view = toView(before);
  const outside = view.regions.filter((g) => !inScope(g.code, actor.scope));
  if (outside.length) throw forbidden('该部门的服务区域超出您的管辖范围，不能修改', 'OUT_OF_SCOPE');
  await validate(tx, actor, patch, id);
  await tx.query(
    `update departments set name = coalesce($2, name), short_name = case when $3 then $4 else short_name end,
       credit_code = case when $5 then $6 else credit_code end, category = coalesce($7, category), level = coalesce($8, level),
       parent_id = case when $9 then $10::bigint else parent_id end, phone = case when $11 then $12 else phone end, updated_at = now()
     where id = $1`,
    [id, patch.name ?? null, patch.shortName !== undefined, patch.shortName ?? null, patch.creditCode !== undefined, patch.creditCode ?? null,
      patch.category ?? null, patch.level ?? null, patch.parentId !== undefined, patch.parentId ?? null, patch.phone !== undefined, patch.phone ?? null]);
  if (patch.regions) await writeRegions(tx, id, patch.regions);
  await audit(tx, actor, { action: 'update', entity: 'department', entityId: id, before: view, after: patch });
}
