// 运行监测 routes: device types, devices and their credentials, alarm rules, reading ingest over HTTP, history for
// charts, retention settings and ingest counters. Alarms and video events: routes-alarms.ts, routes-video.ts.
// Registering also seeds the reference rows, sets up the ingest pipeline and the offline/retention sweep.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { notFound } from '../platform/errors.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { ingestBatch, type BatchMessage } from './ingest-http.ts';
import { REGISTRY_CHANGED, createDeviceType, createDevice, deleteDevice, getDevice, listDevices, listDeviceTypes, rotateSecret, updateDevice,
  updateDeviceType, type DeviceQuery } from './registry.ts';
import { registerAlarmRoutes } from './routes-alarms.ts';
import { registerConsoleRoutes } from './routes-console.ts';
import { registerVideoRoutes } from './routes-video.ts';
import { createRule, deleteRule, listRules, updateRule, type RuleInput } from './rules-store.ts';
import { CODE, KEY, levelEnum, matterCode, nullableId, position, tags, time } from './schemas.ts';
import { seedMonitor } from './seed.ts';
import { monitorPipeline, setupMonitor } from './service.ts';
import { getRetention, readSeries, setRetention, type Resolution, type Retention } from './store.ts';
import { ensureSweep, registerSweepJob } from './sweep.ts';
import type { DeviceSeries } from './views.ts';
import { registerDemoDispatchJob } from './demo-dispatch.ts';
import { ensureDemoFeed, registerDemoFeedJob } from './demo-feed.ts';
import { registerFacilitiesAndFlood } from './facilities/register.ts';

const read = { permission: PERMISSIONS.monitorRead };
const manage = { permission: PERMISSIONS.monitorManage };
const text = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;

const typeBody = {
  type: 'object', additionalProperties: false, required: ['name', 'category', 'metrics', 'matterCode'],
  properties: {
    code: { type: 'string', pattern: KEY }, name: { type: 'string', minLength: 1, maxLength: 64 }, category: { type: 'string', minLength: 1, maxLength: 32 },
    metrics: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'object', additionalProperties: false, required: ['key', 'name', 'unit'],
      properties: { key: { type: 'string', pattern: KEY }, name: { type: 'string', minLength: 1, maxLength: 32 }, unit: { type: 'string', maxLength: 16 } } } },
    matterCode,
  },
} as const;

const { code: _code, ...typeProps } = typeBody.properties;

const deviceProps = {
  name: { type: 'string', minLength: 1, maxLength: 100 }, typeCode: { type: 'string', pattern: KEY }, position,
  componentId: { type: ['string', 'null'], pattern: '^[0-9]{17}$' }, facility: text(100), departmentId: nullableId, enabled: { type: 'boolean' },
} as const;

const ruleBody = {
  type: 'object', additionalProperties: false, required: ['name', 'kind', 'params'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 64 }, deviceTypeCode: { type: ['string', 'null'], pattern: KEY }, deviceId: nullableId,
    kind: { type: 'string', enum: ['threshold', 'rate', 'offline'] }, metric: { type: ['string', 'null'], pattern: KEY },
    params: { type: 'object', description: 'threshold: {direction, levels{blue,yellow,orange,red}, forSeconds, hysteresis}；rate: {perMinute, level, hysteresis}；offline: {minutes, level}' },
    matterCode: { ...matterCode, type: ['string', 'null'] }, enabled: { type: 'boolean' },
    actions: { type: 'array', maxItems: 5, description: '联动指令：告警产生（onRaise）或达到某等级（atLevel）时向设备下发 MQTT 指令', items: {
      type: 'object', additionalProperties: false, required: ['name'], properties: {
        name: { type: 'string', pattern: KEY }, params: { type: 'object' }, onRaise: { type: 'boolean' }, atLevel: levelEnum } } },
  },
} as const;

