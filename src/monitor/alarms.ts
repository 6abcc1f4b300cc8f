// 告警: what the rules raise, kept one active alarm per device and rule (repeats update it), with its history, live
// events (ALARM_CHANGED, for the map and the alarm console) and messages to the owner department's handlers; and the
// people's actions on it — confirm, false alarm, dispatch as a case through the case loop's intake, archive.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { pageClause, SqlFilter } from '../base/sql.ts';
import { createCase, type IntakeInput } from '../command/intake.ts';
import { PUSH_JOB } from '../command/notifications.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import type { EventBus } from '../platform/events.ts';
import { scheduleJob } from '../platform/jobs.ts';
import type { AppContext } from '../server/context.ts';
import type { CachedDevice, CachedRule } from './cache.ts';
import type { Change, RuleSpec } from './rules/alarm-rules.ts';
import { LEVEL_NAMES, type Level } from './rules/levels.ts';
import { ALARM_STATUS_NAMES, allowedAlarmActions, nextStatus, type AlarmAction, type AlarmStatus, type PersonAction } from './rules/lifecycle.ts';
import { commandsOfAlarm, recordCommands } from './commands.ts';
import { actionsToRun, type RuleAction } from './rules/commands.ts';
import { scopeFilter } from './scope.ts';
import type { AlarmActionCode, AlarmChange, AlarmDetail, AlarmList, AlarmStatusCode, AlarmView, LevelCode, RuleKindCode } from './views.ts';

/** What every node (and the SSE stream) hears of an alarm change. */
export type { AlarmChange } from './views.ts';

// views.ts repeats the monitor's vocabularies without importing them; these fail to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_VOCABULARY_MATCHES: [Same<Level, LevelCode>, Same<AlarmStatus, AlarmStatusCode>, Same<PersonAction, AlarmActionCode>,
  Same<RuleSpec['kind'], RuleKindCode>] = [true, true, true, true];

export const ALARM_CHANGED = 'monitor.alarm.changed';

const ACTIVE = `status in ('raised', 'confirmed', 'dispatched')`;
const LEVEL_RANK = `array_position(array['blue', 'yellow', 'orange', 'red'], $LEVEL)`;
const rankSql = (expr: string) => LEVEL_RANK.replace('$LEVEL', expr);

type Ctx = Pick<AppContext, 'db' | 'events'>;

/** What an alarm needs of its device and rule. */
export type AlarmDevice = Pick<CachedDevice, 'id' | 'code' | 'name' | 'gridCode' | 'lon' | 'lat' | 'departmentId' | 'units'>;
export type AlarmRule = Pick<CachedRule, 'id' | 'name' | 'kind' | 'metric'> & { actions?: readonly RuleAction[] };

async function publishChange(tx: Queryable, events: EventBus, a: any, action: string): Promise<void> {
  const change: AlarmChange = {
    id: Number(a.id), deviceId: Number(a.device_id), ruleId: Number(a.rule_id), kind: a.kind, level: a.level, status: a.status, action,
    gridCode: a.grid_code, lon: Number(a.lon), lat: Number(a.lat), departmentId: a.department_id === null ? null : Number(a.department_id),
    at: new Date().toISOString(),
  };
  await events.publish(tx, ALARM_CHANGED, change);
}

async function addEvent(tx: Queryable, alarmId: number, action: string, e: { level?: string | null; value?: number | null; actor?: Actor; note?: string | null }) {
  await tx.query(
    'insert into monitor_alarm_events (alarm_id, action, level, value, actor_id, actor_name, note) values ($1, $2, $3, $4, $5, $6, $7)',
    [alarmId, action, e.level ?? null, e.value ?? null, e.actor?.kind === 'user' ? e.actor.id : null, e.actor?.name ?? '系统', e.note ?? null]);
}

