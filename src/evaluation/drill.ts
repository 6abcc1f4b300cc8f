// 下钻: the cases behind one figure of one object in a period — the same figure definition and object key as the
// table, read from raw history per timeline entry or per clock, so every number leads to its cases.
import type { Actor } from '../admin/actor.ts';
import { likePatterns } from '../admin/scope.ts';
import { STAGE_NAMES, type Stage } from '../command/rules/case-model.ts';
import type { Queryable } from '../db/types.ts';
import { pageClause } from '../base/sql.ts';
import { clockFactsSql } from './clock-counts.ts';
import { dayEnd, dayStart, eventRows, qualify } from './figures-sql.ts';
import { clockKey, eventKey, type EvaluatedObject } from './objects.ts';
import { FIGURES, type ClockFigure, type FigureName } from './rules/figures.ts';
import type { Period } from './rules/periods.ts';
import type { DrillPage } from './views.ts';

/** The SQL selecting the case ids behind the figure for the object `key` ($1, $2 the period; values get the rest). */
function caseIdsSql(o: EvaluatedObject, figure: FigureName, key: string, scope: Actor['scope'], values: unknown[]): string {
  const f = FIGURES[figure];
  const scopeSql = scope === 'all' ? 'true' : `x.grid_code like any($${values.push(likePatterns(scope))})`;
  if (f.source === 'events') {
    const k = eventKey(o);
    return `select distinct x.case_id from (${eventRows('raw')}) x ${k.join}
      where ${k.where} and ${k.expr} = $${values.push(key)} and x.counter in (${f.counters.map((c) => `'${c}'`).join(', ')}) and ${scopeSql}`;
  }
  const c = f as ClockFigure;
  const k = clockKey(o, o.kind === 'position' ? (c.position ?? 'actor') : 'actor');
  const when = c.cohort ? 'x.cohort_day between $1::date and $2::date' : 'x.day between $1::date and $2::date';
  // narrow the raw clocks first: the figure's clock, the period (unbounded above for the 结案 cohort), the region
  const narrow = [`k.stopped_at >= ${dayStart('$1')}`];
  if (!c.cohort) narrow.push(`k.stopped_at < ${dayEnd('$2')}`);
  const clock = /clock = '(\w+)'/.exec(c.where)?.[1];
  if (clock) narrow.push(`k.clock = '${clock}'`);
  if (o.kind === 'region' && o.level !== 'responsibility') narrow.push(`c.grid_code like $${values.push(`${key}%`)}`);
  return `select distinct x.case_id from (${clockFactsSql('case_clocks', `where ${narrow.join(' and ')}`)}) x ${k.join}
    where ${k.where} and ${k.expr} = $${values.push(key)} and ${when} and (${qualify(c.where)}) and x.${c.measure} > 0 and ${scopeSql}`;
}

export async function drillCases(q: Queryable, actor: Pick<Actor, 'scope'>, o: EvaluatedObject, figure: FigureName, key: string,
  period: Period, page = 1, pageSize = 20): Promise<DrillPage> {
  const values: unknown[] = [period.from, period.to];
  const ids = caseIdsSql(o, figure, key, actor.scope, values);
  const total = await q.maybeOne<{ n: number }>(`select count(*)::int as n from (${ids}) i`, values);
  const rows = await q.query(`select c.id, c.case_no, t.name as type_name, c.address, c.stage, c.district_code, c.created_at, c.closed_at
    from cases c join catalog_types t on t.kind = c.kind and t.code = c.type_code
    where c.id in (${ids}) order by c.created_at desc, c.id desc ${pageClause(page, pageSize, 100)}`, values);
  return {
    figure, figureName: FIGURES[figure].name, total: Number(total!.n),
    items: rows.map((r) => ({ id: Number(r.id), caseNo: r.case_no, typeName: r.type_name, address: r.address,
      stageName: STAGE_NAMES[r.stage as Stage] ?? r.stage, districtCode: r.district_code,
      createdAt: new Date(r.created_at).toISOString(), closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null })),
  };
}
