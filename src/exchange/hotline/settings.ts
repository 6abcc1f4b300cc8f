// The hotline's settings (stored under 'hotline.config'): where results are pushed back, the bearer token the
// hotline expects, and how many attempts a callback gets.
import type { Actor } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import type { Db, Queryable } from '../../db/types.ts';
import { badRequest } from '../../platform/errors.ts';
import { writeSetting } from '../../platform/settings.ts';
import type { HotlineSettings } from './views.ts';

export type { HotlineSettings } from './views.ts';
const KEY = 'hotline.config';
export const DEFAULT_SETTINGS: HotlineSettings = { callbackUrl: null, token: null, maxAttempts: 6 };

export async function loadHotlineSettings(q: Queryable): Promise<HotlineSettings> {
  const row = await q.maybeOne<{ value: Partial<HotlineSettings> }>('select value from settings where key = $1', [KEY]);
  return { ...DEFAULT_SETTINGS, ...(row?.value ?? {}) };
}

export async function saveHotlineSettings(db: Db, actor: Actor, input: HotlineSettings): Promise<HotlineSettings> {
  if (input.callbackUrl !== null && !/^https?:\/\/\S+$/.test(input.callbackUrl)) throw badRequest('INVALID_URL', '回调地址应为 http(s) 地址');
  return db.transaction(async (tx) => {
    const before = await loadHotlineSettings(tx);
    await writeSetting(tx, actor, KEY, input);
    await audit(tx, actor, { action: 'update', entity: 'setting', entityId: KEY,
      before: { ...before, token: before.token ? '***' : null }, after: { ...input, token: input.token ? '***' : null } });
    return input;
  });
}
