// Reading cases: the list with filters and server-side pagination, and one case in full (timeline, clocks with
// their traffic light now, photos, reporters, routing suggestion, and the actions the viewer may take).
import type { Actor } from '../admin/actor.ts';
import { can } from '../admin/actor.ts';
import { PERMISSIONS } from '../admin/roles.ts';
import type { Queryable } from '../db/types.ts';
import { mediaUrl, thumbnailUrl } from '../media/store.ts';
import { likeText, pageClause, SqlFilter } from '../base/sql.ts';
import { loadCalendar } from './calendar-store.ts';
import { caseState, filterVisible, loadCase, type CaseRow } from './case-record.ts';
import { caseClocks, clockView } from './clocks.ts';
import { queueCondition, type Queue } from './queues.ts';
import { STAGE_NAMES, SOURCE_NAMES, type Stage } from './rules/case-model.ts';
import { allowedActions } from './rules/workflow.ts';
import { findDuplicates } from './duplicates.ts';
import { caseTimeline } from './timeline.ts';
import { loadWorkflowConfig } from './workflow-config.ts';

export interface CaseQuery {
  stage?: string[];
  kind?: 'component' | 'matter';
  type?: string;
  source?: string;
  region?: string;          // any division or grid code: cases inside it
  department?: number;      // 主办 or 协办
  from?: string;
  to?: string;
  overdue?: boolean;
  urgent?: boolean;
  q?: string;
  queue?: Queue;
  page?: number;
  pageSize?: number;
}

const LIST_SELECT = `select c.*, t.name as type_name, d.name as lead_department_name,
  k.clock as running_clock, k.deadline as running_deadline,
  case when k.red_at < now() then 'red' when k.yellow_at <= now() then 'yellow' when k.id is not null then 'green' end as light
  from cases c
  join catalog_types t on t.kind = c.kind and t.code = c.type_code
  left join departments d on d.id = c.lead_department_id
  left join case_clocks k on k.case_id = c.id and k.stopped_at is null`;

function listItem(r: any) {
  return {
    id: Number(r.id), caseNo: r.case_no, kind: r.kind, typeCode: r.type_code, typeName: r.type_name, matterCode: r.matter_code,
    componentId: r.component_id, lon: r.lon, lat: r.lat, address: r.address, description: r.description,
    gridCode: r.grid_code, communityCode: r.community_code, streetCode: r.street_code, districtCode: r.district_code,
    source: r.source, sourceName: SOURCE_NAMES[r.source as keyof typeof SOURCE_NAMES], urgent: r.urgent,
    stage: r.stage, stageName: STAGE_NAMES[r.stage as Stage], overdue: r.overdue, supervisedCount: Number(r.supervised_count),
    leadDepartmentId: r.lead_department_id === null ? null : Number(r.lead_department_id), leadDepartmentName: r.lead_department_name ?? null,
    runningClock: r.running_clock ?? null, deadline: r.running_deadline ? new Date(r.running_deadline).toISOString() : null,
    light: r.light ?? null, closeType: r.close_type, version: Number(r.version),
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
  };
}

/** The list filters on `cases c` (always within what the actor may see). */
export function caseFilter(actor: Actor, query: Omit<CaseQuery, 'page' | 'pageSize'>): SqlFilter {
  const f = new SqlFilter();
  filterVisible(f, actor);
  if (query.stage?.length) f.add('c.stage = any(?)', query.stage);
  if (query.kind) f.add('c.kind = ?', query.kind);
  if (query.type) f.add('c.type_code like ?', `${query.type}%`);
  if (query.source) f.add('c.source = ?', query.source);
  if (query.region) f.add('c.grid_code like ?', `${query.region}%`);
  if (query.department) f.add('(c.lead_department_id = ? or ? = any(c.assist_department_ids))', query.department, query.department);
  if (query.from) f.add('c.created_at >= ?::timestamptz', query.from);
  if (query.to) f.add('c.created_at < ?::timestamptz', query.to);
  if (query.overdue !== undefined) f.add('c.overdue = ?', query.overdue);
  if (query.urgent !== undefined) f.add('c.urgent = ?', query.urgent);
  if (query.q) {
    const text = f.param(`%${likeText(query.q.trim())}%`);
    f.add(`(c.description ilike ${text} or c.address ilike ${text} or c.case_no ilike ${text})`);
  }
  if (query.queue) f.add(queueCondition(f, actor, query.queue));
  return f;
}

