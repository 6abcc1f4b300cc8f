// Importing 实地考察 scores and 问卷调查 results from XLSX or CSV (UTF-8 or GBK): each row is resolved (region by code or
// name, indicator by code or name) and checked; a file with any bad row is refused whole with a report of every row.
// Also the import template: one row per region and indicator, ready to fill in.
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Actor } from '../../admin/actor.ts';
import { decodeText } from '../../base/import/read.ts';
import type { Db } from '../../db/types.ts';
import { badRequest } from '../../platform/errors.ts';
import { entryProblems, indexRegions, loadTree, writeEntries, type EntryKind, type InspectionInput, type QuestionnaireInput } from './store.ts';
import type { ImportRowReport, IndexTree } from './views.ts';

const COLUMNS = {
  region: ['区域代码', '区域', '区域名称', 'region'],
  indicator: ['指标代码', '指标', '指标名称', '问题', 'indicator'],
  score: ['得分', '分数', 'score'],
  note: ['备注', 'note'],
  sampleSize: ['样本量', '样本数', 'sample_size', 'samplesize'],
  satisfaction: ['满意度', '满意度(%)', '满意度（%）', '满意率', 'satisfaction'],
} as const;

export const TEMPLATE_HEADERS: Record<EntryKind, string[]> = {
  inspection: ['区域代码', '区域名称', '指标代码', '指标名称', '得分', '备注'],
  questionnaire: ['区域代码', '区域名称', '指标代码', '指标名称', '样本量', '满意度(%)'],
};

type Row = Record<string, string>;

/** The rows of an uploaded file with lower-cased, trimmed headers and text cells. */
export async function readTable(fileName: string, data: Buffer): Promise<Row[]> {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv') {
    try {
      return parse(decodeText(data), { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true,
        relax_column_count: true });
    } catch (err) {
      throw badRequest('INVALID_FILE', `CSV 文件无法解析：${(err as Error).message}`);
    }
  }
  if (ext !== '.xlsx') throw badRequest('UNSUPPORTED_FORMAT', `不支持的文件类型 ${ext || '（无扩展名）'}：请上传 .xlsx 或 .csv`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw badRequest('INVALID_FILE', `Excel 文件无法读取：${(err as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('INVALID_FILE', 'Excel 文件中没有工作表');
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'result' in v) return text(v.result as ExcelJS.CellValue);
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    return String(v).trim();
  };
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => text(v).toLowerCase());
  const rows: Row[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as ExcelJS.CellValue[];
    const row: Row = {};
    header.forEach((h, i) => { if (h) row[h] = text(values[i]); });
    if (Object.values(row).some((v) => v !== '')) rows.push(row);
  }
  return rows;
}

function cell(row: Row, names: readonly string[]): string | undefined {
  for (const n of names) if (row[n.toLowerCase()] !== undefined) return row[n.toLowerCase()];
  return undefined;
}

const numberOf = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === '') return Number.NaN;
  const n = Number(s.replace(/%$/, '').trim());
  return Number.isFinite(n) ? n : Number.NaN;
};

/** Resolves and checks every row; the entries to write and a report per row (1-based data rows). */
export function checkRows(kind: EntryKind, rows: Row[], tree: IndexTree, regions: { code: string; name: string }[]):
  { entries: Partial<InspectionInput & QuestionnaireInput>[]; report: ImportRowReport[] } {
  const indicators = tree.dimensions.flatMap((d) => d.indicators);
  const inScope = new Set(regions.map((r) => r.code));
  const entries: Partial<InspectionInput & QuestionnaireInput>[] = [];
  const report = rows.map((row, i): ImportRowReport => {
    const regionText = cell(row, COLUMNS.region) ?? '';
    const indicatorText = cell(row, COLUMNS.indicator) ?? '';
    const region = regions.find((r) => r.code === regionText || r.name === regionText);
    const indicator = indicators.find((x) => x.key === indicatorText || x.name === indicatorText);
    const e: Partial<InspectionInput & QuestionnaireInput> = { regionCode: region?.code ?? regionText, indicatorKey: indicator?.key ?? indicatorText };
    if (kind === 'inspection') {
      e.score = numberOf(cell(row, COLUMNS.score));
      e.note = (cell(row, COLUMNS.note) ?? '').slice(0, 200);
    } else {
      e.sampleSize = numberOf(cell(row, COLUMNS.sampleSize));
      e.satisfaction = numberOf(cell(row, COLUMNS.satisfaction));
    }
    const errors = entryProblems(kind, e, tree, inScope);
    const dup = entries.findIndex((x) => x.regionCode === e.regionCode && x.indicatorKey === e.indicatorKey);
    if (dup >= 0) errors.push(`与第 ${dup + 1} 行重复（同一区域和指标）`);
    entries.push(e);
    return { row: i + 1, regionCode: region?.code ?? null, indicatorKey: indicator?.key ?? null, errors };
  });
  return { entries, report };
}

export async function importEntries(db: Db, actor: Actor, year: number, kind: EntryKind, fileName: string, data: Buffer) {
  const rows = await readTable(fileName, data);
  if (!rows.length) throw badRequest('EMPTY_FILE', '文件中没有数据行');
  const { tree } = await loadTree(db, year);
  const regions = await indexRegions(db, actor.scope);
  const { entries, report } = checkRows(kind, rows, tree, regions);
  const invalid = report.filter((r) => r.errors.length).length;
  if (invalid) {
    throw badRequest('IMPORT_INVALID', `${invalid} 行数据有误，未导入任何数据（共 ${rows.length} 行）`, { total: rows.length, invalid, rows: report });
  }
  await writeEntries(db, actor, year, kind, entries);
  return { imported: entries.length, rows: report };
}

/** The template workbook: one row per region in scope and indicator of the kind, with what is entered so far. */
export async function templateXlsx(db: Db, actor: Actor, year: number, kind: EntryKind, current: Map<string, (string | number)[]>): Promise<Buffer> {
  const { tree } = await loadTree(db, year);
  const regions = await indexRegions(db, actor.scope);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === 'inspection' ? '实地考察' : '问卷调查');
  ws.addRow(TEMPLATE_HEADERS[kind]).font = { bold: true };
  for (const r of regions) {
    for (const i of tree.dimensions.flatMap((d) => d.indicators).filter((x) => x.source.kind === kind)) {
      ws.addRow([r.code, r.name, i.key, i.name, ...(current.get(`${r.code}/${i.key}`) ?? [])]);
    }
  }
  ws.columns.forEach((c, k) => { c.width = [12, 12, 24, 30, 10, 16][k]; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
