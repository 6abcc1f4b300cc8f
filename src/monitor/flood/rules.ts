// 防汛预警 rules: the level an indicator reaches (rainfall over 1 h / 3 h / 24 h, river level against its 警戒/保证水位,
// road ponding depth), the level of an area (the highest of its indicators), and how an area's warning moves — start
// and escalate at once, de-escalate or end only after the lower level has held for a while. Pure: no IO.
import { LEVELS, rank, type Level } from '../rules/levels.ts';

export type Levels = Partial<Record<Level, number>>;
export type Indicator = 'rain_1h' | 'rain_3h' | 'rain_24h' | 'river_level' | 'ponding';

export const INDICATOR_NAMES: Record<Indicator, string> = {
  rain_1h: '1小时雨量', rain_3h: '3小时雨量', rain_24h: '24小时雨量', river_level: '河道水位', ponding: '道路积水',
};

export interface FloodRules {
  /** rainfall thresholds in mm (loosely after the 暴雨预警信号: 3 h ≥ 50 mm 黄 … ≥ 100 mm 红) */
  rain: { rain_1h: Levels; rain_3h: Levels; rain_24h: Levels };
  /** ponding depth in cm (15 cm 影响通行, 27 cm 淹没排气管, 40 cm 断行) */
  ponding: Levels;
  /** river level: blue this many metres below 警戒水位; yellow at 警戒; orange half-way to 保证; red at 保证水位 */
  riverBlueMargin: number;
  /** default 警戒/保证水位 (m) of a gauge whose river section says nothing */
  riverWarning: number; riverGuarantee: number;
  /** a lower level must hold this long before a warning de-escalates or ends */
  holdMinutes: number;
}

export const DEFAULT_FLOOD_RULES: FloodRules = {
  rain: {
    rain_1h: { blue: 20, yellow: 30, orange: 50, red: 70 },
    rain_3h: { blue: 30, yellow: 50, orange: 80, red: 100 },
    rain_24h: { blue: 50, yellow: 100, orange: 150, red: 250 },
  },
  ponding: { blue: 5, yellow: 15, orange: 27, red: 40 },
  riverBlueMargin: 0.3, riverWarning: 4.5, riverGuarantee: 5.5,
  holdMinutes: 30,
};

export interface Observation {
  indicator: Indicator; deviceId: number; deviceName: string; value: number; unit: string;
  /** river gauges: the section's 警戒水位 and 保证水位 (m) */
  warningLevel?: number; guaranteeLevel?: number;
}

export type Reason = Observation & { level: Level };

/** The highest level whose threshold the value reaches (null: below all). */
export function levelOf(value: number, levels: Levels): Level | null {
  let found: Level | null = null;
  for (const l of LEVELS) if (levels[l] !== undefined && value >= levels[l]!) found = l;
  return found;
}

export function riverLevelOf(value: number, warning: number, guarantee: number, blueMargin: number): Level | null {
  if (value >= guarantee) return 'red';
  if (value >= (warning + guarantee) / 2) return 'orange';
  if (value >= warning) return 'yellow';
  if (value >= warning - blueMargin) return 'blue';
  return null;
}

export function indicatorLevel(o: Observation, rules: FloodRules = DEFAULT_FLOOD_RULES): Level | null {
  if (o.indicator === 'ponding') return levelOf(o.value, rules.ponding);
  if (o.indicator === 'river_level') {
    return riverLevelOf(o.value, o.warningLevel ?? rules.riverWarning, o.guaranteeLevel ?? rules.riverGuarantee, rules.riverBlueMargin);
  }
  return levelOf(o.value, rules.rain[o.indicator]);
}

/** An area's level: the highest of its indicators, with the indicators that reached a level (highest first). */
export function areaLevel(observations: readonly Observation[], rules: FloodRules = DEFAULT_FLOOD_RULES): { level: Level | null; reasons: Reason[] } {
  const reasons: Reason[] = [];
  for (const o of observations) {
    const level = indicatorLevel(o, rules);
    if (level) reasons.push({ ...o, level });
  }
  reasons.sort((a, b) => rank(b.level) - rank(a.level) || b.value - a.value);
  return { level: reasons[0]?.level ?? null, reasons };
}

export interface WarningState { level: Level; lowerSince: number | null }

export type WarningDecision =
  | { action: 'none' }
  | { action: 'start' | 'escalate' | 'deescalate'; level: Level }
  | { action: 'end' }
  | { action: 'keep'; lowerSince: number | null };

/** What happens to an area's warning given the level computed now. */
export function nextWarning(current: WarningState | null, computed: Level | null, now: number, holdMinutes: number): WarningDecision {
  if (!current) return computed ? { action: 'start', level: computed } : { action: 'none' };
  if (rank(computed) > rank(current.level)) return { action: 'escalate', level: computed! };
  if (rank(computed) === rank(current.level)) return { action: 'keep', lowerSince: null };
  if (current.lowerSince === null) return { action: 'keep', lowerSince: now };
  if (now - current.lowerSince < holdMinutes * 60_000) return { action: 'keep', lowerSince: current.lowerSince };
  return computed ? { action: 'deescalate', level: computed } : { action: 'end' };
}

/** Rainfall over the last n hours from hourly maxima of the rolling 1-hour rainfall (newest hour last). */
export function rainOver(hourlyMax: readonly number[], hours: number): number {
  return Math.round(hourlyMax.slice(-hours).reduce((a, b) => a + b, 0) * 10) / 10;
}
