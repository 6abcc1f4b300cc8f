// 案件导出 (CSV): the list's filters, streamed page by page (keyset on id) so a year of cases never sits in memory.
// Starts with a UTF-8 BOM so that Excel shows Chinese correctly.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { caseFilter, type CaseQuery } from './queries.ts';
import { CLOSE_TYPE_NAMES, SOURCE_NAMES, STAGE_NAMES, type CloseType, type CaseSource, type Stage } from './rules/case-model.ts';

const PAGE = 2000;
const HEADER = ['案件编号', '类别', '类型代码', '类型名称', '事项代码', '来源', '阶段', '紧急', '超期', '事发位置', '问题描述',
  '单元网格', '社区', '街道', '区县', '主办部门', '经度', '纬度', '上报时间', '结案时间', '结案类型'];

function line(r: any): unknown[] {
  return [r.case_no, r.kind === 'component' ? '部件' : '事项', r.type_code, r.type_name, r.matter_code, SOURCE_NAMES[r.source as CaseSource],
    STAGE_NAMES[r.stage as Stage], r.urgent ? '是' : '否', r.overdue ? '是' : '否', r.address, r.description, r.grid_code,
    r.community_code, r.street_code, r.district_code, r.department_name ?? '', r.lon, r.lat, new Date(r.created_at).toISOString(),
    r.closed_at ? new Date(r.closed_at).toISOString() : '', r.close_type ? CLOSE_TYPE_NAMES[r.close_type as CloseType] : ''];
}

export function exportCasesCsv(q: Queryable, actor: Actor, query: Omit<CaseQuery, 'page' | 'pageSize'>): Readable {
  async function* rows() {
    yield `\uFEFF${stringify([HEADER])}`;
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
      yield stringify(page.map(line));
      if (page.length < PAGE) return;
      after = Number(page[page.length - 1].id);
    }
  }
  return Readable.from(rows());
}
