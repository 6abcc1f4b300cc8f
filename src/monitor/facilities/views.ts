// What the facility API (设施监测) answers, as plain types shared by both sides: registry.ts and view.ts declare them
// as their return types, and the web console imports this file by relative path. It must stay free of imports;
// registry.ts and view.ts check that the unions below equal the ones the server derives from its constants.

export type FacilityKindCode = 'bridge' | 'gas_pipe' | 'water_pipe' | 'drain_pipe' | 'heating_pipe' | 'utility_tunnel'
  | 'pump_station' | 'river_section' | 'septic_tank' | 'low_point' | 'other';
export type LevelCode = 'blue' | 'yellow' | 'orange' | 'red';
export type AlarmStatusCode = 'raised' | 'confirmed' | 'false_alarm' | 'dispatched' | 'recovered' | 'archived';
export type ResolutionCode = 'raw' | '1m' | '1h';
export type SensorState = 'normal' | 'alarm' | 'offline' | 'disabled';

export type FacilityGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'Polygon'; coordinates: number[][][] };

/** A facility: GET /api/monitor/facilities/:id, and the answer of its writes. */
export interface FacilityView {
  id: number;
  code: string;
  kind: FacilityKindCode;
  kindName: string;
  name: string;
  geometry: FacilityGeometry;
  lon: number;
  lat: number;
  gridCode: string;
  districtCode: string;
  departmentId: number | null;
  departmentName: string | null;
  /** kind-specific properties, e.g. a river section's warningLevel / guaranteeLevel (m) */
  props: Record<string, unknown>;
  note: string | null;
  /** linked devices, and their alarms still active */
  devices: number;
  activeAlarms: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/monitor/facilities. */
export interface FacilityList {
  total: number;
  items: FacilityView[];
}

export interface MetricView { key: string; name: string; unit: string }

/** A threshold line of a rule on a sensor's metric. */
export interface Threshold { level: LevelCode; value: number; direction: 'above' | 'below'; rule: string }

/** A device of the facility with its latest values and state. */
export interface FacilitySensor {
  id: number;
  code: string;
  name: string;
  typeCode: string;
  typeName: string;
  metrics: MetricView[];
  lon: number;
  lat: number;
  enabled: boolean;
  lastSeenAt: string | null;
  createdAt: string;
  state: SensorState;
  /** the highest level among its active alarms */
  alarmLevel: LevelCode | null;
  /** metric key → the latest reading */
  latest: Record<string, { value: number; ts: string }>;
  /** metric key → the thresholds of its effective rules */
  thresholds: Record<string, Threshold[]>;
}

/** A reading, or a rollup bucket's average with its min and max. */
export interface SeriesPoint { t: string; value: number; min?: number; max?: number }

/** One sensor's metric over the period. */
export interface FacilitySeries {
  deviceId: number;
  deviceName: string;
  metric: string;
  name: string;
  unit: string;
  resolution: ResolutionCode;
  points: SeriesPoint[];
  thresholds: Threshold[];
}

export interface FacilityAlarm {
  id: number;
  deviceId: number;
  deviceCode: string;
  deviceName: string;
  ruleName: string;
  metric: string | null;
  level: LevelCode;
  peakLevel: LevelCode;
  /** name of the peak level */
  levelName: string;
  status: AlarmStatusCode;
  statusName: string;
  firstValue: number | null;
  lastValue: number | null;
  raisedAt: string;
  recoveredAt: string | null;
  caseId: number | null;
  caseNo: string | null;
}

/** The alarms raised in the period (newest first) and their counts. */
export interface FacilityAlarms {
  counts: { total: number; active: number; falseAlarms: number; dispatched: number; byLevel: Record<LevelCode, number> };
  items: FacilityAlarm[];
}

/** GET /api/monitor/facilities/:id/view. */
export interface FacilityOverview {
  facility: FacilityView;
  from: string;
  to: string;
  resolution: ResolutionCode;
  sensors: FacilitySensor[];
  series: FacilitySeries[];
  alarms: FacilityAlarms;
}
