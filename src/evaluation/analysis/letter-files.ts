// 提示函 as files: DOCX (official-letter layout: 小标宋-style title, 仿宋 body, case table) and PDF (Noto CJK).
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { FONT_BOLD, newPdf, pdfBytes } from './pdf-base.ts';
import type { Letter } from './rules/letter.ts';

const BODY_FONT = { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋' };
const TITLE_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体' };
const run = (text: string, size = 32, bold = false, font = BODY_FONT) => new TextRun({ text, size, bold, font });

export async function letterDocx(l: Letter): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, bold = false) => new TableCell({ borders, children: [new Paragraph({ children: [run(text, 21, bold)] })] });
  const doc = new Document({
    creator: 'CityOps', title: l.title,
    sections: [{ children: [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(l.title, 40, true, TITLE_FONT)] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(l.number, 28)] }),
      new Paragraph({ spacing: { after: 120 }, children: [run(l.salutation)] }),
      ...l.paragraphs.map((p) => new Paragraph({ indent: { firstLine: 640 }, spacing: { after: 120, line: 480 }, children: [run(p)] })),
      new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [
        new TableRow({ tableHeader: true, children: l.caseHeader.map((h) => cell(h, true)) }),
        ...l.caseRows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
      ] }),
      ...l.signature.map((s, i) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: i === 0 ? 480 : 60 }, children: [run(s)] })),
    ] }],
  });
  return Packer.toBuffer(doc);
}

export async function letterPdf(l: Letter): Promise<Buffer> {
  const doc = newPdf(l.title);
  const width = doc.page.width - 112;
  doc.font(FONT_BOLD).fontSize(20).text(l.title, { align: 'center' }).moveDown(0.4);
  doc.font('cjk').fontSize(12).text(l.number, { align: 'center' }).moveDown(1.2);
  doc.fontSize(13).text(l.salutation).moveDown(0.4);
  for (const p of l.paragraphs) doc.text(p, { indent: 26, lineGap: 6, align: 'justify' }).moveDown(0.4);
  // case table
  const widths = [0.07, 0.27, 0.16, 0.35, 0.15].map((w) => w * width);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? FONT_BOLD : 'cjk').fontSize(9.5);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 8 }));
    const h = Math.max(...heights) + 8;
    if (doc.y + h > doc.page.height - 56) doc.addPage();
    const y = doc.y;
    let x = 56;
    cells.forEach((c, i) => {
      if (bold) doc.rect(x, y, widths[i], h).fillAndStroke('#f0f0f0', '#000000').fillColor('#000000');
      else doc.rect(x, y, widths[i], h).stroke('#000000');
      doc.text(c, x + 4, y + 4, { width: widths[i] - 8 });
      x += widths[i];
    });
    doc.x = 56;
    doc.y = y + h;
  };
  doc.moveDown(0.6);
  row(l.caseHeader, true);
  for (const r of l.caseRows) row(r, false);
  doc.font('cjk').fontSize(13).moveDown(2);
  for (const s of l.signature) doc.text(s, 56, doc.y, { width, align: 'right' }).moveDown(0.2);
  return pdfBytes(doc);
}
