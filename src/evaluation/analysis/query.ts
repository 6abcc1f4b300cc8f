// What every analysis query shares: the cases a viewer may see (the case list's data scope, filterVisible) reported
// in a range of China days, optionally within a region and of one type; and the names of types, places and regions.
import type { Actor } from '../../admin/actor.ts';
import { SqlFilter } from '../../base/sql.ts';
import { filterVisible } from '../../command/case-record.ts';
import { chinaTime, DAY_MS } from '../../command/rules/china-time.ts';
import type { Queryable } from '../../db/types.ts';
import type { DayRange } from './rules/periods.ts';

export interface AnalysisFilter {
  range: DayRange;
  /** A division code (district, street, community) or grid code the cases must lie in. */
  region?: string;
  kind?: 'component' | 'matter';
  typeCode?: string;
}

/** [from, to) instants of a range of China days, as ISO strings. */
export function windowOf(r: DayRange): { from: string; to: string } {
  return { from: chinaTime(r.from).toISOString(), to: new Date(+chinaTime(r.to) + DAY_MS).toISOString() };
}

/** The viewer's scope plus region and type filters on `cases c` (no time condition). */
export function scopedCases(actor: Actor, f: Omit<AnalysisFilter, 'range'>): SqlFilter {
  const s = new SqlFilter();
  filterVisible(s, actor);
  if (f.region) s.add('c.grid_code like ?', `${f.region.replace(/[\\%_]/g, '')}%`);
  if (f.kind) s.add('c.kind = ?', f.kind);
  if (f.typeCode) s.add('c.type_code = ?', f.typeCode);
  return s;
}

/** Cases reported (上报) in the range, within scope and filters. */
export function reportedCases(actor: Actor, f: AnalysisFilter): SqlFilter {
  const w = windowOf(f.range);
  return scopedCases(actor, f).add('c.created_at >= ?::timestamptz and c.created_at < ?::timestamptz', w.from, w.to);
}

/** 'kind:code' → the catalogue name. */
export async function typeNames(q: Queryable): Promise<Map<string, string>> {
  const rows = await q.query<{ kind: string; code: string; name: string }>('select kind, code, name from catalog_types');
  return new Map(rows.map((r) => [`${r.kind}:${r.code}`, r.name]));
}

/** Names of divisions and unit grids by code. */
export async function placeNames(q: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await q.query<{ code: string; name: string }>(
    `select code, name from divisions where code = any($1)
     union all select g.code, g.name from unit_grids g where g.code = any($1)`,
    [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
}
