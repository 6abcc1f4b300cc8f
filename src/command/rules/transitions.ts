// The transition table of the case loop: for every action, the stages it may start from, the roles that may take
// it, where it leads and what input it always needs. Conditions that depend on the case or the configuration
// (who the case is assigned to, verification, close type …) live in conditions.ts.
import type { Stage, WorkflowRole } from './case-model.ts';

export const ACTIONS = [
  'accept', 'reject', 'request_verify', 'verify', 'file', 'refuse_file', 'dispatch',
  'handle_feedback', 'assist_feedback', 'request_return', 'approve_return', 'deny_return',
  'request_extension', 'approve_extension', 'deny_extension', 'request_suspend', 'approve_suspend', 'deny_suspend',
  'resume', 'request_check', 'check_pass', 'check_fail', 'close', 'void', 'supervise',
  'self_handle', 'approve_self_handle', 'deny_self_handle', 'merge', 'mark_urgent', 'revisit',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_NAMES: Record<Action, string> = {
  accept: '受理', reject: '不予受理', request_verify: '派发核实', verify: '核实反馈', file: '立案', refuse_file: '不予立案',
  dispatch: '派遣', handle_feedback: '处置反馈', assist_feedback: '协办反馈', request_return: '申请回退',
  approve_return: '同意回退', deny_return: '不同意回退', request_extension: '申请延期', approve_extension: '同意延期',
  deny_extension: '不同意延期', request_suspend: '申请挂账', approve_suspend: '同意挂账', deny_suspend: '不同意挂账',
  resume: '挂账恢复', request_check: '派发核查', check_pass: '核查通过', check_fail: '核查不通过（返工）', close: '结案',
  void: '作废', supervise: '督办', self_handle: '自行处置', approve_self_handle: '自行处置审核通过',
  deny_self_handle: '自行处置审核不通过', merge: '合并重复案件', mark_urgent: '设为紧急', revisit: '回访',
};

/** Input an action always needs (conditional needs are in conditions.ts). */
export type Requirement =
  | 'opinion' | 'before_photo' | 'after_photo' | 'assignee' | 'dispatch_target' | 'extension' | 'found'
  | 'merge_target' | 'satisfaction';

export interface Transition {
  from: readonly Stage[];
  roles: readonly WorkflowRole[];
  /** Possible next stages (several when the configuration or the case decides), or 'unchanged'. */
  to: readonly Stage[] | 'unchanged';
  requires: readonly Requirement[];
}

/** Stages after 立案 and before 结案. */
const FILED_OPEN_STAGES: readonly Stage[] = [
  'to_dispatch', 'to_dispatch_2', 'handling', 'return_review', 'extension_review', 'suspend_review', 'suspended',
  'to_check', 'checking', 'to_close',
];
/** Open stages where urgency can still change the clock (a 挂账 case has its clock stopped). */
const URGENCY_STAGES: readonly Stage[] = ['reported', 'verifying', 'to_file', 'self_review',
  ...FILED_OPEN_STAGES.filter((s) => s !== 'suspended')];

const t = (from: readonly Stage[], roles: readonly WorkflowRole[], to: readonly Stage[] | 'unchanged',
  requires: readonly Requirement[] = []): Transition => ({ from, roles, to, requires });

export const TRANSITIONS: Record<Action, Transition> = {
  accept: t(['reported'], ['acceptor'], ['to_file', 'to_dispatch']),
  reject: t(['reported'], ['acceptor'], ['rejected'], ['opinion']),
  request_verify: t(['reported'], ['acceptor'], ['verifying'], ['assignee']),
  verify: t(['verifying'], ['collector'], ['reported'], ['found']),
  file: t(['to_file'], ['shift_leader'], ['to_dispatch']),
  refuse_file: t(['to_file'], ['shift_leader'], ['rejected'], ['opinion']),
  dispatch: t(['to_dispatch', 'to_dispatch_2'], ['dispatcher', 'system'], ['handling', 'to_dispatch_2'], ['dispatch_target']),
  handle_feedback: t(['handling'], ['handler'], ['to_check'], ['after_photo']),
  assist_feedback: t(['handling'], ['handler'], 'unchanged', ['opinion']),
  request_return: t(['handling'], ['handler'], ['return_review'], ['opinion']),
  approve_return: t(['return_review'], ['dispatcher'], ['to_dispatch', 'to_dispatch_2']),
  deny_return: t(['return_review'], ['dispatcher'], ['handling'], ['opinion']),
  request_extension: t(['handling'], ['handler'], ['extension_review'], ['opinion', 'extension']),
  approve_extension: t(['extension_review'], ['dispatcher'], ['handling']),
  deny_extension: t(['extension_review'], ['dispatcher'], ['handling'], ['opinion']),
  request_suspend: t(['handling'], ['handler'], ['suspend_review'], ['opinion']),
  approve_suspend: t(['suspend_review'], ['dispatcher'], ['suspended']),
  deny_suspend: t(['suspend_review'], ['dispatcher'], ['handling'], ['opinion']),
  resume: t(['suspended'], ['dispatcher'], ['handling']),
  request_check: t(['to_check'], ['acceptor'], ['checking'], ['assignee']),
  check_pass: t(['checking'], ['collector'], ['to_close']),
  check_fail: t(['checking'], ['collector'], ['handling'], ['opinion']),
  close: t(['to_close'], ['shift_leader'], ['closed']),
  void: t(FILED_OPEN_STAGES, ['shift_leader', 'admin'], ['voided'], ['opinion']),
  supervise: t(FILED_OPEN_STAGES, ['inspector', 'shift_leader', 'system'], 'unchanged', ['opinion']),
  self_handle: t(['reported'], ['collector'], ['self_review'], ['before_photo', 'after_photo']),
  approve_self_handle: t(['self_review'], ['acceptor'], ['to_close']),
  deny_self_handle: t(['self_review'], ['acceptor'], ['reported'], ['opinion']),
  merge: t(['reported', 'verifying'], ['acceptor', 'system'], ['merged'], ['merge_target']),
  mark_urgent: t(URGENCY_STAGES, ['acceptor', 'shift_leader', 'dispatcher'], 'unchanged', ['opinion']),
  revisit: t(['closed'], ['acceptor', 'citizen'], 'unchanged', ['satisfaction']),
};
