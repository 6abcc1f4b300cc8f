// 城市运行报告: which period each report covers, which periods are due at an instant, and their titles. Pure.
import { chinaDayIndex, dayKey, dayStartMs, HOUR_MS } from '../../../command/rules/china-time.ts';
import { periodOf, type DayRange } from './periods.ts';

export const REPORT_KINDS = ['daily', 'weekly', 'monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_NAMES: Record<ReportKind, string> = { daily: '日报', weekly: '周报', monthly: '月报' };

/** The day, week (Monday–Sunday) or month of a report containing `date`. */
export function reportPeriod(kind: ReportKind, date: string): DayRange {
  return periodOf(kind === 'daily' ? 'day' : kind === 'weekly' ? 'week' : 'month', date);
}

/** The latest finished period of each kind at `now`: yesterday, last week, last month (北京时间). */
export function duePeriods(now: Date): { kind: ReportKind; period: DayRange }[] {
  const yesterday = dayKey(chinaDayIndex(now) - 1);
  const lastWeekEnd = dayKey(chinaDayIndex(now) - 1 - ((new Date((chinaDayIndex(now)) * 86_400_000).getUTCDay() + 6) % 7));
  const lastMonthEnd = dayKey(chinaDayIndex(now) - Number(dayKey(chinaDayIndex(now)).slice(8, 10)));
  return [
    { kind: 'daily', period: reportPeriod('daily', yesterday) },
    { kind: 'weekly', period: reportPeriod('weekly', lastWeekEnd) },
    { kind: 'monthly', period: reportPeriod('monthly', lastMonthEnd) },
  ];
}

/** When the report job runs next: 01:00 北京时间 of the next day (after the day's cases have settled). */
export function nextReportRun(now: Date): Date {
  const today = chinaDayIndex(now);
  const todayRun = dayStartMs(today) + HOUR_MS;
  return new Date(+now < todayRun ? todayRun : dayStartMs(today + 1) + HOUR_MS);
}

/** 云河市城市运行日报（2026-11-20） / 周报（2026-11-09 至 2026-11-15） / 月报（2026年10月）. */
export function reportTitle(kind: ReportKind, regionName: string, p: DayRange): string {
  const when = kind === 'daily' ? p.from : kind === 'weekly' ? `${p.from} 至 ${p.to}`
    : `${p.from.slice(0, 4)}年${Number(p.from.slice(5, 7))}月`;
  return `${regionName}城市运行${REPORT_NAMES[kind]}（${when}）`;
}
