// 同比 / 环比: an indicator for a range against the previous period and the same period a year earlier, in total and by
// district, street or type, plus the monthly series of the 12 months to the range's end (with last year's values).
// Counting (as on the big screen): 上报 = cases created; 立案 = 立案 timeline entries (also 受理即立案); 结案 = 结案
// entries; 按期处置率 = 处置 clocks due in the range (up to now), not cancelled, finished before their deadline ÷ due.
import type { Actor } from '../../admin/actor.ts';
import type { Queryable } from '../../db/types.ts';
import { onTimeHandlingRate } from '../rules/rates.ts';
import { placeNames, scopedCases, typeNames, windowOf, type AnalysisFilter } from './query.ts';
import { lastYearPeriod, periodOf, previousPeriod, relativeChange, type DayRange } from './rules/periods.ts';
import type { GroupBy, Indicator, Trends } from './views.ts';

export const INDICATORS = { reported: '上报数', filed: '立案数', closed: '结案数', onTimeHandlingRate: '按期处置率' } as const;
export const GROUPS = ['none', 'district', 'street', 'type'] as const;
export type { GroupBy, Indicator, Trends } from './views.ts';

// views.ts repeats the indicators and groupings without importing them; this fails to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_VOCABULARY_MATCHES: [Same<keyof typeof INDICATORS, Indicator>, Same<(typeof GROUPS)[number], GroupBy>] = [true, true];

const GROUP_COLUMN: Record<GroupBy, string> = {
  none: "'all'", district: 'c.district_code', street: 'c.street_code', type: "c.kind || ':' || c.type_code",
};
const FILED = `(e.action = 'file' or (e.action = 'accept' and e.to_stage = 'to_dispatch'))`;

/** The indicator's value per group for one range (a rate is null where nothing was due). */
export async function indicatorValues(q: Queryable, actor: Actor, f: Omit<AnalysisFilter, 'range'>, range: DayRange,
  indicator: Indicator, groupBy: GroupBy): Promise<Map<string, number | null>> {
  const s = scopedCases(actor, f);
  const w = windowOf(range);
  const group = GROUP_COLUMN[groupBy];
  let rows: { g: string; n: number; d?: number }[];
  if (indicator === 'reported') {
    s.add('c.created_at >= ?::timestamptz and c.created_at < ?::timestamptz', w.from, w.to);
    rows = await q.query(`select ${group} as g, count(*)::int as n from cases c ${s.where()} group by 1`, s.values);
  } else if (indicator === 'filed' || indicator === 'closed') {
    s.add('e.at >= ?::timestamptz and e.at < ?::timestamptz', w.from, w.to);
    s.add(indicator === 'filed' ? FILED : "e.action = 'close'");
    rows = await q.query(`select ${group} as g, count(*)::int as n from case_events e join cases c on c.id = e.case_id
      ${s.where()} group by 1`, s.values);
  } else {
    s.add(`k.clock = 'handle' and k.deadline >= ?::timestamptz and k.deadline < least(?::timestamptz, now())
      and (k.outcome is null or k.outcome = 'done')`, w.from, w.to);
    rows = await q.query(`select ${group} as g, count(*) filter (where k.on_time)::int as n, count(*)::int as d
      from case_clocks k join cases c on c.id = k.case_id ${s.where()} group by 1`, s.values);
  }
  return new Map(rows.map((r) => [r.g, indicator === 'onTimeHandlingRate'
    ? onTimeHandlingRate({ handledOnTime: r.n, toHandle: r.d! }) : r.n]));
}

const isRate = (i: Indicator) => i === 'onTimeHandlingRate';
const change = (i: Indicator, now: number | null, base: number | null) =>
  isRate(i) ? (now === null || base === null ? null : now - base) : relativeChange(now, base);

/** The China day of the first case: a range ending before it has no records (无数据), which is not a count of 0. */
async function firstRecordDay(q: Queryable): Promise<string | null> {
  const r = await q.maybeOne<{ d: string | null }>(
    `select ((select created_at from cases order by created_at limit 1) at time zone 'Asia/Shanghai')::date::text as d`);
  return r?.d ?? null;
}

export async function trends(q: Queryable, actor: Actor, f: AnalysisFilter, indicator: Indicator, groupBy: GroupBy): Promise<Trends> {
  const previous = previousPeriod(f.range);
  const lastYear = lastYearPeriod(f.range);
  const endMonth = periodOf('month', f.range.to);
  const monthRanges = Array.from({ length: 12 }, (_, i) => {
    let m = endMonth;
    for (let k = 0; k < 11 - i; k++) m = previousPeriod(m);
    return m;
  });
  const [since, now, before, ago, series] = await Promise.all([
    firstRecordDay(q),
    indicatorValues(q, actor, f, f.range, indicator, groupBy),
    indicatorValues(q, actor, f, previous, indicator, groupBy),
    indicatorValues(q, actor, f, lastYear, indicator, groupBy),
    Promise.all(monthRanges.flatMap((m) => [m, lastYearPeriod(m)]).map((m) =>
      indicatorValues(q, actor, f, m, indicator, 'none'))),
  ]);
  const keys = [...new Set([...now.keys(), ...before.keys(), ...ago.keys()])];
  const names = groupBy === 'type' ? await typeNames(q) : groupBy === 'none' ? new Map([['all', '合计']]) : await placeNames(q, keys);
  /** A group's value in a range: nothing counted is 0 where the platform has records, else none (and so is a rate). */
  const valueIn = (values: Map<string, number | null>, range: DayRange, key: string) =>
    values.get(key) ?? (isRate(indicator) || since === null || range.to < since ? null : 0);
  const rows = keys.map((key) => {
    const value = valueIn(now, f.range, key);
    const p = valueIn(before, previous, key);
    const y = valueIn(ago, lastYear, key);
    return { key, name: names.get(key) ?? key, value, previous: p, lastYear: y, mom: change(indicator, value, p), yoy: change(indicator, value, y) };
  }).sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || (a.key < b.key ? -1 : 1));
  const months = monthRanges.map((m, i) => ({
    month: m.from.slice(0, 7),
    value: valueIn(series[2 * i], m, 'all'),
    lastYear: valueIn(series[2 * i + 1], lastYearPeriod(m), 'all'),
  }));
  return { indicator, range: f.range, previous, lastYear, rows, months };
}
