// The big screen's periods for one China calendar day (北京时间): the day, its month up to the day, the 30 days and
// 12 months up to it, and the instant its figures are "as of" (the day's end, or now for today). Pure.
import { chinaDayIndex, dayKey, dayStartMs, parseDayKey } from '../command/rules/china-time.ts';

export interface Window { from: Date; to: Date }

export interface ScreenPeriods {
  date: string;
  today: boolean;
  /** The end of the day, or now while the day is running. */
  asOf: Date;
  day: Window;
  /** The month up to the end of the day (月初至今). */
  month: Window & { key: string };
  /** Day keys of the 30 days ending with the date, oldest first, and their window. */
  days: { keys: string[]; window: Window };
  /** 'YYYY-MM' of the 12 months ending with the date's month, oldest first, and their window (to the day's end). */
  months: { keys: string[]; window: Window };
}

/** Day index of the first day of a China month (month 0-based, may overflow into the next year). */
function monthStartDay(year: number, month: number): number {
  return Date.UTC(year, month, 1) / 86_400_000;
}

const monthKey = (year: number, month: number) => new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);

/** The periods of `date` ('YYYY-MM-DD', default today); undefined when the date is malformed or after today. */
export function screenPeriods(date: string | undefined, now: Date): ScreenPeriods | undefined {
  const todayIndex = chinaDayIndex(now);
  const index = date === undefined ? todayIndex : parseDayKey(date);
  if (index === undefined || index > todayIndex) return undefined;
  const at = (day: number) => new Date(dayStartMs(day));
  const [year, month] = dayKey(index).split('-').map(Number);
  const firstDay = index - 29;
  const keys = Array.from({ length: 30 }, (_, i) => dayKey(firstDay + i));
  const monthKeys = Array.from({ length: 12 }, (_, i) => monthKey(year, month - 1 - 11 + i));
  const dayEnd = at(index + 1);
  return {
    date: dayKey(index),
    today: index === todayIndex,
    asOf: index === todayIndex ? now : dayEnd,
    day: { from: at(index), to: dayEnd },
    month: { key: monthKey(year, month - 1), from: at(monthStartDay(year, month - 1)), to: dayEnd },
    days: { keys, window: { from: at(firstDay), to: dayEnd } },
    months: { keys: monthKeys, window: { from: at(monthStartDay(year, month - 12)), to: dayEnd } },
  };
}
