// 城市管理指数 routes: the index of a year (city and districts, ranked), the indicator tree with its history, 实地考察
// and 问卷调查 entry and import (with a template), the cases behind a platform indicator, and the 自评报告 as DOCX/PDF.
// Reading needs evaluation.read; changing the tree or the entries evaluation.manage (as the scoring settings).
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../admin/roles.ts';
import { divisionPrefix } from '../../admin/scope.ts';
import { formatChinaTime } from '../../command/rules/china-time.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { actorOf } from '../../server/auth-hook.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/schemas.ts';
import { drillCases } from '../drill.ts';
import { RATE_NAMES } from '../kpis.ts';
import { FIGURE_NAMES, RATE_FIGURES, type FigureName, type RateKey } from '../rules/figures.ts';
import { computeCityIndex, densityCases, yearPeriod } from './compute.ts';
import { importEntries, templateXlsx } from './import.ts';
import { reportDocx, reportPdf } from './report-files.ts';
import { reportModel } from './report-model.ts';
import { indexRegions, listEntries, loadTree, saveTree, treeHistory, writeEntries, type EntryKind } from './store.ts';
import type { IndexTree, TreeState } from './views.ts';

const tags = ['城市管理指数 city index'];
const yearParams = { type: 'object', required: ['year'], additionalProperties: false,
  properties: { year: { type: 'integer', minimum: 2000, maximum: 2100, description: '评价年度' } } } as const;
const kindParams = { type: 'object', required: ['year', 'kind'], additionalProperties: false,
  properties: { ...yearParams.properties, kind: { type: 'string', enum: ['inspection', 'questionnaire'], description: '实地考察或问卷调查' } } } as const;
const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{1,39}$' } as const;
const region = { type: 'string', pattern: '^[0-9]{6}$' } as const;

const scoringSchema = {
  type: 'object', required: ['kind'], properties: {
    kind: { type: 'string', enum: ['linear', 'steps', 'direct'] },
    worst: { type: 'number' }, best: { type: 'number' },
    steps: { type: 'array', maxItems: 12, items: { type: 'object', required: ['upTo', 'score'], additionalProperties: false,
      properties: { upTo: { type: ['number', 'null'] }, score: { type: 'number' } } } },
  },
  if: { properties: { kind: { const: 'linear' } } }, then: { required: ['worst', 'best'] },
  else: { if: { properties: { kind: { const: 'steps' } } }, then: { required: ['steps'] } },
} as const;
const sourceSchema = {
  type: 'object', required: ['kind'], properties: {
    kind: { type: 'string', enum: ['platform', 'inspection', 'questionnaire'] },
    metric: { type: 'object', required: ['kind'], properties: {
      kind: { type: 'string', enum: ['rate', 'density'] },
      rate: { type: 'string', enum: Object.keys(RATE_NAMES) },
      types: { type: 'array', maxItems: 40, items: { type: 'string', maxLength: 20 } },
    }, if: { properties: { kind: { const: 'rate' } } }, then: { required: ['rate'] }, else: { required: ['types'] } },
  },
  if: { properties: { kind: { const: 'platform' } } }, then: { required: ['metric'] },
} as const;
const treeSchema = {
  type: 'object', required: ['dimensions'], additionalProperties: false, properties: {
    dimensions: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'object', required: ['key', 'name', 'weight', 'indicators'],
      additionalProperties: false, properties: {
        key, name: { type: 'string', minLength: 1, maxLength: 20 }, weight: { type: 'number', minimum: 0, maximum: 100 },
        indicators: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'object', required: ['key', 'name', 'weight', 'source', 'scoring'],
          additionalProperties: false, properties: {
            key, name: { type: 'string', minLength: 1, maxLength: 40 }, weight: { type: 'number', minimum: 0, maximum: 100 },
            source: sourceSchema, scoring: scoringSchema,
          } } },
      } } },
  },
} as const;

