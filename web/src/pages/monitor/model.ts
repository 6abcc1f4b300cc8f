// The monitor pages' level and status colours and labels, and small shared helpers. What the 运行监测 API answers is
// typed in src/monitor/views.ts.
import type { TKey } from '../../i18n.tsx';
import type { AlarmActionCode, AlarmStatusCode, LevelCode, MetricView, VideoStatusCode } from '../../../../src/monitor/views.ts';

export const MONITOR_MANAGE = 'monitor.manage';

export const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const satisfies readonly LevelCode[];
export const LEVEL_COLORS: Record<LevelCode, string> = { blue: '#1677ff', yellow: '#fadb14', orange: '#fa8c16', red: '#f5222d' };
export const LEVEL_KEYS: Record<LevelCode, TKey> = { blue: 'monLevelBlue', yellow: 'monLevelYellow', orange: 'monLevelOrange', red: 'monLevelRed' };

export const ALARM_STATUSES = ['raised', 'confirmed', 'dispatched', 'false_alarm', 'recovered', 'archived'] as const satisfies readonly AlarmStatusCode[];
export const ALARM_STATUS_KEYS: Record<AlarmStatusCode, TKey> = {
  raised: 'monStRaised', confirmed: 'monStConfirmed', dispatched: 'monStDispatched', false_alarm: 'monStFalseAlarm',
  recovered: 'monStRecovered', archived: 'monStArchived',
};
export const ALARM_STATUS_COLORS: Record<AlarmStatusCode, string> = {
  raised: 'red', confirmed: 'orange', dispatched: 'blue', false_alarm: 'default', recovered: 'green', archived: 'default',
};
export const ACTION_KEYS: Record<AlarmActionCode, TKey> = {
  confirm: 'monActConfirm', false_alarm: 'monActFalseAlarm', dispatch: 'monActDispatch', archive: 'monActArchive',
};

export const VIDEO_STATUS_KEYS: Record<VideoStatusCode, TKey> = { pending_review: 'monVidPending', case_created: 'monVidCaseCreated', rejected: 'monVidRejected' };

/** A metric's label with its unit: "液位 (m)". */
export const metricLabel = (m: MetricView) => (m.unit ? `${m.name} (${m.unit})` : m.name);
