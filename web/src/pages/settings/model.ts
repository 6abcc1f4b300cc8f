// Shapes of the settings API (src/command/routes-settings.ts, src/base/routes-map-settings.ts) and their labels.
import type { CaseLimitsView } from '../../../../src/command/views.ts';
import type { TKey } from '../../i18n.tsx';

export const CLOCKS = ['accept', 'verify', 'file', 'dispatch', 'handle', 'check', 'close'] as const;
export type Clock = (typeof CLOCKS)[number];
export const LIMIT_UNITS = ['minutes', 'working_hours', 'working_days', 'natural_days', 'urgent_hours'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export interface TimeLimit { amount: number; unit: LimitUnit }
export type ClockLimits = Record<Clock, TimeLimit>;
export type Kind = 'component' | 'matter';

/** GET /api/case-limits rows carry the type's name too. */
export type CaseLimits = CaseLimitsView & { typeName?: string };

export interface LimitsHistoryEntry { id: number; before: CaseLimits; after: CaseLimits; changedAt: string; changedBy: number | null }

export const SOURCES = ['collector', 'public', 'hotline', 'video_ai', 'iot', 'patrol', 'leader', 'media'] as const;

export const clockKey = (c: Clock) => `setClock_${c}` as TKey;
export const unitKey = (u: LimitUnit) => `setUnit_${u}` as TKey;
export const sourceKey = (s: (typeof SOURCES)[number]) => `setSource_${s}` as TKey;
