// The scoring settings (评分设置): the current configuration in settings 'evaluation.scoring' (the domain defaults
// until an administrator saves one), every saved version in evaluation_scoring_history, each change audited.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Db, Queryable } from '../db/types.ts';
import { badRequest } from '../platform/errors.ts';
import { DEFAULT_SCORING, scoringProblem, type ScoringConfig } from './rules/scoring.ts';
import { writeSetting } from '../platform/settings.ts';

const KEY = 'evaluation.scoring';

export async function loadScoring(q: Queryable): Promise<{ config: ScoringConfig; isDefault: boolean; updatedAt: string | null }> {
  const r = await q.maybeOne<{ value: ScoringConfig; updated_at: Date }>('select value, updated_at from settings where key = $1', [KEY]);
  return r ? { config: r.value, isDefault: false, updatedAt: new Date(r.updated_at).toISOString() }
    : { config: DEFAULT_SCORING, isDefault: true, updatedAt: null };
}

export async function saveScoring(db: Db, actor: Actor, config: ScoringConfig): Promise<void> {
  const problem = scoringProblem(config);
  if (problem) throw badRequest('INVALID_SCORING', problem);
  await db.transaction(async (tx) => {
    const before = await loadScoring(tx);
    const by = actor.kind === 'user' ? actor.id : null;
    await writeSetting(tx, actor, KEY, config);
    await tx.query('insert into evaluation_scoring_history (value, changed_by) values ($1, $2)', [JSON.stringify(config), by]);
    await audit(tx, actor, { action: 'evaluation.scoring', entity: 'settings', entityId: KEY, before: before.config, after: config });
  });
}

export async function scoringHistory(q: Queryable, limit = 50) {
  const rows = await q.query(`select h.id, h.value, h.changed_at, h.changed_by, u.display_name from evaluation_scoring_history h
    left join users u on u.id = h.changed_by order by h.id desc limit $1`, [limit]);
  return rows.map((r) => ({ id: Number(r.id), value: r.value, changedAt: new Date(r.changed_at).toISOString(),
    changedBy: r.changed_by === null ? null : Number(r.changed_by), changedByName: r.display_name ?? null }));
}
