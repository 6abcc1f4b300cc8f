// Stage clocks of a case (case_clocks) and their timers: starting, stopping, pausing (挂账), resuming and
// extending (延期) a clock, each time recomputing its deadline and yellow/red instants and (re)scheduling the
// two jobs 'case.clock.yellow' and 'case.clock.red' (one pair per case and clock, by dedupe key).
import type { Queryable } from '../db/types.ts';
import { cancelJobs, REPLACE_PENDING, scheduleJobs } from '../platform/jobs.ts';
import type { WorkingCalendar } from './rules/calendar.ts';
import type { StageClock } from './rules/case-model.ts';
import {
  computeDeadline, lightChangeTimes, remainingMinutes, trafficLight, type Pause, type StageTiming, type TimeLimit, type TrafficLight,
} from './rules/deadline.ts';

export const YELLOW_JOB = 'case.clock.yellow';
export const RED_JOB = 'case.clock.red';
export const jobKey = (caseId: number, clock: string, light: 'yellow' | 'red' | 'remind') => `case:${caseId}:${clock}:${light}`;
/** 紧急案件催办: the repeated reminder of an urgent clock (one job per case and clock that reschedules itself). */
export const REMIND_JOB = 'case.clock.remind';

export interface ClockRow {
  id: number;
  case_id: number;
  clock: StageClock;
  urgent: boolean;
  started_at: Date;
  time_limit: TimeLimit;
  pauses: { from: string; to: string | null }[];
  extensions: TimeLimit[];
  deadline: Date | null;
  yellow_at: Date | null;
  red_at: Date | null;
  yellow_fired_at: Date | null;
  red_fired_at: Date | null;
  stopped_at: Date | null;
  outcome: 'done' | 'cancelled' | null;
  on_time: boolean | null;
}

export function timingOf(c: Pick<ClockRow, 'started_at' | 'time_limit' | 'pauses' | 'extensions'>): StageTiming {
  return {
    start: new Date(c.started_at), limit: c.time_limit, extensions: c.extensions,
    pauses: c.pauses.map((p): Pause => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null })),
  };
}

function normalize(r: any): ClockRow {
  return { ...r, id: Number(r.id), case_id: Number(r.case_id) };
}

export async function runningClock(q: Queryable, caseId: number): Promise<ClockRow | undefined> {
  const r = await q.maybeOne('select * from case_clocks where case_id = $1 and stopped_at is null', [caseId]);
  return r ? normalize(r) : undefined;
}

export async function caseClocks(q: Queryable, caseId: number): Promise<ClockRow[]> {
  return (await q.query('select * from case_clocks where case_id = $1 order by id', [caseId])).map(normalize);
}

function lightTimes(timing: StageTiming, calendar: WorkingCalendar) {
  const deadline = computeDeadline(timing, calendar);
  const { yellowAt, redAt } = lightChangeTimes(timing, calendar);
  return { deadline: deadline?.toISOString() ?? null, yellowAt: yellowAt?.toISOString() ?? null, redAt: redAt?.toISOString() ?? null };
}

/** The clock's two timer jobs: those with an instant are (re)scheduled, the others cancelled. */
function lightJobs(caseId: number, clock: StageClock, yellowAt: string | null, redAt: string | null) {
  const scheduled: { kind: string; dedupeKey: string; runAt: string }[] = [];
  const cancelled: string[] = [];
  for (const [light, at, kind] of [['yellow', yellowAt, YELLOW_JOB], ['red', redAt, RED_JOB]] as const) {
    const key = jobKey(caseId, clock, light);
    if (at) scheduled.push({ kind, dedupeKey: key, runAt: at });
    else cancelled.push(key);
  }
  return { scheduled, cancelled };
}

/** (Re)schedules or cancels the clock's two timer jobs. */
async function scheduleLights(tx: Queryable, row: Pick<ClockRow, 'id' | 'case_id' | 'clock'>, yellowAt: string | null, redAt: string | null) {
  const { scheduled, cancelled } = lightJobs(row.case_id, row.clock, yellowAt, redAt);
  const payload = { caseId: row.case_id, clockId: row.id };
  await scheduleJobs(tx, scheduled.map((j) => ({ ...j, runAt: new Date(j.runAt), payload })));
  await cancelJobs(tx, cancelled);
}

/** Recomputes the clock's deadline and light instants, stores them and (re)schedules or cancels its two jobs. */
async function retime(tx: Queryable, row: ClockRow, calendar: WorkingCalendar): Promise<void> {
  const t = lightTimes(timingOf(row), calendar);
  await tx.query('update case_clocks set deadline = $2, yellow_at = $3, red_at = $4 where id = $1', [row.id, t.deadline, t.yellowAt, t.redAt]);
  await scheduleLights(tx, row, t.yellowAt, t.redAt);
}

/**
 * Starts a clock and schedules its timers in one statement (the jobs carry the new clock's id); an urgent clock also
 * gets its repeated reminder when `reminderMinutes` > 0.
 */