export async function registerMonitorRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, events } = ctx;
  await db.transaction(async (tx) => {
    await seedMonitor(tx);
    await ensureSweep(tx);
    await ensureDemoFeed(tx);
  });
  registerSweepJob(ctx);
  registerDemoFeedJob(ctx);
  registerDemoDispatchJob(ctx);
  await setupMonitor(app, ctx);

  // ---- device types ----
  app.get('/api/monitor/device-types', { config: read, schema: { tags, summary: '监测设备类型及其指标、单位', response: errorResponses } },
    async () => listDeviceTypes(db));
  app.post('/api/monitor/device-types', {
    config: manage, schema: { tags, summary: '新增设备类型', body: { ...typeBody, required: [...typeBody.required, 'code'] }, response: errorResponses },
  }, async (request, reply) => {
    reply.code(201);
    return db.transaction(async (tx) => {
      const view = await createDeviceType(tx, actorOf(request), request.body as any);
      await events.publish(tx, REGISTRY_CHANGED, { what: 'type' });
      return view;
    });
  });
  app.put('/api/monitor/device-types/:code', {
    config: manage, schema: { tags, summary: '修改设备类型（仍被规则使用的指标不能删除）', params: { type: 'object', required: ['code'],
      properties: { code: { type: 'string', pattern: KEY } } }, body: { ...typeBody, properties: typeProps },
    response: errorResponses },
  }, async (request) => db.transaction(async (tx) => {
    const view = await updateDeviceType(tx, actorOf(request), (request.params as any).code, request.body as any);
    await events.publish(tx, REGISTRY_CHANGED, { what: 'type' });
    return view;
  }));

  // ---- devices ----
  app.get('/api/monitor/devices', {
    config: read, schema: { tags, summary: '监测设备列表（按数据范围）', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, type: { type: 'string', pattern: KEY }, region: { type: 'string', pattern: '^[0-9]{2,15}$' }, q: { type: 'string', maxLength: 64 },
      componentId: { type: 'string', pattern: '^[0-9]{17}$' }, department: { type: 'integer', minimum: 1 } } }, response: errorResponses },
  }, async (request) => listDevices(db, actorOf(request), request.query as DeviceQuery));
  app.get('/api/monitor/devices/:id', { config: read, schema: { tags, summary: '监测设备详情', params: idParam, response: errorResponses } },
    async (request) => getDevice(db, actorOf(request), (request.params as any).id));
  app.post('/api/monitor/devices', {
    config: manage, schema: { tags, summary: '登记设备（返回设备密钥，仅此一次）', body: { type: 'object', additionalProperties: false,
      required: ['code', 'name', 'typeCode', 'position'], properties: { code: { type: 'string', pattern: CODE }, ...deviceProps } }, response: errorResponses },
  }, async (request, reply) => {
    reply.code(201);
    return createDevice(ctx, actorOf(request), request.body as any);
  });
  app.put('/api/monitor/devices/:id', {
    config: manage, schema: { tags, summary: '修改设备', params: idParam, body: { type: 'object', additionalProperties: false,
      required: ['name', 'typeCode', 'position'], properties: deviceProps }, response: errorResponses },
  }, async (request) => updateDevice(ctx, actorOf(request), (request.params as any).id, request.body as any));
  app.post('/api/monitor/devices/:id/secret', {
    config: manage, schema: { tags, summary: '重置设备密钥（旧密钥立即失效）', params: idParam, response: errorResponses },
  }, async (request) => rotateSecret(ctx, actorOf(request), (request.params as any).id));
  app.delete('/api/monitor/devices/:id', {
    config: manage, schema: { tags, summary: '删除设备及其读数（告警已转案件的设备只能停用）', params: idParam, response: errorResponses },
  }, async (request, reply) => {
    await deleteDevice(ctx, actorOf(request), (request.params as any).id);
    reply.code(204);
  });
  app.get('/api/monitor/devices/:id/series', {
    config: read, schema: { tags, summary: '历史曲线：原始读数或分钟/小时汇总', params: idParam, querystring: { type: 'object', additionalProperties: false,
      required: ['metric', 'from', 'to'], properties: { metric: { type: 'string', pattern: KEY }, from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' }, resolution: { type: 'string', enum: ['auto', 'raw', '1m', '1h'], default: 'auto' } } },
    response: errorResponses },
  }, async (request): Promise<DeviceSeries> => {
    const device = await getDevice(db, actorOf(request), (request.params as any).id);
    const q = request.query as { metric: string; from: string; to: string; resolution: Resolution | 'auto' };
    if (!device.metrics.some((m) => m.key === q.metric)) throw notFound('指标', q.metric);
    return { deviceId: device.id, metric: q.metric, ...(await readSeries(db, device.id, q.metric, new Date(q.from), new Date(q.to), q.resolution)) };
  });

  // ---- rules ----
  app.get('/api/monitor/rules', {
    config: read, schema: { tags, summary: '告警规则', querystring: { type: 'object', additionalProperties: false, properties: {
      deviceType: { type: 'string', pattern: KEY }, device: { type: 'integer', minimum: 1 } } }, response: errorResponses },
  }, async (request) => listRules(db, request.query as any));
  app.post('/api/monitor/rules', { config: manage, schema: { tags, summary: '新增告警规则', body: ruleBody, response: errorResponses } },
    async (request, reply) => {
      reply.code(201);
      return db.transaction((tx) => createRule(tx, events, actorOf(request), request.body as RuleInput));
    });
  app.put('/api/monitor/rules/:id', { config: manage, schema: { tags, summary: '修改告警规则', params: idParam, body: ruleBody, response: errorResponses } },
    async (request) => db.transaction((tx) => updateRule(tx, events, actorOf(request), (request.params as any).id, request.body as RuleInput)));
  app.delete('/api/monitor/rules/:id', { config: manage, schema: { tags, summary: '删除告警规则', params: idParam, response: errorResponses } },
    async (request, reply) => {
      await db.transaction((tx) => deleteRule(tx, events, actorOf(request), (request.params as any).id));
      reply.code(204);
    });

  // ---- ingest over HTTP ----
  app.post('/api/monitor/readings', {
    config: { public: true },
    schema: {
      tags, summary: '批量上报读数（设备密钥 Basic 认证，或 API 密钥 monitor:ingest）',
      body: { type: 'object', additionalProperties: false, required: ['readings'], properties: {
        readings: { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'object', additionalProperties: false, properties: {
          device: { type: 'string', pattern: CODE }, ts: time, values: { type: 'object' } } } } } },
      response: errorResponses,
    },
  }, async (request) => ingestBatch(request, monitorPipeline(ctx), (request.body as { readings: BatchMessage[] }).readings));

  // ---- settings and counters ----
  const retentionBody = { type: 'object', additionalProperties: false, required: ['rawDays', 'minuteDays', 'hourDays'], properties: {
    rawDays: { type: 'integer', minimum: 1, maximum: 3650 }, minuteDays: { type: 'integer', minimum: 1, maximum: 3650 },
    hourDays: { type: 'integer', minimum: 1, maximum: 36500 } } } as const;
  app.get('/api/monitor/settings', { config: read, schema: { tags, summary: '数据保留期', response: errorResponses } },
    async () => ({ retention: await getRetention(db) }));
  app.put('/api/monitor/settings', {
    config: manage, schema: { tags, summary: '修改数据保留期（天）', body: { type: 'object', additionalProperties: false, required: ['retention'],
      properties: { retention: retentionBody } }, response: errorResponses },
  }, async (request) => {
    const actor = actorOf(request);
    const retention = await db.transaction(async (tx) => {
      const saved = await setRetention(tx, actor.kind === 'user' ? actor.id : null, (request.body as { retention: Retention }).retention);
      await events.publish(tx, REGISTRY_CHANGED, { what: 'retention' });   // ingest refuses readings older than the raw retention
      return saved;
    });
    return { retention };
  });
  app.get('/api/monitor/stats', { config: read, schema: { tags, summary: '本节点接入计数（消息、读数、入库、重复、坏数据）', response: errorResponses } },
    async () => ({ node: ctx.config.nodeId, ...monitorPipeline(ctx).stats, pending: monitorPipeline(ctx).pending }));

  await registerAlarmRoutes(app, ctx);
  await registerVideoRoutes(app, ctx);
  await registerFacilitiesAndFlood(app, ctx);
  await registerConsoleRoutes(app, ctx);
}
