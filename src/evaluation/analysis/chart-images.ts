// Charts as PNG images for documents that cannot draw for themselves (DOCX): the same two chart kinds as
// pdf-charts.ts, laid out by ECharts' server-side SVG renderer (no browser, no canvas) and rasterised by sharp
// (librsvg, which finds Noto CJK through fontconfig).

/** Loaded on first use: a server that never writes a DOCX never pays for ECharts. */
let charts: Promise<typeof import('echarts')> | undefined;
const FONT_FAMILY = 'Noto Sans CJK SC, sans-serif';

export interface ChartSeries { name: string; color: string; values: number[] }

/** The chart of `option` drawn at width × height CSS pixels, as a PNG at `scale` times that (crisp when printed). */
export async function chartPng(option: Record<string, unknown>, width: number, height: number, scale = 2): Promise<Buffer> {
  const echarts = await (charts ??= import('echarts'));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    const { default: sharp } = await import('sharp');
    return await sharp(Buffer.from(svg), { density: 72 * scale }).png().toBuffer();
  } finally {
    chart.dispose();
  }
}

const title = (text: string) => ({ text, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 'bold', color: '#1f2937' } });

/** Bars of `bars` per label with `line` (optional) over them on the same axis — pdf-charts' barLineChart. */
export function barLineOption(chartTitle: string, labels: string[], bars: ChartSeries, line?: ChartSeries): Record<string, unknown> {
  return {
    title: title(chartTitle),
    legend: { right: 0, top: 0, data: [bars.name, ...(line ? [line.name] : [])] },
    grid: { left: 44, right: 12, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 'auto', color: '#4b5563' } },
    yAxis: { type: 'value', axisLabel: { color: '#6b7280' } },
    series: [
      { type: 'bar', name: bars.name, data: bars.values, itemStyle: { color: bars.color }, barMaxWidth: 48 },
      ...(line ? [{ type: 'line', name: line.name, data: line.values, itemStyle: { color: line.color }, lineStyle: { width: 2 } }] : []),
    ],
  };
}

/** One horizontal bar per item, the largest on top, its value at the end — pdf-charts' rankingChart. */
export function rankingOption(chartTitle: string, items: { label: string; value: number }[], color: string): Record<string, unknown> {
  const top = [...items].reverse();
  return {
    title: title(chartTitle),
    grid: { left: 100, right: 48, top: 32, bottom: 8 },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: top.map((i) => i.label), axisTick: { show: false }, axisLabel: { color: '#374151', width: 92, overflow: 'truncate' } },
    series: [{ type: 'bar', data: top.map((i) => i.value), itemStyle: { color }, barMaxWidth: 16,
      label: { show: true, position: 'right', color: '#111827' } }],
  };
}

/** The height in CSS pixels a ranking of `n` items needs. */
export const rankingHeight = (n: number) => 44 + 26 * Math.max(n, 1);
