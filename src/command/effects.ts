// Carries out the effects of an allowed workflow step inside its transaction: stage clocks and their timers,
// in-app notifications, merging a duplicate into its target, and the 'case.changed' event every node hears after the commit.
// Evaluation counters need nothing here: the counting job adds the timeline to the rollup by the same rules (counts.ts).
import type { Queryable } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import { extendClock, pauseClock, resumeClock, startClock, stopClock } from './clocks.ts';
import { notify } from './notifications.ts';
import { loadWorkflowConfig } from './workflow-config.ts';
import type { Effect } from './rules/outcome.ts';
import { cachedCalendar, cachedLimits } from './settings-cache.ts';
import type { CaseRow } from './case-record.ts';

export const CASE_CHANGED = 'case.changed';

export async function applyEffects(tx: Queryable, events: EventBus, row: Pick<CaseRow, 'id' | 'case_no' | 'kind' | 'type_code'>,
  effects: readonly Effect[], now: Date): Promise<void> {
  const needsTime = effects.some((e) => e.type.endsWith('_clock'));
  const calendar = needsTime ? await cachedCalendar(events, tx) : undefined;
  const limits = effects.some((e) => e.type === 'start_clock') ? await cachedLimits(events, tx, row.kind, row.type_code) : undefined;
  const reminderMinutes = effects.some((e) => e.type === 'start_clock' && e.urgent)
    ? (await loadWorkflowConfig(tx)).urgentReminderMinutes : 0;
  for (const e of effects) {
    switch (e.type) {
      case 'start_clock':
        await startClock(tx, row.id, e.clock, e.urgent, (e.urgent ? limits!.urgentLimits : limits!.limits)[e.clock], now, calendar!,
          reminderMinutes);
        break;
      case 'stop_clock': await stopClock(tx, row.id, e.clock, e.outcome, now); break;
      case 'pause_clock': await pauseClock(tx, row.id, e.clock, now, calendar!); break;
      case 'resume_clock': await resumeClock(tx, row.id, e.clock, now, calendar!); break;
      case 'extend_clock': await extendClock(tx, row.id, e.clock, e.limit, calendar!); break;
      case 'merge_into': await mergeInto(tx, row.id, e.caseId); break;
      case 'notify': await notify(tx, row, e.to, e.message, e.urgent); break;
      case 'count': break;
    }
  }
}

/** 合并: the duplicate's reporters and photos join the target case (both cases keep their timelines). */
async function mergeInto(tx: Queryable, from: number, into: number): Promise<void> {
  await tx.query(
    `insert into case_reporters (case_id, user_id, name, phone, source, reported_at)
     select $2, user_id, name, phone, source, reported_at from case_reporters where case_id = $1`, [from, into]);
  await tx.query(
    `insert into case_media (case_id, hash, phase, added_at)
     select $2, hash, phase, added_at from case_media where case_id = $1 on conflict do nothing`, [from, into]);
  await tx.query('update cases set version = version + 1, updated_at = now() where id = $1', [into]);
}

/** What every node hears after a case changes (the live queues and caches listen to it). */
export interface CaseChange {
  id: number;
  caseNo: string;
  gridCode: string;
  /** 主办, 协办 and waiting departments after the change. */
  departmentIds: number[];
  stage: string;
  action: string;
}

/** Publishes the case as it is now in the transaction (read back, so departments reflect the change). */
export async function publishChange(tx: Queryable, events: EventBus, caseId: number, action: string): Promise<void> {
  const r = await tx.maybeOne<{ case_no: string; grid_code: string; stage: string; departments: number[] }>(
    `select case_no, grid_code, stage, array_remove(array[lead_department_id, waiting_department_id] || assist_department_ids, null) as departments
     from cases where id = $1`, [caseId]);
  const change: CaseChange = { id: caseId, caseNo: r!.case_no, gridCode: r!.grid_code, departmentIds: [...new Set(r!.departments.map(Number))],
    stage: r!.stage, action };
  await events.publish(tx, CASE_CHANGED, change);
}
