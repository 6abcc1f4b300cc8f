// 综合评分: composite scores of evaluated objects from weighted indicators (rates, inverted rates, and count scores from
// step tables) and grades A–E. The defaults are the domain reference's (§3); administrators change them. Pure.
import type { FigureName, Figures, Rates, RateKey } from './figures.ts';

export const SCORED_OBJECTS = ['region', 'department', 'collector', 'acceptor', 'shift_leader', 'dispatcher'] as const;
export type ScoredObject = (typeof SCORED_OBJECTS)[number];
export const SCORED_OBJECT_NAMES: Record<ScoredObject, string> = {
  region: '区域', department: '部门', collector: '监督员', acceptor: '受理员', shift_leader: '值班长', dispatcher: '派遣员',
};

/** A count score: the first step whose upTo is at least the count (upTo null: every larger count). */
export interface Step { upTo: number | null; score: number }

export type Indicator =
  | { kind: 'rate'; rate: RateKey; invert: boolean; weight: number }
  | { kind: 'count'; weight: number };

export interface ObjectScoring { indicators: Indicator[]; countFigure: CountFigure; steps: Step[] }
export type CountFigure = 'filed' | 'toHandle' | 'accepted' | 'dispatched';
export const COUNT_FIGURE_NAMES: Record<CountFigure, string> = { filed: '立案数', toHandle: '应处置数', accepted: '受理数', dispatched: '派遣数' };

export interface Grades { A: number; B: number; C: number; D: number }
export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof GRADES)[number];

export interface ScoringConfig { grades: Grades; objects: Record<ScoredObject, ObjectScoring> }

/**
 * The figures and rates of each object's table. Only these rates are defined for the object (a rate of another
 * object's figures may not hold there: a collector has 返工 but no 应结案), so only these can be weighted.
 */
export const TABLE_COLUMNS: Record<ScoredObject, { figures: FigureName[]; rates: RateKey[] }> = {
  region: {
    figures: ['reported', 'filed', 'voided', 'dispatched', 'toHandle', 'handled', 'handledOnTime', 'toClose', 'closedOfDue',
      'closedOnTime', 'reworked', 'returned', 'extended', 'suspended', 'missed'],
    rates: ['publicReportRate', 'onTimeFilingRate', 'accurateFilingRate', 'onTimeDispatchRate', 'handlingRate', 'onTimeHandlingRate',
      'closureRate', 'onTimeClosureRate', 'reworkRate', 'onTimeVerifyRate', 'onTimeCheckRate'],
  },
  department: {
    figures: ['toHandle', 'handled', 'handledOnTime', 'toClose', 'closedOfDue', 'closedOnTime', 'reworked', 'dispatchReturned'],
    rates: ['handlingRate', 'onTimeHandlingRate', 'closureRate', 'onTimeClosureRate', 'reworkRate'],
  },
  collector: {
    figures: ['reported', 'decided', 'validReported', 'toVerify', 'verifiedOnTime', 'toCheck', 'checkedOnTime', 'filings', 'missed'],
    rates: ['validReportRate', 'missedReportRate', 'onTimeVerifyRate', 'onTimeCheckRate'],
  },
  acceptor: {
    figures: ['accepted', 'acceptDone', 'acceptOnTime', 'verifyDispatches', 'verifyDispatchOnTime'],
    rates: ['onTimeAcceptRate', 'onTimeVerifyDispatchRate'],
  },
  shift_leader: { figures: ['filed', 'voided', 'toFile', 'filedOnTime', 'closeStops', 'closeOnTime'],
    rates: ['onTimeFilingRate', 'accurateFilingRate', 'onTimeClosingRate'] },
  dispatcher: {
    figures: ['dispatched', 'toDispatch', 'dispatchedOnTime', 'dispatchOutcomes', 'dispatchReturned', 'extended', 'suspended'],
    rates: ['onTimeDispatchRate', 'accurateDispatchRate'],
  },
};

const rate = (r: RateKey, weight: number, invert = false): Indicator => ({ kind: 'rate', rate: r, invert, weight });
const count = (weight: number): Indicator => ({ kind: 'count', weight });

/** Fewer cases is better (domain §3, department table). */
const DEPARTMENT_STEPS: Step[] = [{ upTo: 50, score: 100 }, { upTo: 100, score: 90 }, { upTo: 200, score: 75 },
  { upTo: 500, score: 60 }, { upTo: 1000, score: 40 }, { upTo: null, score: 0 }];
/** A region is larger than a department: the same shape ten times wider (an assumption; the reference gives none). */
const REGION_STEPS: Step[] = DEPARTMENT_STEPS.map((s) => ({ upTo: s.upTo === null ? null : s.upTo * 10, score: s.score }));
/** For centre staff more work done scores higher (an assumption; the reference gives no table). */
const WORKLOAD_STEPS: Step[] = [{ upTo: 0, score: 0 }, { upTo: 49, score: 40 }, { upTo: 199, score: 60 }, { upTo: 499, score: 75 },
  { upTo: 999, score: 90 }, { upTo: null, score: 100 }];

