// Sliding-window rate limits for the public endpoints (and failed staff logins, admin/login-guard.ts), counted in the database so every app node shares them
// (one row per hit; a bucket's old rows are dropped as it is counted). Over the limit: 429 with a Chinese message.
import type { Queryable } from '../db/types.ts';
import { AppError } from '../platform/errors.ts';

export interface Limit { max: number; windowSeconds: number }

/** Default limits; `per` names what is counted (client IP, phone number, API key). */
export const LIMITS = {
  reportPerIp: { max: 20, windowSeconds: 3600 },
  reportPerPhone: { max: 10, windowSeconds: 3600 },
  codePerPhone: { max: 5, windowSeconds: 3600 },
  codePerIp: { max: 30, windowSeconds: 3600 },
  uploadPerIp: { max: 60, windowSeconds: 3600 },
  open311PerKey: { max: 600, windowSeconds: 3600 },
  signPerIp: { max: 10, windowSeconds: 3600 },
  signPerPhone: { max: 3, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

/** The hits in `bucket` within the last `windowSeconds`. */
export async function countHits(q: Queryable, bucket: string, windowSeconds: number): Promise<number> {
  const row = await q.maybeOne<{ n: number }>(
    'select count(*)::int as n from public_rate_hits where bucket = $1 and at >= now() - make_interval(secs => $2)', [bucket, windowSeconds]);
  return Number(row!.n);
}

/** Records one hit in `bucket` (dropping those older than `windowSeconds`) without checking any limit. */
export async function addHit(q: Queryable, bucket: string, windowSeconds: number): Promise<void> {
  await q.query('delete from public_rate_hits where bucket = $1 and at < now() - make_interval(secs => $2)', [bucket, windowSeconds]);
  await q.query('insert into public_rate_hits (bucket) values ($1)', [bucket]);
}

export async function clearHits(q: Queryable, bucket: string): Promise<void> {
  await q.query('delete from public_rate_hits where bucket = $1', [bucket]);
}

/** Counts one hit in `bucket`; refuses (429) when the window already holds `max` hits. */
export async function hit(q: Queryable, bucket: string, limit: Limit): Promise<void> {
  await q.query('delete from public_rate_hits where bucket = $1 and at < now() - make_interval(secs => $2)', [bucket, limit.windowSeconds]);
  const row = await q.maybeOne<{ n: number; inserted: number }>(
    `with recent as (select count(*)::int as n from public_rate_hits where bucket = $1),
     ins as (insert into public_rate_hits (bucket) select $1 from recent where n < $2 returning 1)
     select (select n from recent) as n, (select count(*)::int from ins) as inserted`, [bucket, limit.max]);
  if (Number(row!.inserted) === 0) {
    const minutes = Math.ceil(limit.windowSeconds / 60);
    throw new AppError(429, 'RATE_LIMITED', `操作过于频繁：${minutes} 分钟内最多 ${limit.max} 次，请稍后再试`);
  }
}
