// 健康评估 rules for a facility's health report: availability (share of expected hourly readings received), which
// thresholds the period's extremes reached, and a plain conclusion. Pure: no IO.
import { LEVELS, rank, type Level } from '../rules/levels.ts';
import type { Threshold } from './view.ts';

export interface MetricStat {
  label: string; unit: string; max: number | null; min: number | null; mean: number | null; thresholds: Threshold[];
}

export interface HealthInput {
  sensors: number;
  /** hours with at least one reading, and hours expected, summed over the sensors */
  hoursWithData: number; hoursExpected: number;
  stats: MetricStat[];
  alarms: { total: number; falseAlarms: number; byLevel: Record<Level, number> };
}

export type HealthStatus = '良好' | '基本正常' | '需关注' | '无数据';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const LEVEL_SHORT: Record<Level, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

export function availability(hoursWithData: number, hoursExpected: number): number | null {
  if (hoursExpected <= 0) return null;
  return Math.min(1, hoursWithData / hoursExpected);
}

/** The highest threshold level the metric's extremes reached in the period (null: none). */
export function reachedLevel(s: MetricStat): Level | null {
  let best: Level | null = null;
  for (const t of s.thresholds) {
    const hit = t.direction === 'below' ? s.min !== null && s.min <= t.value : s.max !== null && s.max >= t.value;
    if (hit && rank(t.level) > rank(best)) best = t.level;
  }
  return best;
}

export function healthConclusion(input: HealthInput): { status: HealthStatus; availability: number | null; lines: string[] } {
  if (input.sensors === 0) return { status: '无数据', availability: null, lines: ['该设施尚未接入监测设备，无法评估运行状况。'] };
  const avail = availability(input.hoursWithData, input.hoursExpected);
  if (avail === null || input.hoursWithData === 0) {
    return { status: '无数据', availability: avail, lines: ['统计期间未收到监测数据，请检查设备供电与通信。'] };
  }
  const lines: string[] = [];
  const serious = input.alarms.byLevel.orange + input.alarms.byLevel.red;
  const real = input.alarms.total - input.alarms.falseAlarms;
  if (input.alarms.total === 0) lines.push('统计期间未发生告警。');
  else {
    const parts = LEVELS.filter((l) => input.alarms.byLevel[l] > 0).map((l) => `${LEVEL_SHORT[l]} ${input.alarms.byLevel[l]} 次`);
    lines.push(`统计期间共发生告警 ${input.alarms.total} 次（${parts.join('、')}），其中误报 ${input.alarms.falseAlarms} 次。`);
  }
  const exceeded = input.stats.map((s) => ({ s, level: reachedLevel(s) })).filter((x) => x.level !== null);
  for (const { s, level } of exceeded.sort((a, b) => rank(b.level) - rank(a.level)).slice(0, 5)) {
    const t = s.thresholds.find((x) => x.level === level)!;
    const extreme = t.direction === 'below' ? `最小值 ${s.min}` : `最大值 ${s.max}`;
    lines.push(`${s.label}${extreme}${s.unit}，达到${LEVEL_SHORT[level!]}阈值（${t.value}${s.unit}）。`);
  }
  if (exceeded.length === 0) lines.push('各监测指标均未达到告警阈值。');
  lines.push(avail < 0.9
    ? `数据完整率 ${pct(avail)}，低于 90%，建议检查设备供电、通信与安装状态。`
    : `数据完整率 ${pct(avail)}，监测数据连续可靠。`);
  const worst = exceeded.reduce<Level | null>((w, x) => (rank(x.level) > rank(w) ? x.level : w), null);
  const status: HealthStatus = serious > 0 || rank(worst) >= rank('orange') ? '需关注'
    : real > 0 || worst !== null || avail < 0.9 ? '基本正常' : '良好';
  lines.push(status === '需关注' ? '结论：设施运行存在较高风险，建议安排专项检测并加密巡查。'
    : status === '基本正常' ? '结论：设施运行基本正常，建议关注上述指标并按计划巡检。'
    : '结论：设施运行状况良好，维持常规巡检。');
  return { status, availability: avail, lines };
}
