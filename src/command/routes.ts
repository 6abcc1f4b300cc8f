// 指挥协调 routes: report a case, list and read cases, take workflow actions, work-queue counts, in-app messages. Registering
// them also seeds the 立结案标准 defaults and the timer handlers (see routes-settings.ts for the settings).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { CRS_VALUES } from '../base/spatial/coords.ts';
import { MEDIA_HASH } from '../media/store.ts';
import { AppError, badRequest } from '../platform/errors.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, pageQuery } from '../server/schemas.ts';
import { takeAction, type ActionBody } from './actions.ts';
import { takeActionOnce } from './action-keys.ts';
import { exportCasesCsv, exportCasesXlsx } from './export.ts';
import { createCase, type IntakeInput } from './intake.ts';
import { seedCaseLimits } from './limits.ts';
import { registerCountJob, startCountJob } from './counts.ts';
import { listNotifications, markRead } from './notifications.ts';
import { getCaseDetail, listCases, type CaseQuery } from './queries.ts';
import { QUEUES, queueCounts } from './queues.ts';
import { registerCaseConsoleRoutes } from './routes-console.ts';
import { registerCaseRegisterRoutes } from './routes-register.ts';
import { registerCaseSettingsRoutes, timeLimitSchema } from './routes-settings.ts';
import { CASE_SOURCES, CLOSE_TYPES, REJECT_REASONS, SATISFACTION, STAGES } from './rules/case-model.ts';
import { ACTIONS, type Action } from './rules/transitions.ts';
import { streamCaseChanges } from './stream.ts';
import { registerCommandJobs } from './timers.ts';

/** Idempotency-Key: a request sent again with the same key finds the first one's result. */
const idempotencyHeader = { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 8, maxLength: 128 } } } as const;
const tags = ['指挥协调 command'];
const hash = { type: 'string', pattern: MEDIA_HASH } as const;
const hashes = { type: 'array', items: hash, maxItems: 20 } as const;

const reportBody = {
  type: 'object', required: ['kind', 'description'], additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['component', 'matter'] },
    typeCode: { type: 'string', pattern: '^[0-9]{5}$' },
    componentId: { type: 'string', pattern: '^[0-9]{17}$' },
    position: { type: 'object', required: ['lon', 'lat'], additionalProperties: false, properties: {
      lon: { type: 'number' }, lat: { type: 'number' }, crs: { type: 'string', enum: [...CRS_VALUES] } } },
    address: { type: 'string', maxLength: 256, description: '事发位置；不填时按坐标自动生成' },
    description: { type: 'string', minLength: 1, maxLength: 2000 },
    source: { type: 'string', enum: [...CASE_SOURCES] },
    urgent: { type: 'boolean' },
    photos: { ...hashes, description: '处置前照片/视频的内容哈希（先经 /api/media 上传）' },
    reporter: { type: 'object', additionalProperties: false, properties: {
      name: { type: 'string', maxLength: 64 }, phone: { type: 'string', maxLength: 20 } } },
  },
} as const;

const actionBody = {
  type: 'object', required: ['version'], additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 1, description: '读取时的案件版本（乐观锁）' },
    opinion: { type: 'string', maxLength: 2000 },
    beforePhotos: hashes, afterPhotos: hashes,
    assigneeUserId: { type: 'integer', minimum: 1 },
    leadDepartmentId: { type: 'integer', minimum: 1 },
    assistDepartmentIds: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 20 },
    region: { type: 'string', pattern: '^[0-9]{6}$' },
    extension: timeLimitSchema,
    found: { type: 'boolean' },
    closeType: { type: 'string', enum: [...CLOSE_TYPES] },
    skipVerification: { type: 'boolean' },
    rejectReason: { type: 'string', enum: [...REJECT_REASONS] },
    mergeTargetId: { type: 'integer', minimum: 1 },
    satisfaction: { type: 'string', enum: [...SATISFACTION] },
  },
} as const;

const listQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    ...pageQuery,
    stage: { type: 'array', items: { type: 'string', enum: [...STAGES] } },
    kind: { type: 'string', enum: ['component', 'matter'] },
    type: { type: 'string', pattern: '^[0-9]{1,5}$' },
    source: { type: 'string', enum: [...CASE_SOURCES] },
    region: { type: 'string', pattern: '^[0-9]{2,15}$', description: '区划或网格代码：其范围内的案件' },
    department: { type: 'integer', minimum: 1 },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    overdue: { type: 'boolean' },
    urgent: { type: 'boolean' },
    q: { type: 'string', maxLength: 100, description: '在问题描述、事发位置、案件编号中查找' },
    queue: { type: 'string', enum: [...QUEUES], description: '工作队列：等待当前用户办理的案件' },
  },
} as const;

const { page: _page, pageSize: _pageSize, ...exportProperties } = listQuery.properties;

