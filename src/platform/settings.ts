// The `settings` table: one JSON value per key (working periods, workflow configuration, map tiles, scoring …).
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';

/** Stores the value under the key, noting who changed it; the caller audits in the same transaction. */
export async function writeSetting(tx: Queryable, actor: Actor, key: string, value: unknown): Promise<void> {
  await tx.query(
    `insert into settings (key, value, updated_at, updated_by) values ($1, $2, now(), $3)
     on conflict (key) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by`,
    [key, JSON.stringify(value), actor.kind === 'user' ? actor.id : null]);
}
