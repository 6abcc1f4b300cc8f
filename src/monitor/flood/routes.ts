// 防汛 routes: the dashboard overview, area warnings (list, detail, acknowledgement by a notified member), teams, an
// immediate evaluation; and the flood job that evaluates every minute on one node (the job table's SKIP LOCKED).
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../admin/roles.ts';
import type { Queryable } from '../../db/types.ts';
import { ensureRecurringJob, scheduleJob, type JobRow } from '../../platform/jobs.ts';
import { actorOf } from '../../server/auth-hook.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../../server/schemas.ts';
import { nullableId, tags } from '../schemas.ts';
import { evaluateFlood } from './evaluate.ts';
import { createTeam, deleteTeam, listTeams, updateTeam, type TeamInput } from './teams.ts';
import { acknowledge, floodOverview, getWarning, listWarnings } from './warnings.ts';

export const FLOOD_JOB = 'monitor.flood';
const FLOOD_KEY = 'monitor:flood';
const EVERY_MS = 60_000;

const read = { permission: PERMISSIONS.monitorRead };
const manage = { permission: PERMISSIONS.monitorManage };

const teamBody = {
  type: 'object', additionalProperties: false, required: ['name', 'areaCode', 'memberIds'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 64 }, departmentId: nullableId,
    areaCode: { type: 'string', pattern: '^[0-9]{6}([0-9]{3})?$', description: '负责区域：市、区或街道代码' },
    phone: { type: ['string', 'null'], maxLength: 32 },
    memberIds: { type: 'array', maxItems: 200, items: { type: 'integer', minimum: 1 } },
  },
} as const;

/** Makes sure one flood evaluation is pending (idempotent across nodes and restarts). */
async function ensureFloodJob(q: Queryable): Promise<void> {
  await ensureRecurringJob(q, FLOOD_JOB, FLOOD_KEY);
}

export async function registerFloodRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  ctx.jobs.register(FLOOD_JOB, async (_job: JobRow, tx) => {
    const now = new Date();
    await evaluateFlood(tx, now);
    await scheduleJob(tx, { kind: FLOOD_JOB, dedupeKey: FLOOD_KEY, runAt: new Date(+now + EVERY_MS) });
  });
  await ensureFloodJob(db);

  app.get('/api/monitor/flood/overview', {
    config: read, schema: { tags, summary: '防汛态势：各街道预警、雨量/水位/积水监测点最新读数与等级', response: errorResponses },
  }, async (request) => floodOverview(db, actorOf(request)));
  app.get('/api/monitor/flood/warnings', {
    config: read, schema: { tags, summary: '区域防汛预警（含原因、过程、通知与确认）', querystring: { type: 'object', additionalProperties: false,
      properties: { ...pageQuery, active: { type: 'boolean' } } }, response: errorResponses },
  }, async (request) => listWarnings(db, actorOf(request), request.query as any));
  app.get('/api/monitor/flood/warnings/:id', { config: read, schema: { tags, summary: '防汛预警详情', params: idParam, response: errorResponses } },
    async (request) => getWarning(db, actorOf(request), (request.params as any).id));
  app.post('/api/monitor/flood/warnings/:id/ack', {
    config: { authenticated: true }, schema: { tags, summary: '确认收到防汛预警（仅被通知的队员）', params: idParam, response: errorResponses },
  }, async (request) => acknowledge(db, actorOf(request), (request.params as any).id));
  app.post('/api/monitor/flood/evaluate', {
    config: manage, schema: { tags, summary: '立即研判一次防汛预警（平时每分钟自动研判）', response: errorResponses },
  }, async () => db.transaction((tx) => evaluateFlood(tx, new Date())));

  app.get('/api/monitor/flood/teams', { config: read, schema: { tags, summary: '防汛队伍', response: errorResponses } }, async () => listTeams(db));
  app.post('/api/monitor/flood/teams', { config: manage, schema: { tags, summary: '新增防汛队伍', body: teamBody, response: errorResponses } },
    async (request, reply) => {
      reply.code(201);
      return db.transaction((tx) => createTeam(tx, actorOf(request), request.body as TeamInput));
    });
  app.put('/api/monitor/flood/teams/:id', { config: manage, schema: { tags, summary: '修改防汛队伍', params: idParam, body: teamBody, response: errorResponses } },
    async (request) => db.transaction((tx) => updateTeam(tx, actorOf(request), (request.params as any).id, request.body as TeamInput)));
  app.delete('/api/monitor/flood/teams/:id', { config: manage, schema: { tags, summary: '删除防汛队伍', params: idParam, response: errorResponses } },
    async (request, reply) => {
      await db.transaction((tx) => deleteTeam(tx, actorOf(request), (request.params as any).id));
      reply.code(204);
    });
}
