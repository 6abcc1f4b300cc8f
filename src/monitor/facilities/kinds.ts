// Facility kinds (设施类别) — import-free so the console can use them too.

export const FACILITY_KINDS = ['bridge', 'gas_pipe', 'water_pipe', 'drain_pipe', 'heating_pipe', 'utility_tunnel', 'pump_station',
  'river_section', 'septic_tank', 'low_point', 'other'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const FACILITY_KIND_NAMES: Record<FacilityKind, string> = {
  bridge: '桥梁', gas_pipe: '燃气管段', water_pipe: '供水管段', drain_pipe: '排水管段', heating_pipe: '供热管段', utility_tunnel: '综合管廊',
  pump_station: '排水泵站', river_section: '河段', septic_tank: '化粪池', low_point: '易涝点', other: '其他设施',
};
