// Open311 GeoReport v2 at /open311/v2 (http://wiki.open311.org/GeoReport_v2): discovery, services, service
// definitions, POST/GET requests, tokens — each as .json or .xml. Errors are the spec's lists [{code, description}]
// with the HTTP status as code. Empty optional parameters count as absent. Extensions: page/page_size, multipart
// media upload (field `media`), status_notes. Parameters are checked here rather than by JSON schema, so that every
// refusal comes back in the spec's error format.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../admin/actor.ts';
import { actorForApiKey } from '../../admin/auth.ts';
import { PERMISSIONS } from '../../admin/roles.ts';
import { prepareMedia, storeMedia } from '../../media/store.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { createPublicReport } from '../../public/intake.ts';
import { hit, LIMITS } from '../../public/rate-limit.ts';
import type { AppContext } from '../../server/context.ts';
import { errorBody } from '../../server/errors.ts';
import { findRequests, requestForToken, type RequestFilter } from './requests.ts';
import { attributesFor, checkAttributes, findService, listServices } from './services.ts';
import { toXml, type ListNames } from './xml.ts';

const BASE = '/open311/v2';
const CHANGESET = '2026-11-01T00:00:00+08:00'; // this implementation's version of the endpoint list
const DAY_MS = 86_400_000;
const MAX_LIMIT = 1000;
const tags = ['数据交换 Open311'];
const LISTS: ListNames = { services: 'service', attributes: 'attribute', values: 'value', service_requests: 'request', errors: 'error',
  endpoints: 'endpoint', formats: 'format' };

type Format = 'json' | 'xml';
type Params = Record<string, string>;

function formatOf(value: string | undefined): Format {
  if (value === 'json' || value === 'xml') return value;
  throw notFound('格式', `${value}（支持 json 与 xml）`);
}

function send(reply: FastifyReply, format: Format, root: string, value: unknown, status = 200) {
  reply.status(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, value, LISTS));
}

/** Query and body parameters with empty values dropped (the spec: an empty optional parameter is absent). */
function paramsOf(...sources: unknown[]): Params {
  const out: Params = {};
  for (const src of sources) {
    if (!src || typeof src !== 'object') continue;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      const s = Array.isArray(v) ? v.at(-1) : v;
      if (s === undefined || s === null) continue;
      const text = String(s).trim();
      if (text !== '') out[k] = text;
    }
  }
  return out;
}

const list = (v: string | undefined) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

function date(v: string | undefined, name: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(+d)) throw badRequest('INVALID_DATE', `${name} 应为 ISO 8601 时间（如 2026-11-01T08:00:00+08:00）`);
  return d;
}

function positiveInt(v: string | undefined, name: string, fallback: number, max: number): number {
  if (!v) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest('INVALID_PARAMETER', `${name} 应为 1 至 ${max} 之间的整数`);
  return n;
}

export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

async function checkJurisdiction(ctx: AppContext, p: Params): Promise<void> {
  if (!p.jurisdiction_id) return;
  const city = await ctx.db.maybeOne("select 1 from divisions where level = 'city' and code = $1", [p.jurisdiction_id]);
  if (!city) throw notFound('辖区 jurisdiction_id', p.jurisdiction_id);
}

/** Fields and uploaded photos of a multipart POST (photos in the field `media`, checked by content). */
async function readMultipart(request: FastifyRequest): Promise<{ fields: Params; photos: Awaited<ReturnType<typeof prepareMedia>>[] }> {
  const fields: Record<string, string> = {};
  const photos: Awaited<ReturnType<typeof prepareMedia>>[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname !== 'media') throw badRequest('UNEXPECTED_FIELD', `照片请用表单字段 media 上传，收到了 ${part.fieldname}`);
      const media = await prepareMedia(bytes, part.filename);
      if (media.kind !== 'image') throw badRequest('UNSUPPORTED_MEDIA_TYPE', '只接受照片（JPEG、PNG、WebP、GIF）');
      photos.push(media);
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  return { fields: paramsOf(fields), photos };
}

