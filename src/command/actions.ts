// A workflow action on a case (受理, 派遣, 处置反馈 …): lock the case, check its version (optimistic concurrency),
// ask the pure rules, then store the new stage, the timeline entry and the effects — in one transaction.
import { SYSTEM_ACTOR, type Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { AppError, badRequest, conflict } from '../platform/errors.ts';
import type { EventBus } from '../platform/events.ts';
import type { AppContext } from '../server/context.ts';
import { caseState, loadCase, waitingColumns } from './case-record.ts';
import { applyEffects, publishChange } from './effects.ts';
import { TERMINAL_STAGES, type ActionInput, type CasePatch } from './rules/case-model.ts';
import type { Action } from './rules/transitions.ts';
import { autoDispatchFor } from './rules/auto-dispatch.ts';
import { decide } from './rules/workflow.ts';
import { addTimelineEntry, missingMedia } from './timeline.ts';
import { loadWorkflowConfig } from './workflow-config.ts';

/** An action request: the rules' input, the version the client saw, and the merge target by id (its stage is loaded). */
export type ActionBody = Omit<ActionInput, 'mergeTarget'> & { version: number; mergeTargetId?: number };

export type ActionContext = Pick<AppContext, 'db' | 'events'>;

const PATCH_COLUMNS: Record<string, string> = {
  verification: 'verification', assigneeUserId: 'assignee_user_id', leadDepartmentId: 'lead_department_id',
  assistDepartmentIds: 'assist_department_ids', dispatchLevel: 'dispatch_level', dispatchRegion: 'dispatch_region',
  requestedExtension: 'requested_extension', closeType: 'close_type', rejection: 'rejection', rejectReason: 'reject_reason',
  mergedInto: 'merged_into', satisfaction: 'satisfaction', urgent: 'urgent', overdue: 'overdue',
};

function columnValue(key: string, value: unknown): unknown {
  return key === 'requestedExtension' && value !== null ? JSON.stringify(value) : value;
}

async function checkReferences(tx: Queryable, action: Action, input: ActionInput): Promise<void> {
  const departments = [input.leadDepartmentId, ...(input.assistDepartmentIds ?? [])].filter((d): d is number => d !== undefined);
  if (action === 'dispatch' && departments.length > 0) {
    const found = await tx.query<{ id: number }>('select id from departments where id = any($1)', [departments]);
    const known = new Set(found.map((r) => Number(r.id)));
    const missing = departments.filter((d) => !known.has(d));
    if (missing.length > 0) throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${missing.join(', ')}`);
  }
  if ((action === 'request_verify' || action === 'request_check') && input.assigneeUserId !== undefined) {
    const u = await tx.maybeOne("select 1 from users where id = $1 and role = 'collector' and active", [input.assigneeUserId]);
    if (!u) throw badRequest('INVALID_ASSIGNEE', `监督员不存在或已停用: ${input.assigneeUserId}`);
  }
  const photos = [...(input.beforePhotos ?? []), ...(input.afterPhotos ?? [])];
  const unknown = await missingMedia(tx, photos);
  if (unknown.length > 0) throw badRequest('UNKNOWN_MEDIA', `照片或视频不存在，请先上传: ${unknown.join(', ')}`);
}

/** A department that still exists (a 机器派单 rule may outlive its department: then the case stays manual). */
async function departmentExists(tx: Queryable, id: number): Promise<boolean> {
  return (await tx.maybeOne('select 1 from departments where id = $1', [id])) !== undefined;
}

export interface ActionResult { id: number; caseNo: string; stage: string; version: number }

/** Takes the action. Refusals are 400/403/409 with `details.allowed`, and nothing is written. */
export async function takeAction(ctx: ActionContext, actor: Actor, caseId: number, action: Action, body: ActionBody): Promise<ActionResult> {
  return ctx.db.transaction((tx) => actInTransaction(tx, ctx.events, actor, caseId, action, body));
}

/** takeAction inside the caller's transaction (the timer service acts this way). */
export async function actInTransaction(tx: Queryable, events: EventBus, actor: Actor, caseId: number, action: Action,
  body: ActionBody): Promise<ActionResult> {
  const row = await loadCase(tx, actor, caseId, true);
  if (body.version !== row.version) {
    throw conflict('STALE_VERSION', `案件已被他人更新（当前版本 ${row.version}，提交的版本 ${body.version}），请刷新后重试`,
      { version: row.version });
  }
  const state = await caseState(tx, row);
  const input: ActionInput = {
    opinion: body.opinion, beforePhotos: body.beforePhotos, afterPhotos: body.afterPhotos, assigneeUserId: body.assigneeUserId,
    leadDepartmentId: body.leadDepartmentId, assistDepartmentIds: body.assistDepartmentIds, region: body.region,
    extension: body.extension, found: body.found, closeType: body.closeType, skipVerification: body.skipVerification,
    rejectReason: body.rejectReason, satisfaction: body.satisfaction,
  };
  if (body.mergeTargetId !== undefined) {
    if (body.mergeTargetId === caseId) throw badRequest('INVALID_INPUT', '不能合并到案件自身');
    const target = await loadCase(tx, actor, body.mergeTargetId, true);
    input.mergeTarget = { caseId: target.id, stage: target.stage };
  }
  const decision = decide(state, action, actor, input, await loadWorkflowConfig(tx));
  if (!decision.ok) throw new AppError(decision.status, decision.code, decision.message, { allowed: decision.allowed });
  await checkReferences(tx, action, input);

  const now = new Date();
  const sets: string[] = [];
  const values: unknown[] = [caseId];
  const set = (column: string, value: unknown) => { values.push(value); sets.push(`${column} = $${values.length}`); };
  for (const [key, value] of Object.entries(decision.patch as CasePatch)) {
    if (PATCH_COLUMNS[key]) set(PATCH_COLUMNS[key], columnValue(key, value));
  }
  for (const [column, value] of Object.entries(waitingColumns(decision.waitingOn))) set(column, value);
  set('stage', decision.next);
  if (TERMINAL_STAGES.has(decision.next)) set('closed_at', now.toISOString());
  if (action === 'supervise') sets.push('supervised_count = supervised_count + 1');
  set('updated_at', now.toISOString());
  await tx.query(`update cases set ${sets.join(', ')}, version = version + 1 where id = $1`, values);

  await addTimelineEntry(tx, caseId, actor, {
    action, fromStage: row.stage, toStage: decision.next, opinion: body.opinion,
    attachments: [
      ...(body.beforePhotos ?? []).map((hash) => ({ hash, phase: 'before' as const })),
      ...(body.afterPhotos ?? []).map((hash) => ({ hash, phase: 'after' as const })),
    ],
    details: timelineDetails(body),
  }, now);
  await applyEffects(tx, events, row, decision.effects, now);
  await publishChange(tx, events, caseId, action);
  await audit(tx, actor, { action: `case.${action}`, entity: 'case', entityId: caseId,
    before: { stage: row.stage, version: row.version }, after: { stage: decision.next, version: row.version + 1, ...decision.patch } });
  const auto = autoDispatchFor(action, decision.next, row.routing);
  if (auto && await departmentExists(tx, auto.leadDepartmentId)) {
    return actInTransaction(tx, events, SYSTEM_ACTOR, caseId, 'dispatch', {
      version: row.version + 1, leadDepartmentId: auto.leadDepartmentId, assistDepartmentIds: auto.assistDepartmentIds,
      opinion: `机器派单：按权责清单规则${auto.ruleId === null ? '' : ` #${auto.ruleId}`}自动派遣`,
    });
  }
  return { id: caseId, caseNo: row.case_no, stage: decision.next, version: row.version + 1 };
}

function timelineDetails(body: ActionBody): Record<string, unknown> {
  const { version: _v, opinion: _o, beforePhotos: _b, afterPhotos: _a, ...rest } = body;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}
