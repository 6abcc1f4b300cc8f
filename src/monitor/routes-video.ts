// AI 视频 routes: cameras, detection classes (threshold, merge window, auto case or review), detection events from AI
// boxes (API key with scope monitor:ingest) and the review queue.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { MEDIA_HASH } from '../media/store.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { CODE, KEY, matterCode, nullableId, position, tags, time } from './schemas.ts';
import { can } from '../admin/actor.ts';
import { badRequest, forbidden } from '../platform/errors.ts';
import { DEFAULT_MERGE_METRES, ingestPatrol, MAX_PATROL_BATCH, PATROL_SOURCES, readPatrolFile, type PatrolBatch, type PatrolSource } from './patrol.ts';
import { deleteCamera, ingestDetection, listCameras, listVideoClasses, listVideoEvents, reviewVideoEvent, saveCamera, saveVideoClass } from './video.ts';
import type { VideoSourceCode } from './views.ts';

// views.ts repeats the event sources without importing them; this fails to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_SOURCE_MATCHES: Same<'camera' | PatrolSource, VideoSourceCode> = true;

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
        class: { type: 'string', pattern: KEY }, source: { type: 'string', enum: ['camera', ...PATROL_SOURCES] },
        patrol: { type: 'string', minLength: 1, maxLength: 64 } } }, response: errorResponses },
  }, async (request) => listVideoEvents(db, actorOf(request), request.query as any));
  for (const [verb, approve, summary] of [['approve', true, '审核通过（立案）'], ['reject', false, '审核驳回']] as const) {
    app.post(`/api/monitor/video-events/:id/${verb}`, {
      config: manage, schema: { tags, summary, params: idParam, body: { type: ['object', 'null'], additionalProperties: false,
        properties: { note: { type: 'string', maxLength: 500 } } }, response: errorResponses },
    }, async (request) => reviewVideoEvent(ctx, actorOf(request), (request.params as any).id, approve,
      (request.body as { note?: string } | null)?.note?.trim() || null));
  }

  // ---- 无人机/车载巡查 ----
  /** An ingest API key, or a person who manages the monitor. */
  const mayImport = (request: FastifyRequest) => {
    const actor = actorOf(request);
    if (!can(actor, PERMISSIONS.monitorIngest) && !can(actor, PERMISSIONS.monitorManage)) {
      throw forbidden(`当前身份无权导入巡查结果（需要 ${PERMISSIONS.monitorIngest} 或 ${PERMISSIONS.monitorManage}）`);
    }
    return actor;
  };
  const patrolProps = {
    source: { type: 'string', enum: [...PATROL_SOURCES], description: 'drone 无人机 / vehicle 车载' },
    patrolId: { type: 'string', minLength: 1, maxLength: 64, description: '巡查任务编号' },
    mergeMetres: { type: 'number', minimum: 0, maximum: 500, default: DEFAULT_MERGE_METRES, description: '同类别在此距离（米）与时间窗内合并' },
  } as const;
  app.post('/api/monitor/patrol-detections', {
    config: { authenticated: true },
    schema: { tags, summary: '导入无人机/车载巡查识别结果（API 密钥 monitor:ingest 或 monitor.manage 用户）', body: {
      type: 'object', additionalProperties: false, required: ['source', 'patrolId', 'detections'], properties: {
        ...patrolProps,
        detections: { type: 'array', minItems: 1, maxItems: MAX_PATROL_BATCH, items: { type: 'object', additionalProperties: false,
          required: ['position', 'class', 'confidence'], properties: {
            position, class: { type: 'string', pattern: KEY }, confidence: { type: 'number', minimum: 0, maximum: 1 }, detectedAt: time,
            snapshot: { type: 'string', pattern: MEDIA_HASH }, snapshotBase64: { type: 'string', maxLength: 14_000_000 } } } } } },
    response: errorResponses },
  }, async (request) => ingestPatrol(ctx, mayImport(request), request.body as PatrolBatch));
  app.post('/api/monitor/patrol-detections/import', {
    config: { authenticated: true },
    schema: { tags, summary: '以文件导入巡查识别结果（multipart 字段 file：.csv/.xlsx 含 lon、lat、class、confidence、detected_at、snapshot 列，或 .geojson 点）',
      consumes: ['multipart/form-data'], querystring: { type: 'object', additionalProperties: false, required: ['source', 'patrolId'], properties: {
        ...patrolProps, dryRun: { type: 'boolean', default: false } } }, response: errorResponses },
  }, async (request) => {
    const actor = mayImport(request);
    const q = request.query as { source: PatrolSource; patrolId: string; mergeMetres: number; dryRun: boolean };
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw badRequest('FILE_REQUIRED', '请在表单字段 file 中上传文件');
    const detections = await readPatrolFile(file.filename || 'upload', await file.toBuffer());
    return ingestPatrol(ctx, actor, { source: q.source, patrolId: q.patrolId, mergeMetres: q.mergeMetres, detections }, q.dryRun);
  });
}
