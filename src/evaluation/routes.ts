// 综合评价 routes: the region, department and position tables for a period (with scores, grades and ranks), the
// cases behind any figure, XLSX/CSV export, and the scoring settings with their history. Within the data scope.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { badRequest } from '../platform/errors.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { registerClockJob, startClockJob } from './clock-counts.ts';
import { drillCases } from './drill.ts';
import { exportFileName, tableCsv, tableXlsx } from './export.ts';
import { COUNT_FIGURE_NAMES, SCORED_OBJECT_NAMES, type ScoringConfig } from './rules/scoring.ts';
import { kpiTable, RATE_NAMES } from './kpis.ts';
import { POSITIONS, REGION_LEVELS, type EvaluatedObject, type Position, type RegionLevel } from './objects.ts';
import { FIGURE_NAMES, type FigureName } from './rules/figures.ts';
import { PERIOD_KINDS, periodOf, type Period, type PeriodKind } from './rules/periods.ts';
import { loadScoring, saveScoring, scoringHistory } from './scoring-store.ts';

const tags = ['综合评价 evaluation'];
const day = { type: 'string', maxLength: 10 } as const;
const periodProps = {
  period: { type: 'string', enum: [...PERIOD_KINDS], default: 'month', description: '周期：日、周、月、季度、年、自定义' },
  date: { ...day, description: '周期内任一天（北京时间 YYYY-MM-DD），自定义周期不用' },
  from: { ...day, description: '自定义周期开始日' },
  to: { ...day, description: '自定义周期结束日' },
} as const;
const objectProps = {
  object: { type: 'string', enum: ['region', 'department', 'position'] },
  level: { type: 'string', enum: [...REGION_LEVELS], default: 'district', description: '区域层级' },
  role: { type: 'string', enum: [...POSITIONS], default: 'collector', description: '岗位' },
  parent: { type: 'string', pattern: '^[0-9]{6,12}$', description: '只看该区划下的区域' },
} as const;

interface PeriodQuery { period: PeriodKind; date?: string; from?: string; to?: string }
interface ObjectQuery extends PeriodQuery { object: 'region' | 'department' | 'position'; level: RegionLevel; role: Position; parent?: string }

function periodOfQuery(q: PeriodQuery): Period {
  const r = periodOf(q.period, q.date, q.from, q.to);
  if (!r.ok) throw badRequest('INVALID_PERIOD', r.message);
  return r.period;
}

function objectOf(q: ObjectQuery): EvaluatedObject {
  if (q.object === 'region') return { kind: 'region', level: q.level };
  if (q.object === 'department') return { kind: 'department' };
  return { kind: 'position', role: q.role };
}

