// 告警 routes: list and detail (with history), the people's actions, and a live stream (SSE) of alarm changes for
// the map and the alarm console.
import type { FastifyInstance } from 'fastify';
import { inScope } from '../admin/scope.ts';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { ALARM_CHANGED, actOnAlarm, getAlarm, listAlarms, type AlarmChange, type AlarmQuery } from './alarms.ts';
import { ALARM_ACTIONS, ALARM_STATUSES, type AlarmAction } from './rules/lifecycle.ts';
import { recordManualCommand } from './commands.ts';
import { levelEnum, KEY, tags } from './schemas.ts';
import { monitorPipeline } from './service.ts';

const HEARTBEAT_MS = 25_000;

export async function registerAlarmRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/monitor/alarms', {
    config: { permission: PERMISSIONS.monitorRead },
    schema: { tags, summary: '告警列表（等级高的在前，按数据范围）', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, status: { type: 'array', items: { type: 'string', enum: [...ALARM_STATUSES] } }, active: { type: 'boolean' }, level: levelEnum,
      device: { type: 'integer', minimum: 1 }, type: { type: 'string', pattern: KEY, description: '设备类型' },
      region: { type: 'string', pattern: '^[0-9]{2,15}$' } } }, response: errorResponses },
  }, async (request) => listAlarms(db, actorOf(request), request.query as AlarmQuery));

  app.get('/api/monitor/alarms/stream', {
    config: { permission: PERMISSIONS.monitorRead },
    schema: { tags, summary: '告警实时推送（Server-Sent Events，event: alarm）' },
  }, async (request, reply) => {
    const actor = actorOf(request);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    out.write(': connected\n\n');
    const unsubscribe = ctx.events.subscribe(ALARM_CHANGED, (event) => {
      const c = event.data as AlarmChange;
      if (inScope(c.gridCode, actor.scope)) out.write(`event: alarm\ndata: ${JSON.stringify(c)}\n\n`);
    });
    const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS);
    const close = () => { clearInterval(heartbeat); unsubscribe(); };
    request.raw.on('close', close);
    out.on('close', close);
  });

  app.get('/api/monitor/alarms/:id', {
    config: { permission: PERMISSIONS.monitorRead }, schema: { tags, summary: '告警详情与处置记录', params: idParam, response: errorResponses },
  }, async (request) => getAlarm(db, actorOf(request), (request.params as any).id));

  app.post('/api/monitor/alarms/:id/actions/:action', {
    config: { permission: PERMISSIONS.monitorManage },
    schema: { tags, summary: '告警处置：确认、误报、派遣（转为案件）、归档', params: { type: 'object', required: ['id', 'action'], properties: {
      id: { type: 'integer', minimum: 1 }, action: { type: 'string', enum: [...ALARM_ACTIONS] } } },
    body: { type: ['object', 'null'], additionalProperties: false, properties: { note: { type: 'string', maxLength: 500 } } }, response: errorResponses },
  }, async (request) => {
    const { id, action } = request.params as { id: number; action: AlarmAction };
    return actOnAlarm(ctx, actorOf(request), id, action, (request.body as { note?: string } | null)?.note?.trim() || null);
  });

  app.post('/api/monitor/alarms/:id/commands', {
    config: { permission: PERMISSIONS.monitorManage },
    schema: { tags, summary: '向告警设备下发控制指令（MQTT <root>/devices/<code>/commands，QoS 1）', params: idParam,
      body: { type: 'object', additionalProperties: false, required: ['name'], properties: {
        name: { type: 'string', pattern: KEY, description: '指令名，如 start_ventilation' }, params: { type: 'object' } } },
      response: errorResponses },
  }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const actor = actorOf(request);
    await getAlarm(db, actor, id);   // in scope
    const { name, params } = request.body as { name: string; params?: Record<string, unknown> };
    const commandId = await recordManualCommand(db, actor, id, { name, params: params ?? {} });
    await monitorPipeline(ctx).commands.deliver([commandId]);
    reply.code(201);
    return (await getAlarm(db, actor, id)).commands.find((c) => c.id === commandId);
  });
}
