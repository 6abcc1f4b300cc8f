// Charts drawn with pdfkit's vector primitives (crisp at any zoom, no browser needed): vertical bars with an optional
// line, and a horizontal ranking.
import { FONT, FONT_BOLD, type Pdf } from './pdf-base.ts';

export interface Box { x: number; y: number; w: number; h: number }

/** A "nice" axis maximum (1, 2, 5 × 10^n) at or above the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= max)!;
}

/** An axis for 0..max in at most `most` steps of 1, 2 or 5 × 10^n (ticks read 50, 100, 150 …, never 62.5). */
export function niceAxis(max: number, most = 5): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const p = 10 ** Math.floor(Math.log10(max / most));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => Math.ceil(max / s) <= most)!;
  return { max: step * Math.ceil(max / step), step };
}

function title(doc: Pdf, box: Box, text: string): void {
  doc.font(FONT_BOLD).fontSize(10.5).fillColor('#1f2937').text(text, box.x, box.y, { width: box.w, lineBreak: false });
}

/** Bars of `bars` per label, with `line` (optional) drawn over them on the same axis, and a legend. */
export function barLineChart(doc: Pdf, box: Box, chartTitle: string, labels: string[],
  bars: { name: string; color: string; values: number[] }, line?: { name: string; color: string; values: number[] }): void {
  title(doc, box, chartTitle);
  const plot = { x: box.x + 34, y: box.y + 30, w: box.w - 44, h: box.h - 58 };
  const { max, step: tick } = niceAxis(Math.max(...bars.values, ...(line?.values ?? [0])));
  doc.font(FONT).fontSize(7).fillColor('#6b7280');
  for (let v = 0; v <= max + tick / 2; v += tick) {
    const y = plot.y + plot.h - (plot.h * v) / max;
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.w, y).lineWidth(0.4).strokeColor(v === 0 ? '#9ca3af' : '#e5e7eb').stroke();
    doc.text(String(Number(v.toPrecision(6))), box.x, y - 4, { width: 30, align: 'right', lineBreak: false });
  }
  const step = plot.w / labels.length;
  const barW = Math.max(1.5, step * 0.62);
  bars.values.forEach((v, i) => {
    const h = (plot.h * v) / max;
    doc.rect(plot.x + i * step + (step - barW) / 2, plot.y + plot.h - h, barW, h).fill(bars.color);
  });
  if (line) {
    line.values.forEach((v, i) => {
      const x = plot.x + i * step + step / 2;
      const y = plot.y + plot.h - (plot.h * v) / max;
      if (i === 0) doc.moveTo(x, y); else doc.lineTo(x, y);
    });
    doc.lineWidth(1.4).strokeColor(line.color).stroke();
  }
  const every = Math.ceil(labels.length / 16);
  doc.fillColor('#4b5563').fontSize(6.5);
  labels.forEach((l, i) => {
    if (i % every === 0) doc.text(l, plot.x + i * step - 10 + step / 2, plot.y + plot.h + 3, { width: 20, align: 'center', lineBreak: false });
  });
  // legend
  let lx = box.x + box.w - 150;
  const ly = box.y + 2;
  doc.rect(lx, ly + 2, 8, 8).fill(bars.color);
  doc.fillColor('#374151').fontSize(8).text(bars.name, lx + 11, ly + 1, { lineBreak: false });
  if (line) {
    lx += 70;
    doc.moveTo(lx, ly + 6).lineTo(lx + 10, ly + 6).lineWidth(1.6).strokeColor(line.color).stroke();
    doc.fillColor('#374151').text(line.name, lx + 13, ly + 1, { lineBreak: false });
  }
  doc.fillColor('#000000');
}

/** A horizontal ranking: one bar per item, the value at its end. */
export function rankingChart(doc: Pdf, box: Box, chartTitle: string, items: { label: string; value: number }[], color: string): void {
  title(doc, box, chartTitle);
  const top = box.y + 24;
  const labelW = 96;
  const rowH = Math.min(18, (box.h - 28) / Math.max(items.length, 1));
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const barMax = box.w - labelW - 40;
  doc.font(FONT).fontSize(8);
  items.forEach((it, i) => {
    const y = top + i * rowH;
    doc.fillColor('#374151').text(it.label, box.x, y + 2, { width: labelW - 4, align: 'right', lineBreak: false, ellipsis: true });
    const w = (barMax * it.value) / max;
    doc.rect(box.x + labelW, y + 2, Math.max(w, 0.5), rowH - 5).fill(color);
    doc.fillColor('#111827').text(String(it.value), box.x + labelW + w + 4, y + 2, { lineBreak: false });
  });
  doc.fillColor('#000000');
}
