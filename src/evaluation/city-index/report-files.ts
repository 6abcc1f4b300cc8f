// The 自评报告 as files: DOCX (headings, paragraphs, tables, the dimension scores and the district ranking as chart
// images) and PDF (Noto CJK, the same charts drawn as vectors).
import { AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { barLineOption, chartPng, rankingHeight, rankingOption } from '../analysis/chart-images.ts';
import { FONT, FONT_BOLD, newPdf, pdfBytes, type Pdf } from '../analysis/pdf-base.ts';
import { barLineChart, rankingChart } from '../analysis/pdf-charts.ts';
import type { ReportModel, ReportTable } from './report-model.ts';

const CN = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体' };
const HEI = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体' };
const SECTIONS = ['一、总体情况', '二、维度得分', '三、各区排名', '四、指标明细', '五、短板与改进方向'];
const DIMENSION_TITLE = '各维度得分（柱：全市，线：各区平均）';
const RANKING_TITLE = '各区城市管理指数';
/** A chart's width in the DOCX, in pixels (A4 less the margins). */
const DOCX_CHART_WIDTH = 600;

/** A chart image as a centred paragraph. */
async function chartParagraph(option: Record<string, unknown>, height: number): Promise<Paragraph> {
  const png = await chartPng(option, DOCX_CHART_WIDTH, height);
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 },
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: DOCX_CHART_WIDTH, height } })] });
}

export async function reportDocx(m: ReportModel): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const text = (t: string, bold = false, size = 21) => new TextRun({ text: t, bold, size, font: CN });
  const cell = (t: string, bold = false, shade = false) => new TableCell({ borders,
    shading: shade ? { type: ShadingType.CLEAR, fill: 'E8EEF8', color: 'auto' } : undefined,
    children: [new Paragraph({ children: [text(t, bold, 19)] })] });
  const table = (t: ReportTable) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [
    new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true, true)) }),
    ...t.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
  ] });
  const heading = (t: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 280, after: 120 },
    children: [new TextRun({ text: t, bold: true, size: 28, font: HEI, color: '0F3D7A' })] });
  const dimensionChart = await chartParagraph(barLineOption(DIMENSION_TITLE, m.dimensionChart.labels,
    { name: '全市', color: '#3b82f6', values: m.dimensionChart.city }, { name: '各区平均', color: '#f59e0b', values: m.dimensionChart.districtMean }), 280);
  const rankingChartImage = m.ranking.length
    ? [await chartParagraph(rankingOption(RANKING_TITLE, m.ranking, '#10b981'), rankingHeight(m.ranking.length))] : [];
  const doc = new Document({ creator: 'CityOps', title: m.title, sections: [{ children: [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: m.title, bold: true, size: 36, font: HEI })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(m.subtitle, false, 18)] }),
    heading(SECTIONS[0]),
    ...m.summary.map((s) => new Paragraph({ indent: { firstLine: 420 }, spacing: { after: 100, line: 360 }, children: [text(s)] })),
    heading(SECTIONS[1]), dimensionChart, table(m.dimensionTable),
    heading(SECTIONS[2]), ...rankingChartImage, table(m.rankingTable),
    heading(SECTIONS[3]), table(m.indicatorTable),
    heading(SECTIONS[4]),
    ...m.weakPoints.map((w, i) => new Paragraph({ spacing: { after: 60 }, children: [text(`${i + 1}. ${w}`)] })),
  ] }] });
  return Packer.toBuffer(doc);
}

const LEFT = 56;

function pdfHeading(doc: Pdf, t: string): void {
  if (doc.y > doc.page.height - 150) doc.addPage();
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(12.5).fillColor('#0f3d7a').text(t, LEFT, doc.y).fillColor('#000000').moveDown(0.3);
}

function pdfTable(doc: Pdf, t: ReportTable, width: number): void {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const ws = t.widths.map((w) => (w / total) * width);
  const rowH = 17;
  const row = (cells: string[], header: boolean) => {
    if (doc.y + rowH > doc.page.height - 56) doc.addPage();
    const y = doc.y;
    if (header) doc.rect(LEFT, y, width, rowH).fill('#e8eef8');
    let x = LEFT;
    doc.font(header ? FONT_BOLD : FONT).fontSize(8.5).fillColor('#111827');
    cells.forEach((c, i) => {
      doc.text(c, x + 4, y + 4, { width: ws[i] - 8, lineBreak: false, ellipsis: true });
      x += ws[i];
    });
    doc.moveTo(LEFT, y + rowH).lineTo(LEFT + width, y + rowH).lineWidth(0.4).strokeColor('#d1d5db').stroke();
    doc.x = LEFT;
    doc.y = y + rowH;
  };
  row(t.header, true);
  t.rows.forEach((r) => row(r, false));
}

export async function reportPdf(m: ReportModel): Promise<Buffer> {
  const doc = newPdf(m.title);
  const width = doc.page.width - 2 * LEFT;
  doc.font(FONT_BOLD).fontSize(18).fillColor('#0f3d7a').text(m.title, { align: 'center' });
  doc.font(FONT).fontSize(9).fillColor('#6b7280').text(m.subtitle, { align: 'center' }).moveDown(0.6);
  pdfHeading(doc, SECTIONS[0]);
  doc.font(FONT).fontSize(10).fillColor('#111827');
  for (const s of m.summary) doc.text(s, LEFT, doc.y, { width, indent: 20, lineGap: 4 }).moveDown(0.3);

  pdfHeading(doc, SECTIONS[1]);
  const chartY = doc.y;
  barLineChart(doc, { x: LEFT, y: chartY, w: width, h: 170 }, DIMENSION_TITLE, m.dimensionChart.labels,
    { name: '全市', color: '#3b82f6', values: m.dimensionChart.city }, { name: '各区平均', color: '#f59e0b', values: m.dimensionChart.districtMean });
  doc.x = LEFT;
  doc.y = chartY + 180;
  pdfTable(doc, m.dimensionTable, width);

  pdfHeading(doc, SECTIONS[2]);
  if (m.ranking.length) {
    const h = 30 + 18 * m.ranking.length;
    if (doc.y + h > doc.page.height - 56) doc.addPage();
    const y = doc.y;
    rankingChart(doc, { x: LEFT, y, w: width, h }, RANKING_TITLE, m.ranking, '#10b981');
    doc.x = LEFT;
    doc.y = y + h;
  }
  pdfTable(doc, m.rankingTable, width);

  pdfHeading(doc, SECTIONS[3]);
  pdfTable(doc, m.indicatorTable, width);

  pdfHeading(doc, SECTIONS[4]);
  doc.font(FONT).fontSize(10).fillColor('#111827');
  m.weakPoints.forEach((w, i) => doc.text(`${i + 1}. ${w}`, LEFT, doc.y, { width, lineGap: 3 }));

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    doc.page.margins.bottom = 0;
    doc.font(FONT).fontSize(8).fillColor('#9ca3af')
      .text(`${m.title}　第 ${i + 1} 页 / 共 ${pages.count} 页`, LEFT, doc.page.height - 40, { width, align: 'center', lineBreak: false });
  }
  return pdfBytes(doc);
}
