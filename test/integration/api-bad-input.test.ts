// Bad input anywhere gets a clear error, never a 500: every route of the OpenAPI document is called as the
// administrator with malformed path ids, query values and bodies (wrong types, out-of-range numbers, huge and empty
// strings, NUL characters, arrays and scalars for objects), and none may answer 5xx or break off its response.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedCommandCity } from '../helpers/command.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

const PATH_VALUES = ['0', '-1', 'abc', '99999999999999999999', '9007199254740993', '1.5', '%E4%B8%AD', '1'];
const QUERY_VALUES = ['', 'x', '-1', '99999999999999999999', '2026-13-45', '1.5', 'x'.repeat(3000), 'a\u0000b'];

/** Values of the wrong kind, or of the right kind but unusable, for a property of JSON schema `s`. */
function wrongValues(s: any): unknown[] {
  const type = Array.isArray(s?.type) ? s.type[0] : s?.type;
  if (type === 'integer' || type === 'number') return ['x', 99999999999999999999, -99999999999999999999, 1.5, 2147483648, 9007199254740993];
  if (type === 'string') return [123, '', 'x'.repeat(5000), '2026-13-45', '\u0000', "'; drop table cases; --"];
  if (type === 'array') return ['x', [null], [{}], Array(1000).fill(1)];
  if (type === 'object') return ['x', [], { zz: 1 }];
  if (type === 'boolean') return ['x'];
  return [null, 'x'];
}

describe('bad input on every route', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  before(async () => {
    p = await startTestPlatform({ seed: seedCommandCity });
    admin = await p.loginAs('admin');
  });
  after(async () => { await p?.close(); });

  /** Calls every route (of those `only` keeps) with malformed input as `headers`; returns the requests made and any 5xx. */
  async function fuzz(headers: Record<string, string>, only: (path: string) => boolean = () => true) {
    const spec = (await p.request({ method: 'GET', url: '/api/openapi.json' })).body;
    const failures: string[] = [];
    let requests = 0;
    const call = async (method: string, url: string, payload?: unknown) => {
      requests++;
      try {
        const res = await p.request({ method: method as any, url, headers, ...(payload === undefined ? {} : { payload: payload as any }) });
        if (res.status >= 500) failures.push(`${res.status} ${method} ${url} ${JSON.stringify(payload)?.slice(0, 100)}: ${JSON.stringify(res.body).slice(0, 160)}`);
      } catch (err) {
        failures.push(`broken response: ${method} ${url}: ${(err as Error).message}`);
      }
    };
    for (const [path, operations] of Object.entries<any>(spec.paths)) {
      if (path.endsWith('/stream') || path === '/api/auth/logout' || !only(path)) continue;   // endless event streams; ends the session
      for (const [verb, op] of Object.entries<any>(operations)) {
        const method = verb.toUpperCase();
        const hasBody = method !== 'GET' && method !== 'DELETE';
        const params = (op.parameters ?? []) as { in: string; name: string }[];
        for (const v of PATH_VALUES) await call(method, path.replace(/\{[^}]+\}/g, v), hasBody ? {} : undefined);
        const url = path.replace(/\{[^}]+\}/g, '1');
        for (const q of params.filter((x) => x.in === 'query')) {
          for (const v of QUERY_VALUES) await call(method, `${url}?${q.name}=${encodeURIComponent(v)}`, hasBody ? {} : undefined);
        }
        const body = op.requestBody?.content?.['application/json']?.schema;
        for (const [name, schema] of Object.entries<any>(body?.properties ?? {})) {
          for (const v of wrongValues(schema)) await call(method, url, { [name]: v });
        }
        if (body) for (const v of [[], 'x', null, 1]) await call(method, url, v);
      }
    }
    return { requests, failures };
  }

  it('answers every malformed request with a 4xx error, never a 5xx', async () => {
    const { requests, failures } = await fuzz(admin);
    assert.ok(requests > 3000, `${requests} requests`);
    assert.deepEqual(failures, []);
  });

  it('does the same for a district administrator and a department handler (their data scopes narrow the queries)', async () => {
    for (const user of ['district_admin', 'handler1']) {
      const { requests, failures } = await fuzz(await p.loginAs(user));
      assert.ok(requests > 3000, `${user}: ${requests} requests`);
      assert.deepEqual(failures, [], user);
    }
  });

  it('does the same for anyone on the internet: the public routes without a login', async () => {
    const { requests, failures } = await fuzz({}, (path) => path.startsWith('/api/public/') || path.startsWith('/open311/') || path.startsWith('/api/auth/'));
    assert.ok(requests > 300, `${requests} requests`);
    assert.deepEqual(failures, []);
  });

  it('refuses NUL characters with a clear 400, and a refused export filter before any file is sent', async () => {
    const nul = await p.request({ method: 'PATCH', url: '/api/departments/1', headers: admin, payload: { name: '市政\u0000处' } });
    assert.deepEqual([nul.status, nul.body.code], [400, 'INVALID_TEXT']);
    const query = await p.request({ method: 'GET', url: `/api/cases?q=${encodeURIComponent('a\u0000b')}`, headers: admin });
    assert.equal(query.status, 400);
    const exported = await p.request({ method: 'GET', url: '/api/cases/export.csv?department=99999999999999999999', headers: admin });
    assert.deepEqual([exported.status, exported.body.code], [400, 'VALUE_OUT_OF_RANGE']);
    assert.match(String(exported.headers['content-type']), /json/);
  });
});
