// 大屏 figures for one China day, within what the viewer may see (the case list's data scope): the day's and the
// month's (to that day) 上报/立案/派遣/处置/结案, 按期处置率 and 结案率 (../evaluation/rules/rates.ts), top types,
// the district ranking, 30-day and 12-month trends, sources, and open cases by traffic light.
//
// Counting, per period [from, to):
// - 上报: cases created; 立案: 立案 entries of the timeline (also 受理即立案); 派遣: dispatches to a department;
//   处置: 处置反馈 entries; 结案: 结案 entries.
// - 应处置: 处置 clocks whose deadline fell in the period (up to the as-of instant), not cancelled (回退) and not paused
//   (挂账); 按期处置: those finished before their deadline.
// - 应结案: cases filed in the period, less those voided (作废) or suspended (挂账) now; 结案: those of them closed.
// Per-day figures of past days come from a cache (day-cache.ts), and so do the lights at a past day's end (the clocks'
// history up to then no longer changes); the cohorts (应处置, 应结案) are read fresh — later work still changes them.
// The daily rollup case_counts is not used here: it is keyed down to the actor, so a month of it has about one row per
// timeline entry (80,000 rows for March in the demo city) and reading it took longer than the timeline query.
import type { Actor } from '../admin/actor.ts';
import { inScope } from '../admin/scope.ts';
import { SqlFilter } from '../base/sql.ts';
import { filterVisible } from '../command/case-record.ts';
import { SOURCE_NAMES, type CaseSource } from '../command/rules/case-model.ts';
import { chinaTime, dayKey, chinaDayIndex, DAY_MS } from '../command/rules/china-time.ts';
import type { Db, Queryable } from '../db/types.ts';
import { closureRate, onTimeHandlingRate } from '../evaluation/rules/rates.ts';
import { DayCache, dayRange, visibilityKey } from './day-cache.ts';
import type { ScreenPeriods } from './periods.ts';
import type { Flow, LightCode, ScreenSummary } from './views.ts';

/**
 * Rows of one of the summary's counting queries. Each reads tens of thousands of rows through index lookups, which
 * PostgreSQL's cost estimate sends to JIT compilation: 100–250 ms of compiling for a query that runs in about 130 ms
 * (demo city, a month's 处置 clocks). JIT is switched off for these statements only (SET LOCAL in their own
 * transaction). PGlite has no JIT.
 */
async function countRows<T>(db: Db, sql: string, values: unknown[]): Promise<T[]> {
  if (db.kind !== 'postgres') return db.query<T>(sql, values);
  return db.transaction(async (tx) => {
    await tx.query('set local jit = off');
    return tx.query<T>(sql, values);
  });
}

/** A filter on `cases c` holding the viewer's data scope. */
function scoped(actor: Actor): SqlFilter {
  const f = new SqlFilter();
  filterVisible(f, actor);
  return f;
}

/** `cases c` of the row's case within the viewer's scope, as a lateral lookup by primary key (no scan of all cases). */
function scopedCase(f: SqlFilter, columns: string, caseId: string): string {
  const where = f.where();
  return `cross join lateral (select ${columns} from cases c ${where ? `${where} and` : 'where'} c.id = ${caseId} offset 0) c`;
}

const iso = (d: Date) => d.toISOString();
const CHINA_DAY = (column: string) => `(${column} at time zone 'Asia/Shanghai')::date`;
const FILED = `(e.action = 'file' or (e.action = 'accept' and e.to_stage = 'to_dispatch'))`;
/** The window of whole China days first..last. */
const daysWindow = (first: string, last: string) => ({ from: iso(chinaTime(first)), to: iso(new Date(+chinaTime(last) + DAY_MS)) });

interface Handling { toHandle: number; handled: number; handledOnTime: number }
interface Closing { toClose: number; closed: number }
const emptyFlow = (): Flow => ({ reported: 0, filed: 0, dispatched: 0, handled: 0, closed: 0 });

/** One day's 上报 by district, source and type ('kind:code'). */
interface ReportedDay { byDistrict: Record<string, number>; bySource: Record<string, number>; byType: Record<string, number> }
/** One day's 立案, 派遣, 处置, 结案 entries by district. */
type StepsDay = Record<string, Omit<Flow, 'reported'>>;
/** One day's totals for the trends. */
interface TotalsDay { reported: number; closed: number }

interface Caches { reported: DayCache<ReportedDay>; steps: DayCache<StepsDay>; totals: DayCache<TotalsDay>; lights: DayCache<Record<Light, number>> }
const caches = new WeakMap<Queryable, Caches>();
function cachesOf(q: Db): Caches {
  let c = caches.get(q);
  if (!c) caches.set(q, (c = { reported: new DayCache(), steps: new DayCache(), totals: new DayCache(), lights: new DayCache() }));
  return c;
}

