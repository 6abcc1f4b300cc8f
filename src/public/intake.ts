// Cases from the public channels (市民端 portal, Open311 clients): the case loop's intake with source 公众举报,
// a clearer refusal for a point outside the city, the photo's EXIF position checked against the reported point,
// and a public_reports row saying which channel, category and client it came from.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { createCase, type IntakeInput } from '../command/intake.ts';
import { readPhotoExif } from '../media/exif.ts';
import { AppError, badRequest } from '../platform/errors.ts';
import type { AppContext } from '../server/context.ts';
import { distanceM } from './geo.ts';

/** The anonymous citizen (no verified phone): reports as 公众举报 without any personal data. */
export const ANONYMOUS_ACTOR: Actor = {
  kind: 'system', id: null, name: '市民（匿名）', role: 'machine', regionCode: null, departmentId: null, scope: [], permissions: new Set(),
};

/** A photo taken farther than this from the reported point is flagged for the acceptor. */
export const EXIF_FLAG_DISTANCE_M = 500;

export interface PublicReportInput {
  typeCode: string;
  position: { lon: number; lat: number };
  address?: string;
  description: string;
  photos?: string[];
  reporter?: { name?: string; phone?: string };
  channel: 'portal' | 'open311';
  category?: string;
  apiKeyId?: number;
  attributes?: Record<string, unknown>;
  mediaUrl?: string;
  facilityId?: number;
  idempotencyKey?: string;
}

export interface PublicReportResult { id: number; caseNo: string; created: boolean; token: string | null; exifDistanceM: number | null; flagged: boolean }

async function cityName(q: Queryable): Promise<string> {
  const row = await q.maybeOne<{ name: string }>("select name from divisions where level = 'city' order by code limit 1");
  return row?.name ?? '本市';
}

/** The largest distance between the point and a photo's EXIF position (photos without GPS are ignored). */
async function exifDistance(q: Queryable, photos: readonly string[], lon: number, lat: number): Promise<number | null> {
  let worst: number | null = null;
  for (const hash of photos) {
    const row = await q.maybeOne<{ hex: string }>("select encode(data, 'hex') as hex from media where hash = $1 and content_type like 'image/%'", [hash]);
    if (!row) continue;
    const meta = await sharp(Buffer.from(row.hex, 'hex')).metadata().catch(() => undefined);
    const exif = readPhotoExif(meta?.exif);
    if (exif?.lon == null || exif.lat == null) continue;
    const d = Math.round(distanceM(lon, lat, exif.lon, exif.lat));
    worst = worst === null ? d : Math.max(worst, d);
  }
  return worst;
}

const kmText = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${m} 米`);

export async function createPublicReport(ctx: Pick<AppContext, 'db' | 'events'>, actor: Actor, input: PublicReportInput): Promise<PublicReportResult> {
  const photos = [...new Set(input.photos ?? [])];
  const distance = await exifDistance(ctx.db, photos, input.position.lon, input.position.lat);
  const flagged = distance !== null && distance > EXIF_FLAG_DISTANCE_M;
  const description = flagged
    ? `${input.description.trim()}\n【系统提示：照片拍摄位置距上报位置约 ${kmText(distance!)}，请核实】`
    : input.description.trim();
  const intake: IntakeInput = {
    kind: 'matter', typeCode: input.typeCode, position: input.position, address: input.address, description,
    source: 'public', photos, reporter: input.reporter,
  };
  let made: { id: number; created: boolean };
  try {
    made = await createCase(ctx, actor, intake, input.idempotencyKey);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'OUTSIDE_CITY' || err.code === 'OUTSIDE_GRIDS')) {
      const city = await cityName(ctx.db);
      throw badRequest(err.code, `该位置不在${city}的管辖范围内，无法受理。请在地图上选择${city}范围内的问题位置。`);
    }
    throw err;
  }
  const token = input.channel === 'open311' ? randomBytes(12).toString('base64url') : null;
  await ctx.db.query(
    `insert into public_reports (case_id, channel, category, user_id, api_key_id, token, attributes, media_url, facility_id,
       exif_distance_m, exif_flagged)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (case_id) do nothing`,
    [made.id, input.channel, input.category ?? null, actor.kind === 'user' ? actor.id : null, input.apiKeyId ?? null, token,
      JSON.stringify(input.attributes ?? {}), input.mediaUrl ?? null, input.facilityId ?? null, distance, flagged]);
  const row = await ctx.db.maybeOne<{ case_no: string; token: string | null }>(
    'select c.case_no, p.token from cases c left join public_reports p on p.case_id = c.id where c.id = $1', [made.id]);
  return { id: made.id, caseNo: row!.case_no, created: made.created, token: row!.token, exifDistanceM: distance, flagged };
}
