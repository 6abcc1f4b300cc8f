// 权责清单 matching, pure: which rules answer for a type of problem at a place. The most specific rules win
// (a unit grid beats a road, a road beats a division, a community beats a street, a street its district…);
// several lead rules of equal weight all come back, so an unknown owner (不明井盖) reaches every candidate.
import { divisionPrefix } from '../admin/scope.ts';

export interface ResponsibilityRule {
  id: number;
  kind: 'component' | 'matter';
  typeCode: string;
  divisionCode: string;
  gridCode: string | null;
  roadName: string | null;
  departmentId: number;
  role: 'lead' | 'assist';
  autoDispatch: boolean;
}

export interface RulePlace {
  gridCode: string;
  /** Roads within reach of the point (nearest first). */
  roadNames: readonly string[];
}

export interface RuleMatch<R extends ResponsibilityRule = ResponsibilityRule> {
  /** 主办 candidates: one normally, several when the owner is unknown. */
  lead: R[];
  /** 协办 departments that apply at the same place. */
  assist: R[];
}

/** How specific a rule is at a place; -1 when it does not apply there. */
export function ruleSpecificity(rule: ResponsibilityRule, place: RulePlace): number {
  if (!place.gridCode.startsWith(divisionPrefix(rule.divisionCode))) return -1;
  if (rule.gridCode && rule.gridCode !== place.gridCode) return -1;
  if (rule.roadName && !place.roadNames.includes(rule.roadName)) return -1;
  // the division's code length (6, 9, 12) ranks regions; a road adds 100, a grid 200
  const regionWeight = divisionPrefix(rule.divisionCode).length;
  return regionWeight + (rule.roadName ? 100 : 0) + (rule.gridCode ? 200 : 0);
}

function mostSpecific<R extends ResponsibilityRule>(rules: R[], place: RulePlace): R[] {
  let best = -1;
  let out: R[] = [];
  for (const rule of rules) {
    const weight = ruleSpecificity(rule, place);
    if (weight < 0) continue;
    if (weight > best) {
      best = weight;
      out = [rule];
    } else if (weight === best) {
      out.push(rule);
    }
  }
  return out;
}

export function matchRules<R extends ResponsibilityRule>(rules: readonly R[], kind: R['kind'], typeCode: string, place: RulePlace): RuleMatch<R> {
  const forType = rules.filter((r) => r.kind === kind && r.typeCode === typeCode);
  const lead = mostSpecific(forType.filter((r) => r.role === 'lead'), place);
  const leadDepartments = new Set(lead.map((r) => r.departmentId));
  const assist = mostSpecific(forType.filter((r) => r.role === 'assist'), place)
    .filter((r) => !leadDepartments.has(r.departmentId));
  return { lead, assist };
}
