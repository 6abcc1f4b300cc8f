// Small display helpers shared by pages.
import type { Me } from './auth.tsx';
import type { T } from './i18n.tsx';

export function scopeLabel(me: Me | null, t: T): string {
  if (!me) return '';
  if (me.scope === 'all') return t('allScope');
  return me.scopeRoot?.name ?? t('noScope');
}

/** China time (Asia/Shanghai), whatever the browser's zone: deadlines and working days are China's. */
const CHINA_TIME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** How much of a time to show: 'second' 2026-03-05 08:09:10, 'minute' 2026-03-05 08:09, 'short' 03-05 08:09. */
export type TimePrecision = 'second' | 'minute' | 'short';

/** A time in China time at `precision`; `empty` for none. */
export function chinaTime(value: string | null | undefined, precision: TimePrecision = 'second', empty = ''): string {
  if (!value) return empty;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = Object.fromEntries(CHINA_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  const date = precision === 'short' ? `${p.month}-${p.day}` : `${p.year}-${p.month}-${p.day}`;
  return `${date} ${p.hour}:${p.minute}${precision === 'second' ? `:${p.second}` : ''}`;
}
/** A time to the second in China time (fits a table column's render). */
export const formatTime = (value: string | null | undefined): string => chinaTime(value);

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return n.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
