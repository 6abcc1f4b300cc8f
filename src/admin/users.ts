// Users (用户): create, edit, reset passwords, list within the actor's scope with personal data masked.
import type { Db, Queryable } from '../db/types.ts';
import { badRequest, forbidden, notFound } from '../platform/errors.ts';
import { can, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { maskIdNumber, maskPhone } from './privacy.ts';
import { isRole, PERMISSIONS, ROLE_NAMES, type Role } from './roles.ts';
import { inScope, likePatterns } from './scope.ts';

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  regionCode?: string | null;
  departmentId?: number | null;
  phone?: string | null;
  idNumber?: string | null;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleName: string;
  regionCode: string | null;
  regionName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  phone: string | null;
  idNumber: string | null;
  active: boolean;
  createdAt: string;
}

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const ID_NUMBER = /^\d{17}[\dX]$/;

async function validate(q: Queryable, actor: Actor, input: Partial<UserInput>, existingRole?: Role): Promise<void> {
  const role = input.role ?? existingRole;
  if (input.role !== undefined && !isRole(input.role)) throw badRequest('UNKNOWN_ROLE', `未知角色: ${input.role}`);
  if (input.phone && !PHONE.test(input.phone)) throw badRequest('INVALID_PHONE', '手机号格式不正确');
  if (input.idNumber && !ID_NUMBER.test(input.idNumber)) throw badRequest('INVALID_ID_NUMBER', '身份证号格式不正确');
  if (input.regionCode) {
    const region = await q.maybeOne('select code from divisions where code = $1', [input.regionCode]);
    if (!region) throw badRequest('UNKNOWN_REGION', `行政区划不存在: ${input.regionCode}`);
    if (!inScope(input.regionCode, actor.scope)) throw forbidden('不能把用户设在自己管辖范围之外的区域', 'OUT_OF_SCOPE');
  }
  if (input.departmentId != null) {
    const dept = await q.maybeOne('select id from departments where id = $1', [input.departmentId]);
    if (!dept) throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${input.departmentId}`);
  }
  if (role === 'handler' && input.departmentId === null) throw badRequest('DEPARTMENT_REQUIRED', '处置单位人员必须属于一个部门');
}

export async function createUser(tx: Queryable, actor: Actor, input: UserInput): Promise<number> {
  await validate(tx, actor, input);
  if (input.role === 'handler' && input.departmentId == null) throw badRequest('DEPARTMENT_REQUIRED', '处置单位人员必须属于一个部门');
  if (input.role !== 'citizen' && input.role !== 'handler' && !input.regionCode) {
    throw badRequest('REGION_REQUIRED', '工作人员必须指定所辖区域');
  }
  checkPasswordStrength(input.password);
  const existing = await tx.maybeOne('select id from users where username = $1', [input.username]);
  if (existing) throw badRequest('DUPLICATE_USERNAME', `用户名已存在: ${input.username}`);
  const row = await tx.maybeOne<{ id: number }>(
    `insert into users (username, display_name, password_hash, role, region_code, department_id, phone, id_number)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [input.username, input.displayName, await hashPassword(input.password), input.role, input.regionCode ?? null,
      input.departmentId ?? null, input.phone ?? null, input.idNumber ?? null]);
  const id = Number(row!.id);
  await audit(tx, actor, { action: 'create', entity: 'user', entityId: id, after: publicFields(input) });
  return id;
}

function publicFields(input: Partial<UserInput>) {
  const { password: _pw, ...rest } = input;
  return rest;
}

