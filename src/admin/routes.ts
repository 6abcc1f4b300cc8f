// 应用维护 routes: login/logout, the current user, users, roles, API keys and the audit log.
import type { FastifyInstance } from 'fastify';
import { actorOf, SESSION_COOKIE } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { badRequest } from '../platform/errors.ts';
import { verifyAudit } from './audit.ts';
import { createApiKey, login, logout, revokeApiKey } from './auth.ts';
import { verifyPassword } from './passwords.ts';
import { API_KEY_SCOPES, PERMISSIONS, ROLE_NAMES, ROLE_PERMISSIONS, ROLES } from './roles.ts';
import { likePatterns } from './scope.ts';
import { createUser, getUserView, listUsers, setPassword, updateUser } from './users.ts';

const userBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    username: { type: 'string', pattern: '^[A-Za-z0-9_.-]{3,64}$' },
    displayName: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 8, maxLength: 128 },
    role: { type: 'string', enum: [...ROLES] },
    regionCode: { type: ['string', 'null'], pattern: '^[0-9]{6}([0-9]{3}){0,2}$' },
    departmentId: { type: ['integer', 'null'], minimum: 1 },
    phone: { type: ['string', 'null'], maxLength: 20 },
    idNumber: { type: ['string', 'null'], maxLength: 18 },
    active: { type: 'boolean' },
  },
} as const;

