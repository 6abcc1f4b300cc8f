// Analysis periods (北京时间 calendar days, inclusive ranges) and their comparison bases: the previous period (环比)
// and the same period a year earlier (同比). Pure.
import { dayKey, parseDayKey } from '../../../command/rules/china-time.ts';

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Days [from, to] as 'YYYY-MM-DD', both included. */
export interface DayRange { from: string; to: string }

const ymd = (key: string) => key.split('-').map(Number) as [number, number, number];
const utcKey = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** Number of days in a range. */
export function rangeDays(r: DayRange): number {
  return parseDayKey(r.to)! - parseDayKey(r.from)! + 1;
}

/** Every day key of a range, oldest first. */
export function daysOf(r: DayRange): string[] {
  const first = parseDayKey(r.from)!;
  return Array.from({ length: rangeDays(r) }, (_, i) => dayKey(first + i));
}

/** The period of `kind` containing `date` (weeks start on Monday). */
export function periodOf(kind: PeriodKind, date: string): DayRange {
  const index = parseDayKey(date);
  if (index === undefined) throw new RangeError(`日期无效：${date}`);
  const [y, m, d] = ymd(date);
  switch (kind) {
    case 'day': return { from: date, to: date };
    case 'week': {
      const monday = index - ((new Date(index * 86_400_000).getUTCDay() + 6) % 7);
      return { from: dayKey(monday), to: dayKey(monday + 6) };
    }
    case 'month': return { from: utcKey(y, m - 1, 1), to: utcKey(y, m, 0) };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) * 3;
      return { from: utcKey(y, q, 1), to: utcKey(y, q + 3, 0) };
    }
    case 'year': return { from: utcKey(y, 0, 1), to: utcKey(y, 11, 31) };
  }
  return { from: date, to: utcKey(y, m - 1, d) };
}

/** Whether a range is exactly one calendar month, quarter or year (so its bases are calendar periods too). */
function calendarKind(r: DayRange): 'month' | 'quarter' | 'year' | null {
  for (const kind of ['year', 'quarter', 'month'] as const) {
    const p = periodOf(kind, r.from);
    if (p.from === r.from && p.to === r.to) return kind;
  }
  return null;
}

/** 环比 base: the previous calendar month/quarter/year, otherwise the equal number of days just before. */
export function previousPeriod(r: DayRange): DayRange {
  const kind = calendarKind(r);
  if (kind) return periodOf(kind, dayKey(parseDayKey(r.from)! - 1));
  const n = rangeDays(r);
  const from = parseDayKey(r.from)!;
  return { from: dayKey(from - n), to: dayKey(from - 1) };
}

/** Shifts a date back a year; 29 February becomes 28 February. */
function yearBefore(key: string): string {
  const [y, m, d] = ymd(key);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return utcKey(y - 1, m - 1, Math.min(d, last));
}

/** 同比 base: the same dates a year earlier (a calendar month stays a whole month). */
export function lastYearPeriod(r: DayRange): DayRange {
  const kind = calendarKind(r);
  if (kind) return periodOf(kind, yearBefore(r.from));
  return { from: yearBefore(r.from), to: yearBefore(r.to) };
}

/** Relative change (current − base) / base; null when the base is 0 or missing. */
export function relativeChange(current: number | null, base: number | null): number | null {
  if (current === null || base === null || base === 0) return null;
  return (current - base) / base;
}

/** A valid range: real dates, from ≤ to, at most `maxDays` long. */
export function checkRange(r: DayRange, maxDays: number): string | null {
  const from = parseDayKey(r.from);
  const to = parseDayKey(r.to);
  if (from === undefined || to === undefined) return `日期无效：${r.from} ~ ${r.to}（格式 YYYY-MM-DD）`;
  if (from > to) return `开始日期 ${r.from} 晚于结束日期 ${r.to}`;
  if (to - from + 1 > maxDays) return `时间范围不能超过 ${maxDays} 天`;
  return null;
}
