// 责任网格: a group of unit grids that one collector (监督员) patrols.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { divisionPrefix, inScope } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import { SqlFilter } from './sql.ts';
import { assertInScope, filterByPrefix } from './visibility.ts';

export interface ResponsibilityInput {
  code: string;
  name: string;
  divisionCode: string;
  collectorId?: number | null;
  members: string[];
}

export type ResponsibilityPatch = Partial<Pick<ResponsibilityInput, 'name' | 'collectorId' | 'members'>>;

export interface ResponsibilityView {
  code: string;
  name: string;
  divisionCode: string;
  divisionName: string | null;
  collectorId: number | null;
  collectorName: string | null;
  members: string[];
  areaM2: number;
}

const SELECT = `select r.code, r.name, r.division_code, d.name as division_name, r.collector_id, u.display_name as collector_name,
  coalesce((select array_agg(m.grid_code order by m.grid_code) from responsibility_grid_members m where m.responsibility_code = r.code), '{}') as members,
  coalesce((select sum(g.area_m2) from responsibility_grid_members m join unit_grids g on g.code = m.grid_code where m.responsibility_code = r.code), 0) as area_m2
  from responsibility_grids r left join divisions d on d.code = r.division_code left join users u on u.id = r.collector_id`;

function toView(r: any): ResponsibilityView {
  return {
    code: r.code, name: r.name, divisionCode: r.division_code, divisionName: r.division_name ?? null,
    collectorId: r.collector_id == null ? null : Number(r.collector_id), collectorName: r.collector_name ?? null,
    members: r.members, areaM2: Number(r.area_m2),
  };
}

export async function listResponsibilityGrids(db: Queryable, actor: Actor, q: { division?: string; collectorId?: number }): Promise<ResponsibilityView[]> {
  const f = new SqlFilter();
  filterByPrefix(f, actor, 'r.division_code');
  if (q.division) f.add('r.division_code like ?', `${divisionPrefix(q.division)}%`);
  if (q.collectorId) f.add('r.collector_id = ?', q.collectorId);
  return (await db.query(`${SELECT} ${f.where()} order by r.code`, f.values)).map(toView);
}

export async function getResponsibilityGrid(db: Queryable, actor: Actor, code: string): Promise<ResponsibilityView> {
  const r = await db.maybeOne<any>(`${SELECT} where r.code = $1`, [code]);
  if (!r || !inScope(r.division_code, actor.scope)) throw notFound('责任网格', code);
  return toView(r);
}

async function checkCollector(tx: Queryable, actor: Actor, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const u = await tx.maybeOne<{ role: string; region_code: string | null; active: boolean }>(
    'select role, region_code, active from users where id = $1', [id]);
  if (!u || u.role !== 'collector' || !u.active) throw badRequest('INVALID_COLLECTOR', `用户 ${id} 不是在职的监督员`);
  if (!inScope(u.region_code, actor.scope)) throw badRequest('INVALID_COLLECTOR', `监督员 ${id} 不在您的管辖范围内`);
}

async function checkMembers(tx: Queryable, actor: Actor, divisionCode: string, members: string[]): Promise<string[]> {
  const unique = [...new Set(members)];
  const found = await tx.query<{ code: string }>('select code from unit_grids where code = any($1)', [unique]);
  const known = new Set(found.map((r) => r.code));
  const missing = unique.filter((c) => !known.has(c));
  if (missing.length) throw badRequest('UNKNOWN_GRID', `单元网格不存在: ${missing.slice(0, 10).join('、')}`);
  const prefix = divisionPrefix(divisionCode);
  for (const c of unique) {
    assertInScope(actor, c, '单元网格');
    if (!c.startsWith(prefix)) throw badRequest('MEMBER_OUTSIDE_DIVISION', `单元网格 ${c} 不在责任网格所属区划 ${divisionCode} 内`);
  }
  return unique;
}

async function writeMembers(tx: Queryable, code: string, members: string[]): Promise<void> {
  await tx.query('delete from responsibility_grid_members where responsibility_code = $1', [code]);
  if (members.length) {
    await tx.query('insert into responsibility_grid_members (responsibility_code, grid_code) select $1, unnest($2::text[])', [code, members]);
  }
}

export async function createResponsibilityGrid(tx: Queryable, actor: Actor, input: ResponsibilityInput): Promise<void> {
  assertInScope(actor, input.divisionCode, '所属区划');
  if (!(await tx.maybeOne('select 1 from divisions where code = $1', [input.divisionCode]))) {
    throw badRequest('UNKNOWN_DIVISION', `行政区划不存在: ${input.divisionCode}`);
  }
  if (await tx.maybeOne('select 1 from responsibility_grids where code = $1', [input.code])) {
    throw conflict('DUPLICATE_CODE', `责任网格编码已存在: ${input.code}`);
  }
  await checkCollector(tx, actor, input.collectorId);
  const members = await checkMembers(tx, actor, input.divisionCode, input.members);
  await tx.query('insert into responsibility_grids (code, name, division_code, collector_id) values ($1, $2, $3, $4)',
    [input.code, input.name, input.divisionCode, input.collectorId ?? null]);
  await writeMembers(tx, input.code, members);
  await audit(tx, actor, { action: 'create', entity: 'responsibility_grid', entityId: input.code, after: { ...input, members } });
}

export async function updateResponsibilityGrid(tx: Queryable, actor: Actor, code: string, patch: ResponsibilityPatch): Promise<void> {
  const before = await tx.maybeOne<any>(`${SELECT} where r.code = $1`, [code]);
  if (!before || !inScope(before.division_code, actor.scope)) throw notFound('责任网格', code);
  await tx.query('select 1 from responsibility_grids where code = $1 for update', [code]);
  await checkCollector(tx, actor, patch.collectorId);
  const members = patch.members && await checkMembers(tx, actor, before.division_code, patch.members);
  await tx.query(
    `update responsibility_grids set name = coalesce($2, name), collector_id = case when $3 then $4::bigint else collector_id end,
       updated_at = now() where code = $1`,
    [code, patch.name ?? null, patch.collectorId !== undefined, patch.collectorId ?? null]);
  if (members) await writeMembers(tx, code, members);
  await audit(tx, actor, { action: 'update', entity: 'responsibility_grid', entityId: code, before: toView(before), after: patch });
}

export async function deleteResponsibilityGrid(tx: Queryable, actor: Actor, code: string): Promise<void> {
  const before = await tx.maybeOne<any>(`${SELECT} where r.code = $1`, [code]);
  if (!before || !inScope(before.division_code, actor.scope)) throw notFound('责任网格', code);
  await tx.query('delete from responsibility_grids where code = $1', [code]);
  await audit(tx, actor, { action: 'delete', entity: 'responsibility_grid', entityId: code, before: toView(before) });
}
