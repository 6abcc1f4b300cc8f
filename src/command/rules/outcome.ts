// What an allowed action does: the next stage, the changes to store on the case, who the case then waits on, and
// the effects the IO layer carries out (stage clocks, notifications, evaluation counters, merging).
import {
  STAGE_CLOCK, STAGE_NAMES, TERMINAL_STAGES,
  type ActionInput, type CasePatch, type CaseState, type Stage, type StageClock, type WorkflowConfig, type WorkflowRole,
} from './case-model.ts';
import type { TimeLimit } from './deadline.ts';
import { ACTION_NAMES, TRANSITIONS, type Action } from './transitions.ts';

/** Evaluation counters (综合评价 §3); 按时 counts come from the stopped clocks ('done' before the deadline). */
export type Counter =
  | 'reported' | 'accepted' | 'rejected' | 'verified' | 'filed' | 'not_filed' | 'dispatched' | 'handled' | 'returned' | 'extended'
  | 'suspended' | 'reworked' | 'checked' | 'closed' | 'voided' | 'supervised' | 'self_handled' | 'merged' | 'revisited';

/** Who the case waits on: users of `role` whose scope covers `regionCode`, or these departments, or this user. */
export interface WaitingOn {
  role: WorkflowRole;
  regionCode: string | null;
  departmentIds: readonly number[];
  userId: number | null;
}

export type NotifyTarget =
  | { kind: 'waiting'; waitingOn: WaitingOn }
  | { kind: 'departments'; departmentIds: readonly number[] }
  | { kind: 'reporters' };

export type Effect =
  /** Start the stage clock; the IO takes the limit of `clock` from the matter type's 立结案标准 (urgent variant if urgent). */
  | { type: 'start_clock'; clock: StageClock; urgent: boolean }
  /** Stop it: 'done' = the stage's work was finished (counts towards 按时 if before the deadline), 'cancelled' = not. */
  | { type: 'stop_clock'; clock: StageClock; outcome: 'done' | 'cancelled' }
  | { type: 'pause_clock'; clock: StageClock }
  | { type: 'resume_clock'; clock: StageClock }
  | { type: 'extend_clock'; clock: StageClock; limit: TimeLimit }
  | { type: 'notify'; to: NotifyTarget; urgent: boolean; message: string }
  | { type: 'count'; counter: Counter }
  /** Move this case's reporters, photos and timeline reference to the target case. */
  | { type: 'merge_into'; caseId: number };

export interface Outcome { next: Stage; patch: CasePatch; waitingOn: WaitingOn | null; effects: Effect[] }

/**
 * Which timeline entries count towards which evaluation counter: an action (optionally only when it leads to a stage)
 * adds one to the counter. The IO layer stores the same list in `case_count_rules`, and a trigger on the timeline
 * keeps the daily rollup `case_counts` from it (migration 004), so the counts can always be recomputed from history.
 */
export const COUNT_RULES: readonly { action: Action | 'report'; toStage?: Stage; counter: Counter }[] = [
  { action: 'report', counter: 'reported' },
  { action: 'accept', counter: 'accepted' }, { action: 'accept', toStage: 'to_dispatch', counter: 'filed' },
  { action: 'reject', counter: 'rejected' }, { action: 'verify', counter: 'verified' }, { action: 'file', counter: 'filed' },
  { action: 'refuse_file', counter: 'not_filed' }, { action: 'dispatch', counter: 'dispatched' },
  { action: 'handle_feedback', counter: 'handled' }, { action: 'approve_return', counter: 'returned' },
  { action: 'approve_extension', counter: 'extended' }, { action: 'approve_suspend', counter: 'suspended' },
  { action: 'check_pass', counter: 'checked' }, { action: 'check_fail', counter: 'checked' },
  { action: 'check_fail', counter: 'reworked' }, { action: 'close', counter: 'closed' }, { action: 'void', counter: 'voided' },
  { action: 'supervise', counter: 'supervised' }, { action: 'approve_self_handle', counter: 'self_handled' },
  { action: 'merge', counter: 'merged' }, { action: 'revisit', counter: 'revisited' },
];

