// A time-series line chart for the health report, drawn with the same pdfkit primitives and axis rules as the
// analysis reports (src/evaluation/analysis/pdf-charts.ts): the values as a line, each threshold as a dashed line.
import { FONT, FONT_BOLD, type Pdf } from '../../evaluation/analysis/pdf-base.ts';
import { niceMax, type Box } from '../../evaluation/analysis/pdf-charts.ts';
import type { Level } from '../rules/levels.ts';

export const LEVEL_COLORS: Record<Level, string> = { blue: '#1677ff', yellow: '#d4b106', orange: '#fa8c16', red: '#f5222d' };

const fmt = (v: number, span: number) => (span >= 10 ? String(Math.round(v)) : span >= 1 ? v.toFixed(1) : v.toFixed(2));

export function timeSeriesChart(doc: Pdf, box: Box, title: string, unit: string, from: number, to: number,
  points: { t: number; value: number }[], thresholds: { level: Level; value: number }[]): void {
  doc.font(FONT_BOLD).fontSize(9.5).fillColor('#1f2937').text(title, box.x, box.y, { width: box.w, lineBreak: false, ellipsis: true });
  const plot = { x: box.x + 40, y: box.y + 18, w: box.w - 48, h: box.h - 34 };
  const values = [...points.map((p) => p.value), ...thresholds.map((t) => t.value)];
  const lo = Math.min(0, ...values);
  const hi = niceMax(Math.max(...values, 0) - lo) + lo;
  const span = hi - lo || 1;
  const yOf = (v: number) => plot.y + plot.h - (plot.h * (v - lo)) / span;
  const xOf = (t: number) => plot.x + (plot.w * (t - from)) / (to - from);
  doc.font(FONT).fontSize(6.5).fillColor('#6b7280');
  for (let i = 0; i <= 4; i++) {
    const v = lo + (span * i) / 4;
    const y = yOf(v);
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.w, y).lineWidth(0.4).strokeColor(i === 0 ? '#9ca3af' : '#e5e7eb').stroke();
    doc.text(fmt(v, span), box.x, y - 4, { width: 36, align: 'right', lineBreak: false });
  }
  doc.text(unit, box.x, plot.y - 12, { width: 36, align: 'right', lineBreak: false });
  // time labels: 5 evenly spaced, as 月-日 时:分
  for (let i = 0; i <= 4; i++) {
    const t = from + ((to - from) * i) / 4;
    const d = new Date(t + 8 * 3_600_000);
    const label = `${d.getUTCMonth() + 1}-${d.getUTCDate()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    doc.text(label, xOf(t) - 25, plot.y + plot.h + 3, { width: 50, align: 'center', lineBreak: false });
  }
  for (const th of thresholds) {
    const y = yOf(th.value);
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.w, y).lineWidth(0.8).dash(3, { space: 2 }).strokeColor(LEVEL_COLORS[th.level]).stroke().undash();
    doc.fillColor(LEVEL_COLORS[th.level]).fontSize(6).text(String(th.value), plot.x + plot.w - 30, y - 7, { width: 28, align: 'right', lineBreak: false });
  }
  if (points.length === 0) {
    doc.fillColor('#9ca3af').fontSize(8).text('期间无数据', plot.x, plot.y + plot.h / 2 - 4, { width: plot.w, align: 'center', lineBreak: false });
  } else {
    const gap = Math.max(3 * 3_600_000, ((to - from) / Math.max(points.length, 1)) * 4);   // a gap longer than this breaks the line
    points.forEach((p, i) => {
      const x = xOf(p.t);
      const y = yOf(p.value);
      if (i === 0 || p.t - points[i - 1].t > gap) doc.moveTo(x, y); else doc.lineTo(x, y);
    });
    doc.lineWidth(1).strokeColor('#0f5fc2').stroke();
  }
  doc.fillColor('#000000');
}
