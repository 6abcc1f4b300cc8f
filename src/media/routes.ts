// 媒体 routes: upload photos and videos, and serve them (and image thumbnails) by content hash.
// Any logged-in actor may upload and read; a hash is unguessable, and the records that show media check scope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, errorSchema } from '../server/schemas.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { MEDIA_HASH, findMedia, readMedia, readThumbnail, storeMedia, type MediaInfo } from './store.ts';
import { readUploadedMedia } from './upload.ts';

const tags = ['媒体 media'];
const authenticated = { authenticated: true };
const hashParams = { type: 'object', required: ['hash'], properties: { hash: { type: 'string', pattern: MEDIA_HASH } } } as const;
/** A file body in OpenAPI terms (routes send Buffers, which Fastify does not serialize). */
const binary = (description: string, mediaTypes: string[]) => ({ description,
  content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) });
const nullableNumber = { type: ['number', 'null'] } as const;

export const mediaSchema = {
  type: 'object',
  properties: {
    hash: { type: 'string' }, contentType: { type: 'string' }, sizeBytes: { type: 'integer' },
    width: { type: ['integer', 'null'] }, height: { type: ['integer', 'null'] },
    url: { type: 'string' }, thumbnailUrl: { type: ['string', 'null'] },
    exif: { type: ['object', 'null'], description: '照片 EXIF 中的拍摄位置（WGS84）与拍摄时间', properties: {
      lon: nullableNumber, lat: nullableNumber, takenAt: { type: ['string', 'null'] } } },
  },
} as const;

const CACHE = 'private, max-age=31536000, immutable'; // content-addressed: a hash's bytes never change

/** True when the client already holds this version (If-None-Match lists the tag, or says *). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*');
}

type Range = { start: number; end: number };

/** A single `bytes=` range (RFC 9110 §14): undefined to send the whole file, 'unsatisfiable' for 416. */
function parseRange(request: FastifyRequest, size: number, etag: string): Range | 'unsatisfiable' | undefined {
  const header = request.headers.range;
  const ifRange = request.headers['if-range'];
  if (!header || (ifRange !== undefined && ifRange !== etag)) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // several ranges or another unit: whole file
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined; // invalid range: ignored
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

function cacheHeaders(reply: FastifyReply, etag: string): FastifyReply {
  return reply.header('ETag', etag).header('Cache-Control', CACHE).header('X-Content-Type-Options', 'nosniff');
}

export async function registerMediaRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.post('/api/media', {
    config: authenticated,
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: '上传照片或视频（multipart 字段 file，可多个；按内容识别类型，图片 ≤ 15 MB、视频 ≤ 100 MB；同一文件只存一份）',
      response: { ...errorResponses, 201: { type: 'array', items: mediaSchema } },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const files = await readUploadedMedia(request);
    const saved: MediaInfo[] = await db.transaction(async (tx) => {
      const out: MediaInfo[] = [];
      for (const f of files) out.push(await storeMedia(tx, actor, f));
      return out;
    });
    reply.status(201);
    return saved;
  });

  app.get('/api/media/:hash', {
    config: authenticated,
    schema: {
      tags, summary: '下载照片或视频原件（ETag 为内容哈希，支持 If-None-Match 与 Range 断点/拖动播放）', params: hashParams,
      response: { ...errorResponses, 200: binary('文件内容', ['image/*', 'video/*']), 206: binary('所请求的字节范围', ['image/*', 'video/*']),
        416: errorSchema },
    },
  }, async (request, reply) => {
    const { hash } = request.params as { hash: string };
    const media = await findMedia(db, hash);
    if (!media) throw notFound('媒体文件', hash);
    const etag = `"${hash}"`;
    if (notModified(request, etag)) return cacheHeaders(reply, etag).status(304).send();
    const range = parseRange(request, media.sizeBytes, etag);
    if (range === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${media.sizeBytes}`);
      throw new AppError(416, 'RANGE_NOT_SATISFIABLE', `请求的字节范围超出文件大小（${media.sizeBytes} 字节）`);
    }
    const bytes = await readMedia(db, hash, range);
    if (!bytes) throw notFound('媒体文件', hash);
    cacheHeaders(reply, etag).header('Accept-Ranges', 'bytes').type(media.contentType);
    if (range) reply.status(206).header('Content-Range', `bytes ${range.start}-${range.end}/${media.sizeBytes}`);
    return reply.send(bytes);
  });

  app.get('/api/media/:hash/thumbnail', {
    config: authenticated,
    schema: { tags, summary: '照片缩略图（JPEG，长边 320 像素；视频没有缩略图）', params: hashParams,
      response: { ...errorResponses, 200: binary('JPEG 缩略图', ['image/jpeg']) } },
  }, async (request, reply) => {
    const { hash } = request.params as { hash: string };
    const etag = `"${hash}-thumbnail"`;
    const media = await findMedia(db, hash);
    if (!media) throw notFound('媒体文件', hash);
    if (!media.hasThumbnail) throw new AppError(404, 'NO_THUMBNAIL', `该文件没有缩略图（${media.contentType}）`);
    if (notModified(request, etag)) return cacheHeaders(reply, etag).status(304).send();
    const bytes = await readThumbnail(db, hash);
    if (!bytes) throw notFound('媒体文件', hash);
    return cacheHeaders(reply, etag).type('image/jpeg').send(bytes);
  });
}
