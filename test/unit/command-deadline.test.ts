import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkingCalendar } from '../../src/command/rules/calendar.ts';
import { chinaTime, formatChinaTime } from '../../src/command/rules/china-time.ts';
import {
  computeDeadline, elapsedFraction, formatLimit, lightChangeTimes, limitProblem, remainingMinutes, trafficLight,
  type StageTiming, type TimeLimit,
} from '../../src/command/rules/deadline.ts';

const cal = new WorkingCalendar();
const at = chinaTime;
const fmt = (d: Date | null) => (d === null ? null : formatChinaTime(d));
const deadline = (timing: StageTiming) => fmt(computeDeadline(timing, cal));
const days = (amount: number): TimeLimit => ({ amount, unit: 'working_days' });

describe('deadlines by unit', () => {
  it('工作日 across the 2026 National Day holiday ends on the 调休 Saturday', () => {
    assert.equal(deadline({ start: at('2026-09-30', '16:00'), limit: days(3) }), '2026-10-10 16:00');
  });
  it('工作时 and 分钟 use working time', () => {
    assert.equal(deadline({ start: at('2026-11-02', '11:00'), limit: { amount: 2, unit: 'working_hours' } }), '2026-11-02 15:00');
    assert.equal(deadline({ start: at('2026-11-02', '17:50'), limit: { amount: 30, unit: 'minutes' } }), '2026-11-03 08:20');
  });
  it('紧急小时 and 自然日 run round the clock, holidays included', () => {
    assert.equal(deadline({ start: at('2026-10-01', '23:00'), limit: { amount: 2, unit: 'urgent_hours' } }), '2026-10-02 01:00');
    assert.equal(deadline({ start: at('2026-10-01', '23:00'), limit: { amount: 0.5, unit: 'urgent_hours' } }), '2026-10-01 23:30');
    assert.equal(deadline({ start: at('2026-09-30', '16:00'), limit: { amount: 3, unit: 'natural_days' } }), '2026-10-03 16:00');
  });
});

describe('挂账 pauses and 延期 extensions', () => {
  const start = at('2026-11-02', '10:00');   // Monday
  const pause = { from: at('2026-11-02', '15:00'), to: at('2026-11-03', '15:00') };   // 8 working hours stopped

  it('a closed pause moves the deadline by the working time it covered', () => {
    assert.equal(deadline({ start, limit: days(2) }), '2026-11-04 10:00');
    assert.equal(deadline({ start, limit: days(2), pauses: [pause] }), '2026-11-05 10:00');
  });
  it('overlapping pauses count once', () => {
    const overlapping = [pause, { from: at('2026-11-03', '09:00'), to: at('2026-11-03', '10:00') }];
    assert.equal(deadline({ start, limit: days(2), pauses: overlapping }), '2026-11-05 10:00');
  });
  it('approved extensions add time after the pause, each in its own unit', () => {
    assert.equal(deadline({ start, limit: days(2), pauses: [pause], extensions: [days(1)] }), '2026-11-06 10:00');
    assert.equal(deadline({ start, limit: days(2), pauses: [pause], extensions: [days(1), { amount: 4, unit: 'working_hours' }] }),
      '2026-11-06 16:00');
    assert.equal(deadline({ start, limit: days(2), extensions: [{ amount: 4, unit: 'urgent_hours' }] }), '2026-11-04 14:00');
  });
  it('an open pause (still 挂账) leaves no deadline and freezes the clock', () => {
    const open: StageTiming = { start, limit: days(2), pauses: [{ from: at('2026-11-03', '09:00') }] };
    assert.equal(deadline(open), null);
    assert.deepEqual(lightChangeTimes(open, cal), { yellowAt: null, redAt: null });
    // Used before the pause: Monday 10–12 and 14–18, Tuesday 08–09 = 7 of 16 工作时.
    assert.equal(elapsedFraction(at('2026-11-03', '09:00'), open, cal), 7 / 16);
    assert.equal(elapsedFraction(at('2026-11-20', '09:00'), open, cal), 7 / 16);
    assert.equal(remainingMinutes(at('2026-11-20', '09:00'), open, cal), 9 * 60);
    assert.equal(trafficLight(at('2026-12-31', '17:00'), open, cal), 'green');
  });
  it('once resumed the clock runs again from the resume time', () => {
    const resumed: StageTiming = { start, limit: days(2), pauses: [{ from: at('2026-11-03', '09:00'), to: at('2026-11-09', '09:00') }] };
    assert.equal(deadline(resumed), '2026-11-10 10:00');   // 9 工作时 left from Monday 11-09 09:00
  });
  it('a deadline that falls before a later pause is not moved by it', () => {
    const later = { from: at('2026-11-05', '09:00'), to: at('2026-11-06', '09:00') };
    assert.equal(deadline({ start, limit: days(2), pauses: [later] }), '2026-11-04 10:00');
  });
  it('refuses a pause that ends before it starts', () => {
    assert.throws(() => computeDeadline({ start, limit: days(1), pauses: [{ from: pause.to, to: pause.from }] }, cal), RangeError);
  });
});

