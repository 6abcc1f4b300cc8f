// What the monitor API (运行监测: devices, alarms, rules, AI video) answers, as plain types shared by both sides:
// registry.ts, alarms.ts, commands.ts, rules-store.ts, store.ts, video.ts, routes.ts and routes-console.ts declare them
// as their return types, and the web console imports this file by relative path. It must stay free of imports. The
// server modules check that the unions and shapes below equal their own (levels, statuses, actions, rule kinds and
// params, resolutions, metrics, event sources). Facilities and flood have their own views.ts.

/** 预警等级, lowest first (rules/levels.ts). */
export type LevelCode = 'blue' | 'yellow' | 'orange' | 'red';
/** 告警状态 (rules/lifecycle.ts). */
export type AlarmStatusCode = 'raised' | 'confirmed' | 'false_alarm' | 'dispatched' | 'recovered' | 'archived';
/** What people do to an alarm (recovering is the rules' own). */
export type AlarmActionCode = 'confirm' | 'false_alarm' | 'dispatch' | 'archive';
/** 阈值, 变化率, 离线. */
export type RuleKindCode = 'threshold' | 'rate' | 'offline';
export type ResolutionCode = 'raw' | '1m' | '1h';

// ---- device types and devices ----

export interface MetricView { key: string; name: string; unit: string }

/** A device type: GET /api/monitor/device-types → items, and the answer of its writes. */
export interface DeviceTypeView { code: string; name: string; category: string; metrics: MetricView[]; matterCode: string }

export interface DeviceTypeList { items: DeviceTypeView[] }

/** A device: GET /api/monitor/devices/:id, a row of GET /api/monitor/devices, and the answer of PUT. */
export interface DeviceView {
  id: number;
  code: string;
  name: string;
  typeCode: string;
  typeName: string;
  category: string;
  metrics: MetricView[];
  lon: number;
  lat: number;
  gridCode: string;
  districtCode: string;
  componentId: string | null;
  facility: string | null;
  departmentId: number | null;
  departmentName: string | null;
  enabled: boolean;
  lastSeenAt: string | null;
  badPayloads: number;
  lastBadAt: string | null;
  lastBadReason: string | null;
  activeAlarms: number;
}

export interface DeviceList { total: number; items: DeviceView[] }

/** POST /api/monitor/devices: the device with its secret, shown only this once. */
export interface RegisteredDevice extends DeviceView { secret: string }

/** POST /api/monitor/devices/:id/secret. */
export interface DeviceSecret { id: number; secret: string }

/** A raw reading. */
export interface RawPoint { t: string; value: number }
/** A rollup bucket (1m or 1h): mean, extremes and count. */
export interface RollupPoint { t: string; avg: number; min: number; max: number; count: number }

/** A metric's history at one resolution: raw readings or rollup buckets. */
export type SeriesData = { resolution: 'raw'; points: RawPoint[] } | { resolution: '1m' | '1h'; points: RollupPoint[] };

/** GET /api/monitor/devices/:id/series. */
export type DeviceSeries = { deviceId: number; metric: string } & SeriesData;

// ---- alarms ----

/** A row of GET /api/monitor/alarms. */
export interface AlarmView {
  id: number;
  deviceId: number;
  deviceCode: string;
  deviceName: string;
  /** the device type's code */
  deviceType: string;
  ruleId: number;
  ruleName: string;
  kind: RuleKindCode;
  metric: string | null;
  level: LevelCode;
  levelName: string;
  peakLevel: LevelCode;
  status: AlarmStatusCode;
  statusName: string;
  firstValue: number | null;
  lastValue: number | null;
  raisedAt: string;
  lastAt: string;
  repeats: number;
  confirmedAt: string | null;
  recoveredAt: string | null;
  closedAt: string | null;
  caseId: number | null;
  caseNo: string | null;
  gridCode: string;
  lon: number;
  lat: number;
  departmentId: number | null;
  note: string | null;
  /** what people may do to it now */
  actions: AlarmActionCode[];
}

export interface AlarmList { total: number; items: AlarmView[] }

/** A step of an alarm's history: raise, repeat, escalate, deescalate, recover, a person's action, or command. */
export interface AlarmEventView { at: string; action: string; level: LevelCode | null; value: number | null; actorName: string; note: string | null }

