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

/** Adds the entry and links its attachments to the case. */
export async function addTimelineEntry(tx: Queryable, caseId: number, actor: Actor, e: TimelineEntry, at: Date): Promise<number> {
  const row = await tx.maybeOne<{ id: number }>(
    `insert into case_events (case_id, at, actor_id, actor_name, actor_role, action, from_stage, to_stage, opinion, attachments, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [caseId, at.toISOString(), actor.kind === 'user' ? actor.id : null, actor.name, actor.role, e.action, e.fromStage, e.toStage,
      e.opinion?.trim() || null, JSON.stringify(e.attachments ?? []), JSON.stringify(e.details ?? {})]);
  const eventId = Number(row!.id);
  await linkAttachments(tx, caseId, eventId, e.attachments ?? [], at);
  return eventId;
}

/** The entry's photos and videos become the case's (case_media), in one statement; a photo already there stays. */
export async function linkAttachments(tx: Queryable, caseId: number, eventId: number, attachments: TimelineEntry['attachments'] & object,
  at: Date): Promise<void> {
  if (attachments.length === 0) return;
  await tx.query(
    `insert into case_media (case_id, hash, phase, event_id, added_at)
     select $1, a.hash, a.phase, $2, $3 from json_to_recordset($4::json) as a(hash text, phase text) on conflict do nothing`,
    [caseId, eventId, at.toISOString(), JSON.stringify(attachments)]);
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
