// 综合评价: the rates of the domain reference (§3) from their counters, pure. A rate is a fraction in [0, 1], or null
// when nothing was due (应X数 = 0), so "no cases" never shows as 0 % or 100 %. How the counters are counted for a
// period (which cases are 应处置, 应结案 …) is the IO layer's business; these are only the formulas.

/** The evaluation counters of §3, by the domain's terms. */
export interface EvaluationCounters {
  reported: number;          // 上报数
  validReported: number;     // 有效上报数
  toVerify: number;          // 应核实数
  verifiedOnTime: number;    // 按时核实数
  toCheck: number;           // 应核查数
  checkedOnTime: number;     // 按时核查数
  missed: number;            // 漏报数
  filed: number;             // 立案数
  filedOnTime: number;       // 按时立案数
  voided: number;            // 作废数
  toDispatch: number;        // 应派遣数
  dispatchedOnTime: number;  // 按时派遣数
  returned: number;          // 回退数
  toHandle: number;          // 应处置数
  handled: number;           // 处置数
  handledOnTime: number;     // 按期处置数
  toClose: number;           // 应结案数 (挂账 cases are not in it)
  closed: number;            // 结案数
  closedOnTime: number;      // 按期结案数
  reworked: number;          // 返工数
}

export type CounterName = keyof EvaluationCounters;
type Counts<K extends CounterName> = Pick<EvaluationCounters, K>;

function checkCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} 必须是非负整数：${n}`);
}

/** part / whole; null when the whole is 0. A part larger than its whole means the counters are inconsistent. */
export function ratio(part: number, whole: number): number | null {
  checkCount('分子', part);
  checkCount('分母', whole);
  if (part > whole) throw new RangeError(`分子 ${part} 大于分母 ${whole}`);
  return whole === 0 ? null : part / whole;
}

/** 有效上报率 = 有效上报数 / 上报数 */
export const validReportRate = (c: Counts<'validReported' | 'reported'>) => ratio(c.validReported, c.reported);
/** 按时核实率 = 按时核实数 / 应核实数 */
export const onTimeVerifyRate = (c: Counts<'verifiedOnTime' | 'toVerify'>) => ratio(c.verifiedOnTime, c.toVerify);
/** 按时核查率 = 按时核查数 / 应核查数 */
export const onTimeCheckRate = (c: Counts<'checkedOnTime' | 'toCheck'>) => ratio(c.checkedOnTime, c.toCheck);
/** 漏报率 = 漏报数 / 立案数 */
export const missedReportRate = (c: Counts<'missed' | 'filed'>) => ratio(c.missed, c.filed);
/** 按时立案率 = 按时立案数 / 立案数 */
export const onTimeFilingRate = (c: Counts<'filedOnTime' | 'filed'>) => ratio(c.filedOnTime, c.filed);
/** 准确立案率 = (立案数 − 作废数) / 立案数 */
export const accurateFilingRate = (c: Counts<'filed' | 'voided'>) => ratio(c.filed - c.voided, c.filed);
/** 按时派遣率 = 按时派遣数 / 应派遣数 */
export const onTimeDispatchRate = (c: Counts<'dispatchedOnTime' | 'toDispatch'>) => ratio(c.dispatchedOnTime, c.toDispatch);
/**
 * 准确派遣率 = (应派遣数 − 回退数) / 应派遣数. The reference's table writes 返工数 here, but its workflow section says
 * a 回退 (the department says "not ours") is what counts against dispatch accuracy; a 返工 is the department's fault.
 */
export const accurateDispatchRate = (c: Counts<'toDispatch' | 'returned'>) => ratio(c.toDispatch - c.returned, c.toDispatch);
/** 处置率 = 处置数 / 应处置数 */
export const handlingRate = (c: Counts<'handled' | 'toHandle'>) => ratio(c.handled, c.toHandle);
/** 按期处置率 = 按期处置数 / 应处置数 */
export const onTimeHandlingRate = (c: Counts<'handledOnTime' | 'toHandle'>) => ratio(c.handledOnTime, c.toHandle);
/** 结案率 = 结案数 / 应结案数 */
export const closureRate = (c: Counts<'closed' | 'toClose'>) => ratio(c.closed, c.toClose);
/** 按期结案率 = 按期结案数 / 应结案数 */
export const onTimeClosureRate = (c: Counts<'closedOnTime' | 'toClose'>) => ratio(c.closedOnTime, c.toClose);
/** 返工率 = 返工数 / 应结案数 */
export const reworkRate = (c: Counts<'reworked' | 'toClose'>) => ratio(c.reworked, c.toClose);

/** Every rate of §3 with its Chinese name, for tables and labels. */
export const RATES = {
  validReportRate: { name: '有效上报率', of: validReportRate },
  onTimeVerifyRate: { name: '按时核实率', of: onTimeVerifyRate },
  onTimeCheckRate: { name: '按时核查率', of: onTimeCheckRate },
  missedReportRate: { name: '漏报率', of: missedReportRate },
  onTimeFilingRate: { name: '按时立案率', of: onTimeFilingRate },
  accurateFilingRate: { name: '准确立案率', of: accurateFilingRate },
  onTimeDispatchRate: { name: '按时派遣率', of: onTimeDispatchRate },
  accurateDispatchRate: { name: '准确派遣率', of: accurateDispatchRate },
  handlingRate: { name: '处置率', of: handlingRate },
  onTimeHandlingRate: { name: '按期处置率', of: onTimeHandlingRate },
  closureRate: { name: '结案率', of: closureRate },
  onTimeClosureRate: { name: '按期结案率', of: onTimeClosureRate },
  reworkRate: { name: '返工率', of: reworkRate },
} as const;

export type RateName = keyof typeof RATES;

/** A rate as a percentage with `digits` decimals (null stays null): 0.98765 → 98.8. */
export function percent(rate: number | null, digits = 1): number | null {
  if (rate === null) return null;
  const f = 10 ** digits;
  return Math.round(rate * 100 * f) / f;
}
