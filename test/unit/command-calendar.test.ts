import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/platform/errors.ts';
import { calendarConfigProblems, WorkingCalendar } from '../../src/command/rules/calendar.ts';
import { chinaTime, formatChinaTime } from '../../src/command/rules/china-time.ts';

const cal = new WorkingCalendar();
const plus = (c: WorkingCalendar, date: string, time: string, minutes: number) =>
  formatChinaTime(c.addWorkingTime(chinaTime(date, time), minutes));

describe('working calendar: 2026 National Day (国庆节)', () => {
  it('knows 10-01..10-07 off, 10-08 back to work, and the 调休 Sunday 09-20 and Saturday 10-10 as working days', () => {
    for (let d = 1; d <= 7; d++) assert.equal(cal.isWorkingDay(`2026-10-0${d}`), false, `10-0${d}`);
    assert.equal(cal.isWorkingDay('2026-10-08'), true);
    assert.equal(cal.isWorkingDay('2026-10-10'), true);     // Saturday, 调休
    assert.equal(cal.isWorkingDay('2026-10-11'), false);    // ordinary Sunday
    assert.equal(cal.isWorkingDay('2026-09-20'), true);     // Sunday, 调休
    assert.deepEqual(cal.dayInfo('2026-10-03'), { date: '2026-10-03', working: false, name: '国庆节', source: 'official' });
    assert.deepEqual(cal.dayInfo('2026-10-10'), { date: '2026-10-10', working: true, name: '国庆节', source: 'official' });
    assert.deepEqual(cal.dayInfo('2026-10-09'), { date: '2026-10-09', working: true, name: null, source: 'weekly' });
  });

  it('2026-09-30 16:00 + 8 工作时 = 2026-10-08 16:00 (2 h before the holiday, 6 h after it)', () => {
    assert.equal(plus(cal, '2026-09-30', '16:00', 8 * 60), '2026-10-08 16:00');
    assert.equal(formatChinaTime(cal.addWorkingDays(chinaTime('2026-09-30', '16:00'), 1)), '2026-10-08 16:00');
    assert.equal(cal.workingMinutesBetween(chinaTime('2026-09-30', '16:00'), chinaTime('2026-10-08', '16:00')), 480);
  });

  it('counts Saturday 10-10 as working time', () => {
    assert.equal(plus(cal, '2026-10-09', '16:00', 8 * 60), '2026-10-10 16:00');
    assert.equal(plus(cal, '2026-10-10', '17:00', 2 * 60), '2026-10-12 09:00');   // Sunday 10-11 skipped
    assert.equal(cal.workingMinutesBetween(chinaTime('2026-10-10', '00:00'), chinaTime('2026-10-11', '00:00')), 480);
  });
});

describe('working calendar: 2026 Spring Festival (春节)', () => {
  it('rests 02-15 (Sun) to 02-23 (Mon) and works Saturdays 02-14 and 02-28', () => {
    for (let d = 15; d <= 23; d++) {
      assert.equal(cal.isWorkingDay(`2026-02-${d}`), false, `02-${d}`);
      assert.equal(cal.dayInfo(`2026-02-${d}`).name, '春节');
    }
    assert.equal(cal.isWorkingDay('2026-02-24'), true);
    assert.equal(cal.isWorkingDay('2026-02-14'), true);
    assert.equal(cal.isWorkingDay('2026-02-28'), true);
    assert.equal(cal.isWorkingDay('2026-03-01'), false);
  });

  it('carries working time across the festival', () => {
    assert.equal(plus(cal, '2026-02-14', '16:00', 8 * 60), '2026-02-24 16:00');
    // Friday 17:00 + 2 工作日: 1 h Friday, 8 h on the 调休 Saturday, 7 h after the festival.
    assert.equal(formatChinaTime(cal.addWorkingDays(chinaTime('2026-02-13', '17:00'), 2)), '2026-02-24 17:00');
  });
});

