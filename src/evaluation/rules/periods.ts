// 评价周期: a period kind and a day in it → the China calendar days [from, to] it covers. Pure.
import { dayKey, parseDayKey, weekdayOf } from '../../command/rules/china-time.ts';

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_NAMES: Record<PeriodKind, string> = { day: '日', week: '周', month: '月', quarter: '季度', year: '年', custom: '自定义' };

/** The longest custom period, in days. */
export const MAX_PERIOD_DAYS = 3 * 366;

export interface Period { kind: PeriodKind; from: string; to: string; label: string }

export type PeriodResult = { ok: true; period: Period } | { ok: false; message: string };

const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m, d) / 86_400_000;

/**
 * The period of `kind` containing `date` (weeks run Monday–Sunday), or [from, to] for 'custom'. Dates are
 * 'YYYY-MM-DD' China days.
 */
export function periodOf(kind: PeriodKind, date?: string, from?: string, to?: string): PeriodResult {
  if (kind === 'custom') {
    const a = from === undefined ? undefined : parseDayKey(from);
    const b = to === undefined ? undefined : parseDayKey(to);
    if (a === undefined || b === undefined) return { ok: false, message: '自定义周期需要有效的开始和结束日期（YYYY-MM-DD）' };
    if (b < a) return { ok: false, message: '结束日期早于开始日期' };
    if (b - a + 1 > MAX_PERIOD_DAYS) return { ok: false, message: `自定义周期不能超过 ${MAX_PERIOD_DAYS} 天` };
    return { ok: true, period: { kind, from: from!, to: to!, label: `${from} 至 ${to}` } };
  }
  const index = date === undefined ? undefined : parseDayKey(date);
  if (index === undefined) return { ok: false, message: `日期无效：${date ?? '（未填）'}（格式 YYYY-MM-DD）` };
  const [y, m] = dayKey(index).split('-').map(Number);
  let a: number;
  let b: number;
  let label: string;
  switch (kind) {
    case 'day': a = b = index; label = dayKey(index); break;
    case 'week': a = index - ((weekdayOf(index) + 6) % 7); b = a + 6; label = `${dayKey(a)} 起的一周`; break;
    case 'month': a = utcDay(y, m - 1, 1); b = utcDay(y, m, 1) - 1; label = `${y}年${m}月`; break;
    case 'quarter': {
      const q = Math.floor((m - 1) / 3);
      a = utcDay(y, q * 3, 1); b = utcDay(y, q * 3 + 3, 1) - 1; label = `${y}年第${q + 1}季度`; break;
    }
    case 'year': a = utcDay(y, 0, 1); b = utcDay(y + 1, 0, 1) - 1; label = `${y}年`; break;
  }
  return { ok: true, period: { kind, from: dayKey(a), to: dayKey(b), label } };
}