export async function updateUser(tx: Queryable, actor: Actor, id: number, patch: Partial<Omit<UserInput, 'password' | 'username'>> & { active?: boolean }): Promise<void> {
  const before = await tx.maybeOne<any>('select * from users where id = $1 for update', [id]);
  if (!before) throw notFound('用户', id);
  if (!inScope(before.region_code, actor.scope) && actor.scope !== 'all' && before.region_code) {
    throw forbidden('该用户不在您的管辖范围内', 'OUT_OF_SCOPE');
  }
  await validate(tx, actor, patch, before.role);
  const sets: string[] = [];
  const values: unknown[] = [];
  const map: Record<string, string> = {
    displayName: 'display_name', role: 'role', regionCode: 'region_code', departmentId: 'department_id',
    phone: 'phone', idNumber: 'id_number', active: 'active',
  };
  for (const [key, column] of Object.entries(map)) {
    if ((patch as any)[key] !== undefined) {
      values.push((patch as any)[key]);
      sets.push(`${column} = $${values.length}`);
    }
  }
  if (sets.length === 0) return;
  values.push(id);
  await tx.query(`update users set ${sets.join(', ')}, updated_at = now() where id = $${values.length}`, values);
  if (patch.active === false) await tx.query('delete from sessions where user_id = $1', [id]);
  const { password_hash: _h, ...beforeView } = before;
  await audit(tx, actor, { action: 'update', entity: 'user', entityId: id, before: beforeView, after: patch });
}

export async function setPassword(tx: Queryable, actor: Actor, id: number, password: string): Promise<void> {
  checkPasswordStrength(password);
  const rows = await tx.query(
    `update users set password_hash = $1, password_changed_at = now(), updated_at = now() where id = $2 returning id`,
    [await hashPassword(password), id]);
  if (rows.length === 0) throw notFound('用户', id);
  await tx.query('delete from sessions where user_id = $1', [id]);
  await audit(tx, actor, { action: 'set_password', entity: 'user', entityId: id });
}

export interface UserFilter {
  role?: Role;
  q?: string;
  regionCode?: string;
  departmentId?: number;
  page?: number;
  pageSize?: number;
}

export async function listUsers(db: Db, actor: Actor, filter: UserFilter): Promise<{ total: number; items: UserView[] }> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, v: unknown) => { values.push(v); where.push(sql.replace('?', `$${values.length}`)); };
  if (actor.scope !== 'all') add('(u.region_code like any(?) or u.region_code is null)', likePatterns(actor.scope));
  if (filter.role) add('u.role = ?', filter.role);
  if (filter.regionCode) add('u.region_code like ?', `${filter.regionCode}%`);
  if (filter.departmentId) add('u.department_id = ?', filter.departmentId);
  if (filter.q) {
    values.push(`%${filter.q}%`);
    where.push(`(u.username ilike $${values.length} or u.display_name ilike $${values.length})`);
  }
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const pageSize = Math.min(filter.pageSize ?? 50, 500);
  const page = Math.max(filter.page ?? 1, 1);
  const total = (await db.maybeOne<{ n: number }>(`select count(*)::int as n from users u ${whereSql}`, values))!.n;
  const rows = await db.query<any>(
    `select u.*, d.name as region_name, dep.name as department_name from users u
     left join divisions d on d.code = u.region_code left join departments dep on dep.id = u.department_id
     ${whereSql} order by u.id limit ${pageSize} offset ${(page - 1) * pageSize}`, values);
  const showPersonal = can(actor, PERMISSIONS.personalData);
  return { total, items: rows.map((r) => toView(r, showPersonal)) };
}

export function toView(r: any, showPersonal: boolean): UserView {
  return {
    id: Number(r.id), username: r.username, displayName: r.display_name, role: r.role, roleName: ROLE_NAMES[r.role as Role],
    regionCode: r.region_code, regionName: r.region_name ?? null, departmentId: r.department_id == null ? null : Number(r.department_id),
    departmentName: r.department_name ?? null,
    phone: showPersonal ? r.phone : maskPhone(r.phone), idNumber: showPersonal ? r.id_number : maskIdNumber(r.id_number),
    active: r.active, createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function getUserView(db: Db, actor: Actor, id: number): Promise<UserView> {
  const r = await db.maybeOne<any>(
    `select u.*, d.name as region_name, dep.name as department_name from users u
     left join divisions d on d.code = u.region_code left join departments dep on dep.id = u.department_id where u.id = $1`, [id]);
  if (!r) throw notFound('用户', id);
  if (r.id !== actor.id && r.region_code && !inScope(r.region_code, actor.scope)) throw notFound('用户', id);
  return toView(r, can(actor, PERMISSIONS.personalData) || Number(r.id) === actor.id);
}
