import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { verifyPassword } from '../../src/admin/passwords.ts';
import { standardCatalog } from '../../src/base/catalog.ts';
import { isValidCreditCode, parseComponentId } from '../../src/base/codes.ts';
import { checkTopology } from '../../src/base/spatial/topology.ts';
import { buildDepartments } from '../../src/demo/departments.ts';
import { buildDemoCity, DEMO_ACCOUNTS, DEMO_PASSWORD, generateDemoCity, isDatabaseEmpty } from '../../src/demo/index.ts';
import { DEMO_SEED } from '../../src/demo/random.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';

const DISTRICTS = ['379902', '379903', '379904', '379905'];
const REGION_ROLES = ['collector', 'acceptor', 'shift_leader', 'dispatcher', 'inspector', 'leader', 'admin'];

async function count(t: TestDb, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await t.db.maybeOne<{ n: number }>(sql, params))!.n);
}

describe('demo city 云河市', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    assert.equal(await isDatabaseEmpty(t.db), true);
    await generateDemoCity(t.db);   // its speed is measured by bench/start.bench.ts, not here
  });
  after(async () => { await t?.close(); });

  it('has the expected size', async () => {
    assert.equal(await isDatabaseEmpty(t.db), false);
    assert.equal(await count(t, `select count(*)::int as n from divisions where level = 'city'`), 1);
    assert.deepEqual((await t.db.query<{ code: string }>(`select code from divisions where level = 'district' order by code`)).map((r) => r.code), DISTRICTS);
    assert.ok(await count(t, `select count(*)::int as n from divisions where level = 'street'`) >= 20);
    assert.ok(await count(t, `select count(*)::int as n from divisions where level = 'community'`) >= 80);
    assert.ok(await count(t, 'select count(*)::int as n from unit_grids') >= 3000);
    assert.ok(await count(t, 'select count(*)::int as n from components') >= 50_000);
    assert.ok(await count(t, 'select count(*)::int as n from departments') >= 25);
    assert.ok(await count(t, 'select count(*)::int as n from landmarks') >= 300);
    assert.ok(await count(t, `select count(*)::int as n from roads where class = '主干路'`) >= 20);
    assert.ok(await count(t, `select count(*)::int as n from map_areas where kind = 'water'`) >= 1);
    assert.ok(await count(t, `select count(*)::int as n from map_areas where kind = 'park'`) >= 2);
    assert.equal(await count(t, `select count(*)::int as n from audit_log where action = 'demo' and entity = 'city' and entity_id = '379900'`), 1);
  });

  it('uses every one of the 153 component types', async () => {
    const catalog = standardCatalog().filter((r) => r.kind === 'component').map((r) => r.code).sort();
    assert.equal(catalog.length, 153);
    const used = (await t.db.query<{ type_code: string }>('select distinct type_code from components order by type_code')).map((r) => r.type_code);
    assert.deepEqual(used, catalog);
  });

  it('writes codes in the national formats', async () => {
    const divisions = await t.db.query<{ code: string; level: string; parent_code: string | null }>('select code, level, parent_code from divisions');
    for (const d of divisions) {
      if (d.level === 'city') assert.equal(d.code, '379900');
      if (d.level === 'district') assert.match(d.code, /^3799\d\d$/);
      if (d.level === 'street') { assert.match(d.code, /^\d{6}\d{3}$/); assert.equal(d.parent_code, d.code.slice(0, 6)); }
      if (d.level === 'community') { assert.match(d.code, /^\d{12}$/); assert.equal(d.parent_code, d.code.slice(0, 9)); }
    }
    assert.equal(await count(t, `select count(*)::int as n from unit_grids where code !~ '^[0-9]{15}$' or substr(code, 1, 12) <> community_code or right(code, 3) = '000'`), 0);
    assert.equal(await count(t, `select count(*)::int as n from unit_grids where area_m2 < 1000 or area_m2 > 20000 or start_date <> '2024-01-01'`), 0);
    const ids = await t.db.query<{ id: string; type_code: string; street_code: string }>('select id, type_code, street_code from components');
    for (const c of ids) {
      const parts = parseComponentId(c.id);
      assert.ok(parts, c.id);
      assert.equal(parts.typeCode, c.type_code);
      assert.equal(parts.division, c.street_code.slice(0, 6));
    }
    const departments = await t.db.query<{ name: string; credit_code: string }>('select name, credit_code from departments');
    for (const d of departments) assert.ok(isValidCreditCode(d.credit_code), `${d.name}: ${d.credit_code}`);
    assert.equal(await count(t, 'select count(*)::int as n from components where owner_department_id is null or maintainer_department_id is null'), 0);
    assert.equal(await count(t, `select count(*)::int as n from roads where array_length(bbox, 1) <> 4`), 0);
  });

  it('places every component inside its own unit grid, out of the river', async () => {
    assert.equal(await count(t, `select count(*)::int as n from components
      where community_code <> substr(grid_code, 1, 12) or street_code <> substr(grid_code, 1, 9)`), 0);
    const grids = new Map((await t.db.query<{ code: string; geometry: Polygon | MultiPolygon }>('select code, geometry from unit_grids'))
      .map((g) => [g.code, g.geometry]));
    const river = (await t.db.maybeOne<{ geometry: Polygon }>(`select geometry from map_areas where kind = 'water'`))!.geometry;
    const sample = await t.db.query<{ id: string; grid_code: string; lon: number; lat: number }>(
      `select id, grid_code, lon, lat from components order by md5(id) limit 2000`);
    assert.equal(sample.length, 2000);
    for (const c of sample) {
      const p = point([c.lon, c.lat]);
      assert.ok(booleanPointInPolygon(p, grids.get(c.grid_code)!), `${c.id} outside grid ${c.grid_code}`);
      assert.ok(!booleanPointInPolygon(p, river), `${c.id} in the river`);
    }
  });

  it('tiles every community with its unit grids, and every division is the union of its children', async () => {
    const communities = await t.db.query<{ code: string; geometry: Polygon | MultiPolygon }>(`select code, geometry from divisions where level = 'community'`);
    const grids = await t.db.query<{ code: string; community_code: string; geometry: Polygon | MultiPolygon }>('select code, community_code, geometry from unit_grids');
    const report = checkTopology(communities, grids.map((g) => ({ code: g.code, communityCode: g.community_code, geometry: g.geometry })));
    assert.deepEqual(report, { overlaps: [], gaps: [], outside: [], missingCommunity: [] });
    // areas add up level by level (children share edges exactly, so only rounding differs)
    const sums = await t.db.query<{ code: string; area_m2: number; children: number }>(`
      select p.code, p.area_m2, sum(c.area_m2) as children from divisions p join divisions c on c.parent_code = p.code group by p.code, p.area_m2`);
    for (const s of sums) assert.ok(Math.abs(s.area_m2 - Number(s.children)) < 1, `${s.code}: ${s.area_m2} vs ${s.children}`);
    const byCommunity = await t.db.query<{ code: string; area_m2: number; grids: number }>(`
      select d.code, d.area_m2, sum(g.area_m2) as grids from divisions d join unit_grids g on g.community_code = d.code group by d.code, d.area_m2`);
    assert.equal(byCommunity.length, communities.length);
    for (const s of byCommunity) assert.ok(Math.abs(s.area_m2 - Number(s.grids)) < 1, `${s.code}: ${s.area_m2} vs ${s.grids}`);
  });

  it('puts every unit grid in exactly one responsibility grid patrolled by a collector of its district', async () => {
    assert.equal(await count(t, 'select count(*)::int as n from unit_grids g where (select count(*) from responsibility_grid_members m where m.grid_code = g.code) <> 1'), 0);
    const bad = await t.db.query(`
      select r.code from responsibility_grids r left join users u on u.id = r.collector_id
      where u.role is distinct from 'collector' or substr(r.division_code, 1, 6) <> u.region_code`);
    assert.deepEqual(bad, []);
    const sizes = await t.db.query<{ n: number }>('select count(*)::int as n from responsibility_grid_members group by responsibility_code');
    assert.ok(sizes.every((s) => s.n >= 5 && s.n <= 32), 'responsibility grids hold about 10–20 unit grids');
  });

  it('has users of every role in every district, handlers for every department, all with the demo password', async () => {
    for (const district of DISTRICTS) {
      for (const role of REGION_ROLES) {
        assert.ok(await count(t, 'select count(*)::int as n from users where role = $1 and region_code = $2', [role, district]) >= 1, `${role} in ${district}`);
      }
      assert.ok(await count(t, `select count(*)::int as n from users u join department_regions r on r.department_id = u.department_id
        where u.role = 'handler' and r.division_code = $1`, [district]) >= 1, `handler in ${district}`);
    }
    assert.equal(await count(t, `select count(*)::int as n from departments d where not exists (select 1 from users u where u.department_id = d.id and u.role = 'handler')`), 0);
    assert.equal(await count(t, `select count(*)::int as n from departments d where not exists (select 1 from department_regions r where r.department_id = d.id)`), 0);
    assert.ok(await count(t, `select count(*)::int as n from users where role = 'citizen'`) >= 1);
    assert.equal(await count(t, `select count(*)::int as n from users where phone !~ '^1[3-9][0-9]{9}$'`), 0);
    const listed = await t.db.query<{ username: string; role: string; password_hash: string }>(
      'select username, role, password_hash from users where username = any($1)', [DEMO_ACCOUNTS.map((a) => a.username)]);
    assert.equal(listed.length, DEMO_ACCOUNTS.length);
    for (const a of DEMO_ACCOUNTS) assert.equal(listed.find((u) => u.username === a.username)!.role, a.role);
    assert.equal(await verifyPassword(DEMO_PASSWORD, listed[0].password_hash), true);
    const docs = fs.readFileSync(new URL('../../docs/demo-city.md', import.meta.url), 'utf8');
    for (const a of DEMO_ACCOUNTS) assert.ok(docs.includes(`| ${a.username} | ${a.roleName} | ${a.scope} |`), `docs list ${a.username}`);
  });

  it('builds the same city every time', () => {
    const hash = () => createHash('sha256').update(JSON.stringify(buildDemoCity())).digest('hex');
    assert.equal(hash(), hash());
  });

  it('refuses a database that has divisions, and replaces its base data when asked, in one go', async () => {
    await assert.rejects(generateDemoCity(t.db), (err: any) => err.code === 'DEMO_DATA_EXISTS' && err.statusCode === 409);
    const components = await count(t, 'select count(*)::int as n from components');
    await generateDemoCity(t.db, { replace: true });
    assert.equal(await count(t, 'select count(*)::int as n from components'), components);
    assert.equal(await count(t, `select count(*)::int as n from divisions where level = 'community'`), 80);
    const entry = await t.db.maybeOne<{ before: Record<string, number> }>(`select before from audit_log where action = 'demo' order by id desc limit 1`);
    assert.equal(entry!.before.components, components);
  });
});

describe('demo city written in one transaction', () => {
  let t: TestDb;
  before(async () => { t = await openTestDb(); });
  after(async () => { await t?.close(); });

  it('leaves nothing behind when writing fails half-way', async () => {
    // a department already holding the credit code the demo gives its 市政 office: the department step fails
    const taken = buildDepartments(DEMO_SEED)[0].credit_code;
    await t.db.query(`insert into departments (credit_code, name, category, level) values ($1, '已有单位', '其他', 'city')`, [taken]);
    await assert.rejects(generateDemoCity(t.db));
    assert.equal(await count(t, 'select count(*)::int as n from divisions'), 0);
    assert.equal(await count(t, 'select count(*)::int as n from unit_grids'), 0);
    assert.equal(await count(t, 'select count(*)::int as n from departments'), 1);
    assert.equal(await count(t, `select count(*)::int as n from audit_log where action = 'demo'`), 0);
  });
});
