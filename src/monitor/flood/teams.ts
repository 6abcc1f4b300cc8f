// 防汛队伍: a department's team for an area (city, district or street) with its member accounts; a warning in an
// area notifies every team whose area covers it.
import type { Actor } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import type { Queryable } from '../../db/types.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import type { FloodTeam, FloodTeamList } from './views.ts';

export interface TeamInput { name: string; departmentId?: number | null; areaCode: string; phone?: string | null; memberIds: number[] }

export async function listTeams(q: Queryable): Promise<FloodTeamList> {
  const rows = await q.query(
    `select t.*, dep.name as department_name, dv.name as area_name,
       coalesce((select json_agg(json_build_object('id', u.id, 'name', u.display_name, 'username', u.username) order by u.id)
         from monitor_flood_team_members m join users u on u.id = m.user_id where m.team_id = t.id), '[]') as members
     from monitor_flood_teams t left join departments dep on dep.id = t.department_id left join divisions dv on dv.code = t.area_code order by t.area_code, t.id`);
  return {
    items: rows.map((r) => ({
      id: Number(r.id), name: r.name as string, departmentId: r.department_id === null ? null : Number(r.department_id),
      departmentName: r.department_name ?? null, areaCode: r.area_code as string, areaName: r.area_name as string, phone: r.phone ?? null,
      members: (typeof r.members === 'string' ? JSON.parse(r.members) : r.members).map((m: any) => ({ ...m, id: Number(m.id) })) as
        { id: number; name: string; username: string }[],
    })),
  };
}

async function check(q: Queryable, input: TeamInput): Promise<void> {
  if (!(await q.maybeOne("select 1 from divisions where code = $1 and level in ('city', 'district', 'street')", [input.areaCode]))) {
    throw badRequest('UNKNOWN_AREA', `区域不存在或不是市、区、街道: ${input.areaCode}`);
  }
  if (input.departmentId && !(await q.maybeOne('select 1 from departments where id = $1', [input.departmentId]))) {
    throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${input.departmentId}`);
  }
  const ids = [...new Set(input.memberIds)];
  const found = await q.query<{ id: number }>('select id from users where id = any($1) and active', [ids]);
  if (found.length !== ids.length) throw badRequest('UNKNOWN_USER', '队员账号不存在或已停用');
}

async function setMembers(tx: Queryable, teamId: number, memberIds: number[]): Promise<void> {
  await tx.query('delete from monitor_flood_team_members where team_id = $1', [teamId]);
  await tx.query('insert into monitor_flood_team_members (team_id, user_id) select $1, unnest($2::bigint[]) on conflict do nothing',
    [teamId, [...new Set(memberIds)]]);
}

export async function createTeam(tx: Queryable, actor: Actor, input: TeamInput): Promise<FloodTeam> {
  await check(tx, input);
  const row = await tx.maybeOne<{ id: number }>(
    'insert into monitor_flood_teams (name, department_id, area_code, phone) values ($1, $2, $3, $4) returning id',
    [input.name, input.departmentId ?? null, input.areaCode, input.phone ?? null]);
  const id = Number(row!.id);
  await setMembers(tx, id, input.memberIds);
  await audit(tx, actor, { action: 'create', entity: 'monitor_flood_team', entityId: id, after: input });
  return (await listTeams(tx)).items.find((t) => t.id === id)!;
}

export async function updateTeam(tx: Queryable, actor: Actor, id: number, input: TeamInput): Promise<FloodTeam> {
  const before = await tx.maybeOne('select * from monitor_flood_teams where id = $1 for update', [id]);
  if (!before) throw notFound('防汛队伍', id);
  await check(tx, input);
  await tx.query('update monitor_flood_teams set name = $2, department_id = $3, area_code = $4, phone = $5, updated_at = now() where id = $1',
    [id, input.name, input.departmentId ?? null, input.areaCode, input.phone ?? null]);
  await setMembers(tx, id, input.memberIds);
  await audit(tx, actor, { action: 'update', entity: 'monitor_flood_team', entityId: id, before: { name: before.name, areaCode: before.area_code }, after: input });
  return (await listTeams(tx)).items.find((t) => t.id === id)!;
}

export async function deleteTeam(tx: Queryable, actor: Actor, id: number): Promise<void> {
  const before = await tx.maybeOne('delete from monitor_flood_teams where id = $1 returning name, area_code', [id]);
  if (!before) throw notFound('防汛队伍', id);
  await audit(tx, actor, { action: 'delete', entity: 'monitor_flood_team', entityId: id, before: { name: before.name, areaCode: before.area_code } });
}