describe('traffic light (红黄绿灯)', () => {
  const timing: StageTiming = { start: at('2026-11-02', '08:00'), limit: days(1) };

  it('is green under 80 %, yellow from 80 % to 100 %, red beyond', () => {
    assert.equal(trafficLight(at('2026-11-02', '16:23'), timing, cal), 'green');
    assert.equal(trafficLight(at('2026-11-02', '16:24'), timing, cal), 'yellow');   // 6.4 of 8 工作时
    assert.equal(trafficLight(at('2026-11-02', '18:00'), timing, cal), 'yellow');   // exactly at the deadline
    assert.equal(trafficLight(at('2026-11-03', '07:59'), timing, cal), 'yellow');   // the night is not working time
    assert.equal(trafficLight(at('2026-11-03', '08:01'), timing, cal), 'red');
    assert.equal(elapsedFraction(at('2026-11-02', '12:00'), timing, cal), 0.5);
    assert.equal(elapsedFraction(at('2026-11-01', '12:00'), timing, cal), 0);        // before the start
  });
  it('tells the timer service when the light changes', () => {
    const times = lightChangeTimes(timing, cal);
    assert.deepEqual([fmt(times.yellowAt), fmt(times.redAt)], ['2026-11-02 16:24', '2026-11-02 18:00']);
  });
  it('takes configurable thresholds', () => {
    const thresholds = { yellow: 0.5, red: 0.9 };
    assert.equal(trafficLight(at('2026-11-02', '11:59'), timing, cal, thresholds), 'green');
    assert.equal(trafficLight(at('2026-11-02', '12:00'), timing, cal, thresholds), 'yellow');
    assert.equal(trafficLight(at('2026-11-02', '17:12'), timing, cal, thresholds), 'yellow');
    assert.equal(trafficLight(at('2026-11-02', '17:13'), timing, cal, thresholds), 'red');
    const times = lightChangeTimes(timing, cal, thresholds);
    assert.deepEqual([fmt(times.yellowAt), fmt(times.redAt)], ['2026-11-02 12:00', '2026-11-02 17:12']);
    assert.throws(() => trafficLight(at('2026-11-02', '12:00'), timing, cal, { yellow: 1.2, red: 1 }), RangeError);
  });
  it('does not count a 挂账 pause towards the light', () => {
    const paused: StageTiming = { ...timing, pauses: [{ from: at('2026-11-02', '09:00'), to: at('2026-11-04', '09:00') }] };
    assert.equal(deadline(paused), '2026-11-04 18:00');
    assert.equal(trafficLight(at('2026-11-03', '16:00'), paused, cal), 'green');
    assert.equal(elapsedFraction(at('2026-11-03', '16:00'), paused, cal), 1 / 8);
    assert.equal(trafficLight(at('2026-11-04', '17:00'), paused, cal), 'yellow');
  });
  it('reports the time remaining in the limit\'s own clock, negative once overdue', () => {
    assert.equal(remainingMinutes(at('2026-11-02', '17:00'), timing, cal), 60);
    assert.equal(remainingMinutes(at('2026-11-03', '09:00'), timing, cal), -60);
    const urgent: StageTiming = { start: at('2026-11-02', '23:00'), limit: { amount: 2, unit: 'urgent_hours' } };
    assert.equal(remainingMinutes(at('2026-11-03', '00:30'), urgent, cal), 30);
    assert.equal(trafficLight(at('2026-11-03', '00:40'), urgent, cal), 'yellow');
  });
});

describe('limits', () => {
  it('validates and formats limits in Chinese', () => {
    assert.equal(limitProblem({ amount: 3, unit: 'working_days' }), null);
    assert.equal(limitProblem({ amount: 0, unit: 'working_days' }), '时限必须是大于 0 的数');
    assert.equal(limitProblem({ amount: Number.NaN, unit: 'minutes' }), '时限必须是大于 0 的数');
    assert.equal(limitProblem({ amount: 1, unit: 'weeks' as never }), '时限单位无效: weeks');
    assert.equal(formatLimit({ amount: 3, unit: 'working_days' }), '3 工作日');
    assert.equal(formatLimit({ amount: 0.5, unit: 'urgent_hours' }), '0.5 紧急小时');
    assert.throws(() => computeDeadline({ start: at('2026-11-02', '08:00'), limit: { amount: -1, unit: 'minutes' } }, cal), RangeError);
  });
});