export async function registerCityIndexRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const read = { permission: PERMISSIONS.evaluationRead };
  const manage = { permission: PERMISSIONS.evaluationManage };

  const treeState = async (year: number): Promise<TreeState> => {
    const t = await loadTree(db, year);
    const types = await db.query<{ t: string; name: string }>(`select kind || ':' || code as t, name from catalog_types where enabled order by kind, code`);
    return { year, ...t, rateNames: RATE_NAMES, typeNames: Object.fromEntries(types.map((x) => [x.t, x.name])) };
  };

  app.get('/api/city-index/:year', {
    config: read,
    schema: { tags, summary: '城市管理指数：全市与各区的总分、五个维度得分、各指标原始值/得分/权重/贡献、区排名与短板', params: yearParams,
      response: errorResponses },
  }, async (request) => computeCityIndex(db, actorOf(request), (request.params as { year: number }).year));

  app.get('/api/city-index/:year/tree', {
    config: read,
    schema: { tags, summary: '年度指标体系（未设置时为默认体系），附比率与问题类型名称', params: yearParams, response: errorResponses },
  }, async (request) => treeState((request.params as { year: number }).year));

  app.put('/api/city-index/:year/tree', {
    config: manage,
    schema: { tags, summary: '修改年度指标体系（维度与各维度指标权重合计 100；记录历史与审计）', params: yearParams,
      body: { type: 'object', required: ['tree'], additionalProperties: false, properties: { tree: treeSchema } }, response: errorResponses },
  }, async (request) => {
    const { year } = request.params as { year: number };
    await saveTree(db, actorOf(request), year, (request.body as { tree: IndexTree }).tree);
    return treeState(year);
  });

  app.get('/api/city-index/:year/tree/history', {
    config: read,
    schema: { tags, summary: '年度指标体系的修改历史（最近 50 次）', params: yearParams, response: errorResponses },
  }, async (request) => ({ items: await treeHistory(db, (request.params as { year: number }).year) }));

  app.get('/api/city-index/:year/entries', {
    config: read,
    schema: { tags, summary: '已录入的实地考察得分与问卷调查结果，及可录入的区域（全市与各区，按管辖范围）', params: yearParams, response: errorResponses },
  }, async (request) => {
    const { scope } = actorOf(request);
    const regions = (await indexRegions(db, scope)).map(({ code, name, level }) => ({ code, name, level }));
    return { regions, ...(await listEntries(db, (request.params as { year: number }).year, scope)) };
  });

  app.put('/api/city-index/:year/inspections', {
    config: manage,
    schema: { tags, summary: '录入实地考察得分（0–100；score 为 null 删除该项；整批校验，有误则不写入）', params: yearParams,
      body: { type: 'object', required: ['items'], additionalProperties: false, properties: {
        items: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'object', required: ['regionCode', 'indicatorKey', 'score'],
          additionalProperties: false, properties: { regionCode: region, indicatorKey: key, score: { type: ['number', 'null'] },
            note: { type: 'string', maxLength: 200 } } } } } },
      response: errorResponses },
  }, async (request) => {
    const { year } = request.params as { year: number };
    const n = await writeEntries(db, actorOf(request), year, 'inspection', (request.body as { items: [] }).items);
    return { saved: n, ...(await listEntries(db, year, actorOf(request).scope)) };
  });

  app.put('/api/city-index/:year/questionnaires', {
    config: manage,
    schema: { tags, summary: '录入问卷调查结果（样本量、满意度 %；均为 null 删除该项；整批校验，有误则不写入）', params: yearParams,
      body: { type: 'object', required: ['items'], additionalProperties: false, properties: {
        items: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'object', required: ['regionCode', 'indicatorKey', 'sampleSize', 'satisfaction'],
          additionalProperties: false, properties: { regionCode: region, indicatorKey: key, sampleSize: { type: ['integer', 'null'] },
            satisfaction: { type: ['number', 'null'] } } } } } },
      response: errorResponses },
  }, async (request) => {
    const { year } = request.params as { year: number };
    const n = await writeEntries(db, actorOf(request), year, 'questionnaire', (request.body as { items: [] }).items);
    return { saved: n, ...(await listEntries(db, year, actorOf(request).scope)) };
  });

  app.post('/api/city-index/:year/import/:kind', {
    config: manage,
    schema: { tags, consumes: ['multipart/form-data'], params: kindParams, response: errorResponses,
      summary: '导入实地考察得分或问卷调查结果（XLSX/CSV，字段 file；逐行校验，有误行则整体拒绝并返回每行的校验结果）' },
  }, async (request) => {
    const { year, kind } = request.params as { year: number; kind: EntryKind };
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw badRequest('FILE_REQUIRED', '请在表单字段 file 中上传文件');
    const data = await file.toBuffer();
    return importEntries(db, actorOf(request), year, kind, file.filename || 'upload', data);
  });

  app.get('/api/city-index/:year/template/:kind', {
    config: read,
    schema: { tags, summary: '导入模板（XLSX）：管辖范围内每个区域和指标一行，含已录入的值', params: kindParams, response: errorResponses },
  }, async (request, reply) => {
    const { year, kind } = request.params as { year: number; kind: EntryKind };
    const entries = await listEntries(db, year, actorOf(request).scope);
    const current = new Map<string, (string | number)[]>(kind === 'inspection'
      ? entries.inspections.map((e) => [`${e.regionCode}/${e.indicatorKey}`, [e.score!, e.note ?? '']])
      : entries.questionnaires.map((e) => [`${e.regionCode}/${e.indicatorKey}`, [e.sampleSize!, e.satisfaction!]]));
    const bytes = await templateXlsx(db, actorOf(request), year, kind, current);
    const name = encodeURIComponent(`${year}年${kind === 'inspection' ? '实地考察得分' : '问卷调查结果'}.xlsx`);
    reply.header('content-disposition', `attachment; filename="city-index-${kind}.xlsx"; filename*=UTF-8''${name}`);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bytes);
  });

  app.get('/api/city-index/:year/cases', {
    config: read,
    schema: { tags, summary: '下钻：平台数据指标（问题密度、比率）背后的案件', params: yearParams, response: errorResponses,
      querystring: { type: 'object', required: ['region', 'indicator'], additionalProperties: false, properties: {
        region, indicator: key, figure: { type: 'string', enum: FIGURE_NAMES, description: '比率指标：看分子或分母的案件（默认分母）' },
        page: { type: 'integer', minimum: 1, default: 1 }, pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } } },
  }, async (request) => {
    const { year } = request.params as { year: number };
    const q = request.query as { region: string; indicator: string; figure?: FigureName; page: number; pageSize: number };
    const actor = actorOf(request);
    const r = (await indexRegions(db, actor.scope)).find((x) => x.code === q.region);
    if (!r) throw forbidden('该区域不在您的管辖范围内', 'OUT_OF_SCOPE');
    const { tree } = await loadTree(db, year);
    const i = tree.dimensions.flatMap((d) => d.indicators).find((x) => x.key === q.indicator);
    if (!i) throw notFound('指标', q.indicator);
    if (i.source.kind !== 'platform') throw badRequest('NOT_A_CASE_FIGURE', `指标“${i.name}”来自${i.source.kind === 'inspection' ? '实地考察' : '问卷调查'}，没有对应的案件`);
    if (i.source.metric.kind === 'density') {
      return { indicatorName: i.name, ...(await densityCases(db, year, i.source.metric.types, divisionPrefix(r.code), q.page, q.pageSize)) };
    }
    if (r.level !== 'district') throw badRequest('DRILL_NEEDS_DISTRICT', '比率指标请在区一级查看案件');
    const pair = RATE_FIGURES[i.source.metric.rate as RateKey];
    const figure = q.figure ?? pair[pair.length - 1];
    if (!pair.includes(figure)) throw badRequest('FIGURE_NOT_IN_RATE', `计数项 ${figure} 不属于该比率`);
    const page = await drillCases(db, actor, { kind: 'region', level: 'district' }, figure, r.code, yearPeriod(year), q.page, q.pageSize);
    return { indicatorName: `${i.name}（${page.figureName}）`, total: page.total, items: page.items };
  });

  app.get('/api/city-index/:year/report', {
    config: read,
    schema: { tags, summary: '年度城市管理指数自评报告（DOCX 或 PDF）', params: yearParams, response: errorResponses,
      querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['docx', 'pdf'], default: 'pdf' } } } },
  }, async (request, reply) => {
    const { year } = request.params as { year: number };
    const { format } = request.query as { format: 'docx' | 'pdf' };
    const actor = actorOf(request);
    const result = await computeCityIndex(db, actor, year);
    if (!result.regions.length) throw forbidden('您的管辖范围内没有可评价的区域', 'OUT_OF_SCOPE');
    const model = reportModel(result, result.regions[0].regionName, formatChinaTime(new Date()));
    const name = encodeURIComponent(`${model.title}.${format}`);
    reply.header('content-disposition', `attachment; filename="city-index-${year}.${format}"; filename*=UTF-8''${name}`);
    if (format === 'docx') {
      return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await reportDocx(model));
    }
    return reply.type('application/pdf').send(await reportPdf(model));
  });
}
