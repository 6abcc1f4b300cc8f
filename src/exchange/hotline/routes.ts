// 12345 热线 routes: the hotline posts work orders with an API key (scope hotline:write); staff read the orders,
// their callback attempts and the statistics; administrators set the callback URL and resend a failed feedback.
import type { FastifyInstance } from 'fastify';
import { can } from '../../admin/actor.ts';
import { PERMISSIONS } from '../../admin/roles.ts';
import { CASE_CHANGED, type CaseChange } from '../../command/effects.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { actorOf } from '../../server/auth-hook.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../../server/schemas.ts';
import { CALLBACK_JOB, callbackHandler, queueCallback, scheduleCallback } from './callback.ts';
import { ensureCallbackSweep, registerCallbackSweep } from './sweep.ts';
import { receiveOrder, type HotlineOrderInput } from './orders.ts';
import { loadHotlineSettings, saveHotlineSettings, type HotlineSettings } from './settings.ts';
import { hotlineStats, listOrders, orderCallbacks } from './stats.ts';
import type { HotlineStats } from './views.ts';

const tags = ['数据交换 12345热线'];
const DAY_MS = 86_400_000;

const orderBody = {
  type: 'object', required: ['orderId', 'mode', 'content'], additionalProperties: false,
  properties: {
    orderId: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: '热线工单编号（幂等：同一编号只建一个案件）' },
    mode: { type: 'string', enum: ['transfer', 'immediate'], description: 'transfer 转办（生成案件）；immediate 当即办理（仅登记）' },
    content: { type: 'string', minLength: 1, maxLength: 4000 }, typeCode: { type: 'string', pattern: '^[0-9]{5}$' },
    lon: { type: 'number' }, lat: { type: 'number' }, address: { type: 'string', maxLength: 200 },
    callerName: { type: 'string', maxLength: 40 }, callerPhone: { type: 'string', maxLength: 20 },
    dueAt: { type: 'string', format: 'date-time' }, result: { type: 'string', maxLength: 2000 }, urgent: { type: 'boolean' },
    attachments: { type: 'array', maxItems: 6, items: { type: 'object', required: ['data'], properties: {
      name: { type: 'string', maxLength: 200 }, data: { type: 'string', description: 'base64 编码的照片' } } } },
  },
} as const;

const settingsBody = {
  type: 'object', required: ['callbackUrl', 'token', 'maxAttempts'], additionalProperties: false,
  properties: { callbackUrl: { type: ['string', 'null'], maxLength: 500 }, token: { type: ['string', 'null'], maxLength: 200 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 20 } },
} as const;

export async function registerHotlineRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  ctx.jobs.register(CALLBACK_JOB, callbackHandler(db));
  registerCallbackSweep(ctx);
  await ensureCallbackSweep(db);
  ctx.events.subscribe(CASE_CHANGED, (event) => {
    const change = event.data as CaseChange;
    queueCallback(db, change.id, change.stage).catch((err) => ctx.log.warn({ err, caseId: change.id }, 'hotline callback not queued'));
  });

  app.post('/api/hotline/orders', {
    config: { permission: PERMISSIONS.hotlineWrite },
    schema: { tags, summary: '接收 12345 工单（转办生成案件，当即办理仅登记；按工单编号幂等）', body: orderBody, response: errorResponses },
  }, async (request, reply) => {
    const result = await receiveOrder(ctx, actorOf(request), request.body as HotlineOrderInput);
    reply.status(result.created ? 201 : 200);
    return result;
  });

  app.get('/api/hotline/orders', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '热线工单列表（含办结反馈状态）', querystring: { type: 'object', properties: pageQuery } },
  }, async (request) => {
    const { page, pageSize } = request.query as { page: number; pageSize: number };
    return listOrders(db, page, pageSize, can(actorOf(request), PERMISSIONS.personalData));
  });

  app.get('/api/hotline/orders/:id/callbacks', {
    config: { permission: PERMISSIONS.caseRead }, schema: { tags, summary: '一张工单的办结反馈尝试记录', params: idParam },
  }, async (request) => orderCallbacks(db, (request.params as { id: number }).id));

  app.post('/api/hotline/orders/:id/resend', {
    config: { permission: PERMISSIONS.caseSettings }, schema: { tags, summary: '重新发送失败的办结反馈', params: idParam, response: errorResponses },
  }, async (request) => {
    const id = (request.params as { id: number }).id;
    await db.transaction(async (tx) => {
      const row = await tx.maybeOne<{ callback_status: string }>('select callback_status from hotline_orders where id = $1 for update', [id]);
      if (!row) throw notFound('热线工单', id);
      if (row.callback_status !== 'failed') throw conflict('NOT_FAILED', '只有发送失败的办结反馈可以重新发送');
      await tx.query("update hotline_orders set callback_status = 'pending' where id = $1", [id]);
      await scheduleCallback(tx, id);
    });
    return { id, callbackStatus: 'pending' };
  });

  app.get('/api/hotline/stats', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '热线统计：当即办理、转办、办结、按时办结、反馈状态（默认最近 30 天）',
      querystring: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } } } },
  }, async (request): Promise<HotlineStats> => {
    const q = request.query as { from?: string; to?: string };
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    return { from: from.toISOString(), to: to.toISOString(), ...(await hotlineStats(db, from, to)) };
  });

  app.get('/api/hotline/settings', { config: { permission: PERMISSIONS.caseSettings }, schema: { tags, summary: '热线对接设置' } },
    async () => loadHotlineSettings(db));
  app.put('/api/hotline/settings', {
    config: { permission: PERMISSIONS.caseSettings }, schema: { tags, summary: '修改热线对接设置（回调地址、令牌、最多尝试次数）', body: settingsBody, response: errorResponses },
  }, async (request) => saveHotlineSettings(db, actorOf(request), request.body as HotlineSettings));
}
