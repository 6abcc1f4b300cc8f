// 设施健康报告 (PDF): the facility over a period — sensors and their data availability, max/mean/min per metric, a
// chart per sensor metric with its threshold lines, the alarm list and a plain conclusion (health.ts).
import type { Actor } from '../../admin/actor.ts';
import type { Queryable } from '../../db/types.ts';
import { FONT, FONT_BOLD, newPdf, pdfBytes, type Pdf } from '../../evaluation/analysis/pdf-base.ts';
import { healthConclusion, reachedLevel, type MetricStat } from './health.ts';
import { getFacility } from './registry.ts';
import { LEVEL_COLORS, timeSeriesChart } from './pdf-chart.ts';
import { checkPeriod, facilityAlarms, facilitySensors, facilitySeries } from './view.ts';

const LEFT = 56;
const HOUR = 3_600_000;
const STATE_NAMES = { normal: '正常', alarm: '告警', offline: '离线', disabled: '停用' } as const;
const LEVEL_SHORT = { blue: '蓝', yellow: '黄', orange: '橙', red: '红' } as const;

const chinaTime = (iso: string | number) => {
  const d = new Date(+new Date(iso) + 8 * HOUR);
  return d.toISOString().slice(0, 16).replace('T', ' ');
};
const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export async function healthReportData(q: Queryable, actor: Actor, id: number, from: Date, to: Date, now = new Date()) {
  checkPeriod(from, to);
  const facility = await getFacility(q, actor, id);
  const sensors = await facilitySensors(q, id, now);
  const ids = sensors.map((s) => s.id);
  const stats = ids.length === 0 ? [] : await q.query(
    `select device_id, metric, sum(sum) / nullif(sum(n), 0) as mean, max(max) as max, min(min) as min from monitor_rollups
     where resolution = '1h' and device_id = any($1) and bucket >= $2 and bucket < $3 group by 1, 2`, [ids, from.toISOString(), to.toISOString()]);
  const hours = ids.length === 0 ? [] : await q.query<{ device_id: number; n: number }>(
    `select device_id, count(distinct bucket)::int as n from monitor_rollups
     where resolution = '1h' and device_id = any($1) and bucket >= $2 and bucket < $3 group by 1`, [ids, from.toISOString(), to.toISOString()]);
  const end = Math.min(+to, +now);
  const devices = sensors.map((s) => {
    // expected: one reading an hour from the later of the period start and the device's registration (hour it began)
    const start = Math.max(+from, Math.floor(+new Date(s.createdAt) / HOUR) * HOUR);
    const expected = Math.max(0, Math.ceil((end - start) / HOUR));
    const got = Number(hours.find((h) => Number(h.device_id) === s.id)?.n ?? 0);
    return { ...s, hoursExpected: expected, hoursWithData: Math.min(got, expected), availability: expected > 0 ? Math.min(1, got / expected) : null };
  });
  const metricStats = sensors.flatMap((s) => s.metrics.map((m) => {
    const r = stats.find((x) => Number(x.device_id) === s.id && x.metric === m.key);
    const stat: MetricStat = { label: `${s.name}·${m.name}`, unit: m.unit, max: round(r?.max ?? null), min: round(r?.min ?? null),
      mean: round(r?.mean ?? null), thresholds: s.thresholds[m.key] ?? [] };
    return { deviceId: s.id, metric: m.key, ...stat, reached: reachedLevel(stat) };
  }));
  const alarms = await facilityAlarms(q, id, from, to, 500);
  const conclusion = healthConclusion({
    sensors: sensors.length, hoursWithData: devices.reduce((a, d) => a + d.hoursWithData, 0),
    hoursExpected: devices.reduce((a, d) => a + d.hoursExpected, 0), stats: metricStats, alarms: alarms.counts,
  });
  const series = await facilitySeries(q, sensors, from, to, (+to - +from) / HOUR <= 48 ? '1m' : '1h');
  return { facility, from: from.toISOString(), to: to.toISOString(), devices, metricStats, alarms, conclusion, series };
}
export type HealthReportData = Awaited<ReturnType<typeof healthReportData>>;

function heading(doc: Pdf, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(12.5).fillColor('#0f3d7a').text(text, LEFT, doc.y).fillColor('#000000').moveDown(0.3);
}

function table(doc: Pdf, header: string[], rows: string[][], widths: number[], colors: (string | null)[][] = []): void {
  const rowH = 17;
  const draw = (cells: string[], bold: boolean, rowColors: (string | null)[] = []) => {
    if (doc.y + rowH > doc.page.height - 56) doc.addPage();
    const y = doc.y;
    if (bold) doc.rect(LEFT, y, widths.reduce((a, b) => a + b, 0), rowH).fill('#e8eef8');
    let x = LEFT;
    cells.forEach((c, i) => {
      doc.font(bold ? FONT_BOLD : FONT).fontSize(8).fillColor(rowColors[i] ?? '#111827')
        .text(c, x + 4, y + 4, { width: widths[i] - 8, lineBreak: false, ellipsis: true, align: i === 0 ? 'left' : 'right' });
      x += widths[i];
    });
    doc.moveTo(LEFT, y + rowH).lineTo(x, y + rowH).lineWidth(0.4).strokeColor('#d1d5db').stroke();
    doc.x = LEFT;
    doc.y = y + rowH;
  };
  draw(header, true);
  rows.forEach((r, i) => draw(r, false, colors[i]));
}

