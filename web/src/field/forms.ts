// The field app's action forms and the workflow actions behind them (the inputs mirror src/command/rules/transitions.ts
// and conditions.ts; the server stays the judge). 核实 and 核查 are one form each with the result as a choice.
import type { CaseAction } from '../../../src/command/views.ts';
import type { TKey } from '../i18n.tsx';

export type FieldForm = 'verify' | 'check' | 'self_handle' | 'handle_feedback' | 'assist_feedback'
  | 'request_extension' | 'request_return' | 'request_suspend';

export interface FormDef {
  actions: CaseAction[];
  title: TKey;
  opinion: 'required' | 'optional';
  beforePhotos?: 'required' | 'optional';
  afterPhotos?: 'required' | 'optional';
  tone?: 'primary' | 'danger';
}

export const FIELD_FORMS: Record<FieldForm, FormDef> = {
  verify: { actions: ['verify'], title: 'fdVerify', opinion: 'optional', beforePhotos: 'optional', tone: 'primary' },
  check: { actions: ['check_pass', 'check_fail'], title: 'fdCheck', opinion: 'optional', afterPhotos: 'optional', tone: 'primary' },
  self_handle: { actions: ['self_handle'], title: 'fdSelfHandleAction', opinion: 'optional', beforePhotos: 'required', afterPhotos: 'required', tone: 'primary' },
  handle_feedback: { actions: ['handle_feedback'], title: 'fdHandleFeedback', opinion: 'optional', afterPhotos: 'required', tone: 'primary' },
  assist_feedback: { actions: ['assist_feedback'], title: 'fdAssistFeedback', opinion: 'required' },
  request_extension: { actions: ['request_extension'], title: 'fdRequestExtension', opinion: 'required' },
  request_return: { actions: ['request_return'], title: 'fdRequestReturn', opinion: 'required', tone: 'danger' },
  request_suspend: { actions: ['request_suspend'], title: 'fdRequestSuspend', opinion: 'required' },
};

export function isFieldForm(value: string | undefined): value is FieldForm {
  return value !== undefined && value in FIELD_FORMS;
}

/** The forms open to the viewer: those with an action among the detail's allowedActions. */
export function formsFor(allowed: CaseAction[]): FieldForm[] {
  return (Object.keys(FIELD_FORMS) as FieldForm[]).filter((f) => FIELD_FORMS[f].actions.some((a) => allowed.includes(a)));
}
