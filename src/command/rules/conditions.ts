// Conditions beyond stage and role: whose case it is (party), what the case must be (state), what the action must
// carry (input). Each check returns the first Failure found, or null.
import { inScope } from '../../admin/scope.ts';
import {
  CLOSE_TYPES, REJECT_REASONS, SATISFACTION, STAGE_NAMES, TERMINAL_STAGES,
  type ActionInput, type CaseState, type WorkflowActor, type WorkflowConfig,
} from './case-model.ts';
import { limitProblem } from './deadline.ts';
import { fail, missingOpinion, type Failure } from './failures.ts';
import { TRANSITIONS, type Action, type Requirement } from './transitions.ts';

/** Whether the case is the actor's to act on: centre staff by region, departments by dispatch, collectors by task. */
export function partyProblem(action: Action, c: CaseState, actor: WorkflowActor): Failure | null {
  switch (actor.role) {
    case 'system':
      return null;
    case 'handler':
      if (action === 'assist_feedback') {
        return actor.departmentId !== null && c.assistDepartmentIds.includes(actor.departmentId)
          ? null : fail('NOT_ASSIGNED', '你所在的部门不是本案件的协办部门');
      }
      return actor.departmentId !== null && actor.departmentId === c.leadDepartmentId
        ? null : fail('NOT_ASSIGNED', '案件未派遣给你所在的部门');
    case 'collector':
      if (action === 'self_handle') return isReporter(c, actor) ? null : fail('NOT_ASSIGNED', '只有上报该问题的监督员可以自行处置');
      return actor.id !== null && actor.id === c.assigneeUserId ? null : fail('NOT_ASSIGNED', '该任务未派给你');
    case 'citizen':
      return isReporter(c, actor) ? null : fail('NOT_ASSIGNED', '只有举报人本人可以评价');
    default: {
      // Centre staff: the second-level dispatch belongs to the chosen district's centre.
      const region = c.stage === 'to_dispatch_2' && action === 'dispatch' ? c.dispatchRegion : c.regionCode;
      return inScope(region, actor.scope) ? null : fail('OUT_OF_SCOPE', '案件不在你的管辖区域内');
    }
  }
}

/** Conditions on the case itself (not on the input). */
export function stateProblem(action: Action, c: CaseState, actor: WorkflowActor, config: WorkflowConfig): Failure | null {
  switch (action) {
    case 'accept':
      if (c.verification === 'not_found') return fail('NOT_FOUND_ON_SITE', '核实反馈问题不存在，应作不予受理处理');
      if (needsVerification(c, config) && !config.acceptorMaySkipVerification) {
        return fail('VERIFICATION_REQUIRED', '该来源的案件须先派监督员核实，核实后方可受理');
      }
      return null;
    case 'mark_urgent':
      return c.urgent ? fail('ALREADY_URGENT', '案件已是紧急案件') : null;
    case 'revisit':
      return actor.role === 'acceptor' && !c.reporterContact ? fail('NO_REPORTER_CONTACT', '没有举报人的联系方式，无法回访') : null;
    default:
      return null;
  }
}

/** Conditions on what the action carries. */
export function inputProblem(action: Action, c: CaseState, input: ActionInput, config: WorkflowConfig): Failure | null {
  for (const requirement of TRANSITIONS[action].requires) {
    const problem = requirementProblem(requirement, action, c, input, config);
    if (problem) return problem;
  }
  switch (action) {
    case 'accept':
      if (needsVerification(c, config)) {
        if (!input.skipVerification) return fail('VERIFICATION_REQUIRED', '该来源的案件须先派监督员核实，或说明理由后直接受理');
        if (!hasText(input.opinion)) return fail('MISSING_OPINION', '未经核实直接受理须填写理由');
      }
      return null;
    case 'reject':
      return input.rejectReason === undefined || REJECT_REASONS.includes(input.rejectReason)
        ? null : fail('INVALID_INPUT', '不予受理原因无效');
    case 'approve_extension': {
      const granted = input.extension ?? c.requestedExtension;
      if (!granted) return fail('MISSING_EXTENSION', '没有待审批的延期申请，请填写延期时长');
      const problem = limitProblem(granted);
      return problem ? fail('INVALID_INPUT', `延期时长无效：${problem}`) : null;
    }
    case 'close':
      return closeTypeProblem(c, input);
    default:
      return null;
  }
}

