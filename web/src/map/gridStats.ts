// Unit grids coloured by case count or on-time rate (网格着色): the server's per-grid statistics become feature
// state on the grids source (promoted id = grid code), so a new period only repaints, it never re-tiles.
import type { ExpressionSpecification, Map as MapLibre } from 'maplibre-gl';

export type GridMetric = 'cases' | 'onTime';

export interface GridStat {
  code: string;
  cases: number;
  handled: number;
  onTime: number;
}

export interface GridStatsAnswer {
  from: string;
  to: string;
  grids: GridStat[];
}

/** Sequential reds for counts (light → dark), one colour per class above the breaks. */
export const COUNT_COLORS = ['#fff1b8', '#ffd666', '#ffa940', '#f5222d', '#a8071a'];
/** On-time rate classes: below 60 %, 60–80, 80–90, 90–95, 95 % and more. */
export const RATE_BREAKS = [0.6, 0.8, 0.9, 0.95];
export const RATE_COLORS = ['#cf1322', '#fa8c16', '#fadb14', '#95de64', '#389e0d'];

/** Up to five count classes from the quantiles of the non-zero counts: the lower bound of each class. */
export function countBreaks(stats: GridStat[]): number[] {
  const counts = stats.map((s) => s.cases).filter((n) => n > 0).sort((a, b) => a - b);
  if (!counts.length) return [1];
  const at = (q: number) => counts[Math.min(counts.length - 1, Math.floor(q * counts.length))];
  const breaks = [1, at(0.5), at(0.75), at(0.9), at(0.97)];
  return [...new Set(breaks)].sort((a, b) => a - b);
}

const state = (key: string): ExpressionSpecification => ['coalesce', ['feature-state', key], -1] as ExpressionSpecification;

/** fill-color of the grids coloured by the metric; grids without data stay see-through. */
export function gridFillColor(metric: GridMetric, breaks: number[]): ExpressionSpecification {
  if (metric === 'cases') {
    const steps = breaks.slice(1).flatMap((b, i) => [b, COUNT_COLORS[i + 1]]);
    const scale = steps.length ? ['step', state('cases'), COUNT_COLORS[0], ...steps] : COUNT_COLORS[0];
    return ['case', ['<', state('cases'), 1], 'rgba(0,0,0,0)', scale] as ExpressionSpecification;
  }
  const steps = RATE_BREAKS.flatMap((b, i) => [b, RATE_COLORS[i + 1]]);
  return ['case', ['<', state('rate'), 0], 'rgba(0,0,0,0)', ['step', state('rate'), RATE_COLORS[0], ...steps]] as ExpressionSpecification;
}

/** Replaces the grids' statistics (feature state) with a new answer. */
export function applyGridStats(map: MapLibre, stats: GridStat[]): void {
  if (!map.getSource('grids')) return;
  map.removeFeatureState({ source: 'grids' });
  for (const s of stats) {
    map.setFeatureState({ source: 'grids', id: s.code },
      { cases: s.cases, handled: s.handled, rate: s.handled > 0 ? s.onTime / s.handled : -1 });
  }
}
