// ECharts options of the big screen's panels: dark background, the CJK font stack, large legible text.
import type { EChartsCoreOption } from 'echarts/core';
import type { T } from '../../i18n.tsx';
import type { ClosureRate, DistrictRank, HandlingRate, ScreenSummary } from '../../../../src/screen/views.ts';

export const SCREEN_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
export const COLORS = { text: '#d6e4ff', dim: '#7f97c2', line: 'rgba(127, 151, 194, 0.18)', cyan: '#36cfc9', blue: '#4096ff',
  gold: '#ffc53d', green: '#52c41a', yellow: '#faad14', red: '#ff4d4f', purple: '#9254de', grey: '#8c8c8c' };
const PALETTE = [COLORS.blue, COLORS.cyan, COLORS.gold, COLORS.purple, COLORS.green, '#ff7a45', '#f759ab', '#bae637'];

const base = { backgroundColor: 'transparent', textStyle: { fontFamily: SCREEN_FONT, color: COLORS.text, fontSize: 16 }, animation: true };
const axisLabel = { color: COLORS.dim, fontSize: 14, fontFamily: SCREEN_FONT };
const splitLine = { lineStyle: { color: COLORS.line } };
const tooltip = { backgroundColor: 'rgba(4, 18, 40, 0.92)', borderColor: '#1d4a8a', textStyle: { color: COLORS.text, fontSize: 15 } };

/** One ring: a rate (null = nothing due) with its part and whole underneath. */
export function rateRing(label: string, rate: HandlingRate | ClosureRate, color: string, t: T): EChartsCoreOption {
  const [part, whole] = 'toHandle' in rate ? [rate.handledOnTime, rate.toHandle] : [rate.closed, rate.toClose];
  const value = rate.rate === null ? 0 : Math.round(rate.rate * 1000) / 10;
  return {
    ...base,
    series: [{
      type: 'gauge', startAngle: 90, endAngle: -270, min: 0, max: 100, radius: '92%', center: ['50%', '40%'],
      pointer: { show: false }, progress: { show: true, roundCap: true, width: 11, itemStyle: { color } },
      axisLine: { lineStyle: { width: 11, color: [[1, 'rgba(127, 151, 194, 0.16)']] } },
      splitLine: { show: false }, axisTick: { show: false }, axisLabel: { show: false },
      title: { show: true, offsetCenter: [0, '134%'], color: COLORS.dim, fontSize: 14, lineHeight: 19, fontFamily: SCREEN_FONT },
      detail: {
        offsetCenter: [0, '0%'], fontFamily: SCREEN_FONT, color: COLORS.text, fontSize: 21, fontWeight: 'bold',
        formatter: () => (rate.rate === null ? t('screenNoDue') : `${value}%`),
      },
      data: [{ value, name: `${label}\n${part}/${whole}` }],
    }],
  };
}

export function topTypesBar(s: ScreenSummary): EChartsCoreOption {
  const rows = [...s.topTypes].reverse();
  return {
    ...base,
    tooltip: { ...tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { ...axisLabel, color: COLORS.text, width: 170, overflow: 'truncate' },
      axisLine: { show: false }, axisTick: { show: false } },
    series: [{ type: 'bar', data: rows.map((r) => r.count), barWidth: 14,
      itemStyle: { borderRadius: [0, 7, 7, 0], color: { type: 'linear', x: 0, y: 0, x2: 1, y2: 0,
        colorStops: [{ offset: 0, color: 'rgba(64, 150, 255, 0.35)' }, { offset: 1, color: COLORS.cyan }] } },
      label: { show: true, position: 'right', color: COLORS.text, fontSize: 15, fontFamily: SCREEN_FONT } }],
  };
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

export function rankingBar(districts: DistrictRank[], t: T): EChartsCoreOption {
  const rows = [...districts].reverse();
  const label = { show: true, position: 'right', color: COLORS.text, fontSize: 14, fontFamily: SCREEN_FONT, formatter: '{c}%' };
  return {
    ...base,
    color: [COLORS.cyan, COLORS.gold],
    legend: { top: 0, right: 0, textStyle: { color: COLORS.dim, fontSize: 14, fontFamily: SCREEN_FONT }, itemWidth: 14, itemHeight: 10 },
    tooltip: {
      ...tooltip, trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const d = rows[params[0].dataIndex];
        return `${d.name}<br/>${t('screenReported')} ${d.reported} · ${t('screenFiled')} ${d.filed} · ${t('screenClosed')} ${d.closed}`
          + `<br/>${t('screenOnTimeHandling')} ${d.handling.handledOnTime}/${d.handling.toHandle}`
          + `<br/>${t('screenClosure')} ${d.closing.closed}/${d.closing.toClose}`;
      },
    },
    grid: { left: 8, right: 60, top: 30, bottom: 4, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { show: false }, splitLine },
    yAxis: { type: 'category', data: rows.map((d) => `${d.name}\n${t('screenReported')} ${d.reported}`),
      axisLabel: { ...axisLabel, color: COLORS.text, lineHeight: 20 }, axisLine: { show: false }, axisTick: { show: false } },
    series: [
      { name: t('screenOnTimeHandling'), type: 'bar', barWidth: 10, barGap: '40%', data: rows.map((d) => pct(d.handling.rate)),
        itemStyle: { borderRadius: [0, 5, 5, 0] }, label },
      { name: t('screenClosure'), type: 'bar', barWidth: 10, data: rows.map((d) => pct(d.closing.rate)),
        itemStyle: { borderRadius: [0, 5, 5, 0] }, label },
    ],
  };
}

