// 公众服务 routes. /api/public/* needs no login: anonymous citizens report and track; a citizen who verified a phone
// sends the session token as a bearer token and gets their reports, 回访 and 积分. Staff routes manage facilities
// and 店招服务. Rate limits per IP and per phone guard every public write.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../admin/actor.ts';
import { can } from '../admin/actor.ts';
import { PERMISSIONS } from '../admin/roles.ts';
import { SATISFACTION, type Satisfaction } from '../command/rules/case-model.ts';
import { findMedia, readMedia, storeMedia } from '../media/store.ts';
import type { PhotoExif } from '../media/exif.ts';
import { readUploadedMedia } from '../media/upload.ts';
import { badRequest, notFound, unauthorized } from '../platform/errors.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam } from '../server/schemas.ts';
import { PUBLIC_CATEGORIES } from './categories.ts';
import { ANONYMOUS_ACTOR } from './intake.ts';
import { FACILITY_KINDS, facilityByCode, facilityQrSvg, saveFacility, searchFacilities, type FacilityInput, type FacilityKind } from './facilities.ts';
import { checkPhone, requestCode, verifyCode } from './phone.ts';
import { pointsOf, redeem } from './points.ts';
import { registerPublicMapRoutes } from './map.ts';
import { hit, LIMITS } from './rate-limit.ts';
import { fileReport, myReports, rateReport, trackReport, type PortalReportInput } from './reports.ts';
import { createSignRequest, listSignRequests, recordSignVisit, scheduleSignVisit, signRequestForShop, type SignRequestInput } from './signs.ts';
import type { FiledReport, PhotoExifView, PortalConfig, UploadedPhoto } from './views.ts';

// views.ts writes a photo's EXIF position out without importing the media module's type; this fails to compile when
// the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_SHAPE_MATCHES: [Same<PhotoExif, PhotoExifView>] = [true];

const tags = ['公众服务 public'];
const open = { public: true };
const CASE_NO = '^\\d{4}-\\d{6}-\\d{6,}$';

/** The citizen behind the request (a verified phone's session), or undefined for an anonymous visitor. */
function citizenOf(request: FastifyRequest): Actor | undefined {
  return request.actor?.role === 'citizen' ? request.actor : undefined;
}
function requireCitizen(request: FastifyRequest): Actor {
  const c = citizenOf(request);
  if (!c) throw unauthorized('请先验证手机号');
  return c;
}

const facilityBody = {
  type: 'object', required: ['code', 'kind', 'name', 'lon', 'lat'], additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9_-]{4,40}$' }, kind: { type: 'string', enum: [...FACILITY_KINDS] },
    name: { type: 'string', minLength: 1, maxLength: 100 }, lon: { type: 'number' }, lat: { type: 'number' },
    address: { type: ['string', 'null'], maxLength: 200 }, openingHours: { type: 'string', maxLength: 100 },
    phone: { type: ['string', 'null'], maxLength: 40 }, details: { type: 'object' }, active: { type: 'boolean' },
  },
} as const;