export async function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, config } = ctx;
  const tags = ['应用维护 admin'];

  app.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags, summary: '登录（网页得到会话 Cookie，接口得到 Bearer token）',
      body: { type: 'object', required: ['username', 'password'], additionalProperties: false,
        properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 128 } } },
      response: errorResponses,
    },
  }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    const result = await login(db, username, password, config.sessionHours, { ip: request.ip, userAgent: request.headers['user-agent'] });
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, expires: result.expiresAt,
    });
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: await getUserView(db, result.actor, result.actor.id!) };
  });

  app.post('/api/auth/logout', { config: { public: true }, schema: { tags, summary: '退出登录' } }, async (request, reply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : request.cookies[SESSION_COOKIE];
    if (token) await logout(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { config: { authenticated: true }, schema: { tags, summary: '当前用户、角色、权限与数据范围' } }, async (request) => {
    const actor = actorOf(request);
    const scopeNames = actor.scope === 'all' ? [] : await db.query<{ code: string; name: string; level: string }>(
      `select code, name, level from divisions where code like any($1) order by length(code), code limit 1`, [likePatterns(actor.scope)]);
    return {
      kind: actor.kind,
      user: actor.kind === 'user' ? await getUserView(db, actor, actor.id!) : null,
      role: actor.role,
      roleName: actor.role in ROLE_NAMES ? ROLE_NAMES[actor.role as keyof typeof ROLE_NAMES] : actor.role,
      permissions: [...actor.permissions].sort(),
      scope: actor.scope,
      scopeRoot: scopeNames[0] ?? null,
    };
  });

  app.post('/api/auth/password', {
    config: { authenticated: true },
    schema: { tags, summary: '修改自己的密码', body: { type: 'object', required: ['oldPassword', 'newPassword'], additionalProperties: false,
      properties: { oldPassword: { type: 'string', maxLength: 128 }, newPassword: { type: 'string', maxLength: 128 } } }, response: errorResponses },
  }, async (request) => {
    const actor = actorOf(request);
    if (actor.kind !== 'user') throw badRequest('NOT_A_USER', '只有用户账号可以修改密码');
    const { oldPassword, newPassword } = request.body as { oldPassword: string; newPassword: string };
    const row = await db.maybeOne<{ password_hash: string }>('select password_hash from users where id = $1', [actor.id]);
    if (!row || !(await verifyPassword(oldPassword, row.password_hash))) throw badRequest('WRONG_PASSWORD', '原密码不正确');
    await db.transaction((tx) => setPassword(tx, actor, actor.id!, newPassword));
    return { ok: true };
  });

  app.get('/api/roles', { config: { authenticated: true }, schema: { tags, summary: '角色与权限' } }, async () =>
    ROLES.map((r) => ({ role: r, name: ROLE_NAMES[r], permissions: ROLE_PERMISSIONS[r] })));

  app.get('/api/users', {
    config: { permission: PERMISSIONS.userManage },
    schema: { tags, summary: '用户列表（本人管辖范围内）', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, role: { type: 'string', enum: [...ROLES] }, q: { type: 'string', maxLength: 64 },
      regionCode: { type: 'string', pattern: '^[0-9]{6,12}$' }, departmentId: { type: 'integer', minimum: 1 } } } },
  }, async (request) => listUsers(db, actorOf(request), request.query as any));

  app.get('/api/users/:id', { config: { permission: PERMISSIONS.userManage }, schema: { tags, summary: '用户详情', params: idParam, response: errorResponses } },
    async (request) => getUserView(db, actorOf(request), (request.params as { id: number }).id));

  app.post('/api/users', {
    config: { permission: PERMISSIONS.userManage },
    schema: { tags, summary: '新建用户', body: { ...userBody, required: ['username', 'displayName', 'password', 'role'] }, response: errorResponses },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await db.transaction((tx) => createUser(tx, actor, request.body as any));
    reply.status(201);
    return getUserView(db, actor, id);
  });

  app.patch('/api/users/:id', {
    config: { permission: PERMISSIONS.userManage },
    schema: { tags, summary: '修改用户（角色、区域、部门、启用/停用）', params: idParam, body: { ...userBody, properties: (({ username: _u, password: _p, ...rest }) => rest)(userBody.properties) }, response: errorResponses },
  }, async (request) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: number };
    await db.transaction((tx) => updateUser(tx, actor, id, request.body as any));
    return getUserView(db, actor, id);
  });

  app.post('/api/users/:id/password', {
    config: { permission: PERMISSIONS.userManage },
    schema: { tags, summary: '重置用户密码', params: idParam, body: { type: 'object', required: ['password'], additionalProperties: false,
      properties: { password: { type: 'string', maxLength: 128 } } }, response: errorResponses },
  }, async (request) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: number };
    await getUserView(db, actor, id); // 404 outside scope
    await db.transaction((tx) => setPassword(tx, actor, id, (request.body as { password: string }).password));
    return { ok: true };
  });

  app.get('/api/api-keys', { config: { permission: PERMISSIONS.apiKeyManage }, schema: { tags, summary: 'API 密钥列表（不含密钥本身）' } }, async () =>
    db.query(`select id, name, key_prefix as "keyPrefix", scopes, region_code as "regionCode", created_at as "createdAt",
              revoked_at as "revokedAt", last_used_at as "lastUsedAt" from api_keys order by id`));

  app.post('/api/api-keys', {
    config: { permission: PERMISSIONS.apiKeyManage },
    schema: { tags, summary: '签发 API 密钥（密钥只在此时返回一次）', body: { type: 'object', required: ['name', 'scopes'], additionalProperties: false, properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 }, scopes: { type: 'array', minItems: 1, items: { type: 'string', enum: Object.keys(API_KEY_SCOPES) } },
      regionCode: { type: ['string', 'null'], pattern: '^[0-9]{6}([0-9]{3}){0,2}$' } } }, response: errorResponses },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const created = await db.transaction((tx) => createApiKey(tx, actor, request.body as any));
    reply.status(201);
    return created;
  });

  app.delete('/api/api-keys/:id', { config: { permission: PERMISSIONS.apiKeyManage }, schema: { tags, summary: '吊销 API 密钥', params: idParam, response: errorResponses } },
    async (request) => {
      const { id } = request.params as { id: number };
      await db.transaction((tx) => revokeApiKey(tx, actorOf(request), id));
      return { ok: true };
    });

  app.get('/api/audit', {
    config: { permission: PERMISSIONS.auditRead },
    schema: { tags, summary: '审计日志', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, entity: { type: 'string', maxLength: 64 }, entityId: { type: 'string', maxLength: 64 }, actorId: { type: 'integer' } } } },
  }, async (request) => {
    const q = request.query as { page: number; pageSize: number; entity?: string; entityId?: string; actorId?: number };
    const values: unknown[] = [];
    const where: string[] = [];
    if (q.entity) { values.push(q.entity); where.push(`entity = $${values.length}`); }
    if (q.entityId) { values.push(q.entityId); where.push(`entity_id = $${values.length}`); }
    if (q.actorId) { values.push(q.actorId); where.push(`actor_id = $${values.length}`); }
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const total = (await db.maybeOne<{ n: number }>(`select count(*)::int as n from audit_log ${w}`, values))!.n;
    const items = await db.query(`select id, at, actor_id as "actorId", actor_name as "actorName", actor_role as "actorRole", action, entity,
      entity_id as "entityId", before, after from audit_log ${w} order by id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`, values);
    return { total, items };
  });

  app.get('/api/audit/verify', { config: { permission: PERMISSIONS.auditRead }, schema: { tags, summary: '校验审计日志哈希链' } },
    async () => verifyAudit(db));
}
