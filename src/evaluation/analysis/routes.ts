// 分析研判 routes: 三高 (times, places, hexagons, types, growing hot spots), 同比/环比 trends, next week's forecast,
// 焦点问题 and 提示函 (DOCX/PDF), and the 城市运行 reports (list, generate now, download); each table also as XLSX/CSV
// (…/export). All within the viewer's data scope (the case list's rule); the report schedule's jobs are registered here too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PERMISSIONS } from '../../admin/roles.ts';
import { chinaDayIndex, dayKey, parseDayKey } from '../../command/rules/china-time.ts';
import { badRequest } from '../../platform/errors.ts';
import { actorOf } from '../../server/auth-hook.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, idParam } from '../../server/schemas.ts';
import { bookCsv, bookXlsx, focusBook, forecastBook, hotspotsBook, incidenceBook, trendsBook, type Workbook } from './export.ts';
import { focusProblems, type FocusLevel } from './focus.ts';
import { forecastNextWeek } from './forecast.ts';
import { hexagons, hotspots, incidence, type PlaceLevel } from './incidence.ts';
import { letterDocx, letterPdf } from './letter-files.ts';
import { issueLetter, listLetters, loadLetter, type IssueLetterInput } from './letters.ts';
import type { AnalysisFilter } from './query.ts';
import { generateNow, listReports, registerReportJobs, reportFile, startReportSchedule } from './reports.ts';
import { checkRange } from './rules/periods.ts';
import { REPORT_KINDS, reportPeriod, type ReportKind } from './rules/report-plan.ts';
import { GROUPS, INDICATORS, trends, type GroupBy, type Indicator } from './trends.ts';

const tags = ['分析研判 analysis'];
const MAX_DAYS = 366;
const date = { type: 'string', maxLength: 10, description: '北京时间日期 YYYY-MM-DD' } as const;
const filterProps = {
  from: { ...date, description: '开始日期（含），默认结束日期前 29 天' },
  to: { ...date, description: '结束日期（含），默认今天' },
  region: { type: 'string', pattern: '^[0-9]{6,15}$', description: '区划或网格编码（只统计其范围内的案件）' },
  kind: { type: 'string', enum: ['component', 'matter'] },
  typeCode: { type: 'string', pattern: '^[0-9]{5}$' },
} as const;
const query = (props: Record<string, object>) => ({ type: 'object', additionalProperties: false, properties: { ...filterProps, ...props } });

type FilterQuery = { from?: string; to?: string; region?: string; kind?: 'component' | 'matter'; typeCode?: string };

function filterOf(q: FilterQuery): AnalysisFilter {
  const to = q.to ?? dayKey(chinaDayIndex(new Date()));
  const toIndex = parseDayKey(to);
  const from = q.from ?? (toIndex === undefined ? to : dayKey(toIndex - 29));
  const problem = checkRange({ from, to }, MAX_DAYS);
  if (problem) throw badRequest('INVALID_PERIOD', problem);
  return { range: { from, to }, region: q.region, kind: q.kind, typeCode: q.typeCode };
}

function attachment(reply: FastifyReply, name: string, ascii: string, type: string, body: Buffer) {
  return reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .type(type).send(body);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const incidenceQuery = query({ limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } });
const hotspotsQuery = query({
  level: { type: 'string', enum: ['grid', 'community', 'hex'], default: 'grid' },
  resolution: { type: 'integer', minimum: 5, maximum: 10, default: 8 },
  minCount: { type: 'integer', minimum: 1, maximum: 10000, default: 5, description: '本期至少多少件才计入' },
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 } });
const trendsQuery = query({
  indicator: { type: 'string', enum: Object.keys(INDICATORS), default: 'reported' },
  groupBy: { type: 'string', enum: [...GROUPS], default: 'district' } });
const forecastQuery = { type: 'object', additionalProperties: false, properties: {
  date: { ...date, description: '已知数据的最后一天，默认昨天；预测其后的周一至周日' }, region: filterProps.region } } as const;
const focusQuery = query({
  level: { type: 'string', enum: ['grid', 'community'], default: 'grid' },
  windowDays: { type: 'integer', minimum: 1, maximum: 90, default: 7 },
  minCount: { type: 'integer', minimum: 2, maximum: 1000, default: 3 },
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } });
/** The same query with the export format. */
const withFormat = (q: { properties: Record<string, object> }) => ({ ...q, properties: { ...q.properties,
  format: { type: 'string', enum: ['xlsx', 'csv'], default: 'xlsx', description: '导出格式：XLSX（每表一页）或 CSV（各表依次排列）' } } });

