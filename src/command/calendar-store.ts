// The stored working calendar: working periods in settings ('calendar.periods') and administrator-entered
// holidays and working days (calendar_days), turned into the pure WorkingCalendar.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest } from '../platform/errors.ts';
import { writeSetting } from '../platform/settings.ts';
import {
  calendarConfigProblems, DEFAULT_WORKING_PERIODS, WorkingCalendar, type ExtraDay, type WorkingPeriod,
} from './rules/calendar.ts';

const PERIODS_KEY = 'calendar.periods';

export async function loadWorkingPeriods(q: Queryable): Promise<WorkingPeriod[]> {
  const row = await q.maybeOne<{ value: WorkingPeriod[] }>('select value from settings where key = $1', [PERIODS_KEY]);
  return row?.value ?? [...DEFAULT_WORKING_PERIODS];
}

export async function loadExtraDays(q: Queryable, year?: number): Promise<ExtraDay[]> {
  const rows = await q.query<{ date: string; kind: 'holiday' | 'workday'; name: string | null }>(
    `select date::text as date, kind, name from calendar_days
     where ($1::int is null or extract(year from date) = $1) order by date`, [year ?? null]);
  return rows.map((r) => ({ date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) }));
}

export async function loadCalendar(q: Queryable): Promise<WorkingCalendar> {
  const [periods, extraDays] = await Promise.all([loadWorkingPeriods(q), loadExtraDays(q)]);
  return new WorkingCalendar({ periods, extraDays });
}

export async function saveWorkingPeriods(tx: Queryable, actor: Actor, periods: WorkingPeriod[]): Promise<WorkingPeriod[]> {
  const problems = calendarConfigProblems({ periods });
  if (problems.length > 0) throw badRequest('INVALID_CALENDAR', `工作时段有误：${problems.join('；')}`);
  const before = await loadWorkingPeriods(tx);
  await writeSetting(tx, actor, PERIODS_KEY, periods);
  await audit(tx, actor, { action: 'update', entity: 'calendar_periods', entityId: PERIODS_KEY, before, after: periods });
  return periods;
}

/** Replaces the administrator-entered days of one year (法定节假日 and 调休 for years without official data). */
export async function saveExtraDays(tx: Queryable, actor: Actor, year: number, days: ExtraDay[]): Promise<ExtraDay[]> {
  const problems = calendarConfigProblems({ extraDays: days });
  const outside = days.filter((d) => !d.date.startsWith(`${year}-`)).map((d) => d.date);
  if (outside.length > 0) problems.push(`日期不在 ${year} 年内: ${outside.join(', ')}`);
  if (problems.length > 0) throw badRequest('INVALID_CALENDAR', `节假日设置有误：${problems.join('；')}`);
  const before = await loadExtraDays(tx, year);
  await tx.query('delete from calendar_days where extract(year from date) = $1', [year]);
  if (days.length > 0) {
    await tx.query(
      `insert into calendar_days (date, kind, name, updated_by)
       select date, kind, name, $2 from json_populate_recordset(null::calendar_days, $1::json)`,
      [JSON.stringify(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null }))), actor.kind === 'user' ? actor.id : null]);
  }
  await audit(tx, actor, { action: 'update', entity: 'calendar_days', entityId: year, before, after: days });
  return loadExtraDays(tx, year);
}
