// Idempotency-Key of case actions (migration 018): a field app that lost the answer to an action sends it again with
// the same key and gets the first one's result, instead of a second action or a 409 on the case's version.
import type { Actor } from '../admin/actor.ts';
import { conflict } from '../platform/errors.ts';
import { actInTransaction, type ActionBody, type ActionContext, type ActionResult } from './actions.ts';
import type { Action } from './rules/transitions.ts';

/** Whose key it is: keys are the sender's own. */
const keyOwner = (actor: Actor) => `${actor.kind}:${actor.id ?? 0}`;

/**
 * Takes the action once per (actor, key). The first request claims the key and acts in the same transaction; a
 * repeat — even one racing the first, which waits on the key's row until the first commits — answers the first
 * one's result (`replayed`); the key sent with another case or action is a 409. A refused action claims nothing.
 */
export async function takeActionOnce(ctx: ActionContext, actor: Actor, caseId: number, action: Action, body: ActionBody,
  key: string): Promise<ActionResult & { replayed: boolean }> {
  const owner = keyOwner(actor);
  return ctx.db.transaction(async (tx) => {
    const claimed = await tx.maybeOne(
      `insert into case_action_keys (actor, key, case_id, action) values ($1, $2, $3, $4) on conflict do nothing returning 1 as ok`,
      [owner, key, caseId, action]);
    if (!claimed) {
      const first = await tx.maybeOne<{ case_id: number; action: string; version: number; case_no: string; stage: string }>(
        `select k.case_id, k.action, k.version, c.case_no, c.stage from case_action_keys k join cases c on c.id = k.case_id
         where k.actor = $1 and k.key = $2`, [owner, key]);
      if (!first || Number(first.case_id) !== caseId || first.action !== action) {
        throw conflict('IDEMPOTENCY_KEY_REUSED', '该幂等键已用于其他案件或操作，请换一个');
      }
      return { id: caseId, caseNo: first.case_no, stage: first.stage, version: Number(first.version), replayed: true };
    }
    const result = await actInTransaction(tx, ctx.events, actor, caseId, action, body);
    await tx.query('update case_action_keys set version = $3 where actor = $1 and key = $2', [owner, key, result.version]);
    return { ...result, replayed: false };
  });
}