/** 站内消息 to the owner department's handlers; orange and red are also pushed (短信/企业微信/钉钉). */
async function notifyDepartment(tx: Queryable, departmentId: number | null, message: string, level: Level): Promise<void> {
  if (departmentId === null) return;
  const urgent = level === 'orange' || level === 'red';
  const rows = await tx.query<{ id: number }>(
    `insert into notifications (user_id, message, urgent)
     select id, $2, $3 from users where active and role = 'handler' and department_id = $1 returning id`, [departmentId, message, urgent]);
  if (urgent && rows.length > 0) await scheduleJob(tx, { kind: PUSH_JOB, payload: { ids: rows.map((r) => Number(r.id)) } });
}

function describe(device: AlarmDevice, rule: AlarmRule, level: Level, value: number | null): string {
  const unit = rule.metric ? device.units[rule.metric] : undefined;
  const reading = rule.metric && value !== null ? `，${unit?.name ?? rule.metric} ${value}${unit?.unit ?? ''}` : '';
  return `【运行监测告警·${LEVEL_NAMES[level]}】${device.name}（${device.code}）${rule.name}${reading}`;
}

/** What a rule change did: the alarm, and the commands its actions wrote (to send after commit). */
export interface AppliedChange { alarmId: number; commands: number[] }

/**
 * Applies a rule's change for a device: raise, escalate and de-escalate upsert the active alarm (a repeat of an active
 * one updates it), clear recovers it; the rule's actions that the change calls for are written as commands. Returns
 * null when there was nothing to change.
 */
export async function applyRuleChange(tx: Queryable, events: EventBus, device: AlarmDevice, rule: AlarmRule, change: Change,
  value: number | null): Promise<AppliedChange | null> {
  if (change.kind === 'none') return null;
  if (change.kind === 'clear') {
    const a = await tx.maybeOne(
      `update monitor_alarms set status = 'recovered', recovered_at = now(), last_at = now(), last_value = coalesce($3, last_value)
       where device_id = $1 and rule_id = $2 and ${ACTIVE} returning *`, [device.id, rule.id, value]);
    if (!a) return null;
    await addEvent(tx, Number(a.id), 'recover', { value });
    await publishChange(tx, events, a, 'recover');
    return { alarmId: Number(a.id), commands: [] };
  }
  const before = rule.actions?.length
    ? await tx.maybeOne<{ level: Level }>(`select level from monitor_alarms where device_id = $1 and rule_id = $2 and ${ACTIVE}`, [device.id, rule.id])
    : null;
  const a = await tx.maybeOne(
    `insert into monitor_alarms (device_id, rule_id, kind, metric, level, peak_level, status, first_value, last_value, raised_at, last_at,
       grid_code, lon, lat, department_id)
     values ($1, $2, $3, $4, $5, $5, 'raised', $6, $6, now(), now(), $7, $8, $9, $10)
     on conflict (device_id, rule_id) where ${ACTIVE} do update set level = excluded.level,
       peak_level = case when ${rankSql('excluded.level')} > ${rankSql('monitor_alarms.peak_level')} then excluded.level else monitor_alarms.peak_level end,
       last_value = excluded.last_value, last_at = now(), repeats = monitor_alarms.repeats + 1
     returning *, (xmax = 0) as created`,
    [device.id, rule.id, rule.kind, rule.metric, change.level, value, device.gridCode, device.lon, device.lat, device.departmentId]);
  const action = a!.created ? 'raise' : change.kind === 'raise' ? 'repeat' : change.kind;
  await addEvent(tx, Number(a!.id), action, { level: change.level, value });
  await publishChange(tx, events, a, action);
  if (action === 'raise' || action === 'escalate') await notifyDepartment(tx, device.departmentId, describe(device, rule, change.level, value), change.level);
  const run = rule.actions?.length ? actionsToRun(rule.actions, before?.level ?? null, change.level) : [];
  const commands = run.length ? await recordCommands(tx, device.id, Number(a!.id), run, 'rule') : [];
  return { alarmId: Number(a!.id), commands };
}

/** A still-active condition: the alarm's latest value and time, and one more repeat (called at most once a minute). */
export async function touchAlarm(q: Queryable, deviceId: number, ruleId: number, value: number): Promise<void> {
  await q.query(`update monitor_alarms set last_value = $3, last_at = now(), repeats = repeats + 1 where device_id = $1 and rule_id = $2 and ${ACTIVE}`,
    [deviceId, ruleId, value]);
}

