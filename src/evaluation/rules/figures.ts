// The evaluation figures (评价指标的计数) and how each is summed from the two rollups: case_counts (timeline counters,
// by the day of the entry) and evaluation_clock_counts (finished stage clocks, by the day they stopped, or by the day
// the judged 处置 finished for the 结案 cohort). Each figure is defined once here: the KPI tables sum it from the
// rollups, the rollup-versus-raw check sums it from raw history, and the drill-down lists the cases behind it. Pure.
import { ratio } from './rates.ts';

/** Which object a figure is counted for, among the people who took part (positions only). */
export type PositionKey = 'actor' | 'reporter' | 'dispatcher' | 'gridCollector';

/** A figure summed from case_counts: the rows of these counters. */
export interface EventFigure { source: 'events'; counters: readonly string[] }
/** A figure summed from evaluation_clock_counts: sum(measure) over rows matching `where` (SQL on the rollup row). */
export interface ClockFigure {
  source: 'clocks';
  measure: 'n' | 'done' | 'on_time' | 'files' | 'dispatched' | 'normal_close';
  where: string;
  /** Counted by the day the judged 处置 finished (cohort_day) instead of the day the clock stopped. */
  cohort?: boolean;
  /** For positions: whose figure it is (default: who stopped the clock). */
  position?: PositionKey;
}
export type FigureDef = (EventFigure | ClockFigure) & { name: string };

/** Sources counted as reported by the public first (漏报 when such a case is filed in a collector's grid). */
export const PUBLIC_SOURCES = ['public', 'hotline', 'media'] as const;
const PUBLIC = `source in (${PUBLIC_SOURCES.map((s) => `'${s}'`).join(', ')})`;

const ev = (name: string, ...counters: string[]): FigureDef => ({ source: 'events', name, counters });
const ck = (name: string, measure: ClockFigure['measure'], where: string, extra: Partial<ClockFigure> = {}): FigureDef =>
  ({ source: 'clocks', name, measure, where, ...extra });

export const FIGURES = {
  // timeline counters (case_counts)
  reported: ev('上报数', 'reported'),
  accepted: ev('受理数', 'accepted'),
  filed: ev('立案数', 'filed'),
  voided: ev('作废数', 'voided'),
  dispatched: ev('派遣数', 'dispatched'),
  returned: ev('回退数', 'returned'),
  extended: ev('延期数', 'extended'),
  suspended: ev('挂账数', 'suspended'),
  closed: ev('结案数', 'closed'),
  supervised: ev('督办数', 'supervised'),
  // report decisions: filed (有效) or rejected / not filed / merged. A rollup row holds filing stops only or none (filing
  // stops keep the source, others not), so "files > 0" is a condition on the row.
  decided: ck('上报处理数', 'n', `files > 0 or action in ('reject', 'refuse_file', 'merge')`, { position: 'reporter' }),
  validReported: ck('有效上报数', 'files', 'true', { position: 'reporter' }),
  // stage clocks
  toVerify: ck('应核实数', 'n', `clock = 'verify'`),
  verifiedOnTime: ck('按时核实数', 'on_time', `clock = 'verify'`),
  toCheck: ck('应核查数', 'n', `clock = 'check'`),
  checkedOnTime: ck('按时核查数', 'on_time', `clock = 'check'`),
  filings: ck('立案（计时）数', 'files', 'true', { position: 'gridCollector' }),
  missed: ck('漏报数', 'files', PUBLIC, { position: 'gridCollector' }),
  toFile: ck('应立案数', 'n', `clock = 'file' and action = 'file'`),
  filedOnTime: ck('按时立案数', 'on_time', `clock = 'file' and action = 'file'`),
  acceptDone: ck('受理环节完成数', 'done', `clock = 'accept'`),
  acceptOnTime: ck('按时受理数', 'on_time', `clock = 'accept'`),
  verifyDispatches: ck('核实派发数', 'n', `clock = 'accept' and action = 'request_verify'`),
  verifyDispatchOnTime: ck('按时核实派发数', 'on_time', `clock = 'accept' and action = 'request_verify'`),
  toDispatch: ck('应派遣数', 'done', `clock = 'dispatch'`),
  dispatchedOnTime: ck('按时派遣数', 'on_time', `clock = 'dispatch'`),
  dispatchOutcomes: ck('派遣办理数', 'dispatched', `clock = 'handle'`, { position: 'dispatcher' }),
  dispatchReturned: ck('派遣被回退数', 'dispatched', `clock = 'handle' and action = 'approve_return'`, { position: 'dispatcher' }),
  toHandle: ck('应处置数', 'n', `clock = 'handle'`),
  handled: ck('处置数', 'done', `clock = 'handle'`),
  handledOnTime: ck('按期处置数', 'on_time', `clock = 'handle'`),
  closeStops: ck('结案环节数', 'n', `clock = 'close' and action = 'close'`),
  closeOnTime: ck('按时结案数', 'on_time', `clock = 'close' and action = 'close'`),
  // the 结案 cohort: cases whose 处置 finished in the period (挂账 cases have not finished it)
  toClose: ck('应结案数', 'done', `clock = 'handle'`),
  closedOfDue: ck('已结案数（应结案中）', 'n', `clock = 'close' and action = 'close'`, { cohort: true }),
  closedOnTime: ck('按期结案数', 'normal_close', `clock = 'close' and action = 'close'`, { cohort: true }),
  reworked: ck('返工数', 'n', `clock = 'check' and action = 'check_fail'`, { cohort: true }),
} as const satisfies Record<string, FigureDef>;

