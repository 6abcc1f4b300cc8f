// A stored case: loading it (optionally locked), who may see it, and the CaseState the pure rules read.
import type { Actor } from '../admin/actor.ts';
import { inScope, likePatterns } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { notFound } from '../platform/errors.ts';
import type { SqlFilter } from '../base/sql.ts';
import type { CaseState } from './rules/case-model.ts';
import type { WaitingOn } from './rules/outcome.ts';

export interface CaseRow {
  id: number;
  case_no: string;
  kind: 'component' | 'matter';
  type_code: string;
  matter_code: string;
  component_id: string | null;
  lon: number;
  lat: number;
  address: string;
  grid_code: string;
  community_code: string;
  street_code: string;
  district_code: string;
  description: string;
  source: CaseState['source'];
  urgent: boolean;
  stage: CaseState['stage'];
  waiting_role: string | null;
  waiting_region_code: string | null;
  waiting_department_id: number | null;
  waiting_user_id: number | null;
  lead_department_id: number | null;
  assist_department_ids: number[];
  dispatch_level: 1 | 2 | null;
  dispatch_region: string | null;
  assignee_user_id: number | null;
  verification: CaseState['verification'];
  requested_extension: CaseState['requestedExtension'];
  overdue: boolean;
  supervised_count: number;
  close_type: string | null;
  rejection: string | null;
  reject_reason: string | null;
  merged_into: number | null;
  satisfaction: string | null;
  routing: any;
  created_by: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function normalize(r: any): CaseRow {
  return {
    ...r, id: Number(r.id), lead_department_id: num(r.lead_department_id), waiting_department_id: num(r.waiting_department_id),
    waiting_user_id: num(r.waiting_user_id), assignee_user_id: num(r.assignee_user_id), merged_into: num(r.merged_into),
    created_by: num(r.created_by), dispatch_level: num(r.dispatch_level) as 1 | 2 | null,
    assist_department_ids: (r.assist_department_ids ?? []).map(Number),
  };
}

/** The case if it exists and the actor may see it (otherwise 404, so ids outside the scope reveal nothing). */
export async function loadCase(q: Queryable, actor: Actor, id: number, lock = false): Promise<CaseRow> {
  const r = await q.maybeOne(`select * from cases where id = $1 ${lock ? 'for update' : ''}`, [id]);
  if (!r) throw notFound('案件', id);
  const row = normalize(r);
  if (!(await canSee(q, actor, row))) throw notFound('案件', id);
  return row;
}

export async function loadCaseUnchecked(q: Queryable, id: number, lock = false): Promise<CaseRow | undefined> {
  const r = await q.maybeOne(`select * from cases where id = $1 ${lock ? 'for update' : ''}`, [id]);
  return r ? normalize(r) : undefined;
}

async function isReporter(q: Queryable, caseId: number, userId: number | null): Promise<boolean> {
  if (userId === null) return false;
  return !!(await q.maybeOne('select 1 from case_reporters where case_id = $1 and user_id = $2', [caseId, userId]));
}

/** Handlers see their department's cases, citizens their own reports, everyone else their region. */
export async function canSee(q: Queryable, actor: Actor, row: CaseRow): Promise<boolean> {
  if (actor.role === 'handler') {
    return actor.departmentId !== null && (row.lead_department_id === actor.departmentId
      || row.assist_department_ids.includes(actor.departmentId) || row.waiting_department_id === actor.departmentId);
  }
  if (actor.role === 'citizen') return isReporter(q, row.id, actor.id);
  if (actor.role === 'collector' && (row.assignee_user_id === actor.id || (await isReporter(q, row.id, actor.id)))) return true;
  return inScope(row.grid_code, actor.scope);
}

/** The same rule as canSee, as SQL on `cases c`. */
export function filterVisible(f: SqlFilter, actor: Actor): void {
  if (actor.role === 'handler') {
    const dept = f.param(actor.departmentId ?? -1);
    f.add(`(c.lead_department_id = ${dept} or ${dept} = any(c.assist_department_ids) or c.waiting_department_id = ${dept})`);
  } else if (actor.role === 'citizen') {
    f.add('exists (select 1 from case_reporters r where r.case_id = c.id and r.user_id = ?)', actor.id ?? -1);
  } else if (actor.scope !== 'all') {
    const patterns = f.param(likePatterns(actor.scope));
    if (actor.role === 'collector') {
      const me = f.param(actor.id ?? -1);
      f.add(`(c.grid_code like any(${patterns}) or c.assignee_user_id = ${me}
        or exists (select 1 from case_reporters r where r.case_id = c.id and r.user_id = ${me}))`);
    } else {
      f.add(`c.grid_code like any(${patterns})`);
    }
  }
}

/** What the pure workflow needs to know about the case. */
export async function caseState(q: Queryable, row: CaseRow): Promise<CaseState> {
  const reporters = await q.query<{ user_id: number | null; phone: string | null }>(
    'select user_id, phone from case_reporters where case_id = $1', [row.id]);
  return {
    stage: row.stage, source: row.source, urgent: row.urgent, regionCode: row.grid_code, verification: row.verification,
    reporterUserIds: reporters.flatMap((r) => (r.user_id === null ? [] : [Number(r.user_id)])),
    reporterContact: reporters.some((r) => !!r.phone),
    leadDepartmentId: row.lead_department_id, assistDepartmentIds: row.assist_department_ids,
    dispatchLevel: row.dispatch_level, dispatchRegion: row.dispatch_region, assigneeUserId: row.assignee_user_id,
    requestedExtension: row.requested_extension, overdue: row.overdue,
  };
}

/** The waiting columns of a WaitingOn. */
export function waitingColumns(w: WaitingOn | null) {
  return {
    waiting_role: w?.role ?? null, waiting_region_code: w?.regionCode ?? null,
    waiting_department_id: w?.departmentIds[0] ?? null, waiting_user_id: w?.userId ?? null,
  };
}