async function reportedDays(q: Db, actor: Actor, first: string, last: string): Promise<Map<string, ReportedDay>> {
  const w = daysWindow(first, last);
  const f = scoped(actor).add('c.created_at >= ?::timestamptz and c.created_at < ?::timestamptz', w.from, w.to);
  const rows = await countRows<{ day: string; district_code: string; source: string; type: string; n: number }>(q,
    `select ${CHINA_DAY('c.created_at')} as day, c.district_code, c.source, c.kind || ':' || c.type_code as type, count(*)::int as n
     from cases c ${f.where()} group by 1, 2, 3, 4`, f.values);
  const out = new Map<string, ReportedDay>();
  for (const r of rows) {
    let d = out.get(r.day);
    if (!d) out.set(r.day, (d = { byDistrict: {}, bySource: {}, byType: {} }));
    d.byDistrict[r.district_code] = (d.byDistrict[r.district_code] ?? 0) + r.n;
    d.bySource[r.source] = (d.bySource[r.source] ?? 0) + r.n;
    d.byType[r.type] = (d.byType[r.type] ?? 0) + r.n;
  }
  return out;
}

async function stepDays(q: Db, actor: Actor, first: string, last: string): Promise<Map<string, StepsDay>> {
  const w = daysWindow(first, last);
  const f = scoped(actor);
  const e = new SqlFilter();
  e.values.push(...f.values);
  e.add('e.at >= ?::timestamptz and e.at < ?::timestamptz', w.from, w.to);
  e.add("e.action in ('file', 'accept', 'dispatch', 'handle_feedback', 'close')");
  e.add(`(${FILED} or (e.action = 'dispatch' and e.to_stage = 'handling') or e.action in ('handle_feedback', 'close'))`);
  const rows = await countRows<{ day: string; district_code: string; filed: number; dispatched: number; handled: number; closed: number }>(q,
    `select ${CHINA_DAY('e.at')} as day, c.district_code,
       count(*) filter (where ${FILED})::int as filed, count(*) filter (where e.action = 'dispatch')::int as dispatched,
       count(*) filter (where e.action = 'handle_feedback')::int as handled, count(*) filter (where e.action = 'close')::int as closed
     from case_events e ${scopedCase(f, 'c.district_code', 'e.case_id')} ${e.where()} group by 1, 2`, e.values);
  const out = new Map<string, StepsDay>();
  for (const r of rows) {
    let d = out.get(r.day);
    if (!d) out.set(r.day, (d = {}));
    d[r.district_code] = { filed: r.filed, dispatched: r.dispatched, handled: r.handled, closed: r.closed };
  }
  return out;
}

async function totalDays(q: Db, actor: Actor, first: string, last: string): Promise<Map<string, TotalsDay>> {
  const w = daysWindow(first, last);
  const reported = scoped(actor).add('c.created_at >= ?::timestamptz and c.created_at < ?::timestamptz', w.from, w.to);
  const closed = scoped(actor).add(`c.stage = 'closed' and c.closed_at >= ?::timestamptz and c.closed_at < ?::timestamptz`, w.from, w.to);
  const [r, c] = await Promise.all([
    countRows<{ day: string; n: number }>(q,
      `select ${CHINA_DAY('c.created_at')} as day, count(*)::int as n from cases c
      ${reported.where()} group by 1`, reported.values),
    countRows<{ day: string; n: number }>(q,
      `select ${CHINA_DAY('c.closed_at')} as day, count(*)::int as n from cases c
      ${closed.where()} group by 1`, closed.values),
  ]);
  const out = new Map<string, TotalsDay>();
  const of = (day: string) => out.get(day) ?? out.set(day, { reported: 0, closed: 0 }).get(day)!;
  for (const x of r) of(x.day).reported = x.n;
  for (const x of c) of(x.day).closed = x.n;
  return out;
}

/** 应结案 cohort: cases filed in the month (to the day) by district, the day's among them. */
async function closingCohort(q: Db, actor: Actor, p: ScreenPeriods) {
  const f = scoped(actor);
  const e = new SqlFilter();
  e.values.push(...f.values);
  e.add(`e.at >= ?::timestamptz and e.at < ?::timestamptz and ${FILED}`, iso(p.month.from), iso(p.month.to));
  const day = e.param(iso(p.day.from));
  const toClose = "c.stage not in ('voided', 'suspended')";
  return countRows<{ district_code: string; to_close: number; closed: number; d_to_close: number; d_closed: number }>(q,
    `select c.district_code, count(*) filter (where ${toClose})::int as to_close, count(*) filter (where c.stage = 'closed')::int as closed,
       count(*) filter (where e.at >= ${day}::timestamptz and ${toClose})::int as d_to_close,
       count(*) filter (where e.at >= ${day}::timestamptz and c.stage = 'closed')::int as d_closed
     from case_events e ${scopedCase(f, 'c.district_code, c.stage', 'e.case_id')} ${e.where()} group by 1`, e.values);
}

