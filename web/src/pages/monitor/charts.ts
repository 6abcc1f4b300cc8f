// ECharts options of the monitor pages: an alarm's level over time, and a metric's history with its thresholds.
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import type { T } from '../../i18n.tsx';
import type { AlarmEventView, DeviceSeries, LevelCode, ThresholdParamsView } from '../../../../src/monitor/views.ts';
import { LEVELS, LEVEL_COLORS, LEVEL_KEYS } from './model.ts';

echarts.use([MarkLineComponent]);

/** The alarm's level as a step line (0 = cleared) and the reading that came with each change. */
export function levelHistoryOption(t: T, events: AlarmEventView[]): EChartsCoreOption {
  let level = 0;
  const levels: [string, number][] = [];
  const values: [string, number][] = [];
  for (const e of events) {
    if (e.level && ['raise', 'repeat', 'escalate', 'deescalate'].includes(e.action)) level = LEVELS.indexOf(e.level) + 1;
    if (e.action === 'recover' || e.action === 'false_alarm' || e.action === 'archive') level = 0;
    levels.push([e.at, level]);
    if (e.value !== null) values.push([e.at, e.value]);
  }
  if (levels.length > 0) levels.push([new Date().toISOString(), level]);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0, data: [t('level'), t('monValue')] },
    grid: { left: 70, right: 50, top: 30, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', min: 0, max: 4, interval: 1, axisLabel: { formatter: (v: number) => (v === 0 ? '' : t(LEVEL_KEYS[LEVELS[v - 1]])) } },
      { type: 'value', scale: true },
    ],
    series: [
      { name: t('level'), type: 'line', step: 'end', data: levels, symbol: 'circle', lineStyle: { color: '#fa541c' }, itemStyle: { color: '#fa541c' } },
      { name: t('monValue'), type: 'line', yAxisIndex: 1, data: values, lineStyle: { type: 'dashed' } },
    ],
  };
}

/** Threshold lines of a metric's threshold rules (one per level). */
export function thresholdLines(rules: { metric: string | null; kind: string; params: unknown }[], metric: string) {
  const lines: { level: LevelCode; value: number }[] = [];
  for (const r of rules) {
    if (r.kind !== 'threshold' || r.metric !== metric) continue;
    const p = r.params as ThresholdParamsView;
    for (const level of LEVELS) if (typeof p.levels?.[level] === 'number') lines.push({ level, value: p.levels[level]! });
  }
  return lines;
}

/** A metric's history: raw values, or the rollup's mean with its min–max band. */
export function seriesOption(t: T, series: DeviceSeries | undefined, name: string, lines: { level: LevelCode; value: number }[],
  range: { from: string; to: string }): EChartsCoreOption {
  const points = series?.points ?? [];
  const markLine = {
    symbol: 'none', silent: true,
    data: lines.map((l) => ({ yAxis: l.value, name: t(LEVEL_KEYS[l.level]), lineStyle: { color: LEVEL_COLORS[l.level], type: 'dashed' },
      label: { position: 'end', formatter: `${t(LEVEL_KEYS[l.level])} ${l.value}`, color: LEVEL_COLORS[l.level] } })),
  };
  const raw = series?.resolution === 'raw' ? series.points : null;
  const rollup = series?.resolution !== 'raw' ? series?.points ?? [] : [];
  const main = raw ? raw.map((p) => [p.t, p.value]) : rollup.map((p) => [p.t, p.avg]);
  const extra = raw ? [] : [
    { name: t('monMin'), type: 'line', data: rollup.map((p) => [p.t, p.min]), symbol: 'none', lineStyle: { opacity: 0.4, width: 1 } },
    { name: t('monMax'), type: 'line', data: rollup.map((p) => [p.t, p.max]), symbol: 'none', lineStyle: { opacity: 0.4, width: 1 } },
  ];
  const values = [...main.map((p) => p[1] as number), ...lines.map((l) => l.value)].filter((v) => typeof v === 'number');
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 0, data: [name, ...extra.map((e) => e.name)] },
    grid: { left: 60, right: 90, top: 36, bottom: 30 },
    xAxis: { type: 'time', min: range.from, max: range.to },
    yAxis: { type: 'value', scale: true, ...(values.length ? { min: Math.min(...values), max: Math.max(...values) } : {}) },
    series: [{ name, type: 'line', data: main, showSymbol: points.length < 60, markLine }, ...extra],
  };
}
