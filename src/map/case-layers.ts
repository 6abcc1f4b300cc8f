// The map's case layers (案件图层), always within what the actor may see: case points with their traffic light,
// a heat map binned in SQL, and per-grid case counts and on-time rates for colouring the unit grids.
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { SqlFilter } from '../base/sql.ts';
import { filterVisible } from '../command/case-record.ts';
import { STAGE_NAMES } from '../command/rules/case-model.ts';
import type { Period } from './period.ts';

/** At most this many case points in one answer (newest first); `truncated: true` when there were more. */
export const MAX_CASE_POINTS = 20_000;

/** Same rule as the case list (LIST_SELECT): red past the red instant, yellow past the yellow one, else green. */
export const LIGHT_SQL = `case when c.closed_at is not null then 'closed'
  when k.red_at < now() then 'red' when k.yellow_at <= now() then 'yellow' when k.id is not null then 'green' else 'none' end`;

/**
 * Which cases a case layer shows: with a period, those reported in it (open or not); without one, the cases open
 * now. The caller's filter already holds the visibility rule.
 */
export function filterCases(f: SqlFilter, actor: Actor, period: Period | undefined): SqlFilter {
  filterVisible(f, actor);
  if (period) f.add('c.created_at >= ? and c.created_at < ?', period.from.toISOString(), period.to.toISOString());
  else f.add('c.closed_at is null');
  return f;
}

/** The properties one case point carries (also used by the polygon selection). */
export function caseProperties(f: SqlFilter): string {
  return `json_build_object('id', c.id, 'caseNo', c.case_no, 'typeName', t.name, 'stage', c.stage,
    'stageName', ${f.param(JSON.stringify(STAGE_NAMES))}::jsonb ->> c.stage, 'light', ${LIGHT_SQL}, 'urgent', c.urgent,
    'address', c.address, 'createdAt', c.created_at)`;
}

export const CASE_FROM = `from cases c join catalog_types t on t.kind = c.kind and t.code = c.type_code
  left join case_clocks k on k.case_id = c.id and k.stopped_at is null`;

export async function casesLayer(db: Queryable, actor: Actor, period: Period | undefined, max = MAX_CASE_POINTS): Promise<string> {
  const f = filterCases(new SqlFilter(), actor, period);
  const props = caseProperties(f);
  // one row more than the limit tells whether there were more
  const row = await db.maybeOne<{ n: number; features: string | null }>(
    `select count(*)::int as n, string_agg(f, ',' order by rn) filter (where rn <= ${max}) as features from (
       select row_number() over (order by c.created_at desc, c.id desc) as rn,
         json_build_object('type', 'Feature', 'id', c.id,
           'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(c.lon, c.lat)),
           'properties', ${props})::text as f
       ${CASE_FROM} ${f.where()} order by c.created_at desc, c.id desc limit ${max + 1}) x`, f.values);
  const truncated = row!.n > max ? ',"truncated":true' : '';
  return `{"type":"FeatureCollection"${truncated},"features":[${row!.features ?? ''}]}`;
}

/** Cell sizes (degrees) the heat map may be binned by; about 50, 100, 200 and 500 m here. */
export const HEAT_CELLS = [0.0005, 0.001, 0.002, 0.005] as const;

/** Cases reported in the period, counted per square cell of `cell` degrees; each cell a point at its centre. */
export async function caseHeat(db: Queryable, actor: Actor, period: Period, cell: number) {
  const f = filterCases(new SqlFilter(), actor, period);
  const size = f.param(cell);
  const rows = await db.query<{ x: number; y: number; n: number }>(
    `select round(c.lon / ${size})::int as x, round(c.lat / ${size})::int as y, count(*)::int as n
     from cases c ${f.where()} group by 1, 2`, f.values);
  let total = 0;
  let max = 0;
  const features = rows.map((r) => {
    const n = Number(r.n);
    total += n;
    max = Math.max(max, n);
    return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [round7(r.x * cell), round7(r.y * cell)] },
      properties: { n } };
  });
  return { type: 'FeatureCollection' as const, cell, total, max, features };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export interface GridStat {
  code: string;
  cases: number;      // reported in the period
  handled: number;    // 处置 clocks finished (done) in the period
  onTime: number;     // of those, on time
}

/** Per unit grid: cases reported in the period, and 处置 clocks finished in it with how many were on time. */
export async function gridStats(db: Queryable, actor: Actor, period: Period): Promise<GridStat[]> {
  const reported = filterCases(new SqlFilter(), actor, period);
  const handledFilter = new SqlFilter();
  filterVisible(handledFilter, actor);
  handledFilter.add("k.clock = 'handle' and k.outcome = 'done' and k.stopped_at >= ? and k.stopped_at < ?",
    period.from.toISOString(), period.to.toISOString());
  const [counts, handled] = await Promise.all([
    db.query<{ code: string; n: number }>(`select c.grid_code as code, count(*)::int as n from cases c ${reported.where()} group by 1`,
      reported.values),
    db.query<{ code: string; handled: number; on_time: number }>(
      `select c.grid_code as code, count(*)::int as handled, (count(*) filter (where k.on_time))::int as on_time
       from case_clocks k join cases c on c.id = k.case_id ${handledFilter.where()} group by 1`, handledFilter.values),
  ]);
  const byCode = new Map<string, GridStat>();
  const stat = (code: string) => {
    let s = byCode.get(code);
    if (!s) byCode.set(code, (s = { code, cases: 0, handled: 0, onTime: 0 }));
    return s;
  };
  for (const r of counts) stat(r.code).cases = Number(r.n);
  for (const r of handled) Object.assign(stat(r.code), { handled: Number(r.handled), onTime: Number(r.on_time) });
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** A row selected as `c.lon, c.lat, ${caseProperties} as p` → the case as JSON for lists. */
export function caseItem(r: { lon: number; lat: number; p: any }) {
  const p = typeof r.p === 'string' ? JSON.parse(r.p) : r.p;
  return { ...p, id: Number(p.id), createdAt: new Date(p.createdAt).toISOString(), lon: r.lon, lat: r.lat } as {
    id: number; caseNo: string; typeName: string; stage: string; stageName: string; light: string; urgent: boolean;
    address: string; createdAt: string; lon: number; lat: number;
  };
}