const num = (v: number | null) => (v === null ? '—' : String(v));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export async function healthReportPdf(d: HealthReportData, generatedAt: Date): Promise<Buffer> {
  const title = `${d.facility.name}健康报告`;
  const doc = newPdf(title);
  const width = doc.page.width - 2 * LEFT;
  doc.font(FONT_BOLD).fontSize(18).fillColor('#0f3d7a').text(title, { align: 'center' });
  doc.font(FONT).fontSize(9).fillColor('#6b7280').text(
    `设施编码：${d.facility.code}　类别：${d.facility.kindName}　权属单位：${d.facility.departmentName ?? '—'}`, { align: 'center' });
  doc.text(`统计期间：${chinaTime(d.from)} 至 ${chinaTime(d.to)}　生成时间：${chinaTime(+generatedAt)}`, { align: 'center' }).moveDown(0.8);

  // key figures
  const cards = [
    ['监测设备', `${d.devices.length} 台`], ['数据完整率', pct(d.conclusion.availability)],
    ['告警次数', `${d.alarms.counts.total} 次`], ['运行评价', d.conclusion.status],
  ];
  const cardW = width / cards.length;
  const y0 = doc.y;
  cards.forEach(([name, value], i) => {
    const x = LEFT + i * cardW;
    doc.roundedRect(x + 3, y0, cardW - 6, 52, 4).fill('#f3f6fb');
    doc.font(FONT).fontSize(9).fillColor('#4b5563').text(name, x + 10, y0 + 7, { width: cardW - 20 });
    doc.font(FONT_BOLD).fontSize(16).fillColor(i === 3 && value === '需关注' ? '#cf1322' : '#111827').text(value, x + 10, y0 + 22, { width: cardW - 20 });
  });
  doc.x = LEFT;
  doc.y = y0 + 64;

  heading(doc, '一、结论');
  doc.font(FONT).fontSize(9.5).fillColor('#111827');
  for (const line of d.conclusion.lines) doc.text(`· ${line}`, LEFT, doc.y, { width });

  heading(doc, '二、监测设备与数据完整率');
  table(doc, ['设备', '类型', '状态', '应收（小时）', '实收（小时）', '完整率'],
    d.devices.map((s) => [`${s.name}（${s.code}）`, s.typeName, STATE_NAMES[s.state], String(s.hoursExpected), String(s.hoursWithData), pct(s.availability)]),
    [150, 110, 50, 60, 60, 53]);
  doc.font(FONT).fontSize(7.5).fillColor('#6b7280').text('完整率 = 期间内收到读数的小时数 ÷ 应收小时数（自期间开始或设备登记起，每小时至少一条读数）。', LEFT, doc.y + 3, { width });

  heading(doc, '三、指标统计');
  table(doc, ['设备·指标', '单位', '最大值', '平均值', '最小值', '达到阈值'],
    d.metricStats.map((s) => [s.label, s.unit, num(s.max), num(s.mean), num(s.min), s.reached ? `${LEVEL_SHORT[s.reached]}色` : '—']),
    [180, 50, 60, 60, 60, 73], d.metricStats.map((s) => [null, null, null, null, null, s.reached ? LEVEL_COLORS[s.reached] : null]));

  heading(doc, '四、监测曲线');
  const from = +new Date(d.from);
  const to = +new Date(d.to);
  const chartH = 130;
  d.series.forEach((s, i) => {
    const col = i % 2;
    if (col === 0 && doc.y + chartH > doc.page.height - 56) { doc.addPage(); doc.y = 56; }
    const y = doc.y;
    timeSeriesChart(doc, { x: LEFT + col * (width / 2), y, w: width / 2 - 8, h: chartH }, `${s.deviceName}·${s.name}`, s.unit, from, to,
      s.points.map((p) => ({ t: +new Date(p.t), value: p.value })), s.thresholds.map((t) => ({ level: t.level, value: t.value })));
    doc.x = LEFT;
    doc.y = col === 1 || i === d.series.length - 1 ? y + chartH + 8 : y;
  });
  if (d.series.length === 0) doc.font(FONT).fontSize(9).text('无监测曲线。', LEFT, doc.y);

  heading(doc, '五、告警记录');
  if (d.alarms.items.length === 0) doc.font(FONT).fontSize(9).fillColor('#111827').text('统计期间无告警。', LEFT, doc.y);
  else {
    table(doc, ['发生时间', '设备', '告警', '最高等级', '状态', '案件'],
      d.alarms.items.map((a) => [chinaTime(a.raisedAt), a.deviceName, a.ruleName, `${LEVEL_SHORT[a.peakLevel]}色`, a.statusName, a.caseNo ?? '—']),
      [80, 120, 120, 50, 50, 63], d.alarms.items.map((a) => [null, null, null, LEVEL_COLORS[a.peakLevel], null, null]));
  }
  // page numbers
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;   // the footer sits below the text area; no new page for it
    doc.font(FONT).fontSize(7.5).fillColor('#9ca3af')
      .text(`${title}　第 ${i + 1} 页 / 共 ${range.count} 页`, LEFT, doc.page.height - 40, { width, align: 'center', lineBreak: false });
  }
  return pdfBytes(doc);
}
