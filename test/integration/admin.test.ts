import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

describe('access control and audit', () => {
  let p: TestPlatform;
  before(async () => { p = await startTestPlatform({ seed: seedTinyCity }); });
  after(async () => { await p?.close(); });

  it('reports health with database kind and schema version', async () => {
    const res = await p.request({ method: 'GET', url: '/api/health' });
    assert.equal(res.status, 200);
    assert.ok(['pglite', 'postgres'].includes(res.body.database));
    assert.ok(res.body.schemaVersion >= 1);
  });

  it('refuses wrong passwords with the same message as unknown users', async () => {
    const a = await p.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope-nope' } });
    const b = await p.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'nope-nope' } });
    assert.equal(a.status, 401);
    assert.equal(b.status, 401);
    assert.equal(a.body.message, b.body.message);
  });

  it('locks an account for 15 minutes after 5 failed logins (登录失败处理), other accounts unaffected', async () => {
    const attempt = (username: string, password: string) =>
      p.request({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    // a success clears the count: 4 failures, a success, 4 more still leave the account open
    for (let i = 0; i < 4; i++) assert.equal((await attempt('leader1', 'wrong-password')).status, 401);
    assert.equal((await attempt('leader1', DEMO_PASSWORD)).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await attempt('leader1', 'wrong-password')).status, 401);
    const locked = await attempt('leader1', DEMO_PASSWORD);
    assert.deepEqual([locked.status, locked.body.code], [429, 'LOGIN_LOCKED']);
    assert.match(locked.body.message, /15 分钟/);
    assert.equal((await attempt('admin', DEMO_PASSWORD)).status, 200);
    // audited: every failure with its address, and the lock once
    const audited = await p.db.query<{ action: string; n: number }>(`select action, count(*)::int as n from audit_log
      where entity = 'account' and entity_id = 'leader1' group by 1 order by 1`);
    assert.deepEqual(audited.map((r) => [r.action, Number(r.n)]), [['login_failed', 9], ['login_locked', 1]]);
    // 15 minutes later the account opens again
    await p.db.query(`update public_rate_hits set at = at - interval '16 minutes' where bucket like 'login-fail:%'`);
    assert.equal((await attempt('leader1', DEMO_PASSWORD)).status, 200);
  });

  it('requires login, and checks the role permission', async () => {
    assert.equal((await p.request({ method: 'GET', url: '/api/users' })).status, 401);
    const collector = await p.loginAs('collector1');
    const res = await p.request({ method: 'GET', url: '/api/users', headers: collector });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'FORBIDDEN');
  });

  it('masks phone numbers for roles without pii.read and shows them to those with it', async () => {
    const admin = await p.loginAs('admin');
    const list = await p.request({ method: 'GET', url: '/api/users?pageSize=100', headers: admin });
    assert.equal(list.status, 200);
    assert.match(list.body.items[0].phone, /^1380000\d{4}$/);
    const me = await p.request({ method: 'GET', url: '/api/auth/me', headers: await p.loginAs('collector1') });
    assert.equal(me.body.role, 'collector');
    assert.deepEqual(me.body.scope, ['379902']);
    assert.equal(me.body.scopeRoot.name, '中心区');
  });

  it('a district admin sees and manages only users of their district', async () => {
    const h = await p.loginAs('district_admin');
    const list = await p.request({ method: 'GET', url: '/api/users?pageSize=100', headers: h });
    assert.ok(list.body.items.every((u: any) => u.regionCode === null || u.regionCode.startsWith('379903')));
    const res = await p.request({ method: 'POST', url: '/api/users', headers: h, payload: {
      username: 'outsider', displayName: '越权', password: 'Passw0rd!', role: 'collector', regionCode: '379902' } });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'OUT_OF_SCOPE');
  });

  it('creates users with validation and records every write in a verifiable audit chain', async () => {
    const admin = await p.loginAs('admin');
    const weak = await p.request({ method: 'POST', url: '/api/users', headers: admin, payload: {
      username: 'weakling', displayName: '弱', password: 'password', role: 'collector', regionCode: '379902' } });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.code, 'WEAK_PASSWORD');
    const ok = await p.request({ method: 'POST', url: '/api/users', headers: admin, payload: {
      username: 'newbie', displayName: '新人', password: 'Passw0rd!', role: 'collector', regionCode: '379902', phone: '13912345678' } });
    assert.equal(ok.status, 201);
    const dup = await p.request({ method: 'POST', url: '/api/users', headers: admin, payload: {
      username: 'newbie', displayName: '新人', password: 'Passw0rd!', role: 'collector', regionCode: '379902' } });
    assert.equal(dup.status, 400);
    const verify = await p.request({ method: 'GET', url: '/api/audit/verify', headers: admin });
    assert.equal(verify.body.ok, true);
    assert.ok(verify.body.checked >= 2);
    // Tamper with one record: verification must point at it.
    await p.db.query(`update audit_log set after = jsonb_set(after, '{displayName}', '"改过"') where entity = 'user' and action = 'create'`);
    const broken = await p.request({ method: 'GET', url: '/api/audit/verify', headers: admin });
    assert.equal(broken.body.ok, false);
    assert.ok(broken.body.firstBadId >= 1);
  });

  it('issues API keys with scopes that machines use instead of a login', async () => {
    const admin = await p.loginAs('admin');
    const created = await p.request({ method: 'POST', url: '/api/api-keys', headers: admin, payload: { name: '测试平台', scopes: ['base:read'] } });
    assert.equal(created.status, 201);
    assert.match(created.body.key, /^cok_/);
    const me = await p.request({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': created.body.key } });
    assert.equal(me.status, 200);
    assert.equal(me.body.kind, 'api_key');
    const denied = await p.request({ method: 'GET', url: '/api/users', headers: { 'x-api-key': created.body.key } });
    assert.equal(denied.status, 403);
    const bad = await p.request({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': 'cok_AAAAAAAA_wrong' } });
    assert.equal(bad.status, 401);
    const revoked = await p.request({ method: 'DELETE', url: `/api/api-keys/${created.body.id}`, headers: admin });
    assert.equal(revoked.status, 200);
    assert.equal((await p.request({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': created.body.key } })).status, 401);
    const audited = await p.db.maybeOne("select action from audit_log where entity = 'api_key' and entity_id = $1 and action = 'revoke'", [String(created.body.id)]);
    assert.ok(audited);
    assert.equal((await p.request({ method: 'DELETE', url: `/api/api-keys/${created.body.id}`, headers: admin })).status, 404);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await p.request({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'NOT_FOUND');
  });
});