export async function registerCommandRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  await db.transaction((tx) => seedCaseLimits(tx));
  registerCommandJobs(ctx);
  registerCountJob(ctx);
  await startCountJob(db);

  app.post('/api/cases', {
    config: { permission: PERMISSIONS.caseReport },
    schema: {
      tags, summary: '上报案件（Idempotency-Key 请求头：重复提交返回同一案件）', body: reportBody,
      headers: idempotencyHeader,
      response: errorResponses,
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const key = request.headers['idempotency-key'] as string | undefined;
    const { id, created } = await createCase(ctx, actor, request.body as IntakeInput, key);
    reply.code(created ? 201 : 200);
    return getCaseDetail(db, actor, id);
  });

  app.get('/api/cases', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '案件列表（筛选、分页，按数据范围）', querystring: listQuery, response: errorResponses },
  }, async (request) => listCases(db, actorOf(request), request.query as CaseQuery));

  app.get('/api/cases/export.csv', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '导出案件（CSV，筛选条件同列表）', querystring: { ...listQuery, properties: exportProperties } },
  }, async (request, reply) => {
    const file = await exportCasesCsv(db, actorOf(request), request.query as CaseQuery);
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cases-${new Date().toISOString().slice(0, 10)}.csv"`).send(file);
  });

  app.get('/api/cases/export.xlsx', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '导出案件（Excel XLSX，筛选条件同列表）', querystring: { ...listQuery, properties: exportProperties } },
  }, async (request, reply) => {
    const file = await exportCasesXlsx(db, actorOf(request), request.query as CaseQuery);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="cases-${new Date().toISOString().slice(0, 10)}.xlsx"`).send(file);
  });

  app.get('/api/cases/queues', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '工作队列及数量（待受理、待核实……督办、超期）', response: errorResponses },
  }, async (request) => ({ queues: await queueCounts(db, actorOf(request)) }));

  app.get('/api/cases/stream', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '案件变化实时推送（Server-Sent Events，event: case；收到后刷新工作队列）' },
  }, async (request, reply) => streamCaseChanges(ctx.events, actorOf(request), request, reply));

  app.get('/api/cases/:ref', {
    config: { permission: PERMISSIONS.caseRead },
    schema: {
      tags, summary: '案件详情：时间线、各环节计时与红黄灯、照片、可执行操作（按 id 或案件编号）',
      params: { type: 'object', required: ['ref'], properties: { ref: { type: 'string', pattern: '^([0-9]{1,18}|[0-9]{4}-[0-9]{6}-[0-9]{6})$' } } },
      response: errorResponses,
    },
  }, async (request) => {
    const { ref } = request.params as { ref: string };
    return getCaseDetail(db, actorOf(request), ref.includes('-') ? ref : Number(ref));
  });

  app.post('/api/cases/:id/actions/:action', {
    config: { permission: PERMISSIONS.caseAct },
    schema: {
      tags, summary: '办理案件：受理、派遣、处置反馈、核查、结案……（非法操作返回 409 及可执行操作 details.allowed；'
        + 'Idempotency-Key 请求头：同一用户以同一键重发时返回第一次的结果，不重复办理）',
      params: { type: 'object', required: ['id', 'action'], properties: {
        id: { type: 'integer', minimum: 1 }, action: { type: 'string', enum: [...ACTIONS] } } },
      headers: idempotencyHeader, body: actionBody, response: errorResponses,
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { id, action } = request.params as { id: number; action: Action };
    const key = request.headers['idempotency-key'] as string | undefined;
    const result = key ? await takeActionOnce(ctx, actor, id, action, request.body as ActionBody, key)
      : await takeAction(ctx, actor, id, action, request.body as ActionBody);
    if ('replayed' in result && result.replayed) reply.header('idempotent-replayed', 'true');
    try {
      return await getCaseDetail(db, actor, id);
    } catch (err) {
      // The action may take the case out of the actor's sight (同意回退 for the department): answer with the result.
      if (err instanceof AppError && err.statusCode === 404) return result;
      throw err;
    }
  });

  app.get('/api/notifications', {
    config: { authenticated: true },
    schema: { tags, summary: '我的站内消息（最新在前）及未读数', response: errorResponses,
      querystring: { type: 'object', additionalProperties: false, properties: {
        unread: { type: 'boolean', default: false }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } } },
  }, async (request) => {
    const { unread, limit } = request.query as { unread: boolean; limit: number };
    return listNotifications(db, userIdOf(request), unread, limit);
  });

  app.post('/api/notifications/read', {
    config: { authenticated: true },
    schema: { tags, summary: '标记消息已读（不传 ids 则全部已读）', response: errorResponses,
      body: { type: 'object', additionalProperties: false, properties: {
        ids: { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 500 } } } },
  }, async (request) => ({ marked: await markRead(db, userIdOf(request), (request.body as { ids?: number[] } | undefined)?.ids) }));

  await registerCaseSettingsRoutes(app, ctx);
  registerCaseConsoleRoutes(app, ctx);
  await registerCaseRegisterRoutes(app, ctx);
}

function userIdOf(request: FastifyRequest): number {
  const actor = actorOf(request);
  if (actor.kind !== 'user' || actor.id === null) throw badRequest('NOT_A_USER', '只有用户账号有站内消息');
  return actor.id;
}