export const DEFAULT_SCORING: ScoringConfig = {
  grades: { A: 90, B: 75, C: 60, D: 40 },
  objects: {
    collector: { indicators: [rate('validReportRate', 40), rate('missedReportRate', 20, true), rate('onTimeVerifyRate', 20),
      rate('onTimeCheckRate', 20)], countFigure: 'filed', steps: WORKLOAD_STEPS },
    acceptor: { indicators: [count(25), rate('onTimeVerifyDispatchRate', 40), rate('onTimeAcceptRate', 35)],
      countFigure: 'accepted', steps: WORKLOAD_STEPS },
    shift_leader: { indicators: [rate('onTimeFilingRate', 25), rate('accurateFilingRate', 40), rate('onTimeClosingRate', 35)],
      countFigure: 'filed', steps: WORKLOAD_STEPS },
    dispatcher: { indicators: [count(20), rate('onTimeDispatchRate', 40), rate('accurateDispatchRate', 40)],
      countFigure: 'dispatched', steps: WORKLOAD_STEPS },
    department: { indicators: [count(10), rate('closureRate', 30), rate('onTimeHandlingRate', 30), rate('reworkRate', 30, true)],
      countFigure: 'toHandle', steps: DEPARTMENT_STEPS },
    region: { indicators: [rate('publicReportRate', 10, true), count(20), rate('closureRate', 30), rate('onTimeClosureRate', 40)],
      countFigure: 'filed', steps: REGION_STEPS },
  },
};

export function stepScore(n: number, steps: readonly Step[]): number {
  for (const s of steps) if (s.upTo === null || n <= s.upTo) return s.score;
  return 0;
}

export interface Score { score: number | null; parts: { label: string; value: number | null; weight: number }[] }

/**
 * Σ weight × value / Σ weight over the indicators that have a value (a rate with nothing due has none, so it
 * neither helps nor hurts); null when no rate has one. Values are 0–100; rounded to 0.1.
 */
export function compositeScore(s: ObjectScoring, figures: Figures, rates: Partial<Rates>, rateNames: Record<RateKey, string>): Score {
  let sum = 0;
  let weights = 0;
  const parts = s.indicators.map((i) => {
    let value: number | null;
    let label: string;
    if (i.kind === 'count') {
      value = stepScore(figures[s.countFigure], s.steps);
      label = `${COUNT_FIGURE_NAMES[s.countFigure]}得分`;
    } else {
      const r = rates[i.rate] ?? null;
      value = r === null ? null : (i.invert ? 1 - r : r) * 100;
      label = i.invert ? `1 − ${rateNames[i.rate]}` : rateNames[i.rate];
    }
    if (value !== null && i.weight > 0) { sum += value * i.weight; weights += i.weight; }
    return { label, value: value === null ? null : Math.round(value * 10) / 10, weight: i.weight };
  });
  // an object where nothing was due (no rate has a value) is not scored: its count score alone would say nothing
  const rated = parts.some((p, k) => s.indicators[k].kind === 'rate' && p.value !== null);
  return { score: weights === 0 || !rated ? null : Math.round((sum / weights) * 10) / 10, parts };
}

export function gradeOf(score: number | null, g: Grades): Grade | null {
  if (score === null) return null;
  if (score >= g.A) return 'A';
  if (score >= g.B) return 'B';
  if (score >= g.C) return 'C';
  if (score >= g.D) return 'D';
  return 'E';
}

/** Why a configuration cannot be used (Chinese), or null when it can. */
export function scoringProblem(c: ScoringConfig): string | null {
  const g = c.grades;
  if (![g.A, g.B, g.C, g.D].every((v) => Number.isFinite(v) && v >= 0 && v <= 100)) return '等级分数线必须在 0–100 之间';
  if (!(g.A > g.B && g.B > g.C && g.C > g.D)) return '等级分数线必须 A > B > C > D';
  for (const o of SCORED_OBJECTS) {
    const s = c.objects[o];
    const name = SCORED_OBJECT_NAMES[o];
    if (!s || s.indicators.length === 0) return `${name}至少需要一个指标`;
    const total = s.indicators.reduce((a, i) => a + i.weight, 0);
    if (s.indicators.some((i) => !Number.isFinite(i.weight) || i.weight < 0)) return `${name}的权重不能为负数`;
    if (Math.abs(total - 100) > 1e-9) return `${name}的权重合计必须为 100（现为 ${total}）`;
    if (s.indicators.some((i) => i.kind === 'rate' && !TABLE_COLUMNS[o].rates.includes(i.rate))) return `${name}含有不适用于该对象的指标`;
    if (s.steps.length === 0 || s.steps[s.steps.length - 1].upTo !== null) return `${name}的计数得分表最后一档必须是“以上”`;
    for (let k = 0; k < s.steps.length; k++) {
      const st = s.steps[k];
      if (!Number.isFinite(st.score) || st.score < 0 || st.score > 100) return `${name}的计数得分必须在 0–100 之间`;
      if (st.upTo !== null && (!Number.isInteger(st.upTo) || st.upTo < 0)) return `${name}的计数档位必须是非负整数`;
      const prev = s.steps[k - 1]?.upTo;
      if (k > 0 && st.upTo !== null && prev !== null && prev !== undefined && st.upTo <= prev) return `${name}的计数档位必须递增`;
    }
  }
  return null;
}
