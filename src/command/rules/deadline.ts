// 时限: a stage's deadline from its start, its limit, approved extensions (延期) and suspensions (挂账), plus the
// traffic light (绿/黄/红灯). Pure and deterministic: "now" is always a parameter.
//
// Units and their clocks:
//   urgent_hours  紧急小时 — continuous clock, nights and holidays count;
//   natural_days  自然日   — continuous clock, N × 24 h from the start (not "end of the Nth day");
//   working_hours 工作时   — working clock (working periods of working days only);
//   working_days  工作日   — working clock, N × the working-day length (1 工作日 = 8 工作时 by default);
//   minutes       分钟     — working clock, in minutes (for short 核实/核查 limits; use urgent_hours for a
//                            continuous short limit, e.g. 0.5 紧急小时 = 30 minutes round the clock).
// Pauses stop every clock for their duration; a pause without `to` is still running (the case is 挂账 now).
// Extensions are applied one after another from the previous deadline, each in its own unit's clock.
import type { WorkingCalendar } from './calendar.ts';
import { HOUR_MS, MINUTE_MS, DAY_MS } from './china-time.ts';

export const LIMIT_UNITS = ['urgent_hours', 'working_hours', 'working_days', 'natural_days', 'minutes'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export interface TimeLimit { amount: number; unit: LimitUnit }
export interface Pause { from: Date; to?: Date | null }

export const LIMIT_UNIT_NAMES: Record<LimitUnit, string> = {
  urgent_hours: '紧急小时',
  working_hours: '工作时',
  working_days: '工作日',
  natural_days: '自然日',
  minutes: '分钟',
};

/** One stage's clock: when it started, its limit, approved extensions and 挂账 pauses. */
export interface StageTiming {
  start: Date;
  limit: TimeLimit;
  extensions?: readonly TimeLimit[];
  pauses?: readonly Pause[];
}

export type TrafficLight = 'green' | 'yellow' | 'red';
/** Fractions of the limit: yellow from `yellow` (inclusive), red beyond `red`. */
export interface LightThresholds { yellow: number; red: number }
export const DEFAULT_THRESHOLDS: LightThresholds = { yellow: 0.8, red: 1 };

/** What is wrong with a limit, in Chinese, or null when it is usable. */
export function limitProblem(limit: TimeLimit): string | null {
  if (!LIMIT_UNITS.includes(limit.unit)) return `时限单位无效: ${String(limit.unit)}`;
  if (typeof limit.amount !== 'number' || !Number.isFinite(limit.amount) || limit.amount <= 0) return '时限必须是大于 0 的数';
  return null;
}

/** '3 工作日', '0.5 紧急小时'. */
export function formatLimit(limit: TimeLimit): string {
  return `${limit.amount} ${LIMIT_UNIT_NAMES[limit.unit]}`;
}

/** The deadline, or null while an open pause (挂账 not yet resumed) stops the clock before the time runs out. */
export function computeDeadline(timing: StageTiming, calendar: WorkingCalendar): Date | null {
  const ms = deadlineMs(timing, calendar, normalizePauses(timing.pauses ?? []));
  return ms === null ? null : new Date(ms);
}

/** Share of the (extended) limit used at `now`, pauses excluded: 0 at the start, 1 at the deadline, > 1 overdue.
 *  Measured in the clock of the stage's own limit unit. An open pause is treated as ending at `now`. */
export function elapsedFraction(now: Date, timing: StageTiming, calendar: WorkingCalendar): number {
  const { clock, pauses, total } = measured(now, timing, calendar);
  return Math.max(0, active(clock, +timing.start, +now, pauses)) / total;
}

/** Time left until the deadline in minutes of the limit's own clock (工作分钟 for working units, clock minutes for
 *  continuous ones); negative once overdue. Frozen while the case is 挂账. */
export function remainingMinutes(now: Date, timing: StageTiming, calendar: WorkingCalendar): number {
  const { clock, pauses, deadline } = measured(now, timing, calendar);
  return active(clock, +now, deadline, pauses) / MINUTE_MS;
}

export function trafficLight(now: Date, timing: StageTiming, calendar: WorkingCalendar,
  thresholds: LightThresholds = DEFAULT_THRESHOLDS): TrafficLight {
  checkThresholds(thresholds);
  const f = elapsedFraction(now, timing, calendar);
  if (f > thresholds.red) return 'red';
  return f >= thresholds.yellow ? 'yellow' : 'green';
}

/** When the light turns yellow (fraction reaches `yellow`) and red (fraction passes `red`; red for any instant after
 *  redAt), for the timer service; both null while an open pause stops the clock. */
export function lightChangeTimes(timing: StageTiming, calendar: WorkingCalendar,
  thresholds: LightThresholds = DEFAULT_THRESHOLDS): { yellowAt: Date | null; redAt: Date | null } {
  checkThresholds(thresholds);
  const pauses = normalizePauses(timing.pauses ?? []);
  const deadline = deadlineMs(timing, calendar, pauses);
  if (deadline === null) return { yellowAt: null, redAt: null };
  const clock = clockFor(timing.limit.unit, calendar);
  const total = active(clock, +timing.start, deadline, pauses);
  const at = (fraction: number) => {
    const ms = advance(clock, +timing.start, fraction * total, pauses);
    return ms === null ? null : new Date(ms);
  };
  return { yellowAt: at(thresholds.yellow), redAt: thresholds.red === 1 ? new Date(deadline) : at(thresholds.red) };
}

// ---- clocks ----

interface Clock {
  add(from: number, ms: number): number;
  between(a: number, b: number): number;
}

const CONTINUOUS: Clock = { add: (from, ms) => from + Math.round(ms), between: (a, b) => b - a };

function clockFor(unit: LimitUnit, calendar: WorkingCalendar): Clock {
  if (unit === 'urgent_hours' || unit === 'natural_days') return CONTINUOUS;
  return { add: (from, ms) => calendar.addWorkingMs(from, ms), between: (a, b) => calendar.workingMsBetween(a, b) };
}

function budgetMs(limit: TimeLimit, calendar: WorkingCalendar): number {
  const problem = limitProblem(limit);
  if (problem) throw new RangeError(problem);
  switch (limit.unit) {
    case 'urgent_hours': case 'working_hours': return limit.amount * HOUR_MS;
    case 'natural_days': return limit.amount * DAY_MS;
    case 'working_days': return limit.amount * calendar.workingDayMinutes * MINUTE_MS;
    case 'minutes': return limit.amount * MINUTE_MS;
  }
}

/** Pauses as sorted, merged [from, to) intervals; an open pause ends at +Infinity. */
function normalizePauses(pauses: readonly Pause[]): [number, number][] {
  const spans = pauses.map((p): [number, number] => {
    const to = p.to == null ? Infinity : +p.to;
    if (!(to >= +p.from)) throw new RangeError('挂账结束时间早于开始时间');
    return [+p.from, to];
  }).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/** The instant after `amount` ms of the clock from `from`, skipping pauses; null if an open pause comes first. */
function advance(clock: Clock, from: number, amount: number, pauses: readonly [number, number][]): number | null {
  let cursor = from;
  let left = amount;
  for (const [ps, pe] of pauses) {
    if (pe <= cursor) continue;
    if (ps > cursor) {
      const end = clock.add(cursor, left);
      if (end <= ps) return end;
      left -= clock.between(cursor, ps);
    }
    if (pe === Infinity) return null;
    cursor = pe;
  }
  return clock.add(cursor, left);
}

/** Clock time in [a, b) outside pauses; negative when b is before a. */
function active(clock: Clock, a: number, b: number, pauses: readonly [number, number][]): number {
  if (b < a) return -active(clock, b, a, pauses);
  let total = clock.between(a, b);
  for (const [ps, pe] of pauses) {
    const s = Math.max(a, ps);
    const e = Math.min(b, pe);
    if (e > s) total -= clock.between(s, e);
  }
  return total;
}

function deadlineMs(timing: StageTiming, calendar: WorkingCalendar, pauses: readonly [number, number][]): number | null {
  let deadline = advance(clockFor(timing.limit.unit, calendar), +timing.start, budgetMs(timing.limit, calendar), pauses);
  for (const extension of timing.extensions ?? []) {
    if (deadline === null) return null;
    deadline = advance(clockFor(extension.unit, calendar), deadline, budgetMs(extension, calendar), pauses);
  }
  return deadline;
}

/** The stage measured as if an open pause ended at `now`: its clock, pauses, deadline and total length. */
function measured(now: Date, timing: StageTiming, calendar: WorkingCalendar) {
  const closed = (timing.pauses ?? []).flatMap((p): Pause[] =>
    p.to != null ? [p] : +p.from < +now ? [{ from: p.from, to: now }] : []);
  const pauses = normalizePauses(closed);
  const deadline = deadlineMs(timing, calendar, pauses)!;
  const clock = clockFor(timing.limit.unit, calendar);
  return { clock, pauses, deadline, total: active(clock, +timing.start, deadline, pauses) };
}

function checkThresholds(t: LightThresholds): void {
  if (!(t.yellow > 0 && t.yellow <= t.red && Number.isFinite(t.red))) throw new RangeError('红黄灯阈值无效: 须 0 < 黄灯 ≤ 红灯');
}
