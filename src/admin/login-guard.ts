// 登录失败处理 (等保 2.0): after 5 failed logins of one account within 15 minutes the account is locked for the rest of
// that window (429, whatever the password); an address with 100 failures in 15 minutes is refused as well (generous:
// a whole office may reach the platform through one address). Counted in the database, so every app node shares it;
// a successful login clears the account's count.
import type { Db, Queryable } from '../db/types.ts';
import { SYSTEM_ACTOR, type Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError } from '../platform/errors.ts';
import { addHit, clearHits, countHits } from '../public/rate-limit.ts';

export const ACCOUNT_LIMIT = { max: 5, windowSeconds: 15 * 60 };
export const ADDRESS_LIMIT = { max: 100, windowSeconds: 15 * 60 };

const accountBucket = (username: string) => `login-fail:user:${username.toLowerCase()}`;
const addressBucket = (ip: string) => `login-fail:ip:${ip}`;

/** Refuses the attempt (429 LOGIN_LOCKED) while the account or the address is over its limit. */
export async function assertLoginAllowed(q: Queryable, username: string, ip: string | undefined): Promise<void> {
  const minutes = ACCOUNT_LIMIT.windowSeconds / 60;
  if (await countHits(q, accountBucket(username), ACCOUNT_LIMIT.windowSeconds) >= ACCOUNT_LIMIT.max) {
    throw new AppError(429, 'LOGIN_LOCKED', `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试或联系管理员`);
  }
  if (ip && await countHits(q, addressBucket(ip), ADDRESS_LIMIT.windowSeconds) >= ADDRESS_LIMIT.max) {
    throw new AppError(429, 'LOGIN_LOCKED', `该地址登录失败次数过多，请 ${minutes} 分钟后再试`);
  }
}

/** Who writes the audit entries of login attempts (no user is logged in). */
const LOGIN_GUARD: Actor = { ...SYSTEM_ACTOR, name: '登录保护' };

/**
 * Counts a failed login and audits it (安全审计: who tried which account from where), and the lock when this failure
 * reaches the account's limit. Bounded by the limits: a locked account's further attempts are refused before this.
 */
export async function recordLoginFailure(db: Db, username: string, ip: string | undefined): Promise<void> {
  await db.transaction(async (tx) => {
    await addHit(tx, accountBucket(username), ACCOUNT_LIMIT.windowSeconds);
    if (ip) await addHit(tx, addressBucket(ip), ADDRESS_LIMIT.windowSeconds);
    const failures = await countHits(tx, accountBucket(username), ACCOUNT_LIMIT.windowSeconds);
    await audit(tx, LOGIN_GUARD, { action: 'login_failed', entity: 'account', entityId: username.slice(0, 64), after: { ip: ip ?? null, failures } },
      ...(failures === ACCOUNT_LIMIT.max ? [{ action: 'login_locked', entity: 'account', entityId: username.slice(0, 64),
        after: { ip: ip ?? null, minutes: ACCOUNT_LIMIT.windowSeconds / 60 } }] : []));
  });
}

export const clearLoginFailures = (q: Queryable, username: string) => clearHits(q, accountBucket(username));
