// 工作日历: working periods, weekends, 法定节假日 and 调休 days, and the working-time arithmetic built on them.
// Pure: all instants are JS Dates and every day is a China calendar day (北京时间), whatever the machine's zone.
//
// Which days are working days, first match wins:
//   1. an administrator-entered day (extraDays): 'holiday' = rest, 'workday' = working (overrides everything,
//      so it also corrects official data and carries years the package does not have, 2027 onwards);
//   2. the official data (chinese-days, 2004–2026): holiday rest days and 调休 working weekend days;
//   3. otherwise Monday–Friday work, Saturday and Sunday rest. A year with neither official nor administrator
//      data is therefore computed with weekends only and no holidays; hasOfficialData(year) tells the admin UI
//      to warn.
import { badRequest } from '../../platform/errors.ts';
import {
  chinaDayIndex, dayKey, dayStartMs, DAY_MS, MINUTE_MS, parseClockTime, parseDayKey, weekdayOf,
} from './china-time.ts';
import { CHINESE_DAYS, type OfficialDays } from './official-days.ts';

export interface WorkingPeriod { start: string; end: string }   // 'HH:MM', end may be '24:00'
export interface ExtraDay { date: string; kind: 'holiday' | 'workday'; name?: string }
export interface CalendarConfig { periods?: readonly WorkingPeriod[]; extraDays?: readonly ExtraDay[] }

export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriod[] = [
  { start: '08:00', end: '12:00' },
  { start: '14:00', end: '18:00' },
];

export interface DayInfo {
  date: string;
  working: boolean;
  /** Holiday name (国庆节, 春节 …), the administrator's name, or null for an ordinary day. */
  name: string | null;
  source: 'administrator' | 'official' | 'weekly';
}

/** How a year's days are known: official data, administrator-entered days only, or nothing but weekends. */
export type YearCoverage = 'official' | 'administrator' | 'weekends_only';

/** Longest span searched for working time (about 100 years) before giving up on a calendar with none. */
const MAX_DAYS_SCANNED = 36_600;

/** Problems with a calendar configuration, in Chinese; empty when it is valid. */
export function calendarConfigProblems(config: CalendarConfig): string[] {
  const problems: string[] = [];
  const periods = config.periods ?? DEFAULT_WORKING_PERIODS;
  if (periods.length === 0) problems.push('至少需要一个工作时段');
  let previousEnd = -1;
  periods.forEach((p, i) => {
    const start = parseClockTime(p.start);
    const end = parseClockTime(p.end);
    if (start === undefined || end === undefined) {
      problems.push(`第 ${i + 1} 个工作时段的时间格式应为 HH:MM`);
      return;
    }
    if (start >= end) problems.push(`第 ${i + 1} 个工作时段的开始时间必须早于结束时间`);
    if (start < previousEnd) problems.push(`第 ${i + 1} 个工作时段与前一时段重叠或顺序不对`);
    previousEnd = end;
  });
  const seen = new Set<string>();
  for (const day of config.extraDays ?? []) {
    if (parseDayKey(day.date) === undefined) problems.push(`日期无效: ${day.date}`);
    else if (seen.has(day.date)) problems.push(`日期重复: ${day.date}`);
    if (day.kind !== 'holiday' && day.kind !== 'workday') problems.push(`日期 ${day.date} 的类型应为 holiday 或 workday`);
    seen.add(day.date);
  }
  return problems;
}

export class WorkingCalendar {
  /** Length of one working day in minutes (480 by default): the size of 1 工作日. */
  readonly workingDayMinutes: number;
  readonly periods: readonly WorkingPeriod[];
  /** Working periods as [start, end) offsets in ms from 00:00. */
  private readonly spans: readonly (readonly [number, number])[];
  private readonly extra: ReadonlyMap<string, ExtraDay>;
  private readonly working = new Map<number, boolean>();

  constructor(config: CalendarConfig = {}, private readonly official: OfficialDays = CHINESE_DAYS) {
    const problems = calendarConfigProblems(config);
    if (problems.length > 0) throw badRequest('INVALID_CALENDAR', `工作日历配置有误：${problems.join('；')}`);
    this.periods = config.periods ?? DEFAULT_WORKING_PERIODS;
    this.spans = this.periods.map((p) => [parseClockTime(p.start)! * MINUTE_MS, parseClockTime(p.end)! * MINUTE_MS] as const);
    this.workingDayMinutes = this.spans.reduce((sum, [s, e]) => sum + (e - s), 0) / MINUTE_MS;
    this.extra = new Map((config.extraDays ?? []).map((d) => [d.date, d]));
  }

  /** True when the chinese-days data covers the year (2004–2026 here). */
  hasOfficialData(year: number): boolean {
    return this.official.years.has(year);
  }

