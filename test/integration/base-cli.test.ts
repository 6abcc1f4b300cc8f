import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openTestDb, TEST_PG_URL, type TestDb } from '../helpers/db.ts';
import { square } from '../helpers/fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('cityops import | export', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let testDb: TestDb | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityops-cli-'));
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    env = { ...rest, CITYOPS_DATA: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
    if (TEST_PG_URL) {
      testDb = await openTestDb();
      env.DATABASE_URL = testDb.url;
    }
  });
  after(async () => {
    await testDb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cityops = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/cityops.js'), ...args], { env, cwd: dir });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  const file = (name: string, content: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };
  const features = (list: [object, object][]) =>
    JSON.stringify({ type: 'FeatureCollection', features: list.map(([properties, geometry]) => ({ type: 'Feature', properties, geometry })) });

  it('imports divisions and grids, refusing a bad file with exit code 2', async () => {
    const divisions = file('divisions.geojson', features([
      [{ code: '379900', name: '云河市' }, square(119.0, 34.0, 0.1)],
      [{ code: '379902', name: '中心区' }, square(119.0, 34.0, 0.05)],
      [{ code: '379902001', name: '人民街道' }, square(119.0, 34.0, 0.002)],
      [{ code: '379902001001', name: '幸福社区' }, square(119.0, 34.0, 0.001)],
    ]));
    const ok = await cityops('import', 'divisions', divisions);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /已导入/);
    assert.match(ok.stdout, /共 4 行，无误 4 行，写入 4 行/);
    assert.match(ok.stderr, /逐行校验/); // progress (plain lines when not a terminal)

    const bad = file('bad-grids.geojson', features([
      [{ code: '379902001001001', name: '网格1' }, square(119.0, 34.0, 0.0005)],
      [{ code: '379902001009001', name: '无社区' }, square(119.0005, 34.0, 0.0005)],
    ]));
    const refused = await cityops('import', 'grids', bad);
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /已整体拒绝/);
    assert.match(refused.stdout, /第 2 行 \[code\] GRID_COMMUNITY_MISMATCH/);

    const grids = file('grids.geojson', features([
      [{ code: '379902001001001', name: '网格1' }, square(119.0, 34.0, 0.0005)],
      [{ code: '379902001001002', name: '网格2' }, square(119.0005, 34.0, 0.0005)],
    ]));
    const dry = await cityops('import', 'grids', grids, '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /校验通过/);
    assert.match(dry.stdout, /GRID_GAP/);
    const done = await cityops('import', 'grids', grids);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /写入 2 行/);
  });

  it('imports components and exports them as CSV and GeoJSON', async () => {
    const csv = file('components.csv', 'id,type_code,lon,lat\n,01001,119.0002,34.0002\n,01001,119.0007,34.0002\n');
    const imported = await cityops('import', 'components', csv);
    assert.equal(imported.code, 0, imported.stderr);
    const out = path.join(dir, 'out.csv');
    const exported = await cityops('export', 'components', '--format', 'csv', '--out', out);
    assert.equal(exported.code, 0, exported.stderr);
    const text = fs.readFileSync(out, 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.match(text, /37990201001000001,01001,供水井盖/);
    assert.match(text, /37990201001000002,01001,供水井盖/);
    const geojson = await cityops('export', 'grids');
    assert.equal(geojson.code, 0, geojson.stderr);
    assert.equal(JSON.parse(geojson.stdout).features.length, 2);
  });

  it('issues, lists and revokes API keys for integrators', async () => {
    const created = await cityops('apikey', 'create', '--name', '12345 热线平台', '--scopes', 'hotline:write');
    assert.equal(created.code, 0, created.stderr);
    const key = created.stdout.trim().split('\n').at(-1)!;
    assert.match(key, /^cok_[A-Za-z0-9]{8}_[A-Za-z0-9_-]+$/);
    const id = created.stdout.match(/id (\d+)/)![1];
    const listed = await cityops('apikey', 'list');
    assert.match(listed.stdout, new RegExp(`${key.slice(0, 12)}_….*12345 热线平台.*\\[hotline:write\\].*未使用`));
    const revoked = await cityops('apikey', 'revoke', id);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match((await cityops('apikey', 'list')).stdout, /12345 热线平台.*已吊销/);
    const again = await cityops('apikey', 'revoke', id);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /有效的 API 密钥/);
    const badScope = await cityops('apikey', 'create', '--name', 'x', '--scopes', 'root');
    assert.notEqual(badScope.code, 0);
    assert.match(badScope.stderr, /未知的权限范围/);
  });

  it('explains unknown kinds and missing files', async () => {
    const kind = await cityops('import', 'people', 'x.csv');
    assert.equal(kind.code, 1);
    assert.match(kind.stderr, /UNKNOWN_KIND/);
    const missing = await cityops('import', 'grids', path.join(dir, 'nope.geojson'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /FILE_NOT_FOUND/);
  });
});
