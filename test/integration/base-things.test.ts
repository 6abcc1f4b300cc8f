import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gcoord } from '../../src/base/spatial/coords.ts';
import { makeCreditCode } from '../../src/base/codes.ts';
import { COMMUNITY_A, COMMUNITY_B, DISTRICT, OTHER_DISTRICT, seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';


describe('base data: catalogue, components, departments', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  let collector1: Record<string, string>;
  let collector2: Record<string, string>;
  let districtAdmin: Record<string, string>;

  before(async () => {
    p = await startTestPlatform({ seed: seedTinyCity });
    admin = await p.loginAs('admin');
    collector1 = await p.loginAs('collector1');
    collector2 = await p.loginAs('collector2');
    districtAdmin = await p.loginAs('district_admin');
  });
  after(async () => { await p?.close(); });

  const get = (url: string, headers: Record<string, string>) => p.request({ method: 'GET', url, headers });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    p.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const inA1 = { lon: 119.0002, lat: 34.0002 };
  const inB1 = { lon: 119.0012, lat: 34.0002 };

  describe('catalogue', () => {
    it('searches types by name or code', async () => {
      const byName = await get('/api/catalog?kind=component&q=井盖', collector1);
      assert.equal(byName.status, 200);
      assert.ok(byName.body.some((t: any) => t.code === '01001' && t.name === '供水井盖' && t.isStandard));
      assert.ok(byName.body.every((t: any) => t.kind === 'component'));
      const byCode = await get('/api/catalog?q=01001', collector1);
      assert.deepEqual(byCode.body.map((t: any) => `${t.kind}:${t.code}`).sort(), ['component:01001', 'matter:01001']);
      const major = await get('/api/catalog?kind=matter&major=06', collector1);
      assert.ok(major.body.length > 10 && major.body.every((t: any) => t.majorCode === '06'));
    });

    it('adds local types only with a minor code 900–999, city-wide', async () => {
      const ok = await send('POST', '/api/catalog', admin, { kind: 'component', code: '01901', name: '智慧灯杆' });
      assert.equal(ok.status, 201);
      assert.deepEqual([ok.body.isStandard, ok.body.majorName], [false, '市政公用设施']);
      const cases: [object, Record<string, string>, number, string][] = [
        [{ kind: 'component', code: '01050', name: '冒充标准' }, admin, 400, 'STANDARD_CODE_RESERVED'],
        [{ kind: 'component', code: '01901', name: '重复' }, admin, 409, 'DUPLICATE_CODE'],
        [{ kind: 'component', code: '99901', name: '无大类' }, admin, 400, 'UNKNOWN_MAJOR'],
        [{ kind: 'component', code: '1x901', name: '坏代码' }, admin, 400, 'INVALID_TYPE_CODE'],
        [{ kind: 'component', code: '01902', name: '区级' }, districtAdmin, 403, 'OUT_OF_SCOPE'],
        [{ kind: 'component', code: '01902', name: '监督员' }, collector1, 403, 'FORBIDDEN'],
      ];
      for (const [body, headers, status, code] of cases) {
        const res = await send('POST', '/api/catalog', headers, body);
        assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code);
      }
    });

    it('renames local types only, and enables or disables any type', async () => {
      const readonly = await send('PATCH', '/api/catalog/component/01001', admin, { name: '改名' });
      assert.deepEqual([readonly.status, readonly.body.code], [400, 'STANDARD_TYPE_READONLY']);
      const renamed = await send('PATCH', '/api/catalog/component/01901', admin, { name: '多功能灯杆' });
      assert.equal(renamed.body.name, '多功能灯杆');
      const disabled = await send('PATCH', '/api/catalog/component/01002', admin, { enabled: false });
      assert.equal(disabled.body.enabled, false);
      assert.ok(!(await get('/api/catalog?q=01002&kind=component', admin)).body.length);
      assert.equal((await get('/api/catalog?q=01002&kind=component&includeDisabled=true', admin)).body.length, 1);
      const use = await send('POST', '/api/components', admin, { typeCode: '01002', position: inA1 });
      assert.deepEqual([use.status, use.body.code], [400, 'TYPE_DISABLED']);
      assert.equal((await send('PATCH', '/api/catalog/component/01002', admin, { enabled: true })).status, 200);
      assert.equal((await send('PATCH', '/api/catalog/component/01999', admin, { enabled: true })).status, 404);
    });

    it('shows how legacy 2+2 types map to the new catalogue', async () => {
      const res = await get('/api/catalog/legacy-map', collector1);
      const row = res.body.find((r: any) => r.kind === 'component' && r.legacyCode === '0102');
      assert.deepEqual([row.targetCode, row.targetName, row.method], ['01002', '污水井盖', 'name']);
    });
  });

  describe('components', () => {
    it('generates the next 17-digit id for the located district and type', async () => {
      const a = await send('POST', '/api/components', admin, { typeCode: '01001', position: inA1, remark: '测试' });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.equal(a.body.id, `${DISTRICT}01001000001`);
      assert.deepEqual([a.body.gridCode, a.body.communityCode, a.body.streetName, a.body.name, a.body.status],
        [`${COMMUNITY_A}001`, COMMUNITY_A, '人民街道', '供水井盖', '完好']);
      const explicit = await send('POST', '/api/components', admin, { id: `${DISTRICT}01001000100`, position: inB1, name: '100 号井盖' });
      assert.equal(explicit.status, 201, JSON.stringify(explicit.body));
      assert.equal(explicit.body.typeCode, '01001');
      const next = await send('POST', '/api/components', admin, { typeCode: '01001', position: inB1 });
      assert.equal(next.body.id, `${DISTRICT}01001000101`);
      const audit = await p.db.query(`select action from audit_log where entity = 'component' and entity_id = '${DISTRICT}01001000001'`);
      assert.equal(audit.length, 1);
    });

    it('stores GCJ-02 and BD-09 positions as WGS84', async () => {
      const [lon, lat] = gcoord.transform([inB1.lon, inB1.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
      const res = await send('POST', '/api/components', admin, { typeCode: '01003', position: { lon, lat, crs: 'GCJ02' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.ok(Math.abs(res.body.lon - inB1.lon) < 1e-5 && Math.abs(res.body.lat - inB1.lat) < 1e-5);
      assert.equal(res.body.gridCode, `${COMMUNITY_B}001`);
    });

    it('refuses bad ids, unknown types, positions outside the city or the grids, duplicates and unknown departments', async () => {
      const cases: [object, Record<string, string>, number, string][] = [
        [{ id: '123', position: inA1 }, admin, 400, 'INVALID_COMPONENT_ID'],
        [{ id: `${DISTRICT}01001000000`, position: inA1 }, admin, 400, 'INVALID_COMPONENT_ID'],
        [{ id: `${DISTRICT}01001000005`, typeCode: '01003', position: inA1 }, admin, 400, 'TYPE_MISMATCH'],
        [{ id: `${OTHER_DISTRICT}01001000005`, position: inA1 }, admin, 400, 'COMPONENT_DIVISION_MISMATCH'],
        [{ typeCode: '01999', position: inA1 }, admin, 400, 'UNKNOWN_TYPE'],
        [{ typeCode: '06001', position: inA1 }, admin, 400, 'UNKNOWN_TYPE'],
        [{ position: inA1 }, admin, 400, 'TYPE_REQUIRED'],
        [{ typeCode: '01001', position: { lon: 121.5, lat: 31.2 } }, admin, 400, 'OUTSIDE_CITY'],
        [{ typeCode: '01001', position: { lon: 119.05, lat: 34.05 } }, admin, 400, 'OUTSIDE_GRIDS'],
        [{ typeCode: '01001', position: { lon: 190, lat: 34 } }, admin, 400, 'INVALID_COORDINATE'],
        [{ typeCode: '01001', position: { lon: 119.0002 } }, admin, 400, 'VALIDATION'],
        [{ typeCode: '01001', position: inA1, ownerDepartmentId: 999 }, admin, 400, 'UNKNOWN_DEPARTMENT'],
        [{ typeCode: '01001', position: inA1, status: '良好' }, admin, 400, 'VALIDATION'],
        [{ id: `${DISTRICT}01001000001`, position: inA1 }, admin, 409, 'DUPLICATE_ID'],
        [{ typeCode: '01001', position: inA1 }, districtAdmin, 403, 'OUT_OF_SCOPE'],
        [{ typeCode: '01001', position: inA1 }, collector1, 403, 'FORBIDDEN'],
      ];
      const before = (await p.db.maybeOne<{ n: number }>('select count(*)::int as n from components'))!.n;
      for (const [body, headers, status, code] of cases) {
        const res = await send('POST', '/api/components', headers, body);
        assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code, JSON.stringify(res.body));
      }
      assert.equal((await p.db.maybeOne<{ n: number }>('select count(*)::int as n from components'))!.n, before);
    });

    it('lists components by type, grid, community, status, department and text, within scope', async () => {
      const dept = Number((await p.db.maybeOne<{ id: number }>('select id from departments limit 1'))!.id);
      await send('POST', '/api/components', admin, { typeCode: '02001', position: inA1, status: '破损', ownerDepartmentId: dept, name: '候车亭甲' });
      const all = await get('/api/components', collector1);
      assert.equal(all.body.total, 5);
      assert.equal((await get('/api/components?type=01001', collector1)).body.total, 3);
      assert.equal((await get('/api/components?type=02', collector1)).body.total, 1);
      assert.equal((await get(`/api/components?grid=${COMMUNITY_B}001`, collector1)).body.total, 3);
      assert.equal((await get(`/api/components?community=${COMMUNITY_A}`, collector1)).body.total, 2);
      assert.equal((await get('/api/components?status=破损', collector1)).body.total, 1);
      const byDept = await get(`/api/components?department=${dept}`, collector1);
      assert.deepEqual([byDept.body.total, byDept.body.items[0].ownerDepartmentName], [1, '云河市市政工程管理处']);
      assert.equal((await get('/api/components?q=候车亭', collector1)).body.total, 1);
      assert.equal((await get(`/api/components?q=${DISTRICT}01001`, collector1)).body.total, 3);
      assert.equal((await get('/api/components?pageSize=2&page=3', collector1)).body.items.length, 1);
      assert.equal((await get('/api/components', collector2)).body.total, 0);
      assert.equal((await get(`/api/components/${DISTRICT}01001000001`, collector2)).status, 404);
      assert.equal((await get(`/api/components/${DISTRICT}01001000001`, collector1)).body.remark, '测试');
    });

    it('updates status and position; a new position is located again', async () => {
      const id = `${DISTRICT}01001000001`;
      const res = await send('PATCH', `/api/components/${id}`, admin, { status: '破损', position: inB1, remark: null });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([res.body.status, res.body.gridCode, res.body.communityCode, res.body.remark], ['破损', `${COMMUNITY_B}001`, COMMUNITY_B, null]);
      assert.match(res.body.changeDate, /^\d{4}-\d{2}-\d{2}$/);
      const outside = await send('PATCH', `/api/components/${id}`, admin, { position: { lon: 119.05, lat: 34.05 } });
      assert.deepEqual([outside.status, outside.body.code], [400, 'OUTSIDE_GRIDS']);
      const other = await send('PATCH', `/api/components/${id}`, districtAdmin, { status: '完好' });
      assert.equal(other.status, 404);
    });

    it('deletes components (administrators only)', async () => {
      const id = `${DISTRICT}01001000101`;
      assert.equal((await send('DELETE', `/api/components/${id}`, collector1)).status, 403);
      assert.equal((await send('DELETE', `/api/components/${id}`, admin)).status, 200);
      assert.equal((await get(`/api/components/${id}`, admin)).status, 404);
      assert.equal((await send('DELETE', `/api/components/${id}`, admin)).status, 404);
    });
  });

  describe('departments', () => {
    const credit = makeCreditCode('12', '379902', '10000001');

    it('lists departments with the regions they serve', async () => {
      const res = await get('/api/departments', collector1);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body[0].regions, [{ code: '379900', name: '云河市' }]);
    });

    it('creates a department with a checked credit code, parent and regions', async () => {
      const parentId = Number((await p.db.maybeOne<{ id: number }>('select id from departments limit 1'))!.id);
      const res = await send('POST', '/api/departments', admin, {
        name: '中心区环卫所', category: '环卫', level: 'district', creditCode: credit, parentId, regions: [DISTRICT], phone: '0539-1234567' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual([res.body.parentName, res.body.regions], ['云河市市政工程管理处', [{ code: DISTRICT, name: '中心区' }]]);
      assert.ok((await get('/api/departments', collector1)).body.some((d: any) => d.name === '中心区环卫所'));
      assert.ok(!(await get('/api/departments', collector2)).body.some((d: any) => d.name === '中心区环卫所'));
      assert.equal((await get(`/api/departments/${res.body.id}`, collector2)).status, 404);
    });

    it('refuses bad credit codes, unknown parents and regions, duplicates, cycles and other districts', async () => {
      const bad = credit.slice(0, 17) + (credit[17] === '0' ? '1' : '0');
      const cases: [object, Record<string, string>, number, string][] = [
        [{ name: 'a', category: '市政', level: 'city', creditCode: bad }, admin, 400, 'INVALID_CREDIT_CODE'],
        [{ name: 'a', category: '市政', level: 'city', parentId: 999 }, admin, 400, 'UNKNOWN_PARENT'],
        [{ name: 'a', category: '市政', level: 'city', regions: ['379999'] }, admin, 400, 'UNKNOWN_REGION'],
        [{ name: '中心区环卫所', category: '市政', level: 'city' }, admin, 409, 'DUPLICATE_DEPARTMENT'],
        [{ name: 'b', category: '市政', level: 'city', creditCode: credit }, admin, 409, 'DUPLICATE_DEPARTMENT'],
        [{ name: 'c', category: '市政', level: 'district', regions: [DISTRICT] }, districtAdmin, 403, 'OUT_OF_SCOPE'],
        [{ name: 'd', category: '市政', level: 'mars' }, admin, 400, 'VALIDATION'],
      ];
      for (const [body, headers, status, code] of cases) {
        const res = await send('POST', '/api/departments', headers, body);
        assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code);
      }
      const parent = (await get('/api/departments', admin)).body.find((d: any) => d.parentId === null);
      const child = (await get('/api/departments', admin)).body.find((d: any) => d.name === '中心区环卫所');
      const cycle = await send('PATCH', `/api/departments/${parent.id}`, admin, { parentId: child.id });
      assert.deepEqual([cycle.status, cycle.body.code], [400, 'PARENT_CYCLE']);
      const cityDept = await send('PATCH', `/api/departments/${parent.id}`, districtAdmin, { phone: '110' });
      assert.deepEqual([cityDept.status, cityDept.body.code], [403, 'OUT_OF_SCOPE']);
      const renamed = await send('PATCH', `/api/departments/${child.id}`, admin, { shortName: '环卫所', regions: [DISTRICT, OTHER_DISTRICT] });
      assert.equal(renamed.status, 200);
      assert.deepEqual([renamed.body.shortName, renamed.body.regions.length], ['环卫所', 2]);
    });
  });
});
