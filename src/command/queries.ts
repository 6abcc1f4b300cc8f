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
import { STAGE_NAMES, SOURCE_NAMES, type CaseSource, type Stage, type StageClock } from './rules/case-model.ts';
import type { LimitUnit } from './rules/deadline.ts';
import type { Action } from './rules/transitions.ts';
import { allowedActions } from './rules/workflow.ts';
import { findDuplicates } from './duplicates.ts';
import { caseTimeline } from './timeline.ts';
import type {
  CaseAction, CaseDetail, CaseListItem, CaseListPage, CaseSourceCode, CaseStage, LimitUnitCode, RoutingDepartmentView,
  RoutingRuleView, StageClockCode, WorkQueue,
} from './views.ts';
import { loadWorkflowConfig } from './workflow-config.ts';

// views.ts repeats the rules' vocabularies without importing them; these fail to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_VOCABULARY_MATCHES: [Same<Stage, CaseStage>, Same<Action, CaseAction>, Same<CaseSource, CaseSourceCode>,
  Same<StageClock, StageClockCode>, Same<Queue, WorkQueue>, Same<LimitUnit, LimitUnitCode>] = [true, true, true, true, true, true];

/** The case list counts matching cases up to this many (the total shown is then "10,000+"). */
export const LIST_COUNT_LIMIT = 10_000;

/** A Han character: such queries can use the case search index. */
const HAN = /[\u4e00-\u9fff]/;
/** Only digits and hyphens (at least 3 characters): searched in case numbers alone. */
const CASE_NO_PART = /^[0-9-]{3,}$/;

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

function listItem(r: any): CaseListItem {
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
    const q = query.q.trim();
    const text = f.param(`%${likeText(q)}%`);
    if (HAN.test(q)) {
      // the GIN index on the Han characters (migration 008) narrows the cases; the substring check is exact
      f.add(`c.search_tokens @> case_search_tokens(${f.param(q)}) and (c.description ilike ${text} or c.address ilike ${text})`);
    } else if (CASE_NO_PART.test(q)) {
      f.add(`c.case_no like ${text}`);   // digits and hyphens: a case number or part of one
    } else {
      f.add(`(c.description ilike ${text} or c.address ilike ${text} or c.case_no ilike ${text})`);
    }
  }
  if (query.queue) f.add(queueCondition(f, actor, query.queue));
  return f;
}

export async function listCases(q: Queryable, actor: Actor, query: CaseQuery): Promise<CaseListPage> {
  const f = caseFilter(actor, query);
  // counting 200,000 rows costs more than the page itself, and nobody pages that far: stop counting at the limit
  const counted = (await q.maybeOne<{ n: number }>(
    `select count(*)::int as n from (select 1 from cases c ${f.where()} limit ${LIST_COUNT_LIMIT + 1}) x`, f.values))!.n;
  const rows = await q.query(`${LIST_SELECT} ${f.where()} order by c.created_at desc, c.id desc ${pageClause(query.page, query.pageSize)}`, f.values);
  return { total: Math.min(Number(counted), LIST_COUNT_LIMIT), totalCapped: Number(counted) > LIST_COUNT_LIMIT, items: rows.map(listItem) };
}

/** 138****1234 unless the viewer may read personal data. */
function maskPhone(phone: string | null, actor: Actor): string | null {
  if (!phone || can(actor, PERMISSIONS.personalData)) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export async function getCaseDetail(q: Queryable, actor: Actor, idOrNo: number | string): Promise<CaseDetail> {
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
  const routing = await explainRouting(q, row.routing);
  return {
    ...listItem(item),
    assistDepartmentIds: row.assist_department_ids, dispatchLevel: row.dispatch_level, dispatchRegion: row.dispatch_region,
    assigneeUserId: row.assignee_user_id, verification: row.verification, requestedExtension: row.requested_extension,
    rejection: row.rejection, rejectReason: row.reject_reason, mergedInto: row.merged_into, satisfaction: row.satisfaction,
    waiting: { role: row.waiting_role, regionCode: row.waiting_region_code, departmentId: row.waiting_department_id, userId: row.waiting_user_id },
    routing,
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

/** The stored 权责清单 suggestion with department names and the rule that chose each (null: the component's owner). */
async function explainRouting(q: Queryable, routing: any): Promise<CaseDetail['routing']> {
  const entries: { departmentId: number; ruleId: number | null }[] = [...(routing.lead ?? []), ...(routing.assist ?? [])];
  const departmentIds = [...new Set(entries.map((d) => Number(d.departmentId)))];
  const ruleIds = [...new Set(entries.flatMap((d) => (d.ruleId === null ? [] : [Number(d.ruleId)])))];
  const [departments, rules] = await Promise.all([
    departmentIds.length === 0 ? [] : q.query<{ id: number; name: string }>('select id, name from departments where id = any($1)', [departmentIds]),
    ruleIds.length === 0 ? [] : q.query(`select r.id, r.division_code, v.name as division_name, r.grid_code, r.road_name, r.role,
      r.auto_dispatch, r.note from responsibility_rules r left join divisions v on v.code = r.division_code where r.id = any($1)`, [ruleIds]),
  ]);
  const nameOf = new Map(departments.map((d) => [Number(d.id), d.name]));
  const ruleOf = new Map(rules.map((r): [number, RoutingRuleView] => [Number(r.id), {
    id: Number(r.id), divisionCode: r.division_code, divisionName: r.division_name ?? null, gridCode: r.grid_code, roadName: r.road_name,
    role: r.role, autoDispatch: r.auto_dispatch, note: r.note }]));
  const named = (list: { departmentId: number; ruleId: number | null }[] = []): RoutingDepartmentView[] => list.map((d) => ({
    departmentId: Number(d.departmentId), departmentName: nameOf.get(Number(d.departmentId)) ?? null,
    ruleId: d.ruleId === null ? null : Number(d.ruleId), rule: d.ruleId === null ? null : ruleOf.get(Number(d.ruleId)) ?? null,
  }));
  return { source: routing.source ?? 'none', lead: named(routing.lead), assist: named(routing.assist), autoDispatch: !!routing.autoDispatch };
}
