// AI 视频 routes: cameras, detection classes (threshold, merge window, auto case or review), detection events from AI
// boxes (API key with scope monitor:ingest) and the review queue.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { MEDIA_HASH } from '../media/store.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { CODE, KEY, matterCode, nullableId, position, tags, time } from './schemas.ts';
import { deleteCamera, ingestDetection, listCameras, listVideoClasses, listVideoEvents, reviewVideoEvent, saveCamera, saveVideoClass } from './video.ts';

const read = { permission: PERMISSIONS.monitorRead };
const manage = { permission: PERMISSIONS.monitorManage };

const cameraBody = {
  type: 'object', additionalProperties: false, required: ['code', 'name', 'position'],
  properties: { code: { type: 'string', pattern: CODE }, name: { type: 'string', minLength: 1, maxLength: 100 }, position,
    departmentId: nullableId, enabled: { type: 'boolean' } },
} as const;

export async function registerVideoRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/monitor/cameras', {
    config: read, schema: { tags, summary: '摄像机列表', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, region: { type: 'string', pattern: '^[0-9]{2,15}$' } } }, response: errorResponses },
  }, async (request) => listCameras(db, actorOf(request), request.query as any));
  app.post('/api/monitor/cameras', { config: manage, schema: { tags, summary: '登记摄像机', body: cameraBody, response: errorResponses } },
    async (request, reply) => {
      reply.code(201);
      return saveCamera(ctx, actorOf(request), request.body as any);
    });
  app.put('/api/monitor/cameras/:id', { config: manage, schema: { tags, summary: '修改摄像机', params: idParam, body: cameraBody, response: errorResponses } },
    async (request) => saveCamera(ctx, actorOf(request), request.body as any, (request.params as any).id));
  app.delete('/api/monitor/cameras/:id', { config: manage, schema: { tags, summary: '删除摄像机', params: idParam, response: errorResponses } },
    async (request, reply) => {
      await deleteCamera(ctx, actorOf(request), (request.params as any).id);
      reply.code(204);
    });

  app.get('/api/monitor/video-classes', { config: read, schema: { tags, summary: '视频识别类别与对应事项类型', response: errorResponses } },
    async () => listVideoClasses(db));
  app.put('/api/monitor/video-classes/:class', {
    config: manage, schema: { tags, summary: '设置识别类别：置信度阈值、合并时间窗、自动立案或人工审核', params: { type: 'object', required: ['class'],
      properties: { class: { type: 'string', pattern: KEY } } }, body: { type: 'object', additionalProperties: false,
      required: ['name', 'matterCode', 'minConfidence', 'mergeSeconds', 'mode', 'enabled'], properties: {
        name: { type: 'string', minLength: 1, maxLength: 32 }, matterCode, minConfidence: { type: 'number', minimum: 0, maximum: 1 },
        mergeSeconds: { type: 'integer', minimum: 0, maximum: 86400 }, mode: { type: 'string', enum: ['auto', 'review'] }, enabled: { type: 'boolean' } } },
    response: errorResponses },
  }, async (request) => db.transaction((tx) => saveVideoClass(tx, actorOf(request), (request.params as any).class, request.body as any)));

  app.post('/api/monitor/video-events', {
    config: { permission: PERMISSIONS.monitorIngest },
    schema: { tags, summary: '上报 AI 识别事件（API 密钥 monitor:ingest）', body: { type: 'object', additionalProperties: false,
      required: ['camera', 'class', 'confidence'], properties: {
        camera: { type: 'string', pattern: CODE }, class: { type: 'string', pattern: KEY }, confidence: { type: 'number', minimum: 0, maximum: 1 },
        detectedAt: time, snapshot: { type: 'string', pattern: MEDIA_HASH, description: '已上传抓拍图的内容哈希' },
        snapshotBase64: { type: 'string', maxLength: 14_000_000, description: '或直接附抓拍图（Base64）' } } },
    response: errorResponses },
  }, async (request, reply) => {
    const result = await ingestDetection(ctx, actorOf(request), request.body as any);
    reply.code(result.status === 'ignored' || result.status === 'merged' ? 200 : 201);
    return result;
  });
  app.get('/api/monitor/video-events', {
    config: read, schema: { tags, summary: '视频事件（status=pending_review 为待审核队列）', querystring: { type: 'object', additionalProperties: false,
      properties: { ...pageQuery, status: { type: 'string', enum: ['pending_review', 'case_created', 'rejected'] }, camera: { type: 'integer', minimum: 1 },
        class: { type: 'string', pattern: KEY } } }, response: errorResponses },
  }, async (request) => listVideoEvents(db, actorOf(request), request.query as any));
  for (const [verb, approve, summary] of [['approve', true, '审核通过（立案）'], ['reject', false, '审核驳回']] as const) {
    app.post(`/api/monitor/video-events/:id/${verb}`, {
      config: manage, schema: { tags, summary, params: idParam, body: { type: ['object', 'null'], additionalProperties: false,
        properties: { note: { type: 'string', maxLength: 500 } } }, response: errorResponses },
    }, async (request) => reviewVideoEvent(ctx, actorOf(request), (request.params as any).id, approve,
      (request.body as { note?: string } | null)?.note?.trim() || null));
  }
}