/** pending: not yet handed to the broker; sent; acknowledged / rejected by the device; failed: no broker took it. */
export type CommandStatusCode = 'pending' | 'sent' | 'acknowledged' | 'rejected' | 'failed';

/** 反向控制: a command sent to the alarm's device (by a rule's action or a person). */
export interface CommandView {
  id: number;
  name: string;
  params: Record<string, unknown>;
  origin: 'rule' | 'manual';
  status: CommandStatusCode;
  sentAt: string | null;
  ackAt: string | null;
  /** the device's message, or why sending failed */
  result: string | null;
  /** who sent it ('系统' for a rule) */
  by: string;
}

/** GET /api/monitor/alarms/:id, and the answer of its actions. */
export interface AlarmDetail extends AlarmView {
  events: AlarmEventView[];
  commands: CommandView[];
}

/** What the SSE stream GET /api/monitor/alarms/stream sends (event: alarm). */
export interface AlarmChange {
  id: number;
  deviceId: number;
  ruleId: number;
  kind: RuleKindCode;
  level: LevelCode;
  status: AlarmStatusCode;
  /** raise, repeat, escalate, deescalate, recover, or a person's action */
  action: string;
  gridCode: string;
  lon: number;
  lat: number;
  departmentId: number | null;
  at: string;
}

/** GET /api/monitor/console/alarm-counts. */
export interface AlarmLevelCounts { total: number; byLevel: Record<LevelCode, number> }

// ---- rules ----

/** 阈值: above (or below) a level's threshold for forSeconds; clears past threshold ∓ hysteresis. */
export interface ThresholdParamsView {
  direction: 'above' | 'below';
  levels: Partial<Record<LevelCode, number>>;
  forSeconds: number;
  hysteresis: number;
}
/** 变化率 per minute. */
export interface RateParamsView { perMinute: number; level: LevelCode; hysteresis: number }
/** 离线 after some minutes without data. */
export interface OfflineParamsView { minutes: number; level: LevelCode }

/** 联动指令: a command sent to the device when the alarm is raised or reaches a level. */
export interface RuleActionView { name: string; params?: Record<string, unknown>; onRaise?: boolean; atLevel?: LevelCode }

/** An alarm rule of a device type or one device: GET /api/monitor/rules → items, and the answer of its writes. */
export interface RuleView {
  id: number;
  name: string;
  deviceTypeCode: string | null;
  deviceId: number | null;
  kind: RuleKindCode;
  metric: string | null;
  params: ThresholdParamsView | RateParamsView | OfflineParamsView;
  matterCode: string | null;
  enabled: boolean;
  actions: RuleActionView[];
}

export interface RuleList { items: RuleView[] }

// ---- AI video ----

export interface CameraView {
  id: number;
  code: string;
  name: string;
  lon: number;
  lat: number;
  gridCode: string;
  districtCode: string;
  departmentId: number | null;
  enabled: boolean;
}

export interface CameraList { total: number; items: CameraView[] }

/** A detection class: GET /api/monitor/video-classes → items, and the answer of PUT. */
export interface VideoClassView {
  class: string;
  name: string;
  matterCode: string;
  minConfidence: number;
  mergeSeconds: number;
  /** auto: a case at once; review: waits in the review queue */
  mode: 'auto' | 'review';
  enabled: boolean;
}

export interface VideoClassList { items: VideoClassView[] }

export type VideoStatusCode = 'pending_review' | 'case_created' | 'rejected';
/** camera (视频AI), drone or vehicle (巡查). */
export type VideoSourceCode = 'camera' | 'drone' | 'vehicle';

/** A row of GET /api/monitor/video-events, and the answer of approve / reject. */
export interface VideoEventView {
  id: number;
  /** patrol detections carry a patrol id and a position instead of a camera */
  source: VideoSourceCode;
  cameraId: number | null;
  cameraCode: string | null;
  cameraName: string | null;
  patrolId: string | null;
  lon: number | null;
  lat: number | null;
  class: string;
  className: string;
  confidence: number;
  snapshot: string | null;
  detectedAt: string;
  lastAt: string;
  repeats: number;
  status: VideoStatusCode;
  caseId: number | null;
  caseNo: string | null;
  note: string | null;
  gridCode: string;
}

export interface VideoEventList { total: number; items: VideoEventView[] }