export async function startClock(tx: Queryable, caseId: number, clock: StageClock, urgent: boolean, limit: TimeLimit,
  now: Date, calendar: WorkingCalendar, reminderMinutes = 0): Promise<void> {
  const t = lightTimes({ start: now, limit }, calendar);
  const { scheduled, cancelled } = lightJobs(caseId, clock, t.yellowAt, t.redAt);
  if (urgent && reminderMinutes > 0) {
    scheduled.push({ kind: REMIND_JOB, dedupeKey: jobKey(caseId, clock, 'remind'), runAt: new Date(+now + reminderMinutes * 60_000).toISOString() });
  }
  await tx.query(
    `with started as (
       insert into case_clocks (case_id, clock, urgent, started_at, time_limit, deadline, yellow_at, red_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id)
     insert into jobs (kind, dedupe_key, run_at, payload, max_attempts)
     select j.kind, j."dedupeKey", j."runAt", jsonb_build_object('caseId', $1::bigint, 'clockId', started.id), 5
     from started, json_to_recordset($9::json) as j(kind text, "dedupeKey" text, "runAt" timestamptz)
     ${REPLACE_PENDING}`,
    [caseId, clock, urgent, now.toISOString(), JSON.stringify(limit), t.deadline, t.yellowAt, t.redAt, JSON.stringify(scheduled)]);
  await cancelJobs(tx, cancelled);
}

async function requireRunning(tx: Queryable, caseId: number, clock: StageClock): Promise<ClockRow> {
  const row = await runningClock(tx, caseId);
  if (!row || row.clock !== clock) throw new Error(`case ${caseId}: no running ${clock} clock`);
  return row;
}

export async function stopClock(tx: Queryable, caseId: number, clock: StageClock, outcome: 'done' | 'cancelled', now: Date): Promise<void> {
  const row = await requireRunning(tx, caseId, clock);
  const onTime = outcome === 'done' ? row.deadline === null || +now <= +new Date(row.deadline) : null;
  await tx.query('update case_clocks set stopped_at = $2, outcome = $3, on_time = $4 where id = $1',
    [row.id, now.toISOString(), outcome, onTime]);
  await cancelJobs(tx, [jobKey(caseId, clock, 'yellow'), jobKey(caseId, clock, 'red'), jobKey(caseId, clock, 'remind')]);
}

export async function pauseClock(tx: Queryable, caseId: number, clock: StageClock, now: Date, calendar: WorkingCalendar): Promise<void> {
  const row = await requireRunning(tx, caseId, clock);
  row.pauses = [...row.pauses, { from: now.toISOString(), to: null }];
  await tx.query('update case_clocks set pauses = $2 where id = $1', [row.id, JSON.stringify(row.pauses)]);
  await retime(tx, row, calendar);
}

export async function resumeClock(tx: Queryable, caseId: number, clock: StageClock, now: Date, calendar: WorkingCalendar): Promise<void> {
  const row = await requireRunning(tx, caseId, clock);
  row.pauses = row.pauses.map((p) => (p.to ? p : { ...p, to: now.toISOString() }));
  await tx.query('update case_clocks set pauses = $2 where id = $1', [row.id, JSON.stringify(row.pauses)]);
  await retime(tx, row, calendar);
}

export async function extendClock(tx: Queryable, caseId: number, clock: StageClock, limit: TimeLimit, calendar: WorkingCalendar): Promise<void> {
  const row = await requireRunning(tx, caseId, clock);
  row.extensions = [...row.extensions, limit];
  await tx.query('update case_clocks set extensions = $2 where id = $1', [row.id, JSON.stringify(row.extensions)]);
  await retime(tx, row, calendar);
}

export interface ClockView {
  id: number;
  clock: StageClock;
  urgent: boolean;
  startedAt: string;
  limit: TimeLimit;
  extensions: TimeLimit[];
  pauses: { from: string; to: string | null }[];
  deadline: string | null;
  stoppedAt: string | null;
  outcome: 'done' | 'cancelled' | null;
  onTime: boolean | null;
  /** For a running clock: its traffic light and the minutes left now (negative when overdue). */
  light: TrafficLight | null;
  remainingMinutes: number | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function clockView(row: ClockRow, now: Date, calendar: WorkingCalendar): ClockView {
  const running = row.stopped_at === null;
  const timing = timingOf(row);
  return {
    id: row.id, clock: row.clock, urgent: row.urgent, startedAt: iso(row.started_at)!, limit: row.time_limit,
    extensions: row.extensions, pauses: row.pauses, deadline: iso(row.deadline), stoppedAt: iso(row.stopped_at),
    outcome: row.outcome, onTime: row.on_time,
    light: running ? trafficLight(now, timing, calendar) : null,
    remainingMinutes: running ? Math.round(remainingMinutes(now, timing, calendar)) : null,
  };
}
