// A 城市运行 report as PDF: title, key figures with 环比/同比, the flow chart, the type ranking, the table of districts
// (or streets), growing hot spots and 焦点问题 — Noto CJK fonts, charts drawn as vectors.
import { FONT, FONT_BOLD, newPdf, pdfBytes, type Pdf } from './pdf-base.ts';
import { barLineChart, rankingChart } from './pdf-charts.ts';
import type { ReportData } from './report-data.ts';
import { reportTitle } from './rules/report-plan.ts';

const LEFT = 56;
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const signed = (x: number | null, points: boolean) => x === null ? '—'
  : `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}${points ? ' 个百分点' : '%'}`;

function heading(doc: Pdf, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(12.5).fillColor('#0f3d7a').text(text, LEFT, doc.y).fillColor('#000000').moveDown(0.3);
}

function table(doc: Pdf, header: string[], rows: string[][], widths: number[]): void {
  const rowH = 17;
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y + rowH > doc.page.height - 56) doc.addPage();
    const y = doc.y;
    if (bold) doc.rect(LEFT, y, widths.reduce((a, b) => a + b, 0), rowH).fill('#e8eef8');
    let x = LEFT;
    doc.font(bold ? FONT_BOLD : FONT).fontSize(8.5).fillColor('#111827');
    cells.forEach((c, i) => {
      doc.text(c, x + 4, y + 4, { width: widths[i] - 8, lineBreak: false, ellipsis: true, align: i === 0 ? 'left' : 'right' });
      x += widths[i];
    });
    doc.moveTo(LEFT, y + rowH).lineTo(x, y + rowH).lineWidth(0.4).strokeColor('#d1d5db').stroke();
    doc.x = LEFT;
    doc.y = y + rowH;
  };
  draw(header, true);
  rows.forEach((r) => draw(r, false));
}

export async function reportPdf(d: ReportData, generatedAt: string): Promise<Buffer> {
  const title = reportTitle(d.kind, d.regionName, d.period);
  const doc = newPdf(title);
  const width = doc.page.width - 2 * LEFT;
  doc.font(FONT_BOLD).fontSize(18).fillColor('#0f3d7a').text(title, { align: 'center' });
  doc.font(FONT).fontSize(9).fillColor('#6b7280')
    .text(`统计范围：${d.regionName}　统计期间：${d.period.from} 至 ${d.period.to}　生成时间：${generatedAt}`, { align: 'center' }).moveDown(0.8);

  // key figures
  const cardW = width / d.figures.length;
  const y0 = doc.y;
  d.figures.forEach((f, i) => {
    const x = LEFT + i * cardW;
    const rate = f.indicator === 'onTimeHandlingRate';
    doc.roundedRect(x + 3, y0, cardW - 6, 64, 4).fill('#f3f6fb');
    doc.font(FONT).fontSize(9).fillColor('#4b5563').text(f.name, x + 10, y0 + 7, { width: cardW - 20 });
    doc.font(FONT_BOLD).fontSize(17).fillColor('#111827').text(rate ? pct(f.value) : String(f.value ?? 0), x + 10, y0 + 20, { width: cardW - 20 });
    doc.font(FONT).fontSize(7.5).fillColor('#4b5563')
      .text(`环比 ${signed(f.mom, rate)}　同比 ${signed(f.yoy, rate)}`, x + 10, y0 + 46, { width: cardW - 16, lineBreak: false });
  });
  doc.x = LEFT;
  doc.y = y0 + 76;

  heading(doc, d.kind === 'daily' ? '一、分时段上报与结案' : '一、逐日上报与结案');
  const chartY = doc.y;
  barLineChart(doc, { x: LEFT, y: chartY, w: width, h: 170 }, d.kind === 'daily' ? '上报、结案数（按小时）' : '上报、结案数（按日）',
    d.flow.labels, { name: '上报', color: '#3b82f6', values: d.flow.reported }, { name: '结案', color: '#f59e0b', values: d.flow.closed });
  doc.x = LEFT;
  doc.y = chartY + 178;

  heading(doc, '二、高发问题类型');
  const rankY = doc.y;
  rankingChart(doc, { x: LEFT, y: rankY, w: width, h: 24 + 18 * Math.max(d.types.length, 1) }, '上报数前十的问题类型',
    d.types.map((t) => ({ label: t.name, value: t.n })), '#10b981');
  if (d.types.length === 0) doc.font(FONT).fontSize(9).text('本期无上报案件。', LEFT, rankY + 24);
  doc.x = LEFT;
  doc.y = rankY + 30 + 18 * Math.max(d.types.length, 1);

  heading(doc, d.areas.length && d.regionCode.endsWith('00') ? '三、各区运行情况' : '三、各街道运行情况');
  table(doc, ['区域', '上报数', '立案数', '结案数', '按期处置率'],
    d.areas.map((a) => [a.name, String(a.reported), String(a.filed), String(a.closed), pct(a.onTimeHandlingRate)]),
    [width * 0.32, width * 0.17, width * 0.17, width * 0.17, width * 0.17]);

  heading(doc, '四、增长热点（与上一周期相比）');
  if (d.hotspots.length === 0) doc.font(FONT).fontSize(9).text('本期无明显增长的热点网格。', LEFT);
  else table(doc, ['单元网格', '本期', '上期', '增加', '增幅'],
    d.hotspots.map((h) => [h.name, String(h.current), String(h.previous), `+${h.increase}`, h.growth === null ? '新增' : `+${(h.growth * 100).toFixed(0)}%`]),
    [width * 0.44, width * 0.14, width * 0.14, width * 0.14, width * 0.14]);

  heading(doc, '五、焦点问题（同一网格 7 日内同类问题 3 起及以上）');
  if (d.focus.length === 0) doc.font(FONT).fontSize(9).text('本期未发现反复发生的焦点问题。', LEFT);
  else table(doc, ['单元网格', '问题类型', '起数', '时间', '责任部门'],
    d.focus.map((f) => [f.placeName, f.typeName, String(f.count), `${f.firstDate.slice(5)}~${f.lastDate.slice(5)}`, f.department?.name ?? '待确定']),
    [width * 0.3, width * 0.2, width * 0.08, width * 0.16, width * 0.26]);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    doc.page.margins.bottom = 0;   // the footer sits below the text area; no new page for it
    doc.font(FONT).fontSize(8).fillColor('#9ca3af')
      .text(`${title}　第 ${i + 1} 页 / 共 ${pages.count} 页`, LEFT, doc.page.height - 40, { width, align: 'center', lineBreak: false });
  }
  return pdfBytes(doc);
}
