// Choices the case console offers with an action: the collectors who may be sent to 核实/核查 a case (active
// collectors whose region covers its grid, the grid's 责任网格 collector first) and the departments a dispatcher may
// send it to (those serving its place, the 权责清单 suggestion first).
import type { Actor } from '../admin/actor.ts';
import { divisionPrefix } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { loadCase } from './case-record.ts';
import type { AssigneeOption, DepartmentOption, DispatchOptions } from './views.ts';
import { loadWorkflowConfig } from './workflow-config.ts';

const covers = (regionCode: string, gridCode: string) => gridCode.startsWith(divisionPrefix(regionCode));

export async function assigneeOptions(q: Queryable, actor: Actor, caseId: number): Promise<AssigneeOption[]> {
  const c = await loadCase(q, actor, caseId);
  const rows = await q.query(
    `select u.id, u.display_name, u.region_code, d.name as region_name,
       exists (select 1 from responsibility_grids g join responsibility_grid_members m on m.responsibility_code = g.code
               where g.collector_id = u.id and m.grid_code = $1) as responsible
     from users u left join divisions d on d.code = u.region_code
     where u.role = 'collector' and u.active and u.region_code is not null
     order by u.display_name, u.id`, [c.grid_code]);
  return rows
    .filter((r) => covers(r.region_code, c.grid_code))
    .map((r) => ({ id: Number(r.id), displayName: r.display_name, regionCode: r.region_code, regionName: r.region_name ?? null,
      responsible: !!r.responsible }))
    .sort((a, b) => Number(b.responsible) - Number(a.responsible) || b.regionCode.length - a.regionCode.length);
}

export async function dispatchOptions(q: Queryable, actor: Actor, caseId: number): Promise<DispatchOptions> {
  const c = await loadCase(q, actor, caseId);
  const [rows, district, config] = await Promise.all([
    q.query(`select dep.id, dep.name, dep.short_name, dep.category, dep.level,
       coalesce((select array_agg(r.division_code) from department_regions r where r.department_id = dep.id), '{}') as regions
     from departments dep order by dep.id`),
    q.maybeOne<{ name: string }>('select name from divisions where code = $1', [c.district_code]),
    loadWorkflowConfig(q),
  ]);
  const suggested = new Map<number, 'lead' | 'assist'>();
  for (const d of c.routing.assist ?? []) suggested.set(Number(d.departmentId), 'assist');
  for (const d of c.routing.lead ?? []) suggested.set(Number(d.departmentId), 'lead');
  const rank = (o: DepartmentOption) => (o.suggested === 'lead' ? 0 : o.suggested === 'assist' ? 1 : 2);
  const departments = rows
    .filter((r) => suggested.has(Number(r.id)) || r.regions.length === 0 || r.regions.some((g: string) => covers(g, c.grid_code)))
    .map((r): DepartmentOption => ({ id: Number(r.id), name: r.name, shortName: r.short_name, category: r.category, level: r.level,
      suggested: suggested.get(Number(r.id)) ?? null }))
    .sort((a, b) => rank(a) - rank(b));
  return { departments, district: { code: c.district_code, name: district?.name ?? null }, twoLevelDispatch: config.twoLevelDispatch };
}
