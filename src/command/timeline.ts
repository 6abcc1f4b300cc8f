// The case timeline (case_events): every step with actor, role, time, opinion and attachments.
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';

export interface TimelineEntry {
  action: string;
  fromStage: string | null;
  toStage: string | null;
  opinion?: string | null;
  /** Photo hashes with their phase. */
  attachments?: { hash: string; phase: 'before' | 'after' | 'other' }[];
  details?: Record<string, unknown>;
}

export async function addTimelineEntry(tx: Queryable, caseId: number, actor: Actor, e: TimelineEntry, at: Date): Promise<number> {
  const row = await tx.maybeOne<{ id: number }>(
    `insert into case_events (case_id, at, actor_id, actor_name, actor_role, action, from_stage, to_stage, opinion, attachments, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [caseId, at.toISOString(), actor.kind === 'user' ? actor.id : null, actor.name, actor.role, e.action, e.fromStage, e.toStage,
      e.opinion?.trim() || null, JSON.stringify(e.attachments ?? []), JSON.stringify(e.details ?? {})]);
  const eventId = Number(row!.id);
  for (const a of e.attachments ?? []) {
    await tx.query(
      `insert into case_media (case_id, hash, phase, event_id, added_at) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [caseId, a.hash, a.phase, eventId, at.toISOString()]);
  }
  return eventId;
}

/** The hashes that are not stored files (the caller answers 400 UNKNOWN_MEDIA). */
export async function missingMedia(q: Queryable, hashes: readonly string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const found = await q.query<{ hash: string }>('select hash from media where hash = any($1)', [[...new Set(hashes)]]);
  const known = new Set(found.map((r) => r.hash));
  return hashes.filter((h) => !known.has(h));
}

export async function caseTimeline(q: Queryable, caseId: number) {
  const rows = await q.query('select * from case_events where case_id = $1 order by id', [caseId]);
  return rows.map((r) => ({
    id: Number(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorName: r.actor_name, actorRole: r.actor_role, action: r.action, fromStage: r.from_stage, toStage: r.to_stage,
    opinion: r.opinion, attachments: r.attachments, details: r.details,
  }));
}
