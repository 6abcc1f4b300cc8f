// Helpers for the case-loop tests: the tiny city plus a second department, a stored photo and a routing rule,
// and shortcuts to report cases and take actions as a named user.
import { hashPassword } from '../../src/admin/passwords.ts';
import type { Db } from '../../src/db/types.ts';
import { seedTinyCity } from './fixtures.ts';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from './platform.ts';

export const PHOTO = 'a'.repeat(64);
export const AFTER_PHOTO = 'b'.repeat(64);
/** Inside grid 379902001001001. */
export const POINT = { lon: 119.0002, lat: 34.0002 };
export const TYPE = '06003';   // 违章接坡 (市容环境: 1 工作日 处置)

export async function seedCommandCity(db: Db): Promise<void> {
  await seedTinyCity(db);
  const other = await db.maybeOne<{ id: number }>(
    `insert into departments (name, category, level) values ('云河市园林绿化管理处', '园林', 'city') returning id`);
  await db.query("insert into department_regions values ($1, '379900')", [other!.id]);
  await db.query(`insert into users (username, display_name, password_hash, role, department_id, phone)
    values ('handler2', '测试handler2', $1, 'handler', $2, '13800009999')`, [await hashPassword(DEMO_PASSWORD), other!.id]);
  for (const hash of [PHOTO, AFTER_PHOTO]) {
    await db.query(`insert into media (hash, content_type, size_bytes, data) values ($1, 'image/jpeg', 3, decode('ffd8ff', 'hex'))`, [hash]);
  }
  const city = await db.maybeOne<{ id: number }>("select id from departments where name = '云河市市政工程管理处'");
  await db.query(`insert into responsibility_rules (kind, type_code, division_code, department_id) values ('matter', $1, '379902', $2)`,
    [TYPE, city!.id]);
}

export interface CaseDriver {
  p: TestPlatform;
  headers: Record<string, Record<string, string>>;
  report(user: string, body?: Record<string, unknown>, extraHeaders?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(user: string, id: number): Promise<any>;
  act(user: string, id: number, action: string, body?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  queues(user: string): Promise<Record<string, number>>;
  departmentId(name: string): Promise<number>;
  userId(username: string): Promise<number>;
}

const USERS = ['admin', 'collector1', 'collector2', 'acceptor1', 'shift1', 'dispatcher1', 'handler1', 'handler2', 'inspector1', 'leader1'];

export async function startCaseDriver(): Promise<CaseDriver> {
  const p = await startTestPlatform({ seed: seedCommandCity });
  const headers: CaseDriver['headers'] = {};
  for (const u of USERS) headers[u] = await p.loginAs(u);
  const driver: CaseDriver = {
    p, headers,
    report: (user, body = {}, extra = {}) => p.request({ method: 'POST', url: '/api/cases', headers: { ...headers[user], ...extra },
      payload: { kind: 'matter', typeCode: TYPE, position: POINT, description: '人行道违章接坡', photos: [PHOTO], ...body } }),
    async get(user, id) {
      const res = await p.request({ method: 'GET', url: `/api/cases/${id}`, headers: headers[user] });
      if (res.status !== 200) throw new Error(`get ${id} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async act(user, id, action, body = {}) {
      const current = await p.db.maybeOne<{ version: number }>('select version from cases where id = $1', [id]);
      return p.request({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: headers[user],
        payload: { version: current!.version, ...body } });
    },
    async queues(user) {
      const res = await p.request({ method: 'GET', url: '/api/cases/queues', headers: headers[user] });
      return Object.fromEntries(res.body.queues.map((q: any) => [q.queue, q.count]));
    },
    async departmentId(name) {
      return Number((await p.db.maybeOne<{ id: number }>('select id from departments where name = $1', [name]))!.id);
    },
    async userId(username) {
      return Number((await p.db.maybeOne<{ id: number }>('select id from users where username = $1', [username]))!.id);
    },
  };
  return driver;
}
