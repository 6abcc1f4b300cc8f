// 告警生命周期 (pure): raised → confirmed | false_alarm; raised | confirmed → dispatched (as a case);
// raised | confirmed | dispatched → recovered (the condition cleared); recovered | false_alarm → archived.
// Only raised, confirmed and dispatched alarms are active: a device has at most one per rule, repeats update it.

export const ALARM_STATUSES = ['raised', 'confirmed', 'false_alarm', 'dispatched', 'recovered', 'archived'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
export const ACTIVE_STATUSES: readonly AlarmStatus[] = ['raised', 'confirmed', 'dispatched'];

export const ALARM_STATUS_NAMES: Record<AlarmStatus, string> = {
  raised: '待确认', confirmed: '已确认', false_alarm: '误报', dispatched: '已派遣', recovered: '已恢复', archived: '已归档',
};

/** What people do to an alarm; `recover` is done by the rules when the condition clears. */
export const ALARM_ACTIONS = ['confirm', 'false_alarm', 'dispatch', 'archive'] as const;
export type PersonAction = (typeof ALARM_ACTIONS)[number];
export type AlarmAction = PersonAction | 'recover';

const NEXT: Record<AlarmAction, { from: readonly AlarmStatus[]; to: AlarmStatus }> = {
  confirm: { from: ['raised'], to: 'confirmed' },
  false_alarm: { from: ['raised', 'confirmed'], to: 'false_alarm' },
  dispatch: { from: ['raised', 'confirmed'], to: 'dispatched' },
  recover: { from: ['raised', 'confirmed', 'dispatched'], to: 'recovered' },
  archive: { from: ['recovered', 'false_alarm'], to: 'archived' },
};

/** The status after the action, or null when the action is not allowed in this status. */
export function nextStatus(status: AlarmStatus, action: AlarmAction): AlarmStatus | null {
  const rule = NEXT[action];
  return rule.from.includes(status) ? rule.to : null;
}

export function allowedAlarmActions(status: AlarmStatus): PersonAction[] {
  return ALARM_ACTIONS.filter((a) => nextStatus(status, a) !== null);
}

export const isActive = (status: AlarmStatus) => ACTIVE_STATUSES.includes(status);
