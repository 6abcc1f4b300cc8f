// The demo city's Open311 API key: derived from the demo seed, so every fresh demo has the same key and the
// README can print it (`Open311 api_key: …`). Only its hash is stored, as for every key.
import { createHash, createHmac } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import type { Queryable } from '../../db/types.ts';

export function demoOpen311Key(seed: number): string {
  const hex = createHmac('sha256', `cityops-demo-${seed}`).update('open311').digest('hex');
  return `cok_${hex.slice(0, 8)}_${hex.slice(8, 40)}`;
}

/** Stores the demo key (scope open311:write, whole city) in the demo's transaction. */
export async function createDemoOpen311Key(tx: Queryable, seed: number): Promise<void> {
  const key = demoOpen311Key(seed);
  const prefix = key.slice(4, 12);
  const row = await tx.maybeOne<{ id: number }>(
    `insert into api_keys (name, key_prefix, key_hash, scopes) values ('Open311 示范客户端', $1, $2, $3)
     on conflict (key_prefix) do nothing returning id`,
    [prefix, createHash('sha256').update(key).digest('hex'), ['open311:write']]);
  if (row) await audit(tx, SYSTEM_ACTOR, { action: 'create', entity: 'api_key', entityId: row.id, after: { name: 'Open311 示范客户端', scopes: ['open311:write'], key_prefix: prefix } });
}
