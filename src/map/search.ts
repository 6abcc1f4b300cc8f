// Map search on the server (the page searches its loaded layers itself): cases by case number or address,
// within what the actor may see, newest first.
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { likeText, SqlFilter } from '../base/sql.ts';
import { filterVisible } from '../command/case-record.ts';
import { CASE_FROM, caseItem, caseProperties } from './case-layers.ts';

const CASE_NO_PREFIX = /^[0-9]{4}-[0-9-]*$/;

export async function searchCases(db: Queryable, actor: Actor, text: string, limit = 10) {
  const q = text.trim();
  const f = new SqlFilter();
  filterVisible(f, actor);
  // A case number (or its start) uses the unique index; other text is looked for in the address and the number.
  if (CASE_NO_PREFIX.test(q)) f.add('c.case_no like ?', `${likeText(q)}%`);
  else f.add('(c.address ilike ? or c.case_no like ?)', `%${likeText(q)}%`, `%${likeText(q)}%`);
  const rows = await db.query<{ lon: number; lat: number; p: any }>(
    `select c.lon, c.lat, ${caseProperties(f)} as p ${CASE_FROM} ${f.where()} order by c.created_at desc, c.id desc limit ${limit}`, f.values);
  return rows.map(caseItem);
}
