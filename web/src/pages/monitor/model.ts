// Shapes the 运行监测 API answers (src/monitor/*), the level colours and small shared helpers of the monitor pages.
import type { TKey } from '../../i18n.tsx';

export const MONITOR_MANAGE = 'monitor.manage';

export const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_COLORS: Record<Level, string> = { blue: '#1677ff', yellow: '#fadb14', orange: '#fa8c16', red: '#f5222d' };
export const LEVEL_KEYS: Record<Level, TKey> = { blue: 'monLevelBlue', yellow: 'monLevelYellow', orange: 'monLevelOrange', red: 'monLevelRed' };

export const ALARM_STATUSES = ['raised', 'confirmed', 'dispatched', 'false_alarm', 'recovered', 'archived'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
export const ALARM_STATUS_KEYS: Record<AlarmStatus, TKey> = {
  raised: 'monStRaised', confirmed: 'monStConfirmed', dispatched: 'monStDispatched', false_alarm: 'monStFalseAlarm',
  recovered: 'monStRecovered', archived: 'monStArchived',
};
export const ALARM_STATUS_COLORS: Record<AlarmStatus, string> = {
  raised: 'red', confirmed: 'orange', dispatched: 'blue', false_alarm: 'default', recovered: 'green', archived: 'default',
};
export type AlarmAction = 'confirm' | 'false_alarm' | 'dispatch' | 'archive';
export const ACTION_KEYS: Record<AlarmAction, TKey> = {
  confirm: 'monActConfirm', false_alarm: 'monActFalseAlarm', dispatch: 'monActDispatch', archive: 'monActArchive',
};

export interface Metric { key: string; name: string; unit: string }

export interface DeviceType { code: string; name: string; category: string; metrics: Metric[]; matterCode: string }

export interface Device {
  id: number; code: string; name: string; typeCode: string; typeName: string; category: string; metrics: Metric[];
  lon: number; lat: number; gridCode: string; districtCode: string; componentId: string | null; facility: string | null;
  departmentId: number | null; departmentName: string | null; enabled: boolean; lastSeenAt: string | null;
  badPayloads: number; lastBadAt: string | null; lastBadReason: string | null; activeAlarms: number;
}

export interface AlarmCommand { id: number; name: string; params: unknown; sentAt: string; status: string; ackAt?: string | null; by?: string | null }

export interface Alarm {
  id: number; deviceId: number; deviceCode: string; deviceName: string; deviceType: string; ruleId: number; ruleName: string;
  kind: 'threshold' | 'rate' | 'offline'; metric: string | null; level: Level; levelName: string; peakLevel: Level; status: AlarmStatus;
  statusName: string; firstValue: number | null; lastValue: number | null; raisedAt: string; lastAt: string; repeats: number;
  confirmedAt: string | null; recoveredAt: string | null; closedAt: string | null; caseId: number | null; caseNo: string | null;
  gridCode: string; lon: number; lat: number; departmentId: number | null; note: string | null; actions: AlarmAction[];
}

export interface AlarmEvent { at: string; action: string; level: Level | null; value: number | null; actorName: string; note: string | null }

export interface AlarmDetail extends Alarm {
  events: AlarmEvent[];
  /** Present once actuator commands exist on the server. */
  commands?: AlarmCommand[];
}

/** What the SSE stream /api/monitor/alarms/stream sends (event: alarm). */
export interface AlarmChange { id: number; deviceId: number; level: Level; status: AlarmStatus; action: string; at: string }

export interface ThresholdParams { direction: 'above' | 'below'; levels: Partial<Record<Level, number>>; forSeconds: number; hysteresis: number }
export interface RateParams { perMinute: number; level: Level; hysteresis: number }
export interface OfflineParams { minutes: number; level: Level }

export interface Rule {
  id: number; name: string; deviceTypeCode: string | null; deviceId: number | null; kind: 'threshold' | 'rate' | 'offline';
  metric: string | null; params: ThresholdParams | RateParams | OfflineParams; matterCode: string | null; enabled: boolean;
}

export interface SeriesPoint { t: string; value?: number; avg?: number; min?: number; max?: number; count?: number }
export interface Series { deviceId: number; metric: string; resolution: 'raw' | '1m' | '1h'; points: SeriesPoint[] }

export interface Camera { id: number; code: string; name: string; lon: number; lat: number; gridCode: string; departmentId: number | null; enabled: boolean }

export interface VideoClass { class: string; name: string; matterCode: string; minConfidence: number; mergeSeconds: number; mode: 'auto' | 'review'; enabled: boolean }

export type VideoStatus = 'pending_review' | 'case_created' | 'rejected';
export interface VideoEvent {
  id: number;
  /** camera (视频AI), drone or vehicle (巡查): patrol detections carry a patrol id and a position instead of a camera */
  source: 'camera' | 'drone' | 'vehicle';
  cameraId: number | null; cameraCode: string | null; cameraName: string | null; patrolId: string | null; lon: number | null; lat: number | null;
  class: string; className: string; confidence: number; snapshot: string | null; detectedAt: string; lastAt: string; repeats: number; status: VideoStatus; caseId: number | null;
  caseNo: string | null; note: string | null; gridCode: string;
}
export const VIDEO_STATUS_KEYS: Record<VideoStatus, TKey> = { pending_review: 'monVidPending', case_created: 'monVidCaseCreated', rejected: 'monVidRejected' };

/** A metric's label with its unit: "液位 (m)". */
export const metricLabel = (m: Metric) => (m.unit ? `${m.name} (${m.unit})` : m.name);
