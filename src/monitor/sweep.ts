// 离线巡检与数据清理: a job that runs every minute on one node (the job table's SKIP LOCKED): raises offline alarms
// for devices silent longer than their offline rule allows, and deletes readings past their retention (hourly).
import type { Queryable } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import { ensureRecurringJob, scheduleJob, type JobRow } from '../platform/jobs.ts';
import type { AppContext } from '../server/context.ts';
import { applyRuleChange, type AlarmDevice, type AlarmRule } from './alarms.ts';
import { isOffline, type OfflineParams } from './rules/alarm-rules.ts';
import { applyRetention } from './store.ts';

export const SWEEP_JOB = 'monitor.sweep';
const SWEEP_KEY = 'monitor:sweep';
const EVERY_MS = 60_000;

/** Devices whose effective offline rule finds them silent, without an active alarm of that rule yet. */
export async function raiseOfflineAlarms(tx: Queryable, events: EventBus, now: Date): Promise<number> {
  const rows = await tx.query(
    `select d.id, d.code, d.name, d.type_code, d.grid_code, d.lon, d.lat, d.department_id, d.component_id, d.last_seen_at, d.created_at,
       r.id as rule_id, r.name as rule_name, r.params
     from monitor_devices d join monitor_rules r on r.enabled and r.kind = 'offline'
       and (r.device_id = d.id or (r.device_type_code = d.type_code
         and not exists (select 1 from monitor_rules own where own.device_id = d.id and own.kind = 'offline' and own.enabled)))
     where d.enabled
       and not exists (select 1 from monitor_alarms a where a.device_id = d.id and a.rule_id = r.id and a.status in ('raised', 'confirmed', 'dispatched'))
       and coalesce(d.last_seen_at, d.created_at) < $1::timestamptz - (r.params->>'minutes')::float8 * interval '1 minute'`,
    [now.toISOString()]);
  let raised = 0;
  for (const r of rows) {
    const params = r.params as OfflineParams;
    if (!isOffline(params, r.last_seen_at ? +new Date(r.last_seen_at) : null, +new Date(r.created_at), +now)) continue;
    const device: AlarmDevice = { id: Number(r.id), code: r.code, name: r.name, gridCode: r.grid_code, lon: Number(r.lon), lat: Number(r.lat),
      departmentId: r.department_id === null ? null : Number(r.department_id), units: {} };
    const rule: AlarmRule = { id: Number(r.rule_id), name: r.rule_name, kind: 'offline', metric: null };
    await applyRuleChange(tx, events, device, rule, { kind: 'raise', level: params.level }, null);
    raised++;
  }
  return raised;
}

export function registerSweepJob(ctx: Pick<AppContext, 'jobs' | 'events'>): void {
  ctx.jobs.register(SWEEP_JOB, async (job: JobRow, tx) => {
    const now = new Date();
    await raiseOfflineAlarms(tx, ctx.events, now);
    const lastRetention = Number(job.payload?.lastRetention ?? 0);
    const retentionDue = +now - lastRetention >= 3_600_000;
    if (retentionDue) await applyRetention(tx, now);
    // the same row runs again in a minute (its dedupe key makes it the one pending sweep)
    await scheduleJob(tx, { kind: SWEEP_JOB, dedupeKey: SWEEP_KEY, runAt: new Date(+now + EVERY_MS),
      payload: { lastRetention: retentionDue ? +now : lastRetention } });
  });
}

/** Makes sure one sweep is pending (idempotent across nodes and restarts). */
export async function ensureSweep(q: Queryable): Promise<void> {
  await ensureRecurringJob(q, SWEEP_JOB, SWEEP_KEY);
}
