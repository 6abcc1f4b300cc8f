// 案件预测: next week's cases of one series (a type in a district), explainable and pure:
//   forecast(day) = level × dayFactor(class of day) × season
// - class of day: a working day by weekday (周一…周五, a 调休 weekend counts as a working day), a weekend rest day by
//   weekday, or a public holiday (from the China working calendar);
// - dayFactor: the class's mean daily count over the last 52 weeks ÷ the mean of all days (1 when not enough data);
// - level: the last 28 days' cases ÷ the sum of their day factors (cases per "average day" lately);
// - season: how the same week a year earlier (52 weeks back, same weekdays) compared with its own 28-day level, as
//   (actual + 7) / (expected + 7) — shrunk towards 1 on thin data — and kept within [0.5, 2].
// The data end (`dataEnd`, the first unknown day) may lie before the forecast start: the level then carries over the gap.
// The error is measured by forecasting each of the last held-back weeks from the data before it (MAPE).

export type DayClass = 'holiday' | `work-${number}` | `rest-${number}`;

/** Daily counts: counts[i] is the count of day `firstDay + i` (China day index); days outside are unknown. */
export interface Series {
  firstDay: number;
  counts: readonly number[];
}

export interface ForecastModel {
  level: number;
  season: number;
  factors: Record<string, number>;
}

export const LEVEL_DAYS = 28;
export const FACTOR_DAYS = 364;
const SEASON_PRIOR = 7;
const MIN_CLASS_DAYS = 3;

const countOn = (s: Series, day: number): number | undefined => {
  const i = day - s.firstDay;
  return i >= 0 && i < s.counts.length ? s.counts[i] : undefined;
};

/** Day factors of the classes seen in the 52 weeks before `start`. */
export function dayFactors(s: Series, start: number, classOf: (day: number) => DayClass): Record<string, number> {
  const sums = new Map<string, { total: number; days: number }>();
  let total = 0;
  let days = 0;
  for (let d = start - FACTOR_DAYS; d < start; d++) {
    const n = countOn(s, d);
    if (n === undefined) continue;
    const c = classOf(d);
    const acc = sums.get(c) ?? { total: 0, days: 0 };
    acc.total += n; acc.days += 1;
    sums.set(c, acc);
    total += n; days += 1;
  }
  const mean = days ? total / days : 0;
  const factors: Record<string, number> = {};
  if (mean === 0) return factors;
  for (const [c, acc] of sums) if (acc.days >= MIN_CLASS_DAYS) factors[c] = acc.total / acc.days / mean;
  return factors;
}

/** A class's factor, falling back to the mean of its group (working / rest) and then to 1. */
export function factorOf(factors: Record<string, number>, c: DayClass): number {
  if (factors[c] !== undefined) return factors[c];
  const group = c === 'holiday' ? 'rest-' : c.slice(0, 5);
  const same = Object.entries(factors).filter(([k]) => k.startsWith(group)).map(([, v]) => v);
  return same.length ? same.reduce((a, b) => a + b, 0) / same.length : 1;
}

/** Cases per average day over the 28 days before `start`, or undefined when those days are unknown. */
function levelAt(s: Series, start: number, factors: Record<string, number>, classOf: (day: number) => DayClass): number | undefined {
  let actual = 0;
  let expected = 0;
  for (let d = start - LEVEL_DAYS; d < start; d++) {
    const n = countOn(s, d);
    if (n === undefined) return undefined;
    actual += n;
    expected += factorOf(factors, classOf(d));
  }
  return expected > 0 ? actual / expected : 0;
}

/** The model fitted on the data before `dataEnd`, for the week starting `start` (≥ dataEnd). */
export function fitModel(s: Series, dataEnd: number, start: number, classOf: (day: number) => DayClass): ForecastModel {
  const factors = dayFactors(s, dataEnd, classOf);
  const level = levelAt(s, dataEnd, factors, classOf) ?? 0;
  let season = 1;
  const ago = start - FACTOR_DAYS;
  const agoLevel = levelAt(s, dataEnd - FACTOR_DAYS, factors, classOf);
  if (agoLevel !== undefined) {
    let actual = 0;
    let expected = 0;
    let known = true;
    for (let d = ago; d < ago + 7; d++) {
      const n = countOn(s, d);
      if (n === undefined) { known = false; break; }
      actual += n;
      expected += agoLevel * factorOf(factors, classOf(d));
    }
    if (known) season = Math.min(2, Math.max(0.5, (actual + SEASON_PRIOR) / (expected + SEASON_PRIOR)));
  }
  return { level, season, factors };
}

/** Expected cases on each of `days` days from `start`, with the model fitted on the data before `dataEnd`. */
export function forecastDays(s: Series, dataEnd: number, start: number, days: number, classOf: (day: number) => DayClass):
  { model: ForecastModel; daily: number[] } {
  const model = fitModel(s, dataEnd, start, classOf);
  const daily = Array.from({ length: days }, (_, i) => model.level * factorOf(model.factors, classOf(start + i)) * model.season);
  return { model, daily };
}

export interface HeldBackWeek {
  /** First day (China day index) of the held-back week. */
  start: number;
  forecast: number;
  actual: number;
  /** |forecast − actual| / actual; null when nothing happened that week. */
  ape: number | null;
}

/** Forecasts each of the `weeks` weeks ending before `end` (the first unknown day, a Monday) from the data before
 *  that week, and compares with what happened. */
export function backtestWeeks(series: readonly Series[], end: number, weeks: number, classOf: (day: number) => DayClass): HeldBackWeek[] {
  const out: HeldBackWeek[] = [];
  for (let w = weeks; w >= 1; w--) {
    const weekStart = end - 7 * w;
    let forecast = 0;
    let actual = 0;
    for (const s of series) {
      forecast += forecastDays(s, weekStart, weekStart, 7, classOf).daily.reduce((a, b) => a + b, 0);
      for (let d = weekStart; d < weekStart + 7; d++) actual += countOn(s, d) ?? 0;
    }
    out.push({ start: weekStart, forecast, actual, ape: actual > 0 ? Math.abs(forecast - actual) / actual : null });
  }
  return out;
}

/** Mean absolute percentage error of the weeks that had cases; null when none had. */
export function mape(weeks: readonly HeldBackWeek[]): number | null {
  const known = weeks.flatMap((w) => (w.ape === null ? [] : [w.ape]));
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}
