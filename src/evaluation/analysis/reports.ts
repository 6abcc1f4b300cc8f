// Stored 城市运行 reports: generated on demand (replacing that period's report) and by the schedule — a daily job at
// 01:00 北京时间 schedules one job per due report with the dedupe key `analysis:report:<kind>:<region>:<from>`,
// inserted only if absent, so each period's report is made once across all nodes; its insert also skips a report
// that already exists.
import type { Actor } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import { inScope } from '../../admin/scope.ts';
import { formatChinaTime } from '../../command/rules/china-time.ts';
import type { Db, Queryable } from '../../db/types.ts';
import { scheduleJob, type JobRow } from '../../platform/jobs.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { reportData } from './report-data.ts';
import { reportPdf } from './report-pdf.ts';
import type { DayRange } from './rules/periods.ts';
import { duePeriods, nextReportRun, reportTitle, type ReportKind } from './rules/report-plan.ts';
import type { ReportKindCode, ReportRecord } from './views.ts';

export const SCHEDULE_JOB = 'analysis.report-schedule';
export const REPORT_JOB = 'analysis.report';
const SCHEDULE_KEY = 'analysis:report-schedule';

// views.ts repeats the report kinds without importing them; this fails to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_REPORT_KIND_MATCHES: Same<ReportKind, ReportKindCode> = true;

const COLUMNS = `id::int as id, kind, region_code as "regionCode", period_from::text as "periodFrom", period_to::text as "periodTo",
  title, size_bytes as "sizeBytes", generated_by_name as "generatedByName", generated_at as "generatedAt"`;
const normalize = (r: any): ReportRecord => ({ ...r, generatedAt: new Date(r.generatedAt).toISOString() });

/** The city (the top division): what scheduled reports cover. */
export async function cityCode(q: Queryable): Promise<string | null> {
  return (await q.maybeOne<{ code: string }>("select code from divisions where level = 'city' order by code limit 1"))?.code ?? null;
}

/**
 * Builds the report and stores it. `replace` (on demand) overwrites the period's report; otherwise (the schedule) an
 * existing one is kept. Returns the stored record.
 */
export async function generateReport(q: Queryable, kind: ReportKind, regionCode: string, period: DayRange,
  by: Actor | null, replace: boolean): Promise<ReportRecord> {
  const data = await reportData(q, kind, regionCode, period);
  const now = new Date();
  const pdf = await reportPdf(data, formatChinaTime(now));
  const row = await q.maybeOne(
    `insert into analysis_reports (kind, region_code, period_from, period_to, title, pdf, size_bytes, generated_by, generated_by_name, generated_at)
     values ($1, $2, $3, $4, $5, decode($6, 'hex'), $7, $8, $9, $10)
     on conflict (kind, region_code, period_from) do ${replace ? `update set period_to = excluded.period_to, title = excluded.title,
       pdf = excluded.pdf, size_bytes = excluded.size_bytes, generated_by = excluded.generated_by,
       generated_by_name = excluded.generated_by_name, generated_at = excluded.generated_at` : 'nothing'}
     returning ${COLUMNS}`,
    [kind, regionCode, period.from, period.to, reportTitle(kind, data.regionName, period), pdf.toString('hex'), pdf.length,
      by?.kind === 'user' ? by.id : null, by?.name ?? '定时任务', now.toISOString()]);
  if (row) return normalize(row);
  return normalize(await q.maybeOne(`select ${COLUMNS} from analysis_reports where kind = $1 and region_code = $2 and period_from = $3`,
    [kind, regionCode, period.from]));
}

/** On demand: the actor's chosen region (default their own region, or the city) must lie within their scope. */
export async function generateNow(db: Db, actor: Actor, kind: ReportKind, period: DayRange, region?: string): Promise<ReportRecord> {
  const code = region ?? actor.regionCode ?? (await cityCode(db));
  if (!code) throw badRequest('NO_REGION', '没有可统计的区域');
  const division = await db.maybeOne('select 1 from divisions where code = $1', [code]);
  if (!division) throw notFound('区域', code);
  if (!inScope(code, actor.scope)) throw badRequest('REGION_OUT_OF_SCOPE', `区域 ${code} 不在您的数据范围内`);
  return db.transaction(async (tx) => {
    const record = await generateReport(tx, kind, code, period, actor, true);
    await audit(tx, actor, { action: 'generate', entity: 'analysis_report', entityId: record.id, after: { kind, regionCode: code, period } });
    return record;
  });
}

/** Reports of regions within the viewer's scope, newest period first. */
export async function listReports(q: Queryable, actor: Actor, kind?: ReportKind, limit = 200): Promise<ReportRecord[]> {
  const rows = await q.query(`select ${COLUMNS} from analysis_reports where ($1::text is null or kind = $1)
    order by period_from desc, kind, region_code limit 2000`, [kind ?? null]);
  return rows.map(normalize).filter((r) => inScope(r.regionCode, actor.scope)).slice(0, limit);
}

export async function reportFile(q: Queryable, actor: Actor, id: number): Promise<{ record: ReportRecord; pdf: Buffer }> {
  const row = await q.maybeOne<any>(`select ${COLUMNS}, encode(pdf, 'hex') as hex from analysis_reports where id = $1`, [id]);
  if (!row || !inScope(row.regionCode, actor.scope)) throw notFound('报告', id);
  const { hex, ...record } = row;
  return { record: normalize(record), pdf: Buffer.from(hex, 'hex') };
}

/** The schedule: each day at 01:00 it queues yesterday's, last week's and last month's city reports (once each). */
export async function scheduleDueReports(q: Queryable, now: Date): Promise<void> {
  const city = await cityCode(q);
  if (!city) return;
  for (const { kind, period } of duePeriods(now)) {
    await q.query(
      `insert into jobs (kind, dedupe_key, run_at, payload, max_attempts) values ($1, $2, now(), $3, 3) on conflict (dedupe_key) do nothing`,
      [REPORT_JOB, `analysis:report:${kind}:${city}:${period.from}`, JSON.stringify({ kind, regionCode: city, period })]);
  }
}

export function registerReportJobs(ctx: Pick<AppContext, 'jobs'>): void {
  ctx.jobs.register(SCHEDULE_JOB, async (job: JobRow, tx: Queryable) => {
    await scheduleDueReports(tx, new Date());
    await scheduleJob(tx, { kind: SCHEDULE_JOB, dedupeKey: SCHEDULE_KEY, runAt: nextReportRun(new Date()), payload: job.payload });
  });
  ctx.jobs.register(REPORT_JOB, async (job: JobRow, tx: Queryable) => {
    const { kind, regionCode, period } = job.payload as { kind: ReportKind; regionCode: string; period: DayRange };
    await generateReport(tx, kind, regionCode, period, null, false);
  });
}

/** Starts the schedule unless it is already pending (any node may call this at start). */
export async function startReportSchedule(q: Queryable): Promise<void> {
  await q.query(
    `insert into jobs (kind, dedupe_key, run_at, payload, max_attempts) values ($1, $2, now(), '{}', 5)
     on conflict (dedupe_key) do update set status = 'pending', run_at = now(), attempts = 0, locked_by = null,
       locked_until = null, last_error = null, finished_at = null
     where jobs.status not in ('pending', 'running')`, [SCHEDULE_JOB, SCHEDULE_KEY]);
}
