// Export of an evaluation table (排名、名称、各项计数、各项比率、得分、等级) as CSV (UTF-8 with BOM, for Excel) or XLSX.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { percent } from './rules/rates.ts';
import type { KpiTable } from './views.ts';

function tableRows(t: KpiTable): { header: string[]; rows: (string | number | null)[][] } {
  const header = ['排名', '名称', '代码', '所属', ...t.figureColumns.map((c) => c.name), ...t.rateColumns.map((c) => `${c.name}(%)`),
    '综合得分', '等级'];
  const rows = t.rows.map((r) => [r.rank, r.name, r.key, r.context ?? '', ...t.figureColumns.map((c) => r.figures[c.key]),
    ...t.rateColumns.map((c) => percent(r.rates[c.key] ?? null, 1)), r.score, r.grade ?? '']);
  return { header, rows };
}

export function tableCsv(t: KpiTable): Buffer {
  const { header, rows } = tableRows(t);
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify([header, ...rows.map((r) => r.map((v) => v ?? ''))]))]);
}

export async function tableXlsx(t: KpiTable): Promise<Buffer> {
  const { header, rows } = tableRows(t);
  const book = new ExcelJS.Workbook();
  book.creator = 'CityOps';
  const sheet = book.addWorksheet(t.title.slice(0, 31));
  sheet.addRow([`${t.title} ${t.period.label}（${t.period.from} 至 ${t.period.to}）`]).font = { bold: true };
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => { c.width = i === 1 ? 24 : i === 2 ? 17 : 11; });
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function exportFileName(t: KpiTable, ext: 'csv' | 'xlsx'): string {
  return `${t.title}-${t.period.from}-${t.period.to}.${ext}`;
}
