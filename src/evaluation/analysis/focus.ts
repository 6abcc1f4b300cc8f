// 焦点问题: one type of problem recurring in one unit grid or community (≥ minCount cases within windowDays), found in
// the cases the viewer may see, with the department responsible for it — the department most of those cases were
// dispatched to (主办), otherwise the 权责清单 rule for the type covering the place — and the 提示函 already issued.
import type { Actor } from '../../admin/actor.ts';
import { dayKey, chinaDayIndex } from '../../command/rules/china-time.ts';
import type { Queryable } from '../../db/types.ts';
import { placeNames, reportedCases, typeNames, type AnalysisFilter } from './query.ts';
import { findRecurrences } from './rules/recurrence.ts';
import type { FocusLevel, FocusProblem } from './views.ts';

export type { FocusLevel, FocusProblem } from './views.ts';

export interface FocusOptions {
  level: FocusLevel;
  windowDays: number;
  minCount: number;
}

/** The responsible department of cases of one type in one place (see the header). */
export async function responsibleDepartment(q: Queryable, caseIds: readonly number[], kind: string, typeCode: string,
  placeCode: string): Promise<{ id: number; name: string } | null> {
  const lead = await q.maybeOne<{ id: number; name: string }>(
    `select d.id::int as id, d.name from cases c join departments d on d.id = c.lead_department_id
     where c.id = any($1) group by d.id, d.name order by count(*) desc, d.id limit 1`, [caseIds]);
  if (lead) return lead;
  return (await q.maybeOne<{ id: number; name: string }>(
    `select d.id::int as id, d.name from responsibility_rules r join departments d on d.id = r.department_id
     where r.kind = $1 and r.type_code = $2 and r.role = 'lead' and $3 like r.division_code || '%'
       and (r.grid_code is null or r.grid_code like $3 || '%')
     order by (r.grid_code is not null) desc, length(r.division_code) desc, r.id limit 1`, [kind, typeCode, placeCode])) ?? null;
}

export async function focusProblems(q: Queryable, actor: Actor, f: AnalysisFilter, opts: FocusOptions, limit = 100): Promise<FocusProblem[]> {
  const s = reportedCases(actor, f).add("c.stage not in ('merged', 'rejected', 'voided')");
  const place = opts.level === 'grid' ? 'c.grid_code' : 'c.community_code';
  const rows = await q.query<{ id: number; at: Date; place: string; type: string }>(
    `select c.id::int as id, c.created_at as at, ${place} as place, c.kind || ':' || c.type_code as type from cases c ${s.where()}`,
    s.values);
  const found = findRecurrences(rows.map((r) => ({ id: r.id, at: +new Date(r.at), place: r.place, type: r.type })),
    { windowDays: opts.windowDays, minCount: opts.minCount }).slice(0, limit);
  const [places, types] = await Promise.all([placeNames(q, [...new Set(found.map((x) => x.place))]), typeNames(q)]);
  const out: FocusProblem[] = [];
  for (const x of found) {
    const [kind, typeCode] = x.type.split(':') as ['component' | 'matter', string];
    const letter = await q.maybeOne<{ id: number; letter_no: string; issued_at: Date }>(
      `select id::int as id, letter_no, issued_at from analysis_letters where place_code = $1 and kind = $2 and type_code = $3
       order by issued_at desc, id desc limit 1`, [x.place, kind, typeCode]);
    out.push({
      placeLevel: opts.level, placeCode: x.place, placeName: places.get(x.place) ?? x.place, kind, typeCode,
      typeName: types.get(x.type) ?? typeCode, caseIds: x.caseIds, count: x.caseIds.length,
      firstDate: dayKey(chinaDayIndex(x.first)), lastDate: dayKey(chinaDayIndex(x.last)),
      department: await responsibleDepartment(q, x.caseIds, kind, typeCode, x.place),
      letter: letter ? { id: letter.id, letterNo: letter.letter_no, issuedAt: new Date(letter.issued_at).toISOString() } : null,
    });
  }
  return out;
}