export type FigureName = keyof typeof FIGURES;
export const FIGURE_NAMES = Object.keys(FIGURES) as FigureName[];
export type Figures = Record<FigureName, number>;

const NO_FIGURES = Object.fromEntries(FIGURE_NAMES.map((f) => [f, 0])) as Figures;

/** All zero (a copy of one template: ten thousand of these for a grid table, Object.fromEntries each is slow). */
export function emptyFigures(): Figures {
  return { ...NO_FIGURES };
}

/** The rates of an object (fractions, null when nothing was due), named as in the tables. */
export const RATE_DEFS = {
  validReportRate: { name: '有效上报率', of: (f: Figures) => ratio(f.validReported, f.decided) },
  missedReportRate: { name: '漏报率', of: (f: Figures) => ratio(f.missed, f.filings) },
  publicReportRate: { name: '监督举报率', of: (f: Figures) => ratio(f.missed, f.filings) },
  onTimeVerifyRate: { name: '按时核实率', of: (f: Figures) => ratio(f.verifiedOnTime, f.toVerify) },
  onTimeCheckRate: { name: '按时核查率', of: (f: Figures) => ratio(f.checkedOnTime, f.toCheck) },
  onTimeAcceptRate: { name: '按时受理率', of: (f: Figures) => ratio(f.acceptOnTime, f.acceptDone) },
  onTimeVerifyDispatchRate: { name: '核实按时派发率', of: (f: Figures) => ratio(f.verifyDispatchOnTime, f.verifyDispatches) },
  onTimeFilingRate: { name: '按时立案率', of: (f: Figures) => ratio(f.filedOnTime, f.toFile) },
  /** (立案数 − 作废数) / 立案数 over the period's counters; more voids than filings in a period reads as 0. */
  accurateFilingRate: { name: '准确立案率', of: (f: Figures) => ratio(Math.max(0, f.filed - f.voided), f.filed) },
  onTimeDispatchRate: { name: '按时派遣率', of: (f: Figures) => ratio(f.dispatchedOnTime, f.toDispatch) },
  accurateDispatchRate: { name: '准确派遣率', of: (f: Figures) => ratio(f.dispatchOutcomes - f.dispatchReturned, f.dispatchOutcomes) },
  handlingRate: { name: '处置率', of: (f: Figures) => ratio(f.handled, f.toHandle) },
  onTimeHandlingRate: { name: '按期处置率', of: (f: Figures) => ratio(f.handledOnTime, f.toHandle) },
  closureRate: { name: '结案率', of: (f: Figures) => ratio(f.closedOfDue, f.toClose) },
  onTimeClosureRate: { name: '按期结案率', of: (f: Figures) => ratio(f.closedOnTime, f.toClose) },
  onTimeClosingRate: { name: '按时结案率', of: (f: Figures) => ratio(f.closeOnTime, f.closeStops) },
  reworkRate: { name: '返工率', of: (f: Figures) => ratio(f.reworked, f.toClose) },
} as const;

export type RateKey = keyof typeof RATE_DEFS;
export const RATE_KEYS = Object.keys(RATE_DEFS) as RateKey[];
export type Rates = Record<RateKey, number | null>;

/** The rates `keys` of an object's figures (the rates its table shows). */
export function ratesOf(f: Figures, keys: readonly RateKey[] = RATE_KEYS): Partial<Rates> {
  const rates: Partial<Rates> = {};
  for (const k of keys) rates[k] = RATE_DEFS[k].of(f);   // a loop: tables build ~10,000 of these
  return rates;
}

/** The figures each rate is built from (numerator first), for the drill-down links of a rate cell. */
export const RATE_FIGURES: Record<RateKey, readonly FigureName[]> = {
  validReportRate: ['validReported', 'decided'], missedReportRate: ['missed', 'filings'], publicReportRate: ['missed', 'filings'],
  onTimeVerifyRate: ['verifiedOnTime', 'toVerify'], onTimeCheckRate: ['checkedOnTime', 'toCheck'],
  onTimeAcceptRate: ['acceptOnTime', 'acceptDone'], onTimeVerifyDispatchRate: ['verifyDispatchOnTime', 'verifyDispatches'],
  onTimeFilingRate: ['filedOnTime', 'toFile'], accurateFilingRate: ['voided', 'filed'],
  onTimeDispatchRate: ['dispatchedOnTime', 'toDispatch'], accurateDispatchRate: ['dispatchReturned', 'dispatchOutcomes'],
  handlingRate: ['handled', 'toHandle'], onTimeHandlingRate: ['handledOnTime', 'toHandle'],
  closureRate: ['closedOfDue', 'toClose'], onTimeClosureRate: ['closedOnTime', 'toClose'],
  onTimeClosingRate: ['closeOnTime', 'closeStops'], reworkRate: ['reworked', 'toClose'],
};
