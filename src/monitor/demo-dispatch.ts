// 示范告警派遣: the demo city's confirmed alarm becomes a case through the real path (告警 → 派遣 → intake, type from the
// watched component, 权责清单 routing) the first time a node runs jobs. The demo is seeded in one transaction without
// the app; a case needs the app's intake, so the seeding leaves this one-shot job behind.
import { actorForUser } from '../admin/auth.ts';
import type { Queryable } from '../db/types.ts';
import { scheduleJob, type JobRow } from '../platform/jobs.ts';
import type { AppContext } from '../server/context.ts';
import { actOnAlarm } from './alarms.ts';

export const DEMO_DISPATCH_JOB = 'monitor.demo-dispatch';

interface DispatchPlan { alarmIds: number[]; username: string; note: string }

/** Leaves the dispatch of `alarmIds` by `username` to the first node that runs jobs. */
export async function scheduleDemoDispatch(tx: Queryable, plan: DispatchPlan): Promise<void> {
  if (plan.alarmIds.length === 0) return;
  await scheduleJob(tx, { kind: DEMO_DISPATCH_JOB, dedupeKey: 'monitor:demo-dispatch', payload: plan });
}

export function registerDemoDispatchJob(ctx: AppContext): void {
  ctx.jobs.register(DEMO_DISPATCH_JOB, async (job: JobRow, tx) => {
    const plan = job.payload as DispatchPlan;
    const user = await tx.maybeOne<Parameters<typeof actorForUser>[1]>('select * from users where username = $1 and active', [plan.username]);
    if (!user) return;   // the demo's users were replaced: nothing to do
    const actor = await actorForUser(tx, user);
    // the case's intake and the alarm's change run in transactions of their own, after this job's
    return async () => {
      for (const id of plan.alarmIds) {
        const alarm = await ctx.db.maybeOne<{ status: string }>('select status from monitor_alarms where id = $1', [id]);
        if (alarm?.status === 'confirmed') await actOnAlarm(ctx, actor, id, 'dispatch', plan.note);
      }
    };
  });
}
