import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accurateDispatchRate, accurateFilingRate, closureRate, handlingRate, missedReportRate, onTimeCheckRate, onTimeClosureRate,
  onTimeDispatchRate, onTimeFilingRate, onTimeHandlingRate, onTimeVerifyRate, percent, RATES, ratio, reworkRate,
  validReportRate, type EvaluationCounters,
} from '../../src/evaluation/rules/rates.ts';
import { screenPeriods } from '../../src/screen/periods.ts';

const counters: EvaluationCounters = {
  reported: 200, validReported: 180, toVerify: 50, verifiedOnTime: 45, toCheck: 120, checkedOnTime: 96, missed: 9,
  filed: 150, filedOnTime: 141, voided: 6, toDispatch: 140, dispatchedOnTime: 133, returned: 7, toHandle: 130,
  handled: 117, handledOnTime: 104, toClose: 125, closed: 100, closedOnTime: 90, reworked: 5,
};

describe('综合评价 rates (domain §3)', () => {
  it('computes every formula of the reference from its counters', () => {
    assert.equal(validReportRate(counters), 0.9);            // 有效上报数 / 上报数
    assert.equal(onTimeVerifyRate(counters), 0.9);           // 按时核实数 / 应核实数
    assert.equal(onTimeCheckRate(counters), 0.8);            // 按时核查数 / 应核查数
    assert.equal(missedReportRate(counters), 0.06);          // 漏报数 / 立案数
    assert.equal(onTimeFilingRate(counters), 0.94);          // 按时立案数 / 立案数
    assert.equal(accurateFilingRate(counters), 0.96);        // (立案数 − 作废数) / 立案数
    assert.equal(onTimeDispatchRate(counters), 0.95);        // 按时派遣数 / 应派遣数
    assert.equal(accurateDispatchRate(counters), 0.95);      // (应派遣数 − 回退数) / 应派遣数
    assert.equal(handlingRate(counters), 0.9);               // 处置数 / 应处置数
    assert.equal(onTimeHandlingRate(counters), 0.8);         // 按期处置数 / 应处置数
    assert.equal(closureRate(counters), 0.8);                // 结案数 / 应结案数
    assert.equal(onTimeClosureRate(counters), 0.72);         // 按期结案数 / 应结案数
    assert.equal(reworkRate(counters), 0.04);                // 返工数 / 应结案数
  });

  it('names every rate in Chinese and evaluates it through the table', () => {
    assert.equal(Object.keys(RATES).length, 13);
    assert.equal(RATES.onTimeHandlingRate.name, '按期处置率');
    assert.equal(RATES.closureRate.name, '结案率');
    for (const def of Object.values(RATES)) {
      const r = def.of(counters);
      assert.ok(r !== null && r >= 0 && r <= 1, def.name);
    }
  });

  it('gives null, not 0 % or 100 %, when nothing was due', () => {
    assert.equal(onTimeHandlingRate({ handledOnTime: 0, toHandle: 0 }), null);
    assert.equal(closureRate({ closed: 0, toClose: 0 }), null);
    assert.equal(closureRate({ closed: 0, toClose: 3 }), 0);
    assert.equal(closureRate({ closed: 3, toClose: 3 }), 1);
  });

  it('refuses inconsistent counters instead of showing more than 100 %', () => {
    assert.throws(() => ratio(4, 3), RangeError);
    assert.throws(() => ratio(-1, 3), RangeError);
    assert.throws(() => ratio(1.5, 3), RangeError);
    assert.throws(() => accurateFilingRate({ filed: 2, voided: 3 }), RangeError);
  });

  it('rounds to a percentage', () => {
    assert.equal(percent(2 / 3), 66.7);
    assert.equal(percent(0.98765, 2), 98.77);
    assert.equal(percent(null), null);
  });
});

describe('big screen periods (China time)', () => {
  const now = new Date('2026-11-21T08:00:00Z');   // 16:00 北京时间

  it('defaults to today, as of now', () => {
    const p = screenPeriods(undefined, now)!;
    assert.equal(p.date, '2026-11-21');
    assert.equal(p.today, true);
    assert.equal(+p.asOf, +now);
    assert.equal(p.day.from.toISOString(), '2026-11-20T16:00:00.000Z');
    assert.equal(p.day.to.toISOString(), '2026-11-21T16:00:00.000Z');
    assert.equal(p.month.key, '2026-11');
    assert.equal(p.month.from.toISOString(), '2026-10-31T16:00:00.000Z');
  });

  it('a past day is seen as of its end, with 30 days and 12 months up to it', () => {
    const p = screenPeriods('2026-03-01', now)!;
    assert.equal(p.today, false);
    assert.equal(p.asOf.toISOString(), '2026-03-01T16:00:00.000Z');
    assert.equal(p.days.keys.length, 30);
    assert.equal(p.days.keys[0], '2026-01-31');
    assert.equal(p.days.keys[29], '2026-03-01');
    assert.equal(p.days.window.from.toISOString(), '2026-01-30T16:00:00.000Z');
    assert.deepEqual([p.months.keys[0], p.months.keys[11]], ['2025-04', '2026-03']);
    assert.equal(p.months.window.from.toISOString(), '2025-03-31T16:00:00.000Z');
    assert.equal(p.months.window.to.toISOString(), '2026-03-01T16:00:00.000Z');   // up to the day, not the month's end
    assert.equal(p.month.from.toISOString(), '2026-02-28T16:00:00.000Z');
    assert.equal(p.month.to.toISOString(), '2026-03-01T16:00:00.000Z');
  });

  it('refuses malformed dates and days after today', () => {
    for (const bad of ['2026-02-30', '2026-1-01', 'today', '2026-11-22']) assert.equal(screenPeriods(bad, now), undefined, bad);
    assert.equal(screenPeriods('2026-11-21', now)!.today, true);
  });
});
