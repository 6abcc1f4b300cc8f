// What each workflow action asks for in its form (mirrors src/command/rules/transitions.ts `requires` and the input
// checks in conditions.ts; the server stays the judge).
import type { CaseAction } from '../../../../src/command/views.ts';

export type Need = 'required' | 'optional';
export type Field =
  | 'rejectReason' | 'assignee' | 'found' | 'dispatch' | 'extension' | 'closeType' | 'mergeTarget' | 'satisfaction' | 'skipVerification';

export interface ActionForm {
  opinion: Need;
  fields?: Field[];
  beforePhotos?: Need;
  afterPhotos?: Need;
  /** Label of the before-photo field when it is not 处置前 (核实 site photos). */
  sitePhotos?: boolean;
  /** Button look: the forward step, a refusal, or a neutral one. */
  tone?: 'primary' | 'danger';
}

export const ACTION_FORMS: Record<CaseAction, ActionForm> = {
  accept: { opinion: 'optional', fields: ['skipVerification'], tone: 'primary' },
  reject: { opinion: 'required', fields: ['rejectReason'], tone: 'danger' },
  request_verify: { opinion: 'optional', fields: ['assignee'] },
  verify: { opinion: 'optional', fields: ['found'], beforePhotos: 'optional', sitePhotos: true, tone: 'primary' },
  file: { opinion: 'optional', tone: 'primary' },
  refuse_file: { opinion: 'required', tone: 'danger' },
  dispatch: { opinion: 'optional', fields: ['dispatch'], tone: 'primary' },
  handle_feedback: { opinion: 'optional', afterPhotos: 'required', tone: 'primary' },
  assist_feedback: { opinion: 'required' },
  request_return: { opinion: 'required', tone: 'danger' },
  approve_return: { opinion: 'optional', tone: 'primary' },
  deny_return: { opinion: 'required', tone: 'danger' },
  request_extension: { opinion: 'required', fields: ['extension'] },
  approve_extension: { opinion: 'optional', fields: ['extension'], tone: 'primary' },
  deny_extension: { opinion: 'required', tone: 'danger' },
  request_suspend: { opinion: 'required' },
  approve_suspend: { opinion: 'optional', tone: 'primary' },
  deny_suspend: { opinion: 'required', tone: 'danger' },
  resume: { opinion: 'optional', tone: 'primary' },
  request_check: { opinion: 'optional', fields: ['assignee'], tone: 'primary' },
  check_pass: { opinion: 'optional', afterPhotos: 'optional', sitePhotos: true, tone: 'primary' },
  check_fail: { opinion: 'required', afterPhotos: 'optional', sitePhotos: true, tone: 'danger' },
  close: { opinion: 'optional', fields: ['closeType'], tone: 'primary' },
  void: { opinion: 'required', tone: 'danger' },
  supervise: { opinion: 'required' },
  self_handle: { opinion: 'optional', beforePhotos: 'required', afterPhotos: 'required', tone: 'primary' },
  approve_self_handle: { opinion: 'optional', tone: 'primary' },
  deny_self_handle: { opinion: 'required', tone: 'danger' },
  merge: { opinion: 'optional', fields: ['mergeTarget'] },
  mark_urgent: { opinion: 'required' },
  revisit: { opinion: 'optional', fields: ['satisfaction'], tone: 'primary' },
};