export async function registerEvaluationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  registerClockJob(ctx);
  await startClockJob(db);

  app.get('/api/evaluation/table', {
    config: { permission: PERMISSIONS.evaluationRead },
    schema: {
      tags, summary: '评价表：区域（区县/街道/社区/单元网格/责任网格）、部门或岗位（监督员/受理员/值班长/派遣员）在周期内的计数、比率、综合得分、等级与排名',
      querystring: { type: 'object', additionalProperties: false, required: ['object'], properties: { ...objectProps, ...periodProps } },
      response: errorResponses,
    },
  }, async (request) => {
    const q = request.query as ObjectQuery;
    return kpiTable(db, actorOf(request), objectOf(q), periodOfQuery(q), { parent: q.parent });
  });

  app.get('/api/evaluation/cases', {
    config: { permission: PERMISSIONS.evaluationRead },
    schema: {
      tags, summary: '下钻：评价表中某对象某项计数背后的案件列表',
      querystring: { type: 'object', additionalProperties: false, required: ['object', 'figure', 'key'], properties: {
        ...objectProps, ...periodProps,
        figure: { type: 'string', enum: FIGURE_NAMES, description: '计数项' },
        key: { type: 'string', maxLength: 20, pattern: '^[0-9A-Za-z_-]+$', description: '对象：区划/网格代码、部门或人员编号' },
        page: { type: 'integer', minimum: 1, default: 1 },
        pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      } },
      response: errorResponses,
    },
  }, async (request) => {
    const q = request.query as ObjectQuery & { figure: FigureName; key: string; page: number; pageSize: number };
    return drillCases(db, actorOf(request), objectOf(q), q.figure, q.key, periodOfQuery(q), q.page, q.pageSize);
  });

  app.get('/api/evaluation/export', {
    config: { permission: PERMISSIONS.evaluationRead },
    schema: {
      tags, summary: '导出评价表（XLSX 或 CSV）',
      querystring: { type: 'object', additionalProperties: false, required: ['object'], properties: {
        ...objectProps, ...periodProps, format: { type: 'string', enum: ['xlsx', 'csv'], default: 'xlsx' } } },
      response: errorResponses,
    },
  }, async (request, reply) => {
    const q = request.query as ObjectQuery & { format: 'xlsx' | 'csv' };
    const table = await kpiTable(db, actorOf(request), objectOf(q), periodOfQuery(q), { parent: q.parent });
    const name = encodeURIComponent(exportFileName(table, q.format));
    reply.header('content-disposition', `attachment; filename="evaluation.${q.format}"; filename*=UTF-8''${name}`);
    if (q.format === 'csv') return reply.type('text/csv; charset=utf-8').send(tableCsv(table));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await tableXlsx(table));
  });

  app.get('/api/evaluation/scoring', {
    config: { permission: PERMISSIONS.evaluationRead },
    schema: { tags, summary: '评分设置：各对象的指标权重、计数得分表与等级分数线', response: errorResponses },
  }, async () => {
    const s = await loadScoring(db);
    return { ...s, rateNames: RATE_NAMES, countFigureNames: COUNT_FIGURE_NAMES, objectNames: SCORED_OBJECT_NAMES };
  });

  app.put('/api/evaluation/scoring', {
    config: { permission: PERMISSIONS.evaluationManage },
    schema: {
      tags, summary: '修改评分设置（权重合计 100，记录历史与审计）',
      body: { type: 'object', required: ['grades', 'objects'], properties: {
        grades: { type: 'object', required: ['A', 'B', 'C', 'D'], additionalProperties: false,
          properties: { A: { type: 'number' }, B: { type: 'number' }, C: { type: 'number' }, D: { type: 'number' } } },
        objects: { type: 'object', required: Object.keys(SCORED_OBJECT_NAMES), additionalProperties: false,
          properties: Object.fromEntries(Object.keys(SCORED_OBJECT_NAMES).map((o) => [o, scoringObjectSchema])) },
      }, additionalProperties: false },
      response: errorResponses,
    },
  }, async (request) => {
    await saveScoring(db, actorOf(request), request.body as ScoringConfig);
    const s = await loadScoring(db);
    return { ...s, rateNames: RATE_NAMES, countFigureNames: COUNT_FIGURE_NAMES, objectNames: SCORED_OBJECT_NAMES };
  });

  app.get('/api/evaluation/scoring/history', {
    config: { permission: PERMISSIONS.evaluationRead },
    schema: { tags, summary: '评分设置的修改历史（最近 50 次）', response: errorResponses },
  }, async () => ({ items: await scoringHistory(db) }));
}

const scoringObjectSchema = {
  type: 'object', required: ['indicators', 'countFigure', 'steps'], additionalProperties: false,
  properties: {
    indicators: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'object', required: ['kind', 'weight'], additionalProperties: false,
      properties: { kind: { type: 'string', enum: ['rate', 'count'] }, rate: { type: 'string', enum: Object.keys(RATE_NAMES) },
        invert: { type: 'boolean' }, weight: { type: 'number', minimum: 0, maximum: 100 } } } },
    countFigure: { type: 'string', enum: Object.keys(COUNT_FIGURE_NAMES) },
    steps: { type: 'array', minItems: 1, maxItems: 12, items: { type: 'object', required: ['upTo', 'score'], additionalProperties: false,
      properties: { upTo: { type: ['integer', 'null'], minimum: 0 }, score: { type: 'number', minimum: 0, maximum: 100 } } } },
  },
} as const;