function requirementProblem(requirement: Requirement, action: Action, c: CaseState, input: ActionInput,
  config: WorkflowConfig): Failure | null {
  switch (requirement) {
    case 'opinion':
      return hasText(input.opinion) ? null : missingOpinion(action);
    case 'before_photo':
      return input.beforePhotos?.length ? null : fail('MISSING_PHOTO', '须上传处置前照片');
    case 'after_photo':
      return input.afterPhotos?.length ? null : fail('MISSING_PHOTO', '须上传处置后照片');
    case 'assignee':
      return Number.isInteger(input.assigneeUserId) ? null : fail('MISSING_ASSIGNEE', '请选择执行任务的监督员');
    case 'found':
      return typeof input.found === 'boolean' ? null : fail('MISSING_RESULT', '请填写核实结果：问题是否存在');
    case 'satisfaction':
      return input.satisfaction !== undefined && SATISFACTION.includes(input.satisfaction)
        ? null : fail('MISSING_SATISFACTION', '请选择满意度：满意、基本满意或不满意');
    case 'extension': {
      if (!input.extension) return fail('MISSING_EXTENSION', '请填写申请延期的时长');
      const problem = limitProblem(input.extension);
      return problem ? fail('INVALID_INPUT', `延期时长无效：${problem}`) : null;
    }
    case 'merge_target':
      return mergeTargetProblem(input);
    case 'dispatch_target':
      return dispatchTargetProblem(c, input, config);
  }
}

function dispatchTargetProblem(c: CaseState, input: ActionInput, config: WorkflowConfig): Failure | null {
  if (input.region !== undefined) {
    if (input.leadDepartmentId !== undefined) return fail('INVALID_INPUT', '派遣到区级中心时不能同时指定主办部门');
    if (c.stage === 'to_dispatch_2') return fail('INVALID_INPUT', '二级派遣须派给处置部门');
    if (!config.twoLevelDispatch) return fail('INVALID_INPUT', '未启用两级派遣，请直接派给处置部门');
    if (!/^\d{6}$/.test(input.region) || input.region.endsWith('00')) return fail('INVALID_INPUT', '二级派遣的区域须是 6 位区县代码');
    return c.regionCode.startsWith(input.region) ? null : fail('INVALID_INPUT', '案件不在所选区县内');
  }
  if (!Number.isInteger(input.leadDepartmentId)) return fail('MISSING_DEPARTMENT', '请选择主办部门');
  const assists = input.assistDepartmentIds ?? [];
  if (!assists.every((id) => Number.isInteger(id))) return fail('INVALID_INPUT', '协办部门无效');
  if (assists.includes(input.leadDepartmentId!)) return fail('INVALID_INPUT', '主办部门不能同时是协办部门');
  if (new Set(assists).size !== assists.length) return fail('INVALID_INPUT', '协办部门重复');
  return null;
}

function mergeTargetProblem(input: ActionInput): Failure | null {
  const target = input.mergeTarget;
  if (!target || !Number.isInteger(target.caseId)) return fail('MISSING_TARGET', '请选择要合并到的案件');
  if (TERMINAL_STAGES.has(target.stage)) {
    return fail('BAD_MERGE_TARGET', `目标案件当前为「${STAGE_NAMES[target.stage]}」，不能合并`);
  }
  return null;
}

function closeTypeProblem(c: CaseState, input: ActionInput): Failure | null {
  const type = input.closeType ?? (c.overdue ? 'overdue' : 'normal');
  if (!CLOSE_TYPES.includes(type)) return fail('INVALID_CLOSE_TYPE', '结案类型无效');
  if (type === 'normal' && c.overdue) return fail('INVALID_CLOSE_TYPE', '案件已超期，应按超时结案');
  if (type === 'overdue' && !c.overdue) return fail('INVALID_CLOSE_TYPE', '案件未超期，不能按超时结案');
  if ((type === 'error' || type === 'special') && !hasText(input.opinion)) {
    return fail('MISSING_OPINION', '差错结案和特殊结案须填写说明');
  }
  return null;
}

function needsVerification(c: CaseState, config: WorkflowConfig): boolean {
  return c.verification === 'none' && config.verifySources.includes(c.source);
}

function isReporter(c: CaseState, actor: WorkflowActor): boolean {
  return actor.id !== null && c.reporterUserIds.includes(actor.id);
}

function hasText(text: string | undefined): boolean {
  return typeof text === 'string' && text.trim().length > 0;
}

