// 案件预测 over stored history: daily cases per district × type within the viewer's scope, the China working calendar
// for the class of each day (working weekday, weekend, public holiday), and the pure model of rules/forecast.ts.
import type { Actor } from '../../admin/actor.ts';
import { loadCalendar } from '../../command/calendar-store.ts';
import { dayKey, parseDayKey, weekdayOf } from '../../command/rules/china-time.ts';
import type { Queryable } from '../../db/types.ts';
import { placeNames, reportedCases, typeNames } from './query.ts';
import { backtestWeeks, FACTOR_DAYS, forecastDays, LEVEL_DAYS, mape, type DayClass, type Series } from './rules/forecast.ts';
import type { DayClassCode, ForecastResult } from './views.ts';

export type { ForecastResult } from './views.ts';

// views.ts repeats the rules' day classes without importing them; this fails to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_DAY_CLASS_MATCHES: Same<DayClass, DayClassCode> = true;

/** Held-back weeks whose error is shown. */
export const HELD_BACK_WEEKS = 4;
const LOAD_DAYS = FACTOR_DAYS + LEVEL_DAYS + 7 * (HELD_BACK_WEEKS + 2);
const CLASS_NAMES: Record<string, string> = { holiday: '节假日' };

const className = (c: DayClass) => CLASS_NAMES[c] ?? `${c.startsWith('work') ? '工作日' : '休息日'}·周${'日一二三四五六'[Number(c.split('-')[1])]}`;

/** Next week's forecast from the data up to `dataTo` (inclusive), per district × type, with its held-back error. */
export async function forecastNextWeek(q: Queryable, actor: Actor, dataTo: string, region?: string): Promise<ForecastResult> {
  const last = parseDayKey(dataTo)!;
  const dataEnd = last + 1;
  const start = dataEnd + ((8 - weekdayOf(dataEnd)) % 7);             // the Monday on or after the first unknown day
  const backtestEnd = dataEnd - ((weekdayOf(dataEnd) + 6) % 7);        // the Monday starting the unfinished week
  const calendar = await loadCalendar(q);
  const classes = new Map<number, { c: DayClass; holiday: string | null }>();
  const classOf = (day: number): DayClass => {
    let k = classes.get(day);
    if (!k) {
      const info = calendar.dayInfo(dayKey(day));
      const wd = weekdayOf(day);
      const c: DayClass = info.working ? `work-${wd}` : info.name && info.source !== 'weekly' ? 'holiday' : `rest-${wd}`;
      classes.set(day, (k = { c, holiday: info.working ? null : info.name }));
    }
    return k.c;
  };

  const s = reportedCases(actor, { range: { from: dayKey(dataEnd - LOAD_DAYS), to: dataTo }, region });
  const rows = await q.query<{ day: string; district: string; type: string; n: number }>(
    `select (c.created_at at time zone 'Asia/Shanghai')::date::text as day, c.district_code as district,
       c.kind || ':' || c.type_code as type, count(*)::int as n
     from cases c ${s.where()} group by 1, 2, 3`, s.values);
  const firstDay = rows.reduce((m, r) => Math.min(m, parseDayKey(r.day)!), dataEnd);
  const series = new Map<string, { district: string; type: string; s: Series & { counts: number[] } }>();
  for (const r of rows) {
    const key = `${r.district}|${r.type}`;
    let e = series.get(key);
    if (!e) series.set(key, (e = { district: r.district, type: r.type, s: { firstDay, counts: new Array(dataEnd - firstDay).fill(0) } }));
    e.s.counts[parseDayKey(r.day)! - firstDay] += r.n;
  }
  const all = [...series.values()];
  const forecasts = all.map((e) => ({ ...e, ...forecastDays(e.s, dataEnd, start, 7, classOf) }));
  const daily = Array.from({ length: 7 }, (_, i) => forecasts.reduce((sum, f) => sum + f.daily[i], 0));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const byDistrict = new Map<string, number>();
  const byType = new Map<string, number>();
  for (const f of forecasts) { add(byDistrict, f.district, sum(f.daily)); add(byType, f.type, sum(f.daily)); }
  const [divisions, types] = await Promise.all([placeNames(q, [...byDistrict.keys()]), typeNames(q)]);
  const heldBack = backtestWeeks(all.map((e) => e.s), backtestEnd, HELD_BACK_WEEKS, classOf);
  const round = (x: number) => Math.round(x * 10) / 10;

  return {
    dataTo,
    week: { from: dayKey(start), to: dayKey(start + 6) },
    days: daily.map((v, i) => {
      const c = classOf(start + i);
      return { date: dayKey(start + i), dayClass: c, className: className(c), holiday: classes.get(start + i)!.holiday, forecast: round(v) };
    }),
    total: round(sum(daily)),
    byDistrict: [...byDistrict].sort((a, b) => b[1] - a[1]).map(([code, v]) => ({ code, name: divisions.get(code) ?? code, forecast: round(v) })),
    byType: [...byType].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([key, v]) => ({ key, name: types.get(key) ?? key, forecast: round(v) })),
    series: forecasts.map((f) => ({ district: f.district, districtName: divisions.get(f.district) ?? f.district, type: f.type,
      typeName: types.get(f.type) ?? f.type, forecast: round(sum(f.daily)), level: round(f.model.level), season: Math.round(f.model.season * 100) / 100 }))
      .sort((a, b) => b.forecast - a.forecast).slice(0, 50),
    heldBack: heldBack.map((w) => ({ from: dayKey(w.start), to: dayKey(w.start + 6), forecast: round(w.forecast), actual: w.actual,
      ape: w.ape === null ? null : Math.round(w.ape * 1000) / 1000 })),
    mape: (() => { const m = mape(heldBack); return m === null ? null : Math.round(m * 1000) / 1000; })(),
  };
}
