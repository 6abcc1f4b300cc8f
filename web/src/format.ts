// Small display helpers shared by pages.
import type { Me } from './auth.tsx';
import type { T } from './i18n.tsx';

export function scopeLabel(me: Me | null, t: T): string {
  if (!me) return '';
  if (me.scope === 'all') return t('allScope');
  return me.scopeRoot?.name ?? t('noScope');
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return n.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
