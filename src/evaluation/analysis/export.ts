// Export of the analysis tables (三高, 增长热点, 同比环比, 预测, 焦点问题) as XLSX (one sheet per table) or CSV (the tables
// one after another, each under its title; UTF-8 with BOM for Excel). The same figures as the pages show. Pure apart
// from the writers.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FocusProblem } from './focus.ts';
import type { ForecastResult } from './forecast.ts';
import type { HotspotRow, Incidence } from './incidence.ts';
import { INDICATORS, type Trends } from './trends.ts';

type Cell = string | number | null;
export interface Sheet { title: string; header: string[]; rows: Cell[][] }
export interface Workbook { title: string; sheets: Sheet[] }

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const KINDS: Record<string, string> = { component: '部件', matter: '事件' };
/** A fraction as a percentage with one decimal (0.1234 → 12.3), blank when there is none. */
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const range = (r: { from: string; to: string }) => `${r.from} 至 ${r.to}`;

export function incidenceBook(inc: Incidence, r: { from: string; to: string }): Workbook {
  return {
    title: `三高分析-${r.from}-${r.to}`,
    sheets: [
      { title: '高发时段', header: ['星期', ...Array.from({ length: 24 }, (_, h) => `${h}时`), '合计'],
        rows: inc.matrix.map((hours, d) => [WEEKDAYS[d], ...hours, hours.reduce((a, b) => a + b, 0)]) },
      { title: '高发类型', header: ['排名', '大类', '类型代码', '类型', '案件数', '占比(%)'],
        rows: inc.types.map((t, i) => [i + 1, KINDS[t.kind] ?? t.kind, t.typeCode, t.name, t.n, pct(t.share)]) },
      { title: '高发单元网格', header: ['排名', '网格编码', '名称', '案件数'],
        rows: inc.places.map((p, i) => [i + 1, p.code, p.name, p.n]) },
    ],
  };
}

export function hotspotsBook(h: { previous: { from: string; to: string }; items: HotspotRow[] }, r: { from: string; to: string }): Workbook {
  return {
    title: `增长热点-${r.from}-${r.to}`,
    sheets: [{ title: '增长热点', header: ['排名', '地点编码', '名称', `本期（${range(r)}）`, `上期（${range(h.previous)}）`, '增加', '增长率(%)'],
      rows: h.items.map((p, i) => [i + 1, p.key, p.name, p.current, p.previous, p.increase, pct(p.growth)]) }],
  };
}

export function trendsBook(t: Trends): Workbook {
  const rate = t.indicator === 'onTimeHandlingRate';
  const name = INDICATORS[t.indicator];
  const v = (x: number | null) => (rate ? pct(x) : x);
  const unit = rate ? '(%)' : '';
  const changeUnit = rate ? '(百分点)' : '(%)';
  return {
    title: `同比环比-${name}-${t.range.from}-${t.range.to}`,
    sheets: [
      { title: '同比环比', header: ['代码', '名称', `${name}${unit}（${range(t.range)}）`, `上期${unit}（${range(t.previous)}）`,
        `环比${changeUnit}`, `去年同期${unit}（${range(t.lastYear)}）`, `同比${changeUnit}`],
        rows: t.rows.map((r) => [r.key, r.name, v(r.value), v(r.previous), pct(r.mom), v(r.lastYear), pct(r.yoy)]) },
      { title: '月度走势', header: ['月份', `${name}${unit}`, `去年同月${unit}`],
        rows: t.months.map((m) => [m.month, v(m.value), v(m.lastYear)]) },
    ],
  };
}

export function forecastBook(f: ForecastResult): Workbook {
  return {
    title: `案件预测-${f.week.from}-${f.week.to}`,
    sheets: [
      { title: '逐日预测', header: ['日期', '日类型', '节假日', '预测案件数'],
        rows: f.days.map((d) => [d.date, d.className, d.holiday ?? '', d.forecast]) },
      { title: '按区预测', header: ['区划代码', '区县', '预测案件数'], rows: f.byDistrict.map((d) => [d.code, d.name, d.forecast]) },
      { title: '按类型预测', header: ['类型', '名称', '预测案件数'], rows: f.byType.map((d) => [d.key, d.name, d.forecast]) },
      { title: '分序列预测', header: ['区划代码', '区县', '类型', '类型名称', '预测案件数', '水平（日均）', '季节因子'],
        rows: f.series.map((s) => [s.district, s.districtName, s.type, s.typeName, s.forecast, s.level, s.season]) },
      { title: '留出周检验', header: ['开始', '结束', '预测', '实际', '绝对百分比误差(%)'],
        rows: f.heldBack.map((h) => [h.from, h.to, h.forecast, h.actual, pct(h.ape)]) },
    ],
  };
}

export function focusBook(items: FocusProblem[], r: { from: string; to: string }): Workbook {
  return {
    title: `焦点问题-${r.from}-${r.to}`,
    sheets: [{ title: '焦点问题', header: ['地点层级', '地点编码', '地点', '大类', '类型代码', '类型', '案件数', '首次', '最近',
      '责任部门', '提示函编号', '案件编号'],
      rows: items.map((p) => [p.placeLevel === 'grid' ? '单元网格' : '社区', p.placeCode, p.placeName, KINDS[p.kind] ?? p.kind, p.typeCode,
        p.typeName, p.count, p.firstDate, p.lastDate, p.department?.name ?? '', p.letter?.letterNo ?? '', p.caseIds.join(' ')]) }],
  };
}

export function bookCsv(b: Workbook): Buffer {
  const lines: Cell[][] = [];
  b.sheets.forEach((s, i) => {
    if (i > 0) lines.push([]);
    lines.push([s.title], s.header, ...s.rows);
  });
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify(lines.map((r) => r.map((v) => v ?? ''))))]);
}

export async function bookXlsx(b: Workbook): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'CityOps';
  for (const s of b.sheets) {
    const sheet = book.addWorksheet(s.title.slice(0, 31));
    sheet.addRow(s.header).font = { bold: true };
    for (const r of s.rows) sheet.addRow(r);
    sheet.columns.forEach((c, i) => { c.width = Math.max(10, Math.min(30, (s.header[i]?.length ?? 4) * 2 + 2)); });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
