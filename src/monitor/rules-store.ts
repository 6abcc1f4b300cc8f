// 告警规则 administration: rules for a device type or one device. A device's own rule replaces its type's rule of the
// same kind and metric (see cache.ts). Params are checked by the pure ruleProblem().
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import type { EventBus } from '../platform/events.ts';
import { REGISTRY_CHANGED } from './registry.ts';
import { ruleProblem, type OfflineParams, type RateParams, type RuleSpec, type ThresholdParams } from './rules/alarm-rules.ts';
import { actionsProblem, type RuleAction } from './rules/commands.ts';
import type { OfflineParamsView, RateParamsView, RuleActionView, RuleList, RuleView, ThresholdParamsView } from './views.ts';

// views.ts repeats the rules' params and actions without importing them; these fail to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_SHAPE_MATCHES: [Same<ThresholdParams, ThresholdParamsView>, Same<RateParams, RateParamsView>, Same<OfflineParams, OfflineParamsView>,
  Same<RuleAction, RuleActionView>] = [true, true, true, true];

export interface RuleInput {
  name: string; deviceTypeCode?: string | null; deviceId?: number | null; kind: RuleSpec['kind']; metric?: string | null;
  params: Record<string, unknown>; matterCode?: string | null; enabled?: boolean;
  /** 联动指令: commands sent to the device when the rule fires */
  actions?: RuleAction[];
}

export const ruleView = (r: any): RuleView => ({
  id: Number(r.id), name: r.name, deviceTypeCode: r.device_type_code, deviceId: r.device_id === null ? null : Number(r.device_id),
  kind: r.kind, metric: r.metric, params: r.params, matterCode: r.matter_code, enabled: r.enabled, actions: r.actions ?? [],
});

export async function listRules(q: Queryable, filter: { deviceType?: string; device?: number }): Promise<RuleList> {
  const rows = await q.query(
    `select * from monitor_rules where ($1::text is null or device_type_code = $1) and ($2::bigint is null or device_id = $2) order by id`,
    [filter.deviceType ?? null, filter.device ?? null]);
  return { items: rows.map(ruleView) };
}

async function checkRule(q: Queryable, input: RuleInput): Promise<void> {
  if (!input.deviceTypeCode === !input.deviceId) throw badRequest('RULE_TARGET', '规则须指定设备类型或单个设备（二选一）');
  const type = input.deviceTypeCode
    ? await q.maybeOne<{ metrics: { key: string }[] }>('select metrics from monitor_device_types where code = $1', [input.deviceTypeCode])
    : await q.maybeOne<{ metrics: { key: string }[] }>(
      'select t.metrics from monitor_devices d join monitor_device_types t on t.code = d.type_code where d.id = $1', [input.deviceId]);
  if (!type) throw badRequest('RULE_TARGET', input.deviceTypeCode ? `设备类型不存在: ${input.deviceTypeCode}` : `设备不存在: ${input.deviceId}`);
  if (input.kind === 'offline') {
    if (input.metric) throw badRequest('INVALID_RULE', '离线规则不针对单个指标');
  } else if (!input.metric || !type.metrics.some((m) => m.key === input.metric)) {
    throw badRequest('UNKNOWN_METRIC', `设备类型没有指标: ${input.metric ?? '（未填写）'}`);
  }
  const problem = ruleProblem(input.kind, input.params);
  if (problem) throw badRequest('INVALID_RULE', problem);
  const actionProblem = actionsProblem(input.actions ?? []);
  if (actionProblem) throw badRequest('INVALID_RULE_ACTION', actionProblem);
  if (input.kind === 'offline' && input.actions?.length) throw badRequest('INVALID_RULE_ACTION', '离线规则不能联动下发指令（设备已离线）');
  if (input.matterCode && !(await q.maybeOne("select 1 from catalog_types where kind = 'matter' and code = $1", [input.matterCode]))) {
    throw badRequest('UNKNOWN_TYPE', `目录中没有该事项类型: ${input.matterCode}`);
  }
}

export async function createRule(tx: Queryable, events: EventBus, actor: Actor, input: RuleInput): Promise<RuleView> {
  await checkRule(tx, input);
  const row = await tx.maybeOne(
    `insert into monitor_rules (name, device_type_code, device_id, kind, metric, params, matter_code, enabled, actions)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
    [input.name, input.deviceTypeCode ?? null, input.deviceId ?? null, input.kind, input.kind === 'offline' ? null : input.metric,
      JSON.stringify(input.params), input.matterCode ?? null, input.enabled ?? true, JSON.stringify(input.actions ?? [])]);
  await audit(tx, actor, { action: 'create', entity: 'monitor_rule', entityId: Number(row!.id), after: ruleView(row) });
  await events.publish(tx, REGISTRY_CHANGED, { what: 'rule' });
  return ruleView(row);
}

export async function updateRule(tx: Queryable, events: EventBus, actor: Actor, id: number, input: RuleInput): Promise<RuleView> {
  const before = await tx.maybeOne('select * from monitor_rules where id = $1 for update', [id]);
  if (!before) throw notFound('告警规则', id);
  await checkRule(tx, input);
  const row = await tx.maybeOne(
    `update monitor_rules set name = $2, device_type_code = $3, device_id = $4, kind = $5, metric = $6, params = $7, matter_code = $8,
       enabled = $9, actions = $10, updated_at = now() where id = $1 returning *`,
    [id, input.name, input.deviceTypeCode ?? null, input.deviceId ?? null, input.kind, input.kind === 'offline' ? null : input.metric,
      JSON.stringify(input.params), input.matterCode ?? null, input.enabled ?? true, JSON.stringify(input.actions ?? [])]);
  await audit(tx, actor, { action: 'update', entity: 'monitor_rule', entityId: id, before: ruleView(before), after: ruleView(row) });
  await events.publish(tx, REGISTRY_CHANGED, { what: 'rule' });
  return ruleView(row);
}

/** Deleting a rule deletes its alarms' history too: refused while one of them became a case (disable it instead). */
export async function deleteRule(tx: Queryable, events: EventBus, actor: Actor, id: number): Promise<void> {
  const before = await tx.maybeOne('select * from monitor_rules where id = $1 for update', [id]);
  if (!before) throw notFound('告警规则', id);
  if (await tx.maybeOne('select 1 from monitor_alarms where rule_id = $1 and case_id is not null', [id])) {
    throw conflict('RULE_HAS_CASES', '该规则的告警已转为案件，不能删除；可改为停用');
  }
  await tx.query('delete from monitor_rules where id = $1', [id]);
  await audit(tx, actor, { action: 'delete', entity: 'monitor_rule', entityId: id, before: ruleView(before) });
  await events.publish(tx, REGISTRY_CHANGED, { what: 'rule' });
}
