// The media store (照片、视频): files kept in the database by the SHA-256 of their bytes, so the same photo
// uploaded twice is stored once and every app node serves the same files. Images get a JPEG thumbnail.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest } from '../platform/errors.ts';
import { detectType, type MediaKind } from './detect.ts';
import { readPhotoExif, type PhotoExif } from './exif.ts';

const MB = 1024 * 1024;
/** Largest accepted file of each kind (to become a setting). The multipart limit caps every upload as well. */
export const MEDIA_SIZE_LIMITS: Record<MediaKind, number> = { image: 15 * MB, video: 100 * MB };
export const THUMBNAIL_SIZE = 320;
export const MEDIA_HASH = '^[0-9a-f]{64}$';

const ACCEPTED = 'JPEG、PNG、WebP、GIF、HEIC 图片和 MP4、MOV 视频';

export interface MediaInfo {
  hash: string;
  contentType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbnailUrl: string | null;
  exif: PhotoExif | null;
}

/** A checked file ready to store: everything but the database work. */
export interface PreparedMedia extends MediaInfo {
  kind: MediaKind;
  data: Buffer;
  thumbnail: Buffer | null;
}

export const mediaUrl = (hash: string) => `/api/media/${hash}`;
export const thumbnailUrl = (hash: string) => `/api/media/${hash}/thumbnail`;

const named = (name?: string) => (name ? `（${name}）` : '');

interface ImageFacts {
  width: number;
  height: number;
  thumbnail: Buffer;
  exif: PhotoExif | null;
}

/** Size as shown (EXIF orientation applied), a JPEG thumbnail, and where and when it was taken. */
async function readImage(data: Buffer): Promise<ImageFacts> {
  const options = { failOn: 'error' } as const; // phone photos often carry harmless decoder warnings
  const meta = await sharp(data, options).metadata();
  const thumbnail = await sharp(data, options)
    .autoOrient()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' }) // transparent PNG/WebP/GIF on white, JPEG has no alpha
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return { width: meta.autoOrient.width, height: meta.autoOrient.height, thumbnail, exif: readPhotoExif(meta.exif) };
}

/** Checks a file by its content and size, hashes it, and makes the thumbnail. Throws 400 for anything unfit. */
export async function prepareMedia(bytes: Buffer, declaredName?: string): Promise<PreparedMedia> {
  if (bytes.length === 0) throw badRequest('EMPTY_FILE', `文件为空${named(declaredName)}`);
  const type = detectType(bytes);
  if (!type) throw badRequest('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型${named(declaredName)}：只接受 ${ACCEPTED}（按文件内容识别，与扩展名无关）`);
  const limit = MEDIA_SIZE_LIMITS[type.kind];
  if (bytes.length > limit) {
    throw badRequest('FILE_TOO_LARGE', `${type.kind === 'image' ? '图片' : '视频'}超过 ${limit / MB} MB${named(declaredName)}：${(bytes.length / MB).toFixed(1)} MB`,
      { limitBytes: limit, sizeBytes: bytes.length });
  }
  let image: ImageFacts | undefined;
  if (type.kind === 'image') {
    try {
      image = await readImage(bytes);
    } catch {
      if (type.contentType === 'image/heic') {
        throw badRequest('UNSUPPORTED_MEDIA_TYPE', `本服务器无法解码 HEIC 照片${named(declaredName)}：请转换为 JPEG 后上传，或在手机相机设置中选择“兼容性最佳”`);
      }
      throw badRequest('INVALID_IMAGE', `图片已损坏或无法解码${named(declaredName)}`);
    }
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  return {
    kind: type.kind, hash, contentType: type.contentType, sizeBytes: bytes.length,
    width: image?.width ?? null, height: image?.height ?? null,
    url: mediaUrl(hash), thumbnailUrl: image ? thumbnailUrl(hash) : null, exif: image?.exif ?? null,
    data: bytes, thumbnail: image?.thumbnail ?? null,
  };
}

/**
 * Stores a prepared file once per hash. `tx` must be a transaction: a new file is audited with it.
 * A file already stored is left as it is (same bytes, same hash).
 */
export async function storeMedia(tx: Queryable, actor: Actor, media: PreparedMedia): Promise<MediaInfo> {
  // Bytes go in as hex text: PGlite turns a binary parameter into hex one array element per byte, which
  // runs out of memory on a 100 MB video; Buffer's own hex encoding is fast and both databases decode it.
  const inserted = await tx.query(
    `insert into media (hash, content_type, size_bytes, width, height, data, thumbnail, created_by)
     values ($1, $2, $3, $4, $5, decode($6, 'hex'), decode($7, 'hex'), $8) on conflict (hash) do nothing returning hash`,
    [media.hash, media.contentType, media.sizeBytes, media.width, media.height, media.data.toString('hex'),
      media.thumbnail?.toString('hex') ?? null, actor.kind === 'user' ? actor.id : null],
  );
  if (inserted.length > 0) {
    await audit(tx, actor, { action: 'create', entity: 'media', entityId: media.hash,
      after: { contentType: media.contentType, sizeBytes: media.sizeBytes, width: media.width, height: media.height } });
  }
  const { kind: _kind, data: _data, thumbnail: _thumbnail, ...info } = media;
  return info;
}

/** Checks and stores one file (inside the caller's transaction). */
export async function saveMedia(tx: Queryable, actor: Actor, bytes: Buffer, declaredName?: string): Promise<MediaInfo> {
  return storeMedia(tx, actor, await prepareMedia(bytes, declaredName));
}

export interface StoredMedia {
  contentType: string;
  sizeBytes: number;
  hasThumbnail: boolean;
}

/** What is stored under a hash, without its bytes; undefined when unknown. */
export async function findMedia(q: Queryable, hash: string): Promise<StoredMedia | undefined> {
  const row = await q.maybeOne<{ content_type: string; size_bytes: number; has_thumbnail: boolean }>(
    'select content_type, size_bytes, thumbnail is not null as has_thumbnail from media where hash = $1', [hash]);
  return row && { contentType: row.content_type, sizeBytes: Number(row.size_bytes), hasThumbnail: row.has_thumbnail };
}

// Bytes come back as hex text, decoded by Buffer (fast on both databases; PGlite's own bytea parsing is per byte).
const fromHex = (hex: string) => Buffer.from(hex, 'hex');

/** Bytes `start`..`end` (inclusive, 0-based) of a stored file, or the whole file. */
export async function readMedia(q: Queryable, hash: string, range?: { start: number; end: number }): Promise<Buffer | undefined> {
  const row = range
    ? await q.maybeOne<{ hex: string }>(`select encode(substring(data from $2 for $3), 'hex') as hex from media where hash = $1`,
      [hash, range.start + 1, range.end - range.start + 1])
    : await q.maybeOne<{ hex: string }>(`select encode(data, 'hex') as hex from media where hash = $1`, [hash]);
  return row && fromHex(row.hex);
}

export async function readThumbnail(q: Queryable, hash: string): Promise<Buffer | undefined> {
  const row = await q.maybeOne<{ hex: string | null }>(`select encode(thumbnail, 'hex') as hex from media where hash = $1`, [hash]);
  return row?.hex ? fromHex(row.hex) : undefined;
}