describe('working calendar: periods, lunch and nights', () => {
  it('skips the lunch break, nights and weekends', () => {
    assert.equal(plus(cal, '2026-11-02', '11:00', 120), '2026-11-02 15:00');   // Monday
    assert.equal(plus(cal, '2026-11-02', '17:00', 120), '2026-11-03 09:00');
    assert.equal(plus(cal, '2026-11-06', '17:00', 120), '2026-11-09 09:00');   // Friday → Monday
    assert.equal(plus(cal, '2026-11-02', '10:00', 120), '2026-11-02 12:00');   // ends on a period end, stays there
  });

  it('starts counting at the next working period when the start is outside working time', () => {
    assert.equal(plus(cal, '2026-11-07', '10:00', 60), '2026-11-09 09:00');    // Saturday
    assert.equal(plus(cal, '2026-11-02', '12:30', 60), '2026-11-02 15:00');
    assert.equal(plus(cal, '2026-11-02', '06:00', 60), '2026-11-02 09:00');
    assert.equal(plus(cal, '2026-11-02', '20:00', 0), '2026-11-02 20:00');     // adding nothing changes nothing
    assert.equal(formatChinaTime(cal.addWorkingDays(chinaTime('2026-11-07', '10:00'), 1)), '2026-11-09 18:00');
    assert.equal(cal.isWorkingTime(chinaTime('2026-11-02', '12:30')), false);
    assert.equal(cal.isWorkingTime(chinaTime('2026-11-02', '08:00')), true);
    assert.equal(cal.isWorkingTime(chinaTime('2026-11-02', '18:00')), false);
  });

  it('measures working minutes between two instants', () => {
    const monday9 = chinaTime('2026-11-02', '09:00');
    assert.equal(cal.workingMinutesBetween(monday9, chinaTime('2026-11-02', '15:00')), 240);
    assert.equal(cal.workingMinutesBetween(monday9, chinaTime('2026-11-09', '09:00')), 5 * 480);
    assert.equal(cal.workingMinutesBetween(chinaTime('2026-11-02', '15:00'), monday9), -240);
  });

  it('adds natural days as exact 24-hour days', () => {
    assert.equal(formatChinaTime(cal.addNaturalDays(chinaTime('2026-09-30', '16:00'), 3)), '2026-10-03 16:00');
  });

  it('uses configured working periods; 1 工作日 is their total length', () => {
    const c = new WorkingCalendar({ periods: [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }] });
    assert.equal(c.workingDayMinutes, 450);
    assert.equal(formatChinaTime(c.addWorkingDays(chinaTime('2026-11-02', '08:30'), 1)), '2026-11-02 17:30');
    assert.equal(plus(c, '2026-11-02', '11:30', 60), '2026-11-02 14:00');
    assert.equal(cal.workingDayMinutes, 480);
  });

  it('refuses a broken configuration with Chinese messages', () => {
    assert.deepEqual(calendarConfigProblems({}), []);
    assert.deepEqual(calendarConfigProblems({ periods: [] }), ['至少需要一个工作时段']);
    assert.deepEqual(calendarConfigProblems({ periods: [{ start: '14:00', end: '12:00' }] }), ['第 1 个工作时段的开始时间必须早于结束时间']);
    assert.deepEqual(calendarConfigProblems({ periods: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }),
      ['第 2 个工作时段与前一时段重叠或顺序不对']);
    assert.deepEqual(calendarConfigProblems({ periods: [{ start: '8:00', end: '12:00' }] }), ['第 1 个工作时段的时间格式应为 HH:MM']);
    assert.deepEqual(calendarConfigProblems({ extraDays: [{ date: '2027-02-30', kind: 'holiday' },
      { date: '2027-10-01', kind: 'holiday' }, { date: '2027-10-01', kind: 'workday' }] }),
    ['日期无效: 2027-02-30', '日期重复: 2027-10-01']);
    assert.throws(() => new WorkingCalendar({ periods: [] }),
      (e: unknown) => e instanceof AppError && e.statusCode === 400 && e.code === 'INVALID_CALENDAR' && e.message.includes('至少需要一个工作时段'));
    assert.throws(() => cal.addWorkingTime(chinaTime('2026-11-02', '08:00'), -5), RangeError);
    assert.throws(() => cal.isWorkingDay('2026-13-01'), RangeError);
  });
});

describe('working calendar: years after the official data (2027 onwards)', () => {
  it('without administrator data treats weekends as rest and has no holidays, and says so', () => {
    assert.equal(cal.hasOfficialData(2026), true);
    assert.equal(cal.hasOfficialData(2025), true);
    assert.equal(cal.hasOfficialData(2027), false);
    assert.equal(cal.coverage(2027), 'weekends_only');
    assert.equal(cal.isWorkingDay('2027-10-01'), true);    // a Friday, no holiday known
    assert.equal(cal.isWorkingDay('2027-01-02'), false);   // Saturday
  });

  it('uses the days an administrator entered, which also override official data', () => {
    const extraDays = [
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2027-10-0${d}`, kind: 'holiday' as const, name: '国庆节' })),
      { date: '2027-10-09', kind: 'workday' as const, name: '国庆节调休' },   // a Saturday
      { date: '2026-10-09', kind: 'holiday' as const, name: '本地假日' },
    ];
    const c = new WorkingCalendar({ extraDays });
    assert.equal(c.coverage(2027), 'administrator');
    assert.equal(c.hasOfficialData(2027), false);
    assert.deepEqual(c.dayInfo('2027-10-09'), { date: '2027-10-09', working: true, name: '国庆节调休', source: 'administrator' });
    assert.equal(c.isWorkingDay('2027-10-01'), false);
    // Thursday 2027-09-30 16:00 + 8 工作时: 2 h, then 10-08 (Friday) 6 h.
    assert.equal(plus(c, '2027-09-30', '16:00', 480), '2027-10-08 16:00');
    assert.equal(plus(c, '2027-10-08', '16:00', 480), '2027-10-09 16:00');
    assert.equal(c.isWorkingDay('2026-10-09'), false);
    assert.equal(plus(c, '2026-10-08', '17:00', 120), '2026-10-10 09:00');
  });
});

describe('working calendar: independent of the machine time zone', () => {
  for (const tz of ['America/New_York', 'Pacific/Kiritimati', 'UTC']) {
    it(`gives the same answers with TZ=${tz}`, () => {
      const saved = process.env.TZ;
      process.env.TZ = tz;
      try {
        assert.notEqual(new Date(0).getTimezoneOffset(), -480);   // the zone really is not China's
        const c = new WorkingCalendar();
        assert.equal(c.isWorkingDay('2026-10-10'), true);
        assert.equal(c.isWorkingDay(chinaTime('2026-10-10', '00:30')), true);
        assert.equal(c.isWorkingDay(chinaTime('2026-10-07', '23:30')), false);
        assert.equal(plus(c, '2026-09-30', '16:00', 480), '2026-10-08 16:00');
        assert.equal(chinaTime('2026-10-08', '16:00').toISOString(), '2026-10-08T08:00:00.000Z');
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });
  }
});
