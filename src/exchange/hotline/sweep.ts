// 办结反馈巡检: a job that runs every minute on one node (the job table's SKIP LOCKED) and schedules the feedback of
// transferred orders whose case ended without one — cases closed while no node listened or whose case.changed event
// was lost — and of pending orders whose callback job is gone (failed in the runner). The event path stays the fast
// one; the conditional update none → pending keeps the two from scheduling twice.
import type { Queryable } from '../../db/types.ts';
import { TERMINAL_STAGES } from '../../command/rules/case-model.ts';
import { ensureRecurringJob, scheduleJob, type JobRow } from '../../platform/jobs.ts';
import type { AppContext } from '../../server/context.ts';
import { CALLBACK_JOB, scheduleCallback } from './callback.ts';

export const SWEEP_JOB = 'hotline.sweep';
const SWEEP_KEY = 'hotline:sweep';
const EVERY_MS = 60_000;
const BATCH = 200;

/** Schedules the missing callbacks; returns the order ids it took up. */
export async function sweepCallbacks(tx: Queryable): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `update hotline_orders set callback_status = 'pending' where id in (
       select o.id from hotline_orders o join cases c on c.id = o.case_id
       where o.case_id is not null and c.stage = any($1) and (o.callback_status = 'none' or (o.callback_status = 'pending'
         and not exists (select 1 from jobs j where j.dedupe_key = 'hotline:callback:' || o.id and j.kind = $2 and j.status in ('pending', 'running'))))
       order by o.id limit $3
       for update of o skip locked)
     returning id`, [[...TERMINAL_STAGES], CALLBACK_JOB, BATCH]);
  for (const r of rows) await scheduleCallback(tx, Number(r.id));
  return rows.map((r) => Number(r.id));
}

export function registerCallbackSweep(ctx: Pick<AppContext, 'jobs'>): void {
  ctx.jobs.register(SWEEP_JOB, async (_job: JobRow, tx) => {
    await sweepCallbacks(tx);
    // the same row runs again in a minute (its dedupe key makes it the one pending sweep)
    await scheduleJob(tx, { kind: SWEEP_JOB, dedupeKey: SWEEP_KEY, runAt: new Date(Date.now() + EVERY_MS) });
  });
}

/** Makes sure one sweep is pending (idempotent across nodes and restarts). */
export async function ensureCallbackSweep(q: Queryable): Promise<void> {
  await ensureRecurringJob(q, SWEEP_JOB, SWEEP_KEY);
}
