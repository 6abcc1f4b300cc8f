// A whole platform on a test database, driven through app.inject (no port needed).
import type { InjectOptions } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/types.ts';
import { createPlatform, type Platform } from '../../src/platform/runtime.ts';
import { openTestDb, type TestDb } from './db.ts';

export interface TestPlatform extends Platform {
  testDb: TestDb;
  db: Db;
  /** Logs in and returns headers carrying the bearer token. */
  loginAs(username: string, password?: string): Promise<Record<string, string>>;
  request(opts: InjectOptions): Promise<{ status: number; body: any; headers: Record<string, any> }>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'Demo@2026';

export async function startTestPlatform(options: { seed?: (db: Db) => Promise<void>; nodeId?: string; testDb?: TestDb } = {}): Promise<TestPlatform> {
  const testDb = options.testDb ?? (await openTestDb());
  const config = loadConfig({ logLevel: 'silent', demoOnEmpty: false, nodeId: options.nodeId ?? 'test-node' });
  const platform = await createPlatform(config, testDb.db, { runJobs: false });
  if (options.seed) await options.seed(testDb.db);
  const request: TestPlatform['request'] = async (opts) => {
    const res = await platform.app.inject(opts);
    let body: any = res.body;
    try { body = JSON.parse(res.body); } catch { /* not JSON */ }
    return { status: res.statusCode, body, headers: res.headers as Record<string, any> };
  };
  return {
    ...platform,
    testDb,
    db: testDb.db,
    request,
    async loginAs(username, password = DEMO_PASSWORD) {
      const res = await request({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { authorization: `Bearer ${res.body.token}` };
    },
    async close() {
      await platform.stop();
      await testDb.close();
    },
  };
}