function trendLines(labels: string[], reported: number[], closed: number[], t: T, bars: boolean): EChartsCoreOption {
  const area = (color: string) => ({ color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1,
    colorStops: [{ offset: 0, color }, { offset: 1, color: 'rgba(0,0,0,0)' }] } });
  return {
    ...base,
    color: [COLORS.blue, COLORS.green],
    legend: { top: 0, right: 0, textStyle: { color: COLORS.dim, fontSize: 14, fontFamily: SCREEN_FONT }, itemWidth: 16, itemHeight: 8 },
    tooltip: { ...tooltip, trigger: 'axis' },
    grid: { left: 8, right: 12, top: 34, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: labels, boundaryGap: bars, axisLabel, axisLine: { lineStyle: { color: COLORS.line } } },
    yAxis: { type: 'value', axisLabel, splitLine },
    series: bars
      ? [
        { name: t('screenReported'), type: 'bar', data: reported, barWidth: 9, itemStyle: { borderRadius: [4, 4, 0, 0] } },
        { name: t('screenClosed'), type: 'bar', data: closed, barWidth: 9, itemStyle: { borderRadius: [4, 4, 0, 0] } },
      ]
      : [
        { name: t('screenReported'), type: 'line', smooth: true, symbol: 'none', data: reported, lineStyle: { width: 2.5 },
          areaStyle: { ...area('rgba(64, 150, 255, 0.35)') } },
        { name: t('screenClosed'), type: 'line', smooth: true, symbol: 'none', data: closed, lineStyle: { width: 2.5 },
          areaStyle: { ...area('rgba(82, 196, 26, 0.25)') } },
      ],
  };
}

export const dayTrend = (s: ScreenSummary, t: T) => trendLines(s.trend.days.map((d) => d.date.slice(5)),
  s.trend.days.map((d) => d.reported), s.trend.days.map((d) => d.closed), t, false);

export const monthTrend = (s: ScreenSummary, t: T) => trendLines(s.trend.months.map((m) => `${Number(m.month.slice(5))}月`),
  s.trend.months.map((m) => m.reported), s.trend.months.map((m) => m.closed), t, true);

export function sourcesPie(s: ScreenSummary): EChartsCoreOption {
  return {
    ...base,
    color: PALETTE,
    tooltip: { ...tooltip, trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 4, top: 'middle', itemGap: 10, itemWidth: 12, itemHeight: 12,
      textStyle: { color: COLORS.text, fontSize: 14, fontFamily: SCREEN_FONT },
      formatter: (name: string) => `${name}  ${s.sources.find((x) => x.name === name)?.count ?? 0}` },
    series: [{ type: 'pie', radius: ['48%', '76%'], center: ['30%', '50%'], label: { show: false },
      itemStyle: { borderColor: '#06142b', borderWidth: 2 }, data: s.sources.map((x) => ({ name: x.name, value: x.count })) }],
  };
}