export async function registerOpen311Routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    // GeoReport clients post application/x-www-form-urlencoded; only this plugin parses it.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.setErrorHandler((err, request, reply) => {
      const { status, body } = errorBody(err);
      if (status >= 500) request.log.error({ err }, 'open311 error');
      const format: Format = /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
      return send(reply, format, 'errors', [{ code: status, description: body.message }], status);
    });
    const config = { public: true };

    scope.get(`${BASE}/discovery.:format`, { config, schema: { tags, summary: 'Open311 服务发现（discovery）' } }, async (request, reply) => {
      const format = formatOf((request.params as Params).format);
      return send(reply, format, 'discovery', {
        changeset: CHANGESET, contact: '城市运行管理服务中心', key_service: '由平台管理员在「系统管理 → API 密钥」签发范围为 open311:write 的密钥',
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${originOf(request)}${BASE}`, changeset: CHANGESET,
          type: 'production', formats: ['text/xml', 'application/json'] }],
      });
    });

    scope.get(`${BASE}/services.:format`, { config, schema: { tags, summary: 'Open311 服务列表（启用的事项类型）' } }, async (request, reply) => {
      const format = formatOf((request.params as Params).format);
      await checkJurisdiction(ctx, paramsOf(request.query));
      return send(reply, format, 'services', await listServices(ctx.db));
    });

    scope.get(`${BASE}/services/:code.:format`, { config, schema: { tags, summary: 'Open311 服务定义（属性）' } }, async (request, reply) => {
      const { code, format: f } = request.params as Params;
      const format = formatOf(f);
      await checkJurisdiction(ctx, paramsOf(request.query));
      const service = await findService(ctx.db, code);
      if (!service) throw notFound('服务', code);
      return send(reply, format, 'service_definition', { service_code: service.code, attributes: attributesFor(service.name) });
    });

    scope.post(`${BASE}/requests.:format`, { config, schema: { tags, summary: 'Open311 提交诉求（api_key，范围 open311:write）' } }, async (request, reply) => {
      const format = formatOf((request.params as Params).format);
      const upload = request.isMultipart() ? await readMultipart(request) : { fields: paramsOf(request.body), photos: [] };
      const p = { ...paramsOf(request.query), ...upload.fields };
      const key = p.api_key ?? (request.headers['x-api-key'] as string | undefined);
      const actor = key ? await actorForApiKey(ctx.db, key.trim()) : undefined;
      if (!actor) throw forbidden('api_key 无效或缺失，无法提交诉求', 'INVALID_API_KEY');
      if (!can(actor, PERMISSIONS.open311Write)) throw forbidden('该 api_key 没有 open311:write 权限', 'FORBIDDEN');
      await checkJurisdiction(ctx, p);
      await hit(ctx.db, `open311:key:${actor.id}`, LIMITS.open311PerKey);
      if (!p.service_code) throw badRequest('SERVICE_CODE_REQUIRED', '缺少 service_code');
      const service = await findService(ctx.db, p.service_code);
      if (!service) throw notFound('服务', p.service_code);
      if (!p.lat || !p.long) throw badRequest('LOCATION_REQUIRED', '请提供 lat 与 long（WGS84）；本平台不按 address_string 或 address_id 定位');
      const lat = Number(p.lat);
      const lon = Number(p.long);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw badRequest('INVALID_COORDINATE', 'lat 与 long 应为数字');
      const given = Object.fromEntries(Object.entries(p).flatMap(([k, v]) => {
        const m = /^attribute\[(.+)\]$/.exec(k);
        return m ? [[m[1], v]] : [];
      }));
      const attrs = checkAttributes(attributesFor(service.name), given);
      if (p.description && p.description.length > 4000) throw badRequest('DESCRIPTION_TOO_LONG', 'description 不能超过 4000 字');
      if (p.media_url && !/^https?:\/\/\S{1,2000}$/.test(p.media_url)) throw badRequest('INVALID_MEDIA_URL', 'media_url 应为 http(s) 地址');
      const photos = upload.photos.length === 0 ? [] : await ctx.db.transaction(async (tx) => {
        const out: string[] = [];
        for (const m of upload.photos) out.push((await storeMedia(tx, actor, m)).hash);
        return out;
      });
      const name = [p.last_name, p.first_name].filter(Boolean).join('') || undefined;
      const description = [p.description ?? service.name, ...attrs.text.map((t) => `【${t}】`)].join(' ');
      const made = await createPublicReport(ctx, actor, {
        typeCode: service.code, position: { lon, lat }, address: p.address_string, description, photos,
        reporter: { name, phone: p.phone }, channel: 'open311', apiKeyId: actor.id ?? undefined,
        attributes: { ...attrs.values, ...(p.email ? { email: p.email } : {}), ...(p.device_id ? { device_id: p.device_id } : {}),
          ...(p.account_id ? { account_id: p.account_id } : {}) },
        mediaUrl: p.media_url,
      });
      return send(reply, format, 'service_requests', [{ service_request_id: made.caseNo, token: made.token,
        service_notice: made.flagged ? '照片拍摄位置与上报位置相距较远，将由受理员核实' : null, account_id: p.account_id ?? null }], 201);
    });

    scope.get(`${BASE}/requests.:format`, { config, schema: { tags, summary: 'Open311 查询诉求（默认最近 90 天、最多 1000 条；扩展 page/page_size）' } }, async (request, reply) => {
      const format = formatOf((request.params as Params).format);
      const p = paramsOf(request.query);
      await checkJurisdiction(ctx, p);
      const status = list(p.status);
      if (status && !status.every((s) => s === 'open' || s === 'closed')) throw badRequest('INVALID_STATUS', 'status 应为 open 或 closed');
      const endDate = date(p.end_date, 'end_date');
      const startDate = date(p.start_date, 'start_date');
      const end = endDate ?? (startDate ? new Date(startDate.getTime() + 90 * DAY_MS) : new Date());
      const start = startDate ?? new Date(end.getTime() - 90 * DAY_MS);
      if (start > end) throw badRequest('INVALID_DATE', 'start_date 不能晚于 end_date');
      const pageSize = positiveInt(p.page_size, 'page_size', MAX_LIMIT, MAX_LIMIT);
      const page = positiveInt(p.page, 'page', 1, 1_000_000);
      const filter: RequestFilter = { ids: list(p.service_request_id), serviceCodes: list(p.service_code),
        status: status as RequestFilter['status'], start, end, limit: pageSize, offset: (page - 1) * pageSize };
      return send(reply, format, 'service_requests', await findRequests(ctx.db, filter, `${originOf(request)}/api/public/media`));
    });

    scope.get(`${BASE}/requests/:id.:format`, { config, schema: { tags, summary: 'Open311 查询单个诉求' } }, async (request, reply) => {
      const { id, format: f } = request.params as Params;
      const format = formatOf(f);
      await checkJurisdiction(ctx, paramsOf(request.query));
      const found = await findRequests(ctx.db, { ids: [id], start: new Date(0), end: new Date(), limit: 1, offset: 0 },
        `${originOf(request)}/api/public/media`);
      if (found.length === 0) throw notFound('诉求', id);
      return send(reply, format, 'service_requests', found);
    });

    scope.get(`${BASE}/tokens/:token.:format`, { config, schema: { tags, summary: 'Open311 由 token 查询诉求编号' } }, async (request, reply) => {
      const { token, format: f } = request.params as Params;
      const format = formatOf(f);
      const caseNo = await requestForToken(ctx.db, token);
      if (!caseNo) throw notFound('token', token);
      return send(reply, format, 'service_requests', [{ service_request_id: caseNo, token }]);
    });
  });
}