// ---- queries ----

export interface AlarmQuery {
  page?: number; pageSize?: number; status?: AlarmStatus[]; active?: boolean; level?: Level; device?: number; region?: string;
  /** device type */
  type?: string;
}

const ALARM_SELECT = `select a.*, d.code as device_code, d.name as device_name, d.type_code, r.name as rule_name, c.case_no
  from monitor_alarms a join monitor_devices d on d.id = a.device_id join monitor_rules r on r.id = a.rule_id left join cases c on c.id = a.case_id`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function alarmView(r: any): AlarmView {
  return {
    id: Number(r.id), deviceId: Number(r.device_id), deviceCode: r.device_code, deviceName: r.device_name, deviceType: r.type_code,
    ruleId: Number(r.rule_id), ruleName: r.rule_name, kind: r.kind, metric: r.metric, level: r.level, levelName: LEVEL_NAMES[r.level as Level],
    peakLevel: r.peak_level, status: r.status, statusName: ALARM_STATUS_NAMES[r.status as AlarmStatus], firstValue: r.first_value,
    lastValue: r.last_value, raisedAt: iso(r.raised_at)!, lastAt: iso(r.last_at)!, repeats: Number(r.repeats), confirmedAt: iso(r.confirmed_at),
    recoveredAt: iso(r.recovered_at), closedAt: iso(r.closed_at), caseId: r.case_id === null ? null : Number(r.case_id), caseNo: r.case_no ?? null,
    gridCode: r.grid_code, lon: r.lon, lat: r.lat, departmentId: r.department_id === null ? null : Number(r.department_id), note: r.note,
    actions: allowedAlarmActions(r.status),
  };
}

/** The list's filters (data scope, status, device, device type, region) except the level, which the console counts by. */
export function alarmFilter(actor: Actor, query: Omit<AlarmQuery, 'level'>): SqlFilter {
  const f = new SqlFilter();
  scopeFilter(f, actor, 'a.grid_code');
  if (query.active) f.add(`a.${ACTIVE}`);
  if (query.status?.length) f.add('a.status = any(?)', query.status);
  if (query.device) f.add('a.device_id = ?', query.device);
  if (query.type) f.add('d.type_code = ?', query.type);
  if (query.region) f.add('a.grid_code like ?', `${query.region}%`);
  return f;
}

export async function listAlarms(q: Queryable, actor: Actor, query: AlarmQuery): Promise<AlarmList> {
  const f = alarmFilter(actor, query);
  if (query.level) f.add('a.level = ?', query.level);
  const total = (await q.maybeOne<{ n: number }>(
    `select count(*)::int as n from monitor_alarms a join monitor_devices d on d.id = a.device_id ${f.where()}`, f.values))!.n;
  const rows = await q.query(`${ALARM_SELECT} ${f.where()} order by ${rankSql('a.level')} desc, a.id desc ${pageClause(query.page, query.pageSize)}`, f.values);
  return { total: Number(total), items: rows.map(alarmView) };
}

export async function getAlarm(q: Queryable, actor: Actor, id: number): Promise<AlarmDetail> {
  const f = new SqlFilter().add('a.id = ?', id);
  scopeFilter(f, actor, 'a.grid_code');
  const row = await q.maybeOne(`${ALARM_SELECT} ${f.where()}`, f.values);
  if (!row) throw notFound('告警', id);
  const events = await q.query('select * from monitor_alarm_events where alarm_id = $1 order by id', [id]);
  return {
    ...alarmView(row),
    events: events.map((e) => ({ at: iso(e.at)!, action: e.action, level: e.level, value: e.value, actorName: e.actor_name, note: e.note })),
    commands: await commandsOfAlarm(q, id),
  };
}

// ---- people's actions ----