  coverage(year: number): YearCoverage {
    if (this.hasOfficialData(year)) return 'official';
    const prefix = `${year}-`;
    for (const date of this.extra.keys()) if (date.startsWith(prefix)) return 'administrator';
    return 'weekends_only';
  }

  /** What a China calendar day is. Accepts 'YYYY-MM-DD' or an instant (its day in China time). */
  dayInfo(date: string | Date): DayInfo {
    const key = typeof date === 'string' ? checkedKey(date) : dayKey(chinaDayIndex(date));
    const extra = this.extra.get(key);
    if (extra) return { date: key, working: extra.kind === 'workday', name: extra.name ?? null, source: 'administrator' };
    const work = this.official.work.get(key);
    if (work !== undefined) return { date: key, working: true, name: work, source: 'official' };
    const rest = this.official.rest.get(key);
    if (rest !== undefined) return { date: key, working: false, name: rest, source: 'official' };
    const weekday = weekdayOf(parseDayKey(key)!);
    return { date: key, working: weekday !== 0 && weekday !== 6, name: null, source: 'weekly' };
  }

  /** Whether the China calendar day of `date` is a working day. */
  isWorkingDay(date: string | Date): boolean {
    return this.isWorkingDayIndex(typeof date === 'string' ? parseDayKey(checkedKey(date))! : chinaDayIndex(date));
  }

  /** Whether an instant lies inside a working period of a working day. */
  isWorkingTime(instant: Date): boolean {
    const day = chinaDayIndex(instant);
    if (!this.isWorkingDayIndex(day)) return false;
    const offset = +instant - dayStartMs(day);
    return this.spans.some(([s, e]) => offset >= s && offset < e);
  }

  /** 工作时: the instant after `minutes` of working time from `start` (nights, lunch and rest days skipped).
   *  A result that lands exactly on the end of a period stays there (12:00, not 14:00); 0 minutes → start. */
  addWorkingTime(start: Date, minutes: number): Date {
    return new Date(this.addWorkingMs(+start, minutes * MINUTE_MS));
  }

  /** 工作日: N working days = N × the working-day length of working time (1 工作日 = 8 工作时 by default),
   *  so Monday 10:00 + 1 工作日 = Tuesday 10:00, and a start outside working time counts from the next period. */
  addWorkingDays(start: Date, days: number): Date {
    return this.addWorkingTime(start, days * this.workingDayMinutes);
  }

  /** 自然日: N × 24 hours (exact, China has no daylight saving). */
  addNaturalDays(start: Date, days: number): Date {
    if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError(`天数无效: ${days}`);
    return new Date(+start + Math.round(days * DAY_MS));
  }

  /** Working minutes in [a, b); negative when b is before a. */
  workingMinutesBetween(a: Date, b: Date): number {
    return this.workingMsBetween(+a, +b) / MINUTE_MS;
  }

  /** addWorkingTime on epoch milliseconds. */
  addWorkingMs(start: number, amount: number): number {
    if (!(amount >= 0) || !Number.isFinite(amount)) throw new RangeError(`工作时长无效: ${amount / MINUTE_MS} 分钟`);
    let left = Math.round(amount);
    if (left === 0) return start;
    const first = chinaDayIndex(start);
    for (let day = first; day < first + MAX_DAYS_SCANNED; day++) {
      if (!this.isWorkingDayIndex(day)) continue;
      const base = dayStartMs(day);
      for (const [s, e] of this.spans) {
        const from = Math.max(start, base + s);
        const to = base + e;
        if (from >= to) continue;
        if (left <= to - from) return from + left;
        left -= to - from;
      }
    }
    throw new RangeError('工作日历中找不到足够的工作时间');
  }

  /** workingMinutesBetween on epoch milliseconds. */
  workingMsBetween(a: number, b: number): number {
    if (b < a) return -this.workingMsBetween(b, a);
    let total = 0;
    const last = chinaDayIndex(b);
    for (let day = chinaDayIndex(a); day <= last; day++) {
      if (!this.isWorkingDayIndex(day)) continue;
      const base = dayStartMs(day);
      for (const [s, e] of this.spans) total += Math.max(0, Math.min(b, base + e) - Math.max(a, base + s));
    }
    return total;
  }

  private isWorkingDayIndex(day: number): boolean {
    let known = this.working.get(day);
    if (known === undefined) {
      known = this.dayInfo(dayKey(day)).working;
      this.working.set(day, known);
    }
    return known;
  }
}

function checkedKey(date: string): string {
  if (parseDayKey(date) === undefined) throw new RangeError(`日期无效: ${date}`);
  return date;
}