export async function listCases(q: Queryable, actor: Actor, query: CaseQuery) {
  const f = caseFilter(actor, query);
  const total = (await q.maybeOne<{ n: number }>(`select count(*)::int as n from cases c ${f.where()}`, f.values))!.n;
  const rows = await q.query(`${LIST_SELECT} ${f.where()} order by c.created_at desc, c.id desc ${pageClause(query.page, query.pageSize)}`, f.values);
  return { total: Number(total), items: rows.map(listItem) };
}

/** 138****1234 unless the viewer may read personal data. */
function maskPhone(phone: string | null, actor: Actor): string | null {
  if (!phone || can(actor, PERMISSIONS.personalData)) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export async function getCaseDetail(q: Queryable, actor: Actor, idOrNo: number | string) {
  const id = typeof idOrNo === 'number' ? idOrNo
    : Number((await q.maybeOne<{ id: number }>('select id from cases where case_no = $1', [idOrNo]))?.id ?? 0);
  const row: CaseRow = await loadCase(q, actor, id);
  const now = new Date();
  const [item, reporters, media, timeline, clocks, calendar, state, config] = await Promise.all([
    q.maybeOne(`${LIST_SELECT} where c.id = $1`, [id]),
    q.query('select user_id, name, phone, source, reported_at from case_reporters where case_id = $1 order by id', [id]),
    q.query('select hash, phase, added_at from case_media where case_id = $1 order by added_at, hash', [id]),
    caseTimeline(q, id),
    caseClocks(q, id),
    loadCalendar(q),
    caseState(q, row),
    loadWorkflowConfig(q),
  ]);
  const routingDepartments = [...(row.routing.lead ?? []), ...(row.routing.assist ?? [])].map((d: any) => d.departmentId);
  const names = routingDepartments.length === 0 ? [] : await q.query<{ id: number; name: string }>(
    'select id, name from departments where id = any($1)', [routingDepartments]);
  const nameOf = new Map(names.map((n) => [Number(n.id), n.name]));
  const named = (list: any[] = []) => list.map((d) => ({ ...d, departmentName: nameOf.get(d.departmentId) ?? null }));
  return {
    ...listItem(item),
    assistDepartmentIds: row.assist_department_ids, dispatchLevel: row.dispatch_level, dispatchRegion: row.dispatch_region,
    assigneeUserId: row.assignee_user_id, verification: row.verification, requestedExtension: row.requested_extension,
    rejection: row.rejection, rejectReason: row.reject_reason, mergedInto: row.merged_into, satisfaction: row.satisfaction,
    waiting: { role: row.waiting_role, regionCode: row.waiting_region_code, departmentId: row.waiting_department_id, userId: row.waiting_user_id },
    routing: { ...row.routing, lead: named(row.routing.lead), assist: named(row.routing.assist) },
    reporters: reporters.map((r) => ({ userId: r.user_id === null ? null : Number(r.user_id), name: r.name, phone: maskPhone(r.phone, actor),
      source: r.source, reportedAt: new Date(r.reported_at).toISOString() })),
    media: media.map((m) => ({ hash: m.hash, phase: m.phase, url: mediaUrl(m.hash), thumbnailUrl: thumbnailUrl(m.hash),
      addedAt: new Date(m.added_at).toISOString() })),
    timeline,
    clocks: clocks.map((c) => clockView(c, now, calendar)),
    allowedActions: allowedActions(state, actor, config),
    possibleDuplicates: row.stage === 'reported' || row.stage === 'verifying'
      ? await findDuplicates(q, { kind: row.kind, typeCode: row.type_code, lon: row.lon, lat: row.lat, at: new Date(row.created_at) },
        { exceptId: row.id, actor })
      : [],
  };
}
