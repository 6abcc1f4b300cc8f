// 立结案标准: per component/matter type the 立案条件, 结案条件 and a time limit per stage clock (ordinary and
// urgent). Defaults are seeded for every catalogue type; administrators edit them, every change kept in history.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { CLOCKS, type StageClock } from './rules/case-model.ts';
import { limitProblem, type TimeLimit } from './rules/deadline.ts';
import type { CaseLimitsView } from './views.ts';

export type ClockLimits = Record<StageClock, TimeLimit>;
export type CaseKind = 'component' | 'matter';

export type CaseLimits = CaseLimitsView;

const L = (amount: number, unit: TimeLimit['unit']): TimeLimit => ({ amount, unit });

/** Hazards handled within hours even when not marked urgent: open wells, collapses, leaks, bursts. */
const HAZARD = /井盖|塌陷|破裂|泄漏|泄露|爆管|积水|倒伏|危险|火/;
/** Work that takes planning or enforcement steps. */
const COMPLEX = /违法建设|违章建|违建|私搭乱建|施工|拆除|占用河道|桥|隧道/;

/** 处置 limit of a type by its category: hazards 2 紧急小时, ordinary 1–3 工作日, complex 5–10 工作日. */
function handleLimit(typeCode: string, name: string): TimeLimit {
  if (HAZARD.test(name)) return L(2, 'urgent_hours');
  if (/违法建设|违章建|违建|私搭乱建/.test(name)) return L(10, 'working_days');
  if (COMPLEX.test(name)) return L(5, 'working_days');
  switch (typeCode.slice(0, 2)) {
    case '06': case '09': return L(1, 'working_days');   // 市容环境, 街面秩序
    case '07': case '10': return L(3, 'working_days');   // 宣传广告, 其他
    case '08': return L(5, 'working_days');              // 施工管理
    default: return L(2, 'working_days');                // 〈部件〉异常
  }
}

/** The seeded standard of one catalogue type. */
export function defaultLimits(kind: CaseKind, typeCode: string, name: string): CaseLimits {
  const hazard = HAZARD.test(name);
  return {
    kind, typeCode,
    filingCondition: `${name}：经核实存在缺失、破损、污损、占用或影响通行、市容和安全的问题，属于本市受理范围`,
    closingCondition: `${name}：问题已处置，现场恢复正常，处置后照片与上报位置一致`,
    limits: {
      accept: L(hazard ? 15 : 30, 'minutes'), verify: L(hazard ? 30 : 60, 'minutes'), file: L(30, 'minutes'),
      dispatch: L(30, 'minutes'), handle: handleLimit(typeCode, name), check: L(hazard ? 30 : 120, 'minutes'),
      close: L(2, 'working_hours'),
    },
    urgentLimits: {
      accept: L(0.25, 'urgent_hours'), verify: L(0.5, 'urgent_hours'), file: L(0.25, 'urgent_hours'),
      dispatch: L(0.25, 'urgent_hours'), handle: L(hazard ? 1 : 2, 'urgent_hours'), check: L(0.5, 'urgent_hours'),
      close: L(1, 'urgent_hours'),
    },
    duplicateRadiusM: 50,
    duplicateWindowHours: 72,
  };
}

/** Gives every catalogue type without a standard its default one (idempotent; run at start). */
export async function seedCaseLimits(q: Queryable): Promise<number> {
  const missing = await q.query<{ kind: CaseKind; code: string; name: string }>(
    `select t.kind, t.code, t.name from catalog_types t
     where not exists (select 1 from case_limits l where l.kind = t.kind and l.type_code = t.code)`);
  if (missing.length === 0) return 0;
  const rows = missing.map((t) => toRow(defaultLimits(t.kind, t.code, t.name)));
  await q.query(
    `insert into case_limits (kind, type_code, filing_condition, closing_condition, limits, urgent_limits, duplicate_radius_m, duplicate_window_hours)
     select kind, type_code, filing_condition, closing_condition, limits, urgent_limits, duplicate_radius_m, duplicate_window_hours
     from json_populate_recordset(null::case_limits, $1::json) on conflict do nothing`, [JSON.stringify(rows)]);
  return missing.length;
}

function toRow(l: CaseLimits) {
  return { kind: l.kind, type_code: l.typeCode, filing_condition: l.filingCondition, closing_condition: l.closingCondition,
    limits: l.limits, urgent_limits: l.urgentLimits, duplicate_radius_m: l.duplicateRadiusM, duplicate_window_hours: l.duplicateWindowHours };
}

function fromRow(r: any): CaseLimits {
  return { kind: r.kind, typeCode: r.type_code, filingCondition: r.filing_condition, closingCondition: r.closing_condition,
    limits: r.limits, urgentLimits: r.urgent_limits, duplicateRadiusM: Number(r.duplicate_radius_m),
    duplicateWindowHours: Number(r.duplicate_window_hours) };
}