/** The counters a timeline entry adds to. */
export function countersFor(action: Action | 'report', toStage: Stage): Counter[] {
  return COUNT_RULES.filter((r) => r.action === action && (r.toStage === undefined || r.toStage === toStage)).map((r) => r.counter);
}

/** Leaving a stage this way abandons its work rather than finishing it. */
const CANCELLING: ReadonlySet<Action> = new Set(['void', 'merge', 'approve_return', 'deny_self_handle', 'mark_urgent']);

function nextStage(action: Action, c: CaseState, input: ActionInput, config: WorkflowConfig): Stage {
  switch (action) {
    case 'accept': return config.acceptorFiles ? 'to_dispatch' : 'to_file';
    case 'dispatch': return input.region !== undefined ? 'to_dispatch_2' : 'handling';
    case 'approve_return': return c.dispatchLevel === 2 ? 'to_dispatch_2' : 'to_dispatch';
    default: {
      const to = TRANSITIONS[action].to;
      return to === 'unchanged' ? c.stage : to[0];
    }
  }
}

function patchFor(action: Action, c: CaseState, input: ActionInput): CasePatch {
  switch (action) {
    case 'reject': return { rejection: 'not_accepted', rejectReason: input.rejectReason ?? 'other' };
    case 'refuse_file': return { rejection: 'not_filed' };
    case 'request_verify': case 'request_check': return { assigneeUserId: input.assigneeUserId! };
    case 'verify': return { verification: input.found ? 'found' : 'not_found', assigneeUserId: null };
    case 'check_pass': case 'check_fail': return { assigneeUserId: null };
    case 'dispatch':
      if (input.region !== undefined) return { dispatchRegion: input.region };
      return { leadDepartmentId: input.leadDepartmentId!, assistDepartmentIds: [...(input.assistDepartmentIds ?? [])],
        dispatchLevel: c.stage === 'to_dispatch_2' ? 2 : 1 };
    case 'approve_return': return { leadDepartmentId: null, assistDepartmentIds: [], dispatchLevel: null };
    case 'request_extension': return { requestedExtension: input.extension! };
    case 'approve_extension': case 'deny_extension': return { requestedExtension: null };
    case 'close': return { closeType: input.closeType ?? (c.overdue ? 'overdue' : 'normal') };
    case 'merge': return { mergedInto: input.mergeTarget!.caseId };
    case 'mark_urgent': return { urgent: true };
    case 'revisit': return { satisfaction: input.satisfaction! };
    default: return {};
  }
}

export function waitingOnFor(stage: Stage, c: CaseState): WaitingOn | null {
  const centre = (role: WorkflowRole, regionCode = c.regionCode): WaitingOn => ({ role, regionCode, departmentIds: [], userId: null });
  switch (stage) {
    case 'reported': case 'to_check': case 'self_review': return centre('acceptor');
    case 'verifying': case 'checking': return { role: 'collector', regionCode: null, departmentIds: [], userId: c.assigneeUserId };
    case 'to_file': case 'to_close': return centre('shift_leader');
    case 'to_dispatch': return centre('dispatcher');
    case 'to_dispatch_2': return centre('dispatcher', c.dispatchRegion ?? c.regionCode);
    case 'handling':
      return { role: 'handler', regionCode: null, departmentIds: c.leadDepartmentId === null ? [] : [c.leadDepartmentId], userId: null };
    case 'return_review': case 'extension_review': case 'suspend_review': case 'suspended':
      return centre('dispatcher', c.dispatchLevel === 2 && c.dispatchRegion ? c.dispatchRegion : c.regionCode);
    default: return null;
  }
}