export async function registerAnalysisRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const config = { permission: PERMISSIONS.analysisRead };
  registerReportJobs(ctx);
  await startReportSchedule(db);

  /** GET /api/analysis/<name>/export: the tables of `book` as XLSX or CSV. */
  function exportRoute(name: string, summary: string, querystring: { properties: Record<string, object> },
    book: (request: FastifyRequest) => Promise<Workbook>): void {
    app.get(`/api/analysis/${name}/export`, {
      config, schema: { tags, summary, querystring: withFormat(querystring), response: errorResponses },
    }, async (request, reply) => {
      const b = await book(request);
      return (request.query as { format: 'xlsx' | 'csv' }).format === 'csv'
        ? attachment(reply, `${b.title}.csv`, `${name}.csv`, 'text/csv; charset=utf-8', bookCsv(b))
        : attachment(reply, `${b.title}.xlsx`, `${name}.xlsx`, XLSX_TYPE, await bookXlsx(b));
    });
  }

  const incidenceOf = (request: FastifyRequest) => {
    const q = request.query as FilterQuery & { limit: number };
    return incidence(db, actorOf(request), filterOf(q), q.limit);
  };
  app.get('/api/analysis/incidence', {
    config, schema: { tags, summary: '三高：高发时段（星期×小时矩阵）、高发类型排名、高发单元网格排名',
      querystring: incidenceQuery, response: errorResponses },
  }, incidenceOf);
  exportRoute('incidence', '导出三高表格：高发时段、高发类型、高发单元网格（XLSX 或 CSV）', incidenceQuery,
    async (request) => incidenceBook(await incidenceOf(request), filterOf(request.query as FilterQuery).range));

  app.get('/api/analysis/hexagons.geojson', {
    config, schema: { tags, summary: '三高：高发地点 H3 六边形（GeoJSON，含案件数）',
      querystring: query({ resolution: { type: 'integer', minimum: 5, maximum: 10, default: 8 } }), response: errorResponses },
  }, async (request) => {
    const q = request.query as FilterQuery & { resolution: number };
    return hexagons(db, actorOf(request), filterOf(q), q.resolution);
  });

  const hotspotsOf = (request: FastifyRequest) => {
    const q = request.query as FilterQuery & { level: PlaceLevel; resolution: number; minCount: number; limit: number };
    return hotspots(db, actorOf(request), filterOf(q), q.level, q.resolution, q.minCount, q.limit);
  };
  app.get('/api/analysis/hotspots', {
    config, schema: { tags, summary: '增长热点：案件数较上一周期增长最多的地点（单元网格、社区或 H3 六边形）',
      querystring: hotspotsQuery, response: errorResponses },
  }, hotspotsOf);
  exportRoute('hotspots', '导出增长热点表（XLSX 或 CSV）', hotspotsQuery,
    async (request) => hotspotsBook(await hotspotsOf(request), filterOf(request.query as FilterQuery).range));

  const trendsOf = (request: FastifyRequest) => {
    const q = request.query as FilterQuery & { indicator: Indicator; groupBy: GroupBy };
    return trends(db, actorOf(request), filterOf(q), q.indicator, q.groupBy);
  };
  app.get('/api/analysis/trends', {
    config, schema: { tags, summary: '同比、环比：上报数、立案数、结案数或按期处置率，合计或按区、街道、类型，及近 12 个月走势',
      querystring: trendsQuery, response: errorResponses },
  }, trendsOf);
  exportRoute('trends', '导出同比环比表与月度走势（XLSX 或 CSV）', trendsQuery, async (request) => trendsBook(await trendsOf(request)));

  const forecastOf = (request: FastifyRequest) => {
    const q = request.query as { date?: string; region?: string };
    const today = chinaDayIndex(new Date());
    const last = q.date === undefined ? today - 1 : parseDayKey(q.date);
    if (last === undefined || last >= today) throw badRequest('INVALID_DATE', `日期无效或不早于今天：${q.date}`);
    return forecastNextWeek(db, actorOf(request), dayKey(last), q.region);
  };
  app.get('/api/analysis/forecast', {
    config, schema: { tags, summary: '下周案件预测（按区、类型；星期、节假日、季节因子），及最近 4 个留出周的误差（MAPE）',
      querystring: forecastQuery, response: errorResponses },
  }, forecastOf);
  exportRoute('forecast', '导出预测表：逐日、按区、按类型、分序列与留出周检验（XLSX 或 CSV）', forecastQuery,
    async (request) => forecastBook(await forecastOf(request)));

  const focusOf = async (request: FastifyRequest) => {
    const q = request.query as FilterQuery & { level: FocusLevel; windowDays: number; minCount: number; limit: number };
    return { items: await focusProblems(db, actorOf(request), filterOf(q), q, q.limit) };
  };
  app.get('/api/analysis/focus', {
    config, schema: { tags, summary: '焦点问题：同一网格或社区在若干天内反复发生的同类问题，及责任部门和已发提示函',
      querystring: focusQuery, response: errorResponses },
  }, focusOf);
  exportRoute('focus', '导出焦点问题表（XLSX 或 CSV）', focusQuery,
    async (request) => focusBook((await focusOf(request)).items, filterOf(request.query as FilterQuery).range));

  app.get('/api/analysis/letters', {
    config, schema: { tags, summary: '已发提示函（编号、发往部门、地点、类型、案件、发函人、时间）', response: errorResponses },
  }, async (request) => ({ items: await listLetters(db, actorOf(request)) }));

  app.post('/api/analysis/letters', {
    config: { permission: PERMISSIONS.analysisIssue },
    schema: { tags, summary: '生成提示函：就反复发生的同类问题向责任部门发函（编号、存档、审计）',
      body: { type: 'object', additionalProperties: false, required: ['placeLevel', 'placeCode', 'kind', 'typeCode', 'caseIds'], properties: {
        placeLevel: { type: 'string', enum: ['grid', 'community'] },
        placeCode: { type: 'string', pattern: '^[0-9]{12}([0-9]{3})?$' },
        kind: { type: 'string', enum: ['component', 'matter'] },
        typeCode: { type: 'string', pattern: '^[0-9]{5}$' },
        caseIds: { type: 'array', minItems: 2, maxItems: 200, items: { type: 'integer', minimum: 1 } },
        departmentId: { type: 'integer', minimum: 1, description: '发往部门；默认为案件主办部门或权责清单的责任部门' } } },
      response: errorResponses },
  }, async (request, reply) => {
    const body = request.body as IssueLetterInput;
    if ((body.placeLevel === 'grid') !== (body.placeCode.length === 15)) {
      throw badRequest('INVALID_PLACE', '单元网格编码为 15 位，社区编码为 12 位');
    }
    return reply.code(201).send(await issueLetter(db, actorOf(request), body));
  });

  app.get('/api/analysis/letters/:id/:format', {
    config, schema: { tags, summary: '下载提示函（DOCX 或 PDF）',
      params: { type: 'object', required: ['id', 'format'], properties: { ...idParam.properties, format: { type: 'string', enum: ['docx', 'pdf'] } } },
      response: errorResponses },
  }, async (request, reply) => {
    const { id, format } = request.params as { id: number; format: 'docx' | 'pdf' };
    const { record, letter } = await loadLetter(db, actorOf(request), id);
    const name = `${record.letterNo.replace(/\s/g, '')}-${record.placeName}-${record.typeName}.${format}`;
    return format === 'docx'
      ? attachment(reply, name, `letter-${id}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await letterDocx(letter))
      : attachment(reply, name, `letter-${id}.pdf`, 'application/pdf', await letterPdf(letter));
  });

  app.get('/api/analysis/reports', {
    config, schema: { tags, summary: '城市运行报告列表（日报、周报、月报）',
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: [...REPORT_KINDS] } } },
      response: errorResponses },
  }, async (request) => {
    const { kind } = request.query as { kind?: ReportKind };
    return { items: await listReports(db, actorOf(request), kind) };
  });

  app.post('/api/analysis/reports', {
    config, schema: { tags, summary: '立即生成城市运行报告（覆盖该期已有报告）',
      body: { type: 'object', additionalProperties: false, required: ['kind', 'date'], properties: {
        kind: { type: 'string', enum: [...REPORT_KINDS] },
        date: { ...date, description: '报告期内的任一天（日报即当天，周报为其所在周，月报为其所在月）' },
        region: filterProps.region } },
      response: errorResponses },
  }, async (request, reply) => {
    const { kind, date: day, region } = request.body as { kind: ReportKind; date: string; region?: string };
    const index = parseDayKey(day);
    if (index === undefined || index > chinaDayIndex(new Date())) throw badRequest('INVALID_DATE', `日期无效或晚于今天：${day}`);
    return reply.code(201).send(await generateNow(db, actorOf(request), kind, reportPeriod(kind, day), region));
  });

  app.get('/api/analysis/reports/:id/pdf', {
    config, schema: { tags, summary: '下载城市运行报告（PDF）', params: idParam, response: errorResponses },
  }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const { record, pdf } = await reportFile(db, actorOf(request), id);
    return attachment(reply, `${record.title}.pdf`, `report-${record.kind}-${record.periodFrom}.pdf`, 'application/pdf', pdf);
  });
}
