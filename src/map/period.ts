// The time range (时段) the map's case layers show: [from, to) in ISO instants, checked and defaulted.
import { badRequest } from '../platform/errors.ts';

export interface Period {
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
/** The longest range one request may cover (a year and a bit, for "the last 12 months" with leap days). */
export const MAX_PERIOD_DAYS = 370;
/** What the grid colouring and the heat map show when no range is given. */
export const DEFAULT_PERIOD_DAYS = 30;

/** Both ends given, or neither (then the last `DEFAULT_PERIOD_DAYS` up to now). */
export function parsePeriod(q: { from?: string; to?: string }, now = new Date()): Period {
  if (!q.from && !q.to) return { from: new Date(now.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS), to: now };
  if (!q.from || !q.to) throw badRequest('INVALID_PERIOD', '时段须同时给出 from 和 to');
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw badRequest('INVALID_PERIOD', '时段的起止时间无效');
  if (from >= to) throw badRequest('INVALID_PERIOD', '时段的开始时间须早于结束时间');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw badRequest('PERIOD_TOO_LONG', `时段最长 ${MAX_PERIOD_DAYS} 天`);
  }
  return { from, to };
}

/** Only a range given explicitly (the open-case layer shows the cases open now when there is none). */
export function optionalPeriod(q: { from?: string; to?: string }): Period | undefined {
  return q.from || q.to ? parsePeriod(q) : undefined;
}

export const periodQuery = {
  from: { type: 'string', format: 'date-time', description: '时段开始（含）' },
  to: { type: 'string', format: 'date-time', description: '时段结束（不含）' },
} as const;
