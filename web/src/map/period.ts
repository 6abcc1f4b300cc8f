// The period the map's case layers show (时间轴): live (open cases now, the last 30 days for statistics and heat)
// or a range of whole days in history.
export type MapPeriod = { mode: 'live' } | { mode: 'history'; from: Date; to: Date };

export const LIVE: MapPeriod = { mode: 'live' };
export const DAY_MS = 86_400_000;

/** Local midnight of the day `daysAgo` before today. */
export function dayStart(daysAgo: number, now = new Date()): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  d.setDate(d.getDate() - daysAgo);
  return d;
}

/** The days [first, last] back from today as a period, `to` exclusive (the day after `last`). */
export function daysPeriod(firstDaysAgo: number, lastDaysAgo: number, now = new Date()): MapPeriod {
  return { mode: 'history', from: dayStart(firstDaysAgo, now), to: dayStart(lastDaysAgo - 1, now) };
}

/** The days back from today [first, last] a history period covers (the inverse of daysPeriod). */
export function periodDays(period: MapPeriod, now = new Date()): [number, number] | undefined {
  if (period.mode === 'live') return undefined;
  const today = dayStart(0, now).getTime();
  return [Math.round((today - period.from.getTime()) / DAY_MS), Math.round((today - period.to.getTime()) / DAY_MS) + 1];
}

/** `from=…&to=…` for a history period, '' when live. */
export function periodQuery(period: MapPeriod): string {
  return period.mode === 'live' ? '' : `from=${encodeURIComponent(period.from.toISOString())}&to=${encodeURIComponent(period.to.toISOString())}`;
}

export function withPeriod(path: string, period: MapPeriod): string {
  const q = periodQuery(period);
  return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
}

export function periodKey(period: MapPeriod): string {
  return period.mode === 'live' ? 'live' : `${period.from.getTime()}-${period.to.getTime()}`;
}

export const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
