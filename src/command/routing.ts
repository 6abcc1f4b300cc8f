// 权责清单 routing at intake: who should handle a new case. A component's own 主管/养护单位 comes first; otherwise
// the most specific responsibility rules (several lead candidates when the owner is unknown); no match → the
// manual dispatch queue. The suggestion is stored on the case and shown to the dispatcher.
import { matchRules, type ResponsibilityRule } from '../base/responsibility-match.ts';
import type { SpatialService } from '../base/spatial/service.ts';
import type { Queryable } from '../db/types.ts';

export interface RoutingSuggestion {
  source: 'component' | 'rules' | 'none';
  lead: { departmentId: number; ruleId: number | null }[];
  assist: { departmentId: number; ruleId: number | null }[];
  /** 机器派单: the single matching rule (or the component owner's own rule) says dispatch automatically. */
  autoDispatch: boolean;
}

/** A catalogue type with its 权责清单 rules, in one round trip; undefined when the catalogue has no such type. */
export async function typeWithRules(q: Queryable, kind: 'component' | 'matter', typeCode: string,
): Promise<{ enabled: boolean; rules: ResponsibilityRule[] } | undefined> {
  const row = await q.maybeOne<{ enabled: boolean; rules: any[] }>(
    `select t.enabled, coalesce((select json_agg(r) from responsibility_rules r where r.kind = t.kind and r.type_code = t.code), '[]') as rules
     from catalog_types t where t.kind = $1 and t.code = $2`, [kind, typeCode]);
  return row && {
    enabled: row.enabled,
    rules: row.rules.map((r) => ({
      id: Number(r.id), kind: r.kind, typeCode: r.type_code, divisionCode: r.division_code, gridCode: r.grid_code,
      roadName: r.road_name, departmentId: Number(r.department_id), role: r.role, autoDispatch: r.auto_dispatch,
    })),
  };
}

/** The suggestion for a case of the type (its rules from typeWithRules) at the place. */
export async function suggestRouting(spatial: SpatialService, rules: readonly ResponsibilityRule[], kind: 'component' | 'matter',
  typeCode: string, place: { lon: number; lat: number; gridCode: string }, component: { owner: number | null; maintainer: number | null } | null,
): Promise<RoutingSuggestion> {
  const own = component ? component.owner ?? component.maintainer : null;
  if (own !== null) return componentRouting(own, rules, kind, typeCode);
  if (rules.length === 0) return { source: 'none', lead: [], assist: [], autoDispatch: false };
  const road = await spatial.nearestRoad(place.lon, place.lat);
  const match = matchRules(rules, kind, typeCode, { gridCode: place.gridCode, roadNames: road ? [road.name] : [] });
  if (match.lead.length === 0) return { source: 'none', lead: [], assist: [], autoDispatch: false };
  const pick = (r: { departmentId: number; id: number }) => ({ departmentId: r.departmentId, ruleId: r.id });
  return {
    source: 'rules', lead: match.lead.map(pick), assist: match.assist.map(pick),
    autoDispatch: match.lead.length === 1 && match.lead[0].autoDispatch,
  };
}

/**
 * The component's own 主管/养护单位 leads; 机器派单 when the 权责清单 has an automatic rule of this type for that very
 * department (e.g. gas manhole covers always go to the gas company).
 */
export function componentRouting(owner: number, rules: readonly ResponsibilityRule[], kind: 'component' | 'matter', typeCode: string,
): RoutingSuggestion {
  const rule = rules.find((r) => r.kind === kind && r.typeCode === typeCode && r.departmentId === owner && r.role === 'lead' && r.autoDispatch);
  return { source: 'component', lead: [{ departmentId: owner, ruleId: rule?.id ?? null }], assist: [], autoDispatch: rule !== undefined };
}
