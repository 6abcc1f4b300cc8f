// Sessions (web cookie and API bearer token) and API keys for machines. Only hashes of secrets are stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/types.ts';
import { badRequest, notFound, unauthorized } from '../platform/errors.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-guard.ts';
import { verifyPassword } from './passwords.ts';
import { API_KEY_SCOPES, ROLE_PERMISSIONS, type Role } from './roles.ts';
import { divisionPrefix } from './scope.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  region_code: string | null;
  department_id: number | null;
  active: boolean;
  password_hash: string;
}

/** The division prefixes a user may see: their region, or for a department user the regions it serves. */
async function userScope(q: Queryable, u: Pick<UserRow, 'region_code' | 'department_id' | 'role'>): Promise<string[]> {
  if (u.role === 'citizen') return [];
  if (u.region_code) return [divisionPrefix(u.region_code)];
  if (u.department_id) {
    const rows = await q.query<{ division_code: string }>(
      'select division_code from department_regions where department_id = $1', [u.department_id]);
    return rows.map((r) => divisionPrefix(r.division_code));
  }
  return [];
}

export async function actorForUser(q: Queryable, u: Omit<UserRow, 'password_hash' | 'active'>): Promise<Actor> {
  return {
    kind: 'user',
    id: Number(u.id),
    name: u.display_name,
    role: u.role,
    regionCode: u.region_code,
    departmentId: u.department_id == null ? null : Number(u.department_id),
    scope: await userScope(q, u),
    permissions: new Set(ROLE_PERMISSIONS[u.role] ?? []),
  };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

export async function login(db: Db, username: string, password: string, sessionHours: number,
  meta: { ip?: string; userAgent?: string } = {}): Promise<LoginResult> {
  await assertLoginAllowed(db, username, meta.ip);
  const user = await db.maybeOne<UserRow>('select * from users where username = $1', [username]);
  // Same answer for unknown user and wrong password, so usernames can't be probed.
  if (!user || !(await verifyPassword(password, user.password_hash))) {
    await recordLoginFailure(db, username, meta.ip);
    throw unauthorized('用户名或密码错误');
  }
  await clearLoginFailures(db, username);
  if (!user.active) throw unauthorized('账号已停用，请联系管理员');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
  const actor = await actorForUser(db, user);
  await db.transaction(async (tx) => {
    await tx.query(
      'insert into sessions (token_hash, user_id, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5)',
      [sha256(token), user.id, expiresAt.toISOString(), meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null]);
    await audit(tx, actor, { action: 'login', entity: 'session', entityId: user.id, after: { ip: meta.ip ?? null } });
  });
  return { token, expiresAt, actor };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [sha256(token)]);
}

export async function actorForSession(db: Db, token: string): Promise<Actor | undefined> {
  const user = await db.maybeOne<UserRow>(
    `select u.* from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > now() and u.active`, [sha256(token)]);
  return user ? actorForUser(db, user) : undefined;
}

// API keys look like cok_<8-char prefix>_<secret>; the prefix finds the row, the hash checks the secret.
export async function createApiKey(tx: Queryable, creator: Actor, input: { name: string; scopes: string[]; regionCode?: string | null }) {
  for (const s of input.scopes) {
    if (!(s in API_KEY_SCOPES)) throw badRequest('UNKNOWN_SCOPE', `未知的权限范围: ${s}`);
  }
  if (input.scopes.length === 0) throw badRequest('UNKNOWN_SCOPE', '至少指定一个权限范围');
  const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const secret = randomBytes(24).toString('base64url');
  const key = `cok_${prefix}_${secret}`;
  const row = await tx.maybeOne<{ id: number }>(
    `insert into api_keys (name, key_prefix, key_hash, scopes, region_code, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [input.name, prefix, sha256(key), input.scopes, input.regionCode ?? null, creator.id]);
  await audit(tx, creator, { action: 'create', entity: 'api_key', entityId: row!.id,
    after: { name: input.name, scopes: input.scopes, region_code: input.regionCode ?? null, key_prefix: prefix } });
  return { id: Number(row!.id), key, prefix };
}

/** 吊销: the key stops working at once; audited. 404 when there is no such key still valid. */
export async function revokeApiKey(tx: Queryable, actor: Actor, id: number): Promise<void> {
  const rows = await tx.query('update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id, name, key_prefix', [id]);
  if (rows.length === 0) throw notFound('有效的 API 密钥', id);
  await audit(tx, actor, { action: 'revoke', entity: 'api_key', entityId: id, before: { name: rows[0].name, key_prefix: rows[0].key_prefix } });
}

export async function actorForApiKey(db: Db, key: string): Promise<Actor | undefined> {
  const m = /^cok_([A-Za-z0-9]{8})_[A-Za-z0-9_-]+$/.exec(key);
  if (!m) return undefined;
  const row = await db.maybeOne<{ id: number; name: string; key_hash: string; scopes: string[]; region_code: string | null }>(
    'select id, name, key_hash, scopes, region_code from api_keys where key_prefix = $1 and revoked_at is null', [m[1]]);
  if (!row || row.key_hash !== sha256(key)) return undefined;
  await db.query('update api_keys set last_used_at = now() where id = $1', [row.id]);
  return {
    kind: 'api_key',
    id: Number(row.id),
    name: row.name,
    role: 'machine',
    regionCode: row.region_code,
    departmentId: null,
    scope: row.region_code ? [divisionPrefix(row.region_code)] : 'all',
    permissions: new Set(row.scopes.flatMap((s) => API_KEY_SCOPES[s] ?? [])),
  };
}
