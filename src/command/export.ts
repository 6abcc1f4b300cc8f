// 案件导出: the list's filters, read page by page (keyset on id) so a year of cases never sits in memory, written as
// CSV (UTF-8 with a BOM so that Excel shows Chinese correctly) or as an XLSX workbook streamed by exceljs.
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { caseFilter, type CaseQuery } from './queries.ts';
import { CLOSE_TYPE_NAMES, SOURCE_NAMES, STAGE_NAMES, type CloseType, type CaseSource, type Stage } from './rules/case-model.ts';
import { formatChinaTime } from './rules/china-time.ts';

const PAGE = 2000;
type ExportQuery = Omit<CaseQuery, 'page' | 'pageSize'>;
type Time = (d: Date) => string;

const COLUMNS: { header: string; width: number; value: (r: any, time: Time) => unknown }[] = [
  { header: '案件编号', width: 20, value: (r) => r.case_no },
  { header: '类别', width: 6, value: (r) => (r.kind === 'component' ? '部件' : '事项') },
  { header: '类型代码', width: 9, value: (r) => r.type_code },
  { header: '类型名称', width: 16, value: (r) => r.type_name },
  { header: '事项代码', width: 13, value: (r) => r.matter_code },
  { header: '来源', width: 11, value: (r) => SOURCE_NAMES[r.source as CaseSource] },
  { header: '阶段', width: 11, value: (r) => STAGE_NAMES[r.stage as Stage] },
  { header: '紧急', width: 6, value: (r) => (r.urgent ? '是' : '否') },
  { header: '超期', width: 6, value: (r) => (r.overdue ? '是' : '否') },
  { header: '事发位置', width: 36, value: (r) => r.address },
  { header: '问题描述', width: 40, value: (r) => r.description },
  { header: '单元网格', width: 17, value: (r) => r.grid_code },
  { header: '社区', width: 13, value: (r) => r.community_code },
  { header: '街道', width: 10, value: (r) => r.street_code },
  { header: '区县', width: 8, value: (r) => r.district_code },
  { header: '主办部门', width: 22, value: (r) => r.department_name ?? '' },
  { header: '经度', width: 11, value: (r) => r.lon },
  { header: '纬度', width: 11, value: (r) => r.lat },
  { header: '上报时间', width: 17, value: (r, time) => time(new Date(r.created_at)) },
  { header: '结案时间', width: 17, value: (r, time) => (r.closed_at ? time(new Date(r.closed_at)) : '') },
  { header: '结案类型', width: 9, value: (r) => (r.close_type ? CLOSE_TYPE_NAMES[r.close_type as CloseType] : '') },
];

/** The filtered cases, newest first, a page of rows at a time. */
async function* casePages(q: Queryable, actor: Actor, query: ExportQuery): AsyncGenerator<any[]> {
  let after: number | null = null;
  for (;;) {
    const f = caseFilter(actor, query);
    if (after !== null) f.add('c.id < ?', after);
    const page = await q.query(
      `select c.*, t.name as type_name, d.name as department_name from cases c
       join catalog_types t on t.kind = c.kind and t.code = c.type_code
       left join departments d on d.id = c.lead_department_id
       ${f.where()} order by c.id desc limit ${PAGE}`, f.values);
    if (page.length === 0) return;
    yield page;
    if (page.length < PAGE) return;
    after = Number(page[page.length - 1].id);
  }
}

/**
 * The pages with the first already read: a filter the database refuses (an id out of range, say) fails the request
 * with its error answer before the file's headers are sent.
 */
async function readPages(q: Queryable, actor: Actor, query: ExportQuery): Promise<AsyncIterable<any[]>> {
  const pages = casePages(q, actor, query);
  const first = await pages.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* pages;
  })();
}

export async function exportCasesCsv(q: Queryable, actor: Actor, query: ExportQuery): Promise<Readable> {
  const iso: Time = (d) => d.toISOString();
  const pages = await readPages(q, actor, query);
  async function* chunks() {
    yield `\uFEFF${stringify([COLUMNS.map((c) => c.header)])}`;
    for await (const page of pages) yield stringify(page.map((r) => COLUMNS.map((c) => c.value(r, iso))));
  }
  return Readable.from(chunks());
}

/** An XLSX workbook (one sheet 案件, China time, frozen header row), written while the pages are read. */
export async function exportCasesXlsx(q: Queryable, actor: Actor, query: ExportQuery): Promise<Readable> {
  const pages = await readPages(q, actor, query);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('案件', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const page of pages) {
      for (const r of page) sheet.addRow(COLUMNS.map((c) => c.value(r, formatChinaTime))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