export async function registerPublicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerPublicMapRoutes(app, ctx);
  const { db } = ctx;

  app.get('/api/public/config', { config: open, schema: { tags, summary: '市民端配置：城市、问题类别、设施类型' } }, async (): Promise<PortalConfig> => {
    const city = await db.maybeOne<{ code: string; name: string }>("select code, name from divisions where level = 'city' order by code limit 1");
    const bounds = await db.maybeOne<{ b: number[] | null }>(
      "select array[min(bbox[1]), min(bbox[2]), max(bbox[3]), max(bbox[4])] as b from unit_grids");
    return { city: city ?? null, bounds: bounds?.b?.every((x) => x !== null) ? bounds.b.map(Number) as [number, number, number, number] : null,
      categories: PUBLIC_CATEGORIES.map(({ key, name, hint }) => ({ key, name, hint })), facilityKinds: FACILITY_KINDS };
  });

  app.post('/api/public/phone/code', {
    config: open,
    schema: { tags, summary: '发送手机验证码（短信；示范环境仅记录在日志中）', response: errorResponses,
      body: { type: 'object', required: ['phone'], properties: { phone: { type: 'string', maxLength: 20 } } } },
  }, async (request) => requestCode(db, ctx.log, (request.body as { phone: string }).phone, request.ip));

  app.post('/api/public/phone/verify', {
    config: open,
    schema: { tags, summary: '验证手机验证码，返回市民会话令牌（Bearer）', response: errorResponses,
      body: { type: 'object', required: ['phone', 'code'], properties: { phone: { type: 'string', maxLength: 20 }, code: { type: 'string', maxLength: 10 } } } },
  }, async (request) => {
    const { phone, code } = request.body as { phone: string; code: string };
    return verifyCode(db, phone, code, request.ip);
  });

  app.get('/api/public/me', { config: open, schema: { tags, summary: '当前市民（已验证手机号）与积分余额' } }, async (request) => {
    const c = requireCitizen(request);
    const points = await pointsOf(db, c.id!);
    return { id: c.id, displayName: c.name, points: points.balance };
  });

  app.post('/api/public/media', {
    config: open,
    schema: { tags, consumes: ['multipart/form-data'], summary: '市民上传照片（字段 file；按内容识别，只收图片，≤ 15 MB）', response: errorResponses },
  }, async (request, reply): Promise<UploadedPhoto[]> => {
    await hit(db, `upload:ip:${request.ip}`, LIMITS.uploadPerIp);
    const files = await readUploadedMedia(request);
    if (files.some((f) => f.kind !== 'image')) throw badRequest('UNSUPPORTED_MEDIA_TYPE', '只能上传照片（JPEG、PNG、WebP、GIF）');
    const actor = citizenOf(request) ?? ANONYMOUS_ACTOR;
    const saved = await db.transaction(async (tx) => Promise.all(files.map((f) => storeMedia(tx, actor, f))));
    reply.status(201);
    return saved.map((m) => ({ hash: m.hash, width: m.width, height: m.height, exif: m.exif }));
  });

  app.get('/api/public/media/:hash', {
    config: open,
    schema: { tags, summary: '案件照片（仅已关联到案件的照片可公开访问）',
      params: { type: 'object', properties: { hash: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } },
  }, async (request, reply) => {
    const { hash } = request.params as { hash: string };
    const linked = await db.maybeOne('select 1 from case_media where hash = $1 limit 1', [hash]);
    const media = linked ? await findMedia(db, hash) : undefined;
    if (!media) throw notFound('照片', hash);
    const bytes = await readMedia(db, hash);
    return reply.header('Cache-Control', 'public, max-age=86400').header('X-Content-Type-Options', 'nosniff').type(media.contentType).send(bytes);
  });

  app.post('/api/public/reports', {
    config: open,
    schema: {
      tags, summary: '市民举报问题（匿名，或带手机验证后的令牌）；头 Idempotency-Key 防止重复提交', response: errorResponses,
      body: { type: 'object', required: ['category', 'lon', 'lat', 'description'], additionalProperties: false, properties: {
        category: { type: 'string', maxLength: 40 }, lon: { type: 'number' }, lat: { type: 'number' }, address: { type: 'string', maxLength: 200 },
        description: { type: 'string', minLength: 2, maxLength: 1000 }, photos: { type: 'array', maxItems: 6, items: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        facilityCode: { type: 'string', maxLength: 40 },
        building: { type: 'object', additionalProperties: false, properties: { stage: { type: 'string' }, areaM2: { type: 'number', minimum: 0, maximum: 1e6 } } },
      } },
    },
  }, async (request, reply): Promise<FiledReport> => {
    const citizen = citizenOf(request);
    await hit(db, `report:ip:${request.ip}`, LIMITS.reportPerIp);
    if (citizen) await hit(db, `report:user:${citizen.id}`, LIMITS.reportPerPhone);
    const key = request.headers['idempotency-key'];
    const made = await fileReport(ctx, citizen, request.body as PortalReportInput, typeof key === 'string' && key.length >= 8 ? key.slice(0, 128) : undefined);
    reply.status(made.created ? 201 : 200);
    return { caseNo: made.caseNo, created: made.created, photoFarFromPoint: made.flagged, exifDistanceM: made.exifDistanceM };
  });

  app.get('/api/public/reports/:caseNo', {
    config: open,
    schema: { tags, summary: '按案件编号查询办理进度（公开时间线，不含个人信息）',
      params: { type: 'object', properties: { caseNo: { type: 'string', pattern: CASE_NO } } } },
  }, async (request) => trackReport(db, (request.params as { caseNo: string }).caseNo, citizenOf(request)));

  app.post('/api/public/reports/:caseNo/rating', {
    config: open,
    schema: { tags, summary: '回访：举报人对办结结果评价（满意、基本满意、不满意）',
      params: { type: 'object', properties: { caseNo: { type: 'string', pattern: CASE_NO } } },
      body: { type: 'object', required: ['satisfaction'], properties: { satisfaction: { type: 'string', enum: [...SATISFACTION] },
        comment: { type: 'string', maxLength: 500 } } } },
  }, async (request) => {
    const citizen = requireCitizen(request);
    const { satisfaction, comment } = request.body as { satisfaction: Satisfaction; comment?: string };
    await rateReport(ctx, citizen, (request.params as { caseNo: string }).caseNo, satisfaction, comment);
    return trackReport(db, (request.params as { caseNo: string }).caseNo, citizen);
  });

  app.get('/api/public/my/reports', { config: open, schema: { tags, summary: '我的举报' } }, async (request) => myReports(db, requireCitizen(request)));

  app.get('/api/public/points', { config: open, schema: { tags, summary: '我的积分：余额、明细、可兑换项目' } },
    async (request) => pointsOf(db, requireCitizen(request).id!));

  app.post('/api/public/points/redeem', {
    config: open,
    schema: { tags, summary: '积分兑换', body: { type: 'object', required: ['reward'], properties: { reward: { type: 'string', maxLength: 40 } } } },
  }, async (request) => redeem(db, requireCitizen(request).id!, (request.body as { reward: string }).reward));

  app.get('/api/public/facilities', {
    config: open,
    schema: { tags, summary: '便民设施：按类型，给出位置时按距离由近到远',
      querystring: { type: 'object', properties: { kind: { type: 'string', enum: [...FACILITY_KINDS] }, lon: { type: 'number' }, lat: { type: 'number' },
        radius: { type: 'number', minimum: 1, maximum: 100000 }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } } },
  }, async (request) => {
    const q = request.query as { kind?: FacilityKind; lon?: number; lat?: number; radius?: number; limit: number };
    if ((q.lon === undefined) !== (q.lat === undefined)) throw badRequest('INVALID_COORDINATE', '请同时提供 lon 与 lat');
    return searchFacilities(db, { kind: q.kind, lon: q.lon, lat: q.lat, radiusM: q.radius, limit: q.limit });
  });

  app.get('/api/public/facilities/:code', {
    config: open, schema: { tags, summary: '一个设施（扫码页面）', params: { type: 'object', properties: { code: { type: 'string', maxLength: 40 } } } },
  }, async (request) => facilityByCode(db, (request.params as { code: string }).code));

  app.get('/api/public/facilities/:code/qr.svg', {
    config: open, schema: { tags, summary: '设施二维码（SVG，指向设施页面）', params: { type: 'object', properties: { code: { type: 'string', maxLength: 40 } } } },
  }, async (request, reply) => {
    const { code } = request.params as { code: string };
    await facilityByCode(db, code);
    return reply.type('image/svg+xml').send(await facilityQrSvg(`${request.protocol}://${request.headers.host}`, code));
  });

  app.post('/api/facilities', { config: { permission: PERMISSIONS.baseWrite }, schema: { tags, summary: '新增便民设施', body: facilityBody, response: errorResponses } },
    async (request, reply) => { reply.status(201); return saveFacility(db, actorOf(request), request.body as FacilityInput); });
  app.put('/api/facilities/:id', { config: { permission: PERMISSIONS.baseWrite }, schema: { tags, summary: '修改便民设施', params: idParam, body: facilityBody, response: errorResponses } },
    async (request) => saveFacility(db, actorOf(request), request.body as FacilityInput, (request.params as { id: number }).id));

  app.post('/api/public/sign-requests', {
    config: open,
    schema: { tags, summary: '店招服务：商户申请店招设置指导', response: errorResponses,
      body: { type: 'object', required: ['shopName', 'contactName', 'phone', 'address', 'request'], additionalProperties: false, properties: {
        shopName: { type: 'string' }, contactName: { type: 'string' }, phone: { type: 'string' }, address: { type: 'string' },
        lon: { type: 'number' }, lat: { type: 'number' }, request: { type: 'string' }, preferredDate: { type: 'string' } } } },
  }, async (request, reply) => {
    await hit(db, `sign:ip:${request.ip}`, LIMITS.signPerIp);
    await hit(db, `sign:phone:${checkPhone((request.body as SignRequestInput).phone)}`, LIMITS.signPerPhone);
    reply.status(201);
    return createSignRequest(db, request.body as SignRequestInput);
  });

  app.get('/api/public/sign-requests/:refNo', {
    config: open,
    schema: { tags, summary: '店招服务：商户按编号与手机号查询进度', params: { type: 'object', properties: { refNo: { type: 'string', maxLength: 20 } } },
      querystring: { type: 'object', required: ['phone'], properties: { phone: { type: 'string' } } } },
  }, async (request) => signRequestForShop(db, (request.params as { refNo: string }).refNo, (request.query as { phone: string }).phone));

  app.get('/api/sign-requests', {
    config: { permission: PERMISSIONS.caseRead },
    schema: { tags, summary: '店招服务申请列表', querystring: { type: 'object', properties: { status: { type: 'string', enum: ['requested', 'scheduled', 'visited', 'cancelled'] } } } },
  }, async (request) => listSignRequests(db, (request.query as { status?: string }).status, can(actorOf(request), PERMISSIONS.personalData)));

  app.post('/api/sign-requests/:id/schedule', {
    config: { permission: PERMISSIONS.caseAct },
    schema: { tags, summary: '店招服务：预约上门时间', params: idParam, response: errorResponses,
      body: { type: 'object', required: ['appointmentAt'], properties: { appointmentAt: { type: 'string' } } } },
  }, async (request) => scheduleSignVisit(db, actorOf(request), (request.params as { id: number }).id, (request.body as { appointmentAt: string }).appointmentAt));

  app.post('/api/sign-requests/:id/visit', {
    config: { permission: PERMISSIONS.caseAct },
    schema: { tags, summary: '店招服务：记录上门指导', params: idParam, response: errorResponses,
      body: { type: 'object', required: ['notes'], properties: { notes: { type: 'string' },
        photos: { type: 'array', maxItems: 9, items: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } } },
  }, async (request) => {
    const { notes, photos } = request.body as { notes: string; photos?: string[] };
    return recordSignVisit(db, actorOf(request), (request.params as { id: number }).id, notes, photos ?? []);
  });
}