/** 应处置: 处置 clocks due in the month up to the as-of instant, by district (the day's among them). */
async function handlingDue(q: Db, actor: Actor, p: ScreenPeriods) {
  const f = scoped(actor);
  const k = new SqlFilter();
  k.values.push(...f.values);
  k.add(`k.clock = 'handle' and k.deadline >= ?::timestamptz and k.deadline < ?::timestamptz
    and (k.outcome is null or k.outcome = 'done')`, iso(p.month.from), iso(p.asOf));
  const day = k.param(iso(p.day.from));
  return countRows<{ district_code: string; due: number; done: number; on_time: number; d_due: number; d_done: number; d_on_time: number }>(q,
    `select c.district_code, count(*)::int as due, count(*) filter (where k.outcome = 'done')::int as done,
       count(*) filter (where k.on_time)::int as on_time,
       count(*) filter (where k.deadline >= ${day}::timestamptz)::int as d_due,
       count(*) filter (where k.deadline >= ${day}::timestamptz and k.outcome = 'done')::int as d_done,
       count(*) filter (where k.deadline >= ${day}::timestamptz and k.on_time)::int as d_on_time
     from case_clocks k ${scopedCase(f, 'c.district_code', 'k.case_id')} ${k.where()} group by 1`, k.values);
}

export const LIGHTS = ['green', 'yellow', 'red', 'paused'] as const;
export type Light = (typeof LIGHTS)[number];

// views.ts repeats the lights without importing them; this fails to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_LIGHT_MATCHES: Same<Light, LightCode> = true;
/** The light of the clock running at the as-of instant `$asOf` (paused = 挂账, no deadline). */
export const LIGHT_SQL = (asOf: string) => `case when k.deadline is null then 'paused' when k.red_at <= ${asOf}::timestamptz then 'red'
  when k.yellow_at <= ${asOf}::timestamptz then 'yellow' else 'green' end`;

/** Adds "a stage clock runs at asOf" to a filter on `case_clocks k` joined to `cases c`; returns the asOf placeholder. */
export function runningAt(f: SqlFilter, asOf: Date): string {
  const at = f.param(iso(asOf));
  f.add(`k.started_at <= ${at}::timestamptz and (k.stopped_at is null or k.stopped_at > ${at}::timestamptz)`);
  return at;
}

async function openByLight(q: Db, actor: Actor, p: ScreenPeriods): Promise<Record<Light, number>> {
  const f = scoped(actor);
  const at = runningAt(f, p.asOf);
  const rows = await countRows<{ light: Light; n: number }>(q,
    `select ${LIGHT_SQL(at)} as light, count(*)::int as n from case_clocks k join cases c on c.id = k.case_id
     ${f.where()} group by 1`, f.values);
  const out = { green: 0, yellow: 0, red: 0, paused: 0 };
  for (const r of rows) out[r.light] = r.n;
  return out;
}

const handlingView = (h: Handling) => ({ ...h, rate: onTimeHandlingRate(h) });
const closingView = (c: Closing) => ({ ...c, rate: closureRate(c) });

function add<T extends object>(into: T, from: T): void {
  for (const k of Object.keys(from) as (keyof T)[]) (into as any)[k] += (from as any)[k];
}

