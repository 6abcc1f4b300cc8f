// The case state machine (指挥协调): decide whether an actor may take an action on a case now, and if so what follows.
// Pure: the IO layer loads the case, calls decide(), and on ok stores `next` + `patch`, appends the timeline entry and
// carries out `effects` in one transaction (with a version check, so two dispatchers cannot both dispatch).
import { DEFAULT_WORKFLOW_CONFIG, type ActionInput, type CaseState, type WorkflowActor, type WorkflowConfig } from './case-model.ts';
import { inputProblem, partyProblem, stateProblem } from './conditions.ts';
import { forbiddenRole, illegalTransition, WORKFLOW_ERROR_STATUS, type Failure, type WorkflowErrorCode } from './failures.ts';
import { outcomeOf, type Outcome } from './outcome.ts';
import { ACTIONS, TRANSITIONS, type Action } from './transitions.ts';

export type Decision =
  | ({ ok: true } & Outcome)
  | { ok: false; code: WorkflowErrorCode; status: 400 | 403 | 409; message: string; allowed: Action[] };

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

/** The actions this actor may take on the case now (input aside). */
export function allowedActions(c: CaseState, actor: WorkflowActor, config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG): Action[] {
  return ACTIONS.filter((action) => {
    const t = TRANSITIONS[action];
    return t.from.includes(c.stage) && t.roles.includes(actor.role)
      && !partyProblem(action, c, actor) && !stateProblem(action, c, actor, config);
  });
}

/** Checks, in order: the stage allows the action (409), the role may take it (403), the case is the actor's (403),
 *  the case meets the action's conditions (409), the input is complete (400). */
export function decide(c: CaseState, action: Action, actor: WorkflowActor, input: ActionInput = {},
  config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG): Decision {
  const refuse = (f: Failure): Decision => ({
    ok: false, code: f.code, status: WORKFLOW_ERROR_STATUS[f.code], message: f.message, allowed: allowedActions(c, actor, config),
  });
  const t = TRANSITIONS[action];
  if (!t.from.includes(c.stage)) return refuse(illegalTransition(c.stage, action, allowedActions(c, actor, config)));
  if (!t.roles.includes(actor.role)) return refuse(forbiddenRole(actor.role, action));
  const problem = partyProblem(action, c, actor) ?? stateProblem(action, c, actor, config) ?? inputProblem(action, c, input, config);
  if (problem) return refuse(problem);
  return { ok: true, ...outcomeOf(action, c, input, config) };
}
