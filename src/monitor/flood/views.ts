// What the flood API (防汛) answers, as plain types shared by both sides: warnings.ts, teams.ts and evaluate.ts declare
// them as their return types, and the web console imports this file by relative path. It must stay free of imports;
// warnings.ts checks that the unions below equal the rules' own.

export type LevelCode = 'blue' | 'yellow' | 'orange' | 'red';
export type FloodIndicatorCode = 'rain_1h' | 'rain_3h' | 'rain_24h' | 'river_level' | 'ponding';

/** An indicator that reached a level, as stored with the warning. */
export interface FloodReason {
  indicator: FloodIndicatorCode;
  indicatorName: string;
  deviceId: number;
  deviceName: string;
  value: number;
  unit: string;
  level: LevelCode;
}

/** An area's (street's) warning: GET /api/monitor/flood/warnings/:id, and the `items` of the list. */
export interface FloodWarning {
  id: number;
  areaCode: string;
  areaName: string;
  level: LevelCode;
  levelName: string;
  peakLevel: LevelCode;
  status: 'active' | 'ended';
  /** highest first */
  reasons: FloodReason[];
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  /** start, escalate, deescalate, end (no level) */
  events: { at: string; action: string; level: LevelCode | null }[];
  /** who was told, and when they acknowledged */
  notified: { userId: number; name: string; team: string | null; level: LevelCode; at: string; ackedAt: string | null }[];
}

/** GET /api/monitor/flood/warnings. */
export interface FloodWarningList {
  total: number;
  items: FloodWarning[];
}

/** A rain, river or ponding gauge with its fresh values (indicator → value) and the level they reach. */
export interface FloodGauge {
  deviceId: number;
  code: string;
  name: string;
  typeCode: string;
  lon: number;
  lat: number;
  areaCode: string;
  /** time of the latest reading (a stale gauge: when it was last seen, if ever) */
  at: string | null;
  values: Partial<Record<FloodIndicatorCode, number>>;
  level: LevelCode | null;
  /** river gauges: the section's 警戒水位 and 保证水位 (m) */
  warningLevel?: number;
  guaranteeLevel?: number;
  /** no fresh reading: shown without values or level */
  stale?: boolean;
}

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** GET /api/monitor/flood/overview. */
export interface FloodOverview {
  now: string;
  freshMinutes: number;
  /** the streets with their active warning */
  areas: { code: string; name: string; geometry: AreaGeometry | null; warning: FloodWarning | null }[];
  gauges: FloodGauge[];
  /** the active warnings */
  warnings: FloodWarning[];
}

/** POST /api/monitor/flood/warnings/:id/ack. */
export interface FloodAck { warningId: number; acknowledged: number }

/** POST /api/monitor/flood/evaluate: what one evaluation did. */
export interface FloodEvaluation { areas: number; started: number; escalated: number; deescalated: number; ended: number; notified: number }

/** A flood team: the `items` of GET /api/monitor/flood/teams, and the answer of its writes. */
export interface FloodTeam {
  id: number;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  areaCode: string;
  areaName: string;
  phone: string | null;
  members: { id: number; name: string; username: string }[];
}

export interface FloodTeamList {
  items: FloodTeam[];
}
