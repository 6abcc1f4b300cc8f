// Why the workflow refuses an action: machine codes, the HTTP status the API answers with, Chinese messages.
import { ROLE_NAMES } from '../../admin/roles.ts';
import { STAGE_NAMES, type Stage, type WorkflowRole } from './case-model.ts';
import { ACTION_NAMES, type Action } from './transitions.ts';

export const WORKFLOW_ERROR_STATUS = {
  ILLEGAL_TRANSITION: 409,     // the stage does not allow the action
  FORBIDDEN: 403,              // the role may not take the action
  OUT_OF_SCOPE: 403,           // the case lies outside the actor's region
  NOT_ASSIGNED: 403,           // not the department / collector / reporter the case belongs to
  MISSING_OPINION: 400,
  MISSING_PHOTO: 400,
  MISSING_ASSIGNEE: 400,
  MISSING_DEPARTMENT: 400,
  MISSING_EXTENSION: 400,
  MISSING_RESULT: 400,
  MISSING_TARGET: 400,
  MISSING_SATISFACTION: 400,
  INVALID_INPUT: 400,
  INVALID_CLOSE_TYPE: 400,
  VERIFICATION_REQUIRED: 409,  // a report from a verified source has not been verified yet
  NOT_FOUND_ON_SITE: 409,      // 核实 found no problem: reject it instead
  ALREADY_URGENT: 409,
  NO_REPORTER_CONTACT: 409,
  BAD_MERGE_TARGET: 409,
} as const;
export type WorkflowErrorCode = keyof typeof WORKFLOW_ERROR_STATUS;

export interface Failure { code: WorkflowErrorCode; message: string }

export function fail(code: WorkflowErrorCode, message: string): Failure {
  return { code, message };
}

function roleName(role: WorkflowRole): string {
  if (role === 'system') return '系统';
  if (role === 'machine') return '接口客户端';
  return ROLE_NAMES[role];
}

function actionList(actions: readonly Action[]): string {
  return actions.map((a) => ACTION_NAMES[a]).join('、');
}

export function illegalTransition(stage: Stage, action: Action, allowed: readonly Action[]): Failure {
  const tail = allowed.length > 0 ? `；当前可执行：${actionList(allowed)}` : '；当前没有你可执行的操作';
  return fail('ILLEGAL_TRANSITION', `案件当前为「${STAGE_NAMES[stage]}」，不能${ACTION_NAMES[action]}${tail}`);
}

export function forbiddenRole(role: WorkflowRole, action: Action): Failure {
  return fail('FORBIDDEN', `${roleName(role)}无权${ACTION_NAMES[action]}`);
}

export function missingOpinion(action: Action): Failure {
  return fail('MISSING_OPINION', `${ACTION_NAMES[action]}须填写意见`);
}