async function transition(ctx: Ctx, actor: Actor, id: number, action: AlarmAction, note: string | null, extra: { caseId?: number } = {}) {
  await ctx.db.transaction(async (tx) => {
    const a = await tx.maybeOne('select * from monitor_alarms where id = $1 for update', [id]);
    if (!a) throw notFound('告警', id);
    const to = nextStatus(a.status, action);
    if (!to) throw conflict('ALARM_ACTION_NOT_ALLOWED', `告警当前状态为「${ALARM_STATUS_NAMES[a.status as AlarmStatus]}」，不能执行该操作`);
    const updated = await tx.maybeOne(
      `update monitor_alarms set status = $2, note = coalesce($3, note), case_id = coalesce($4, case_id),
         confirmed_at = case when $2 in ('confirmed', 'dispatched') then coalesce(confirmed_at, now()) else confirmed_at end,
         closed_at = case when $2 in ('false_alarm', 'archived') then now() else closed_at end
       where id = $1 returning *`, [id, to, note, extra.caseId ?? null]);
    await addEvent(tx, id, action, { level: a.level, actor, note });
    await audit(tx, actor, { action, entity: 'monitor_alarm', entityId: id, before: { status: a.status }, after: { status: to, caseId: extra.caseId } });
    await publishChange(tx, ctx.events, updated, action);
  });
}

/** The case an alarm becomes: its watched component's type, otherwise the rule's or the device type's matter type. */
async function intakeFor(q: Queryable, alarmId: number): Promise<IntakeInput> {
  const r = await q.maybeOne(
    `select a.level, a.last_value, a.metric, d.code, d.name, d.lon, d.lat, d.component_id, d.facility, t.matter_code as type_matter,
       t.metrics, r.name as rule_name, r.matter_code as rule_matter
     from monitor_alarms a join monitor_devices d on d.id = a.device_id join monitor_device_types t on t.code = d.type_code
       join monitor_rules r on r.id = a.rule_id where a.id = $1`, [alarmId]);
  const unit = r!.metrics.find((m: any) => m.key === r!.metric);
  // a 0/1 state (井盖开启) reads 是/否, not "1 0/1"
  const value = unit?.unit === '0/1' ? (Number(r!.last_value) ? '是' : '否') : `${r!.last_value}${unit?.unit ?? ''}`;
  const reading = r!.metric && r!.last_value !== null ? `，最新读数 ${unit?.name ?? r!.metric} ${value}` : '';
  const description = `物联感知告警（${LEVEL_NAMES[r!.level as Level]}）：${r!.name}（${r!.code}）${r!.facility ? `监测${r!.facility}，` : ''}${r!.rule_name}${reading}`;
  const urgent = r!.level === 'orange' || r!.level === 'red';
  if (r!.component_id) return { kind: 'component', componentId: r!.component_id, description, source: 'iot', urgent };
  return { kind: 'matter', typeCode: r!.rule_matter ?? r!.type_matter, position: { lon: Number(r!.lon), lat: Number(r!.lat) }, description,
    source: 'iot', urgent };
}

export async function actOnAlarm(ctx: Ctx, actor: Actor, id: number, action: AlarmAction, note: string | null): Promise<AlarmDetail> {
  await getAlarm(ctx.db, actor, id);    // in scope
  if (action === 'dispatch') {
    const a = await ctx.db.maybeOne<{ status: AlarmStatus }>('select status from monitor_alarms where id = $1', [id]);
    if (!nextStatus(a!.status, 'dispatch')) {
      throw conflict('ALARM_ACTION_NOT_ALLOWED', `告警当前状态为「${ALARM_STATUS_NAMES[a!.status]}」，不能派遣`);
    }
    // the case goes through the loop's intake (type, grid, 权责清单 routing); the key makes a retry find the same case
    const { id: caseId } = await createCase(ctx, actor, await intakeFor(ctx.db, id), `monitor-alarm-${id}`);
    await transition(ctx, actor, id, 'dispatch', note, { caseId });
  } else if (action === 'recover') {
    throw badRequest('ALARM_ACTION_NOT_ALLOWED', '告警恢复由监测数据自动判定');
  } else {
    await transition(ctx, actor, id, action, note);
  }
  return getAlarm(ctx.db, actor, id);
}
