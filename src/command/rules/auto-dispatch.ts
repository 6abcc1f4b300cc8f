// 机器派单: when a case is newly filed into 待派遣 and its suggestion is a single lead department whose 权责清单 rule
// says "dispatch automatically" (the matched rule, or the component owner's own rule), the system dispatches it there. A case a department returned (回退), or one whose
// owner is unknown (several candidates), stays with the dispatcher.
import type { Stage } from './case-model.ts';
import type { Action } from './transitions.ts';

/** The suggestion stored on the case at intake (src/command/routing.ts), as the rule reads it. */
export interface StoredRouting {
  source?: string;
  lead?: readonly { departmentId: number; ruleId: number | null }[];
  assist?: readonly { departmentId: number; ruleId: number | null }[];
  autoDispatch?: boolean;
}

export interface AutoDispatch {
  leadDepartmentId: number;
  assistDepartmentIds: number[];
  ruleId: number | null;
}

/** Actions that file a case into 待派遣 for the first time (立案, or 受理 when the acceptor files). */
const FILING: ReadonlySet<Action> = new Set(['file', 'accept']);

export function autoDispatchFor(action: Action, next: Stage, routing: StoredRouting | null | undefined): AutoDispatch | null {
  if (!FILING.has(action) || next !== 'to_dispatch') return null;
  if (!routing?.autoDispatch || routing.source === 'none' || routing.lead?.length !== 1) return null;
  const lead = routing.lead[0];
  return {
    leadDepartmentId: lead.departmentId,
    assistDepartmentIds: (routing.assist ?? []).map((a) => a.departmentId).filter((id) => id !== lead.departmentId),
    ruleId: lead.ruleId,
  };
}