export function outcomeOf(action: Action, c: CaseState, input: ActionInput, config: WorkflowConfig): Outcome {
  const next = nextStage(action, c, input, config);
  const patch = patchFor(action, c, input);
  const after: CaseState = { ...c, ...patch, stage: next };
  const waitingOn = waitingOnFor(next, after);
  const effects: Effect[] = [...clockEffects(action, c, after, input)];
  const notify = (to: NotifyTarget, message: string) => effects.push({ type: 'notify', to, urgent: after.urgent, message });

  if (next !== c.stage && waitingOn) notify({ kind: 'waiting', waitingOn }, `${ACTION_NAMES[action]}：案件进入「${STAGE_NAMES[next]}」`);
  if (next === 'handling' && action === 'dispatch' && after.assistDepartmentIds.length > 0) {
    notify({ kind: 'departments', departmentIds: after.assistDepartmentIds }, '派遣：请协办该案件');
  }
  if ((action === 'supervise' || action === 'mark_urgent') && waitingOn) {
    notify({ kind: 'waiting', waitingOn }, `${ACTION_NAMES[action]}：${input.opinion!.trim()}`);
  }
  if (next !== c.stage && TERMINAL_STAGES.has(next)) notify({ kind: 'reporters' }, reporterMessage(action, input));
  for (const counter of countersFor(action, next)) effects.push({ type: 'count', counter });
  if (action === 'merge') effects.push({ type: 'merge_into', caseId: input.mergeTarget!.caseId });
  return { next, patch, waitingOn, effects };
}

/** A new case (上报): it waits for 受理, its 受理 clock starts and the acceptors hear of it. */
export function intakeOutcome(c: CaseState): Outcome {
  const waitingOn = waitingOnFor('reported', c)!;
  return {
    next: 'reported', patch: {}, waitingOn,
    effects: [
      { type: 'start_clock', clock: 'accept', urgent: c.urgent },
      { type: 'notify', to: { kind: 'waiting', waitingOn }, urgent: c.urgent, message: '新上报：案件进入「待受理」' },
      ...countersFor('report', 'reported').map((counter): Effect => ({ type: 'count', counter })),
    ],
  };
}

function clockEffects(action: Action, before: CaseState, after: CaseState, input: ActionInput): Effect[] {
  const from = STAGE_CLOCK[before.stage];
  const to = STAGE_CLOCK[after.stage];
  const outcome = CANCELLING.has(action) ? 'cancelled' : 'done';
  switch (action) {
    case 'approve_suspend': return [{ type: 'pause_clock', clock: 'handle' }];
    case 'resume': return [{ type: 'resume_clock', clock: 'handle' }];
    case 'approve_extension':
      return [{ type: 'extend_clock', clock: 'handle', limit: input.extension ?? before.requestedExtension! }];
    case 'mark_urgent':   // from now on the stage runs on the urgent limit
      return from ? [{ type: 'stop_clock', clock: from, outcome }, { type: 'start_clock', clock: from, urgent: true }] : [];
  }
  // The two dispatch levels each get the full 派遣 limit; otherwise a stage change within one clock keeps it running.
  const restart = action === 'dispatch' && after.stage === 'to_dispatch_2';
  if (before.stage === after.stage || (from === to && !restart)) return [];
  const effects: Effect[] = [];
  if (from) effects.push({ type: 'stop_clock', clock: from, outcome });
  if (to) effects.push({ type: 'start_clock', clock: to, urgent: after.urgent });
  return effects;
}

function reporterMessage(action: Action, input: ActionInput): string {
  switch (action) {
    case 'close': return '您反映的问题已办结';
    case 'merge': return `您反映的问题已合并到案件 ${input.mergeTarget!.caseId} 一并办理`;
    case 'refuse_file': return `您反映的问题经审核不予立案：${input.opinion!.trim()}`;
    case 'void': return `您反映的问题已作废：${input.opinion!.trim()}`;
    default: return `您反映的问题不予受理：${input.opinion!.trim()}`;
  }
}
