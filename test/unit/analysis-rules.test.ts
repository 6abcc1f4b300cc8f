// 分析研判's pure rules: periods and their 环比/同比 bases, growing hot spots, recurrence (焦点问题), the forecast model
// and its held-back error, report periods and the 提示函 text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDayKey, weekdayOf, chinaTime } from '../../src/command/rules/china-time.ts';
import {
  backtestWeeks, dayFactors, factorOf, fitModel, forecastDays, mape, type DayClass, type Series,
} from '../../src/evaluation/analysis/rules/forecast.ts';
import { growingHotspots, joinPeriods } from '../../src/evaluation/analysis/rules/hotspots.ts';
import { composeLetter, letterNumber, letterText } from '../../src/evaluation/analysis/rules/letter.ts';
import { checkRange, lastYearPeriod, periodOf, previousPeriod, relativeChange } from '../../src/evaluation/analysis/rules/periods.ts';
import { niceAxis } from '../../src/evaluation/analysis/pdf-charts.ts';
import { findRecurrences } from '../../src/evaluation/analysis/rules/recurrence.ts';
import { duePeriods, nextReportRun, reportTitle } from '../../src/evaluation/analysis/rules/report-plan.ts';

describe('analysis periods', () => {
  it('finds calendar periods and their bases', () => {
    assert.deepEqual(periodOf('week', '2026-11-21'), { from: '2026-11-16', to: '2026-11-22' });
    assert.deepEqual(periodOf('month', '2026-02-10'), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(periodOf('quarter', '2026-11-21'), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(previousPeriod({ from: '2026-03-01', to: '2026-03-31' }), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(previousPeriod({ from: '2026-11-16', to: '2026-11-22' }), { from: '2026-11-09', to: '2026-11-15' });
    assert.deepEqual(lastYearPeriod({ from: '2024-02-01', to: '2024-02-29' }), { from: '2023-02-01', to: '2023-02-28' });
    assert.deepEqual(lastYearPeriod({ from: '2024-02-29', to: '2024-03-05' }), { from: '2023-02-28', to: '2023-03-05' });
    assert.equal(relativeChange(12, 10), 0.2);
    assert.equal(relativeChange(5, 0), null);
    assert.match(checkRange({ from: '2026-02-30', to: '2026-03-01' }, 366)!, /日期无效/);
    assert.match(checkRange({ from: '2026-03-02', to: '2026-03-01' }, 366)!, /晚于/);
    assert.match(checkRange({ from: '2024-01-01', to: '2026-03-01' }, 366)!, /366/);
    assert.equal(checkRange({ from: '2026-03-01', to: '2026-03-01' }, 366), null);
  });
});

describe('growing hot spots', () => {
  it('ranks places by increase, with a minimum volume, and ignores shrinking ones', () => {
    const places = joinPeriods(new Map([['a', 12], ['b', 6], ['c', 3], ['d', 9], ['e', 8]]), new Map([['a', 2], ['b', 0], ['c', 0], ['d', 10], ['f', 4]]));
    const hot = growingHotspots(places, { minCount: 5, limit: 10 });
    assert.deepEqual(hot.map((h) => [h.key, h.increase, h.growth]), [['a', 10, 5], ['e', 8, null], ['b', 6, null]]);
    assert.deepEqual(growingHotspots(places, { minCount: 5, limit: 1 }).map((h) => h.key), ['a']);
  });
});

describe('recurrence (焦点问题)', () => {
  const day = (d: number, h = 10) => Date.UTC(2026, 9, d, h);
  const c = (id: number, d: number, place = 'g1', type = 'matter:06003') => ({ id, at: day(d), place, type });
  it('reports a type recurring in one place within the window, with the densest window\'s cases', () => {
    const found = findRecurrences([
      c(1, 1), c(2, 3), c(3, 6), c(4, 20), c(5, 22), c(6, 23), c(7, 25),   // g1: 1,3,6 within 7 days; 20–25: four
      c(8, 1, 'g2'), c(9, 12, 'g2'), c(10, 25, 'g2'),                      // g2: spread out
      c(11, 2, 'g1', 'matter:09006'), c(12, 3, 'g1', 'matter:09006'),      // another type: only two
    ], { windowDays: 7, minCount: 3 });
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].caseIds, [4, 5, 6, 7]);
    assert.equal(found[0].place, 'g1');
  });
  it('treats the window as strictly shorter than windowDays × 24 h', () => {
    const exact = [c(1, 1), c(2, 4), { id: 3, at: day(1) + 7 * 86_400_000, place: 'g1', type: 'matter:06003' }];
    assert.equal(findRecurrences(exact, { windowDays: 7, minCount: 3 }).length, 0);
    assert.equal(findRecurrences(exact, { windowDays: 8, minCount: 3 }).length, 1);
    assert.throws(() => findRecurrences(exact, { windowDays: 7, minCount: 1 }), /至少为 2/);
  });
});

describe('forecast model', () => {
  const start = parseDayKey('2026-11-02')!;   // a Monday
  /** Weekdays 10 cases, weekends 4, holidays 2 — every day of two years. */
  const holidays = new Set([start + 2, start - 100, start - 101, start - 102]);
  const classOf = (d: number): DayClass => (holidays.has(d) ? 'holiday'
    : [0, 6].includes(weekdayOf(d)) ? `rest-${weekdayOf(d)}` : `work-${weekdayOf(d)}`);
  const value = (d: number) => (classOf(d) === 'holiday' ? 2 : classOf(d).startsWith('rest') ? 4 : 10);
  const first = start - 800;
  const steady: Series = { firstDay: first, counts: Array.from({ length: start - first }, (_, i) => value(first + i)) };

  it('learns weekday and weekend factors and forecasts a steady series exactly', () => {
    const f = dayFactors(steady, start, classOf);
    assert.ok(Math.abs(f['work-1'] / f['rest-6'] - 2.5) < 1e-9);
    const { daily, model } = forecastDays(steady, start, start, 7, classOf);
    assert.ok(Math.abs(model.season - 1) < 0.05, `season ${model.season}`);
    assert.deepEqual(daily.map((x) => Math.round(x)), [10, 10, 2, 10, 10, 4, 4]);
  });
  it('follows a change of level and last year\'s seasonal jump', () => {
    // the last 28 days doubled; a year ago the target week was 1.5× its surroundings
    const counts = steady.counts.map((n, i) => {
      const d = first + i;
      if (d >= start - 28) return n * 2;
      if (d >= start - 364 && d < start - 357) return n * 1.5;
      return n;
    });
    const m = fitModel({ firstDay: first, counts }, start, start, classOf);
    assert.ok(m.level > 1.8 * fitModel(steady, start, start, classOf).level);
    assert.ok(m.season > 1.3 && m.season <= 1.5, `season ${m.season}`);
  });
  it('falls back to its group for unseen classes and to 1 without data', () => {
    assert.equal(factorOf({ 'work-1': 1.2, 'work-2': 1.0 }, 'work-6'), 1.1);
    assert.equal(factorOf({}, 'holiday'), 1);
    const empty: Series = { firstDay: start - 10, counts: new Array(10).fill(0) };
    assert.deepEqual(forecastDays(empty, start, start, 3, classOf).daily, [0, 0, 0]);
  });
  it('measures its error on held-back weeks (MAPE)', () => {
    const weeks = backtestWeeks([steady], start, 4, classOf);
    assert.equal(weeks.length, 4);
    assert.equal(weeks[0].start, start - 28);
    for (const w of weeks) assert.ok(w.ape !== null && w.ape < 0.05, JSON.stringify(w));
    assert.equal(mape([{ start: 0, forecast: 11, actual: 10, ape: 0.1 }, { start: 7, forecast: 6, actual: 0, ape: null },
      { start: 14, forecast: 7, actual: 10, ape: 0.3 }]), 0.2);
    assert.equal(mape([]), null);
  });
});

describe('reports and letters', () => {
  it('knows which periods are due and when the job runs next', () => {
    const now = chinaTime('2026-11-21', '08:00');   // a Saturday
    assert.deepEqual(duePeriods(now).map((p) => [p.kind, p.period.from, p.period.to]), [
      ['daily', '2026-11-20', '2026-11-20'], ['weekly', '2026-11-09', '2026-11-15'], ['monthly', '2026-10-01', '2026-10-31']]);
    assert.deepEqual(duePeriods(chinaTime('2026-11-23', '00:30')).map((p) => p.period.from), ['2026-11-22', '2026-11-16', '2026-10-01']);
    assert.equal(+nextReportRun(chinaTime('2026-11-21', '00:10')), +chinaTime('2026-11-21', '01:00'));
    assert.equal(+nextReportRun(chinaTime('2026-11-21', '08:00')), +chinaTime('2026-11-22', '01:00'));
    assert.equal(reportTitle('monthly', '云河市', { from: '2026-10-01', to: '2026-10-31' }), '云河市城市运行月报（2026年10月）');
  });
  it('writes the 提示函 with its number, addressee and cases', () => {
    const l = composeLetter({ letterNo: letterNumber(2026, 7), departmentName: '云河市市政设施管理处', placeName: '幸福社区05网格',
      typeName: '路灯', windowFrom: '2026-10-27', windowTo: '2026-10-31', issuerName: '谢敏', issuedDate: '2026-11-21',
      centreName: '云河市城市运行管理服务中心',
      cases: [{ caseNo: '2026-379902-000001', date: '2026-10-27', address: '幸福路1号', stage: '已结案' },
        { caseNo: '2026-379902-000002', date: '2026-10-31', address: '幸福路3号', stage: '待处置' }] });
    assert.equal(l.number, '提示〔2026〕第 7 号');
    assert.equal(l.title, '关于幸福社区05网格路灯问题反复发生的提示函');
    assert.equal(l.salutation, '云河市市政设施管理处：');
    assert.match(l.paragraphs[0], /2026年10月27日至2026年10月31日期间，幸福社区05网格共发生“路灯”类问题 2 起/);
    assert.deepEqual(l.caseRows[1], ['2', '2026-379902-000002', '2026-10-31', '幸福路3号', '待处置']);
    assert.match(letterText(l), /2026年11月21日/);
  });
});

describe('report chart axes', () => {
  it('steps by 1, 2 or 5 × 10^n, at most five, the top at or above the largest value', () => {
    const axes = [213, 250, 1641, 0.93, 7, 100, 12].map((m) => niceAxis(m));
    assert.deepEqual(axes, [{ max: 250, step: 50 }, { max: 250, step: 50 }, { max: 2000, step: 500 }, { max: 1, step: 0.2 },
      { max: 8, step: 2 }, { max: 100, step: 20 }, { max: 15, step: 5 }]);
    assert.deepEqual(niceAxis(0), { max: 1, step: 1 });
  });
});
