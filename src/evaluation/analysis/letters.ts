// Issued 提示函: validated against the cases the issuer may see, numbered per year (提示〔2026〕第 N 号), stored with
// whom it went to, who issued it, when, and which cases; listed within the viewer's scope; rendered as DOCX or PDF.
import type { Actor } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import { likePatterns } from '../../admin/scope.ts';
import { STAGE_NAMES, type Stage } from '../../command/rules/case-model.ts';
import { chinaDayIndex, dayKey } from '../../command/rules/china-time.ts';
import type { Db, Queryable } from '../../db/types.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { responsibleDepartment } from './focus.ts';
import { placeNames, scopedCases, typeNames } from './query.ts';
import { composeLetter, letterNumber, letterText, type Letter, type LetterCase } from './rules/letter.ts';
import type { FocusLevel, LetterCaseView, LetterRecord } from './views.ts';

export interface IssueLetterInput {
  placeLevel: FocusLevel;
  placeCode: string;
  kind: 'component' | 'matter';
  typeCode: string;
  caseIds: number[];
  departmentId?: number;
}

// views.ts writes a letter's case out without importing the rule's type; this fails to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_LETTER_CASE_MATCHES: Same<LetterCase, LetterCaseView> = true;

const COLUMNS = `id::int as id, letter_no as "letterNo", department_id::int as "departmentId", department_name as "departmentName",
  place_level as "placeLevel", place_code as "placeCode", place_name as "placeName", kind, type_code as "typeCode",
  type_name as "typeName", window_from::text as "windowFrom", window_to::text as "windowTo", case_ids as "caseIds", cases,
  issued_by_name as "issuedByName", issued_at as "issuedAt"`;

const normalize = (r: any): LetterRecord => ({ ...r, caseIds: r.caseIds.map(Number), issuedAt: new Date(r.issuedAt).toISOString() });

/** The sender: the city's 城市运行管理服务中心. */
async function centreName(q: Queryable): Promise<string> {
  const city = await q.maybeOne<{ name: string }>("select name from divisions where level = 'city' order by code limit 1");
  return `${city?.name ?? ''}城市运行管理服务中心`;
}

export async function issueLetter(db: Db, actor: Actor, input: IssueLetterInput): Promise<LetterRecord> {
  const ids = [...new Set(input.caseIds)];
  if (ids.length < 2) throw badRequest('TOO_FEW_CASES', '提示函至少需要 2 件同类案件');
  const s = scopedCases(actor, { kind: input.kind, typeCode: input.typeCode }).add('c.id = any(?::bigint[])', ids);
  s.add(`${input.placeLevel === 'grid' ? 'c.grid_code' : 'c.community_code'} = ?`, input.placeCode);
  const cases = await db.query<{ id: number; case_no: string; created_at: Date; address: string; stage: Stage }>(
    `select c.id::int as id, c.case_no, c.created_at, c.address, c.stage from cases c ${s.where()} order by c.created_at, c.id`, s.values);
  if (cases.length !== ids.length) {
    const found = new Set(cases.map((c) => c.id));
    throw badRequest('CASES_NOT_MATCHING', '部分案件不存在、不在您的数据范围内，或不属于所选位置和类型',
      { caseIds: ids.filter((id) => !found.has(id)) });
  }
  const department = input.departmentId !== undefined
    ? await db.maybeOne<{ id: number; name: string }>('select id::int as id, name from departments where id = $1', [input.departmentId])
    : await responsibleDepartment(db, ids, input.kind, input.typeCode, input.placeCode);
  if (!department) {
    if (input.departmentId !== undefined) throw notFound('部门', input.departmentId);
    throw badRequest('NO_DEPARTMENT', '无法确定责任部门（案件未派遣且权责清单无对应规则），请指定部门');
  }
  const [places, types, centre] = await Promise.all([placeNames(db, [input.placeCode]), typeNames(db), centreName(db)]);
  const day = (d: Date) => dayKey(chinaDayIndex(d));
  const rows: LetterCase[] = cases.map((c) => ({ caseNo: c.case_no, date: day(c.created_at), address: c.address, stage: STAGE_NAMES[c.stage] ?? c.stage }));
  const now = new Date();
  return db.transaction(async (tx) => {
    const year = Number(day(now).slice(0, 4));
    const seq = await tx.maybeOne<{ last_seq: number }>(
      `insert into analysis_letter_counters (year, last_seq) values ($1, 1)
       on conflict (year) do update set last_seq = analysis_letter_counters.last_seq + 1 returning last_seq`, [year]);
    const letterNo = letterNumber(year, Number(seq!.last_seq));
    const base = {
      letterNo, departmentName: department.name, placeName: places.get(input.placeCode) ?? input.placeCode,
      typeName: types.get(`${input.kind}:${input.typeCode}`) ?? input.typeCode, windowFrom: rows[0].date, windowTo: rows[rows.length - 1].date,
    };
    const letter = composeLetter({ ...base, cases: rows, issuerName: actor.name, issuedDate: day(now), centreName: centre });
    const r = await tx.maybeOne(
      `insert into analysis_letters (letter_no, department_id, department_name, place_level, place_code, place_name, kind, type_code,
         type_name, window_from, window_to, case_ids, cases, body, issued_by, issued_by_name, issued_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning ${COLUMNS}`,
      [letterNo, department.id, department.name, input.placeLevel, input.placeCode, base.placeName, input.kind, input.typeCode,
        base.typeName, base.windowFrom, base.windowTo, ids, JSON.stringify(rows), letterText(letter),
        actor.kind === 'user' ? actor.id : null, actor.name, now.toISOString()]);
    const record = normalize(r);
    await audit(tx, actor, { action: 'issue', entity: 'analysis_letter', entityId: record.id,
      after: { letterNo, departmentId: department.id, placeCode: input.placeCode, typeCode: input.typeCode, caseIds: ids } });
    return record;
  });
}

/** Letters about places within the viewer's scope, newest first. */
export async function listLetters(q: Queryable, actor: Actor, limit = 200): Promise<LetterRecord[]> {
  if (actor.scope !== 'all' && actor.scope.length === 0) return [];
  const rows = actor.scope === 'all'
    ? await q.query(`select ${COLUMNS} from analysis_letters order by issued_at desc, id desc limit $1`, [limit])
    : await q.query(`select ${COLUMNS} from analysis_letters where place_code like any($2) order by issued_at desc, id desc limit $1`,
      [limit, likePatterns(actor.scope)]);
  return rows.map(normalize);
}

/** One letter within the viewer's scope, composed again from what was stored when it was issued. */
export async function loadLetter(q: Queryable, actor: Actor, id: number): Promise<{ record: LetterRecord; letter: Letter }> {
  const r = await q.maybeOne(`select ${COLUMNS} from analysis_letters where id = $1`, [id]);
  if (!r) throw notFound('提示函', id);
  const record = normalize(r);
  if (actor.scope !== 'all' && !actor.scope.some((p) => record.placeCode.startsWith(p))) throw notFound('提示函', id);
  const letter = composeLetter({ ...record, cases: record.cases, issuerName: record.issuedByName,
    issuedDate: dayKey(chinaDayIndex(new Date(record.issuedAt))), centreName: await centreName(q) });
  return { record, letter };
}