/** The standard of a type; a type added after the last seeding gets its default. */
export async function getCaseLimits(q: Queryable, kind: CaseKind, typeCode: string): Promise<CaseLimits> {
  const row = await q.maybeOne('select * from case_limits where kind = $1 and type_code = $2', [kind, typeCode]);
  if (row) return fromRow(row);
  const type = await q.maybeOne<{ name: string }>('select name from catalog_types where kind = $1 and code = $2', [kind, typeCode]);
  if (!type) throw notFound('案件类型', `${kind} ${typeCode}`);
  return defaultLimits(kind, typeCode, type.name);
}

export async function listCaseLimits(q: Queryable, kind?: CaseKind): Promise<(CaseLimits & { typeName: string })[]> {
  const rows = await q.query(
    `select l.*, t.name as type_name from case_limits l join catalog_types t on t.kind = l.kind and t.code = l.type_code
     where ($1::text is null or l.kind = $1) order by l.kind, l.type_code`, [kind ?? null]);
  return rows.map((r) => ({ ...fromRow(r), typeName: r.type_name }));
}

export interface LimitsPatch {
  filingCondition?: string;
  closingCondition?: string;
  limits?: Partial<ClockLimits>;
  urgentLimits?: Partial<ClockLimits>;
  duplicateRadiusM?: number;
  duplicateWindowHours?: number;
}

function checkClockLimits(patch: Partial<ClockLimits> | undefined, what: string): void {
  for (const [clock, limit] of Object.entries(patch ?? {})) {
    if (!(CLOCKS as readonly string[]).includes(clock)) throw badRequest('INVALID_LIMIT', `${what}中的环节无效: ${clock}`);
    const problem = limitProblem(limit as TimeLimit);
    if (problem) throw badRequest('INVALID_LIMIT', `${what}（${clock}）：${problem}`);
  }
}

/** Administrator edit of one type's standard, with a history row and an audit entry in the same transaction. */
export async function updateCaseLimits(tx: Queryable, actor: Actor, kind: CaseKind, typeCode: string, patch: LimitsPatch): Promise<CaseLimits> {
  checkClockLimits(patch.limits, '时限');
  checkClockLimits(patch.urgentLimits, '紧急时限');
  const before = await getCaseLimits(tx, kind, typeCode);
  await tx.query('select 1 from case_limits where kind = $1 and type_code = $2 for update', [kind, typeCode]);
  const after: CaseLimits = {
    ...before,
    filingCondition: patch.filingCondition ?? before.filingCondition,
    closingCondition: patch.closingCondition ?? before.closingCondition,
    limits: { ...before.limits, ...patch.limits },
    urgentLimits: { ...before.urgentLimits, ...patch.urgentLimits },
    duplicateRadiusM: patch.duplicateRadiusM ?? before.duplicateRadiusM,
    duplicateWindowHours: patch.duplicateWindowHours ?? before.duplicateWindowHours,
  };
  const row = toRow(after);
  await tx.query(
    `insert into case_limits (kind, type_code, filing_condition, closing_condition, limits, urgent_limits,
       duplicate_radius_m, duplicate_window_hours, updated_at, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)
     on conflict (kind, type_code) do update set filing_condition = excluded.filing_condition,
       closing_condition = excluded.closing_condition, limits = excluded.limits, urgent_limits = excluded.urgent_limits,
       duplicate_radius_m = excluded.duplicate_radius_m, duplicate_window_hours = excluded.duplicate_window_hours,
       updated_at = now(), updated_by = excluded.updated_by`,
    [kind, typeCode, row.filing_condition, row.closing_condition, JSON.stringify(row.limits), JSON.stringify(row.urgent_limits),
      row.duplicate_radius_m, row.duplicate_window_hours, actor.kind === 'user' ? actor.id : null]);
  await tx.query('insert into case_limits_history (kind, type_code, before, after, changed_by) values ($1, $2, $3, $4, $5)',
    [kind, typeCode, JSON.stringify(before), JSON.stringify(after), actor.kind === 'user' ? actor.id : null]);
  await audit(tx, actor, { action: 'update', entity: 'case_limits', entityId: `${kind}:${typeCode}`, before, after });
  return after;
}

export async function caseLimitsHistory(q: Queryable, kind: CaseKind, typeCode: string) {
  const rows = await q.query('select * from case_limits_history where kind = $1 and type_code = $2 order by id desc', [kind, typeCode]);
  return rows.map((r) => ({ id: Number(r.id), before: r.before, after: r.after, changedAt: new Date(r.changed_at).toISOString(),
    changedBy: r.changed_by === null ? null : Number(r.changed_by) }));
}
