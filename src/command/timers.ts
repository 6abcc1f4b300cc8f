// The timer service of the case loop, as JobRunner handlers (jobs are shared by every node and claimed with
// SKIP LOCKED, so each fires once): yellow warning and red overdue, each reminding whoever the case waits on
// (pushed at once for urgent cases); a red 处置 clock also marks the case 超期 and asks for an automatic 督办;
// the automatic 督办 itself; and the push of urgent notifications.
import { SYSTEM_ACTOR } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import { scheduleJob, type JobRow } from '../platform/jobs.ts';
import type { AppContext } from '../server/context.ts';
import { actInTransaction } from './actions.ts';
import { caseState, loadCaseUnchecked, type CaseRow } from './case-record.ts';
import { jobKey, RED_JOB, REMIND_JOB, YELLOW_JOB } from './clocks.ts';
import { publishChange } from './effects.ts';
import { CLOCK_NAMES, type StageClock, type WorkflowRole } from './rules/case-model.ts';
import { allowedActions } from './rules/workflow.ts';
import { defaultChannels, notify, PUSH_JOB, pushHandler } from './notifications.ts';
import { addTimelineEntry } from './timeline.ts';
import { loadWorkflowConfig } from './workflow-config.ts';

export const SUPERVISE_JOB = 'case.supervise';
export const AUTO_SUPERVISE_OPINION = '处置已超期，系统自动督办';

/** The clock the job is about, if it is still running (a stopped clock's job is stale). */
async function runningClock(tx: Queryable, job: JobRow,
): Promise<{ id: number; clock: StageClock; urgent: boolean; startedAt: Date; paused: boolean } | undefined> {
  const row = await tx.maybeOne<{ id: number; clock: StageClock; urgent: boolean; started_at: Date; deadline: Date | null }>(
    'select id, clock, urgent, started_at, deadline from case_clocks where id = $1 and case_id = $2 and stopped_at is null for update',
    [job.payload.clockId, job.payload.caseId]);
  return row && { id: Number(row.id), clock: row.clock, urgent: row.urgent, startedAt: new Date(row.started_at), paused: row.deadline === null };
}

/** 催办提醒 to whoever the case waits on now. */
async function remind(tx: Queryable, row: CaseRow, message: string, urgent: boolean): Promise<void> {
  if (!row.waiting_role) return;
  const waitingOn = {
    role: row.waiting_role as WorkflowRole, regionCode: row.waiting_region_code, userId: row.waiting_user_id,
    departmentIds: row.waiting_department_id === null ? [] : [row.waiting_department_id],
  };
  await notify(tx, row, { kind: 'waiting', waitingOn }, message, urgent);
}

async function onYellow(events: EventBus, job: JobRow, tx: Queryable): Promise<void> {
  const clock = await runningClock(tx, job);
  if (!clock) return;
  await tx.query('update case_clocks set yellow_fired_at = now() where id = $1', [clock.id]);
  const row = await loadCaseUnchecked(tx, job.payload.caseId);
  if (!row) return;
  await remind(tx, row, `黄灯预警：${CLOCK_NAMES[clock.clock]}即将超时，请尽快办理`, clock.urgent);
  await publishChange(tx, events, row.id, 'yellow');
}

async function onRed(events: EventBus, job: JobRow, tx: Queryable): Promise<void> {
  const clock = await runningClock(tx, job);
  if (!clock) return;
  await tx.query('update case_clocks set red_fired_at = now() where id = $1', [clock.id]);
  const row = await loadCaseUnchecked(tx, job.payload.caseId, true);
  if (!row) return;
  await remind(tx, row, `红灯：${CLOCK_NAMES[clock.clock]}已超时`, clock.urgent);
  if (clock.clock === 'handle' && !row.overdue) {
    await tx.query('update cases set overdue = true, version = version + 1, updated_at = now() where id = $1', [row.id]);
    await addTimelineEntry(tx, row.id, SYSTEM_ACTOR, {
      action: 'overdue', fromStage: row.stage, toStage: row.stage, opinion: `${CLOCK_NAMES[clock.clock]}超期`,
    }, new Date());
    await scheduleJob(tx, { kind: SUPERVISE_JOB, dedupeKey: `case:${row.id}:supervise`, payload: { caseId: row.id } });
  }
  await publishChange(tx, events, row.id, 'red');
}

/**
 * 紧急案件催办: while an urgent clock runs, remind (pushed) whoever the case waits on, then reschedule this same job —
 * a handler that schedules its own dedupe key leaves the job pending at the new time instead of done.
 */
async function onRemind(events: EventBus, job: JobRow, tx: Queryable): Promise<void> {
  const clock = await runningClock(tx, job);
  if (!clock || !clock.urgent) return;
  const minutes = (await loadWorkflowConfig(tx)).urgentReminderMinutes;
  if (minutes <= 0) return;
  const row = await loadCaseUnchecked(tx, job.payload.caseId);
  if (!row) return;
  if (!clock.paused) {
    const used = Math.round((Date.now() - +clock.startedAt) / 60_000);
    await remind(tx, row, `紧急案件催办：${CLOCK_NAMES[clock.clock]}已用时 ${used} 分钟，请立即办理`, true);
  }
  await scheduleJob(tx, { kind: REMIND_JOB, dedupeKey: jobKey(row.id, clock.clock, 'remind'),
    runAt: new Date(Date.now() + minutes * 60_000), payload: job.payload });
}

async function onSupervise(events: EventBus, job: JobRow, tx: Queryable): Promise<void> {
  const row = await loadCaseUnchecked(tx, job.payload.caseId, true);
  if (!row) return;
  const allowed = allowedActions(await caseState(tx, row), SYSTEM_ACTOR, await loadWorkflowConfig(tx));
  if (!allowed.includes('supervise')) return;   // closed or voided meanwhile
  await actInTransaction(tx, events, SYSTEM_ACTOR, row.id, 'supervise', { version: row.version, opinion: AUTO_SUPERVISE_OPINION });
}

export function registerCommandJobs(ctx: Pick<AppContext, 'jobs' | 'events' | 'log'>): void {
  ctx.jobs.register(PUSH_JOB, pushHandler(defaultChannels(ctx.log)));
  ctx.jobs.register(YELLOW_JOB, (job, tx) => onYellow(ctx.events, job, tx));
  ctx.jobs.register(RED_JOB, (job, tx) => onRed(ctx.events, job, tx));
  ctx.jobs.register(REMIND_JOB, (job, tx) => onRemind(ctx.events, job, tx));
  ctx.jobs.register(SUPERVISE_JOB, (job, tx) => onSupervise(ctx.events, job, tx));
}