export async function screenSummary(q: Db, actor: Actor, p: ScreenPeriods): Promise<ScreenSummary> {
  const cache = cachesOf(q);
  const key = visibilityKey(actor);
  const today = dayKey(chinaDayIndex(new Date()));
  const monthDays = dayRange(dayKey(chinaDayIndex(p.month.from)), p.date);
  const yearDays = dayRange(dayKey(chinaDayIndex(p.months.window.from)), p.date);
  // one after the other: PGlite has one connection, and the day caches fill without racing each other
  const reported = await cache.reported.get(key, monthDays, today, () => ({ byDistrict: {}, bySource: {}, byType: {} }),
    (first, last) => reportedDays(q, actor, first, last));
  const steps = await cache.steps.get(key, monthDays, today, () => ({}), (first, last) => stepDays(q, actor, first, last));
  const totals = await cache.totals.get(key, yearDays, today, () => ({ reported: 0, closed: 0 }),
    (first, last) => totalDays(q, actor, first, last));
  const lightsAt = cache.lights.get(key, [p.date], today, () => ({ green: 0, yellow: 0, red: 0, paused: 0 }),
    async () => new Map([[p.date, await openByLight(q, actor, p)]]));
  const [closing, handling, lights, districts] = await Promise.all([
    closingCohort(q, actor, p), handlingDue(q, actor, p), lightsAt.then((m) => m.get(p.date)!),
    q.query<{ code: string; name: string }>("select code, name from divisions where level = 'district' order by code"),
  ]);

  interface DistrictCounts { month: Flow; day: Flow; handling: Handling; dayHandling: Handling; closing: Closing; dayClosing: Closing }
  const byDistrict = new Map<string, DistrictCounts>();
  const of = (code: string) => byDistrict.get(code) ?? byDistrict.set(code, {
    month: emptyFlow(), day: emptyFlow(), handling: { toHandle: 0, handled: 0, handledOnTime: 0 },
    dayHandling: { toHandle: 0, handled: 0, handledOnTime: 0 }, closing: { toClose: 0, closed: 0 }, dayClosing: { toClose: 0, closed: 0 },
  }).get(code)!;
  const types = new Map<string, number>();
  const sources = new Map<string, number>();
  for (const [day, r] of reported) {
    for (const [code, n] of Object.entries(r.byDistrict)) {
      of(code).month.reported += n;
      if (day === p.date) of(code).day.reported += n;
    }
    for (const [t, n] of Object.entries(r.byType)) types.set(t, (types.get(t) ?? 0) + n);
    for (const [s, n] of Object.entries(r.bySource)) sources.set(s, (sources.get(s) ?? 0) + n);
  }
  for (const [day, s] of steps) {
    for (const [code, flow] of Object.entries(s)) {
      add(of(code).month, { reported: 0, ...flow });
      if (day === p.date) add(of(code).day, { reported: 0, ...flow });
    }
  }
  for (const r of closing) {
    add(of(r.district_code).closing, { toClose: r.to_close, closed: r.closed });
    add(of(r.district_code).dayClosing, { toClose: r.d_to_close, closed: r.d_closed });
  }
  for (const r of handling) {
    add(of(r.district_code).handling, { toHandle: r.due, handled: r.done, handledOnTime: r.on_time });
    add(of(r.district_code).dayHandling, { toHandle: r.d_due, handled: r.d_done, handledOnTime: r.d_on_time });
  }
  const total = {
    month: emptyFlow(), day: emptyFlow(), handling: { toHandle: 0, handled: 0, handledOnTime: 0 },
    dayHandling: { toHandle: 0, handled: 0, handledOnTime: 0 }, closing: { toClose: 0, closed: 0 }, dayClosing: { toClose: 0, closed: 0 },
  };
  for (const d of byDistrict.values()) for (const k of Object.keys(total) as (keyof typeof total)[]) add(total[k], d[k]);

  const scopeBased = actor.role !== 'handler' && actor.role !== 'citizen';
  const ranking = districts
    .filter((d) => byDistrict.has(d.code) || (scopeBased && inScope(d.code, actor.scope)))
    .map((d) => {
      const c = byDistrict.get(d.code) ?? of(d.code);
      return { code: d.code, name: d.name, ...c.month, handling: handlingView(c.handling), closing: closingView(c.closing) };
    })
    .sort((a, b) => (b.handling.rate ?? -1) - (a.handling.rate ?? -1) || (b.closing.rate ?? -1) - (a.closing.rate ?? -1)
      || b.reported - a.reported || a.code.localeCompare(b.code));

  const top = [...types.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  const names = top.length === 0 ? [] : await q.query<{ key: string; name: string }>(
    "select kind || ':' || code as key, name from catalog_types where kind || ':' || code = any($1)", [top.map(([t]) => t)]);
  const nameOf = new Map(names.map((n) => [n.key, n.name]));

  const monthly = new Map(p.months.keys.map((m) => [m, { reported: 0, closed: 0 }]));
  for (const [day, t] of totals) {
    const m = monthly.get(day.slice(0, 7));
    if (m) add(m, t);
  }

  return {
    date: p.date, today: p.today, asOf: iso(p.asOf), month: p.month.key,
    day: total.day,
    monthTotals: total.month,
    rates: {
      day: { onTimeHandling: handlingView(total.dayHandling), closure: closingView(total.dayClosing) },
      month: { onTimeHandling: handlingView(total.handling), closure: closingView(total.closing) },
    },
    topTypes: top.map(([t, count]) => {
      const [kind, typeCode] = t.split(':');
      return { kind, typeCode, name: nameOf.get(t) ?? typeCode, count };
    }),
    districts: ranking,
    trend: {
      days: p.days.keys.map((day) => ({ date: day, ...(totals.get(day) ?? { reported: 0, closed: 0 }) })),
      months: p.months.keys.map((month) => ({ month, ...monthly.get(month)! })),
    },
    sources: [...sources.entries()].map(([source, count]) => ({ source, name: SOURCE_NAMES[source as CaseSource] ?? source, count }))
      .sort((a, b) => b.count - a.count),
    lights,
  };
}
