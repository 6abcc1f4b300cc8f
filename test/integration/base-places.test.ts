import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gcoord } from '../../src/base/spatial/coords.ts';
import { COMMUNITY_A, COMMUNITY_B, DISTRICT, OTHER_DISTRICT, seedTinyCity, square, STREET } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';


const bowTie = { type: 'Polygon', coordinates: [[[119.01, 34.01], [119.02, 34.02], [119.02, 34.01], [119.01, 34.02], [119.01, 34.01]]] };

describe('base data: divisions, grids, responsibility grids, locate', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  let collector1: Record<string, string>;
  let collector2: Record<string, string>;
  let districtAdmin: Record<string, string>;
  const changes: unknown[] = [];

  before(async () => {
    p = await startTestPlatform({ seed: seedTinyCity });
    admin = await p.loginAs('admin');
    collector1 = await p.loginAs('collector1');
    collector2 = await p.loginAs('collector2');
    districtAdmin = await p.loginAs('district_admin');
    p.ctx.events.subscribe('base.changed', (e) => changes.push(e.data));
  });
  after(async () => { await p?.close(); });

  const get = (url: string, headers: Record<string, string>) => p.request({ method: 'GET', url, headers });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    p.request({ method, url, headers, ...(payload ? { payload } : {}) });

  describe('divisions', () => {
    it('lists a collector\'s subtree and the divisions above it, not other districts', async () => {
      const res = await get('/api/divisions', collector1);
      assert.equal(res.status, 200);
      const codes = res.body.map((d: any) => d.code);
      assert.deepEqual(codes, ['379900', DISTRICT, STREET, COMMUNITY_A, COMMUNITY_B]);
      const byParent = await get(`/api/divisions?parent=${STREET}`, collector1);
      assert.deepEqual(byParent.body.map((d: any) => d.code), [COMMUNITY_A, COMMUNITY_B]);
      const byLevel = await get('/api/divisions?level=district', admin);
      assert.deepEqual(byLevel.body.map((d: any) => d.code), [DISTRICT, OTHER_DISTRICT]);
      assert.equal((await get(`/api/divisions/${OTHER_DISTRICT}`, collector1)).status, 404);
    });

    it('gives the tree within scope with counts of current grids', async () => {
      const res = await get('/api/divisions/tree', collector1);
      assert.equal(res.status, 200);
      assert.equal(res.body.length, 1);
      const city = res.body[0];
      assert.equal(city.code, '379900');
      assert.deepEqual(city.children.map((c: any) => c.code), [DISTRICT]);
      assert.equal(city.gridCount, 4);
      const street = city.children[0].children[0];
      assert.deepEqual(street.children.map((c: any) => [c.code, c.gridCount]), [[COMMUNITY_A, 2], [COMMUNITY_B, 2]]);
      const other = await get('/api/divisions/tree', collector2);
      assert.deepEqual(other.body[0].children.map((c: any) => [c.code, c.gridCount]), [[OTHER_DISTRICT, 0]]);
    });

    it('returns a division with its geometry', async () => {
      const res = await get(`/api/divisions/${COMMUNITY_A}`, collector1);
      assert.equal(res.status, 200);
      assert.equal(res.body.geometry.type, 'Polygon');
      assert.equal(res.body.parentName, '人民街道');
    });

    it('creates a division whose code matches its level and parent, and announces the change', async () => {
      changes.length = 0;
      const res = await send('POST', '/api/divisions', admin, { code: '379902002', name: '新华街道', level: 'street', parentCode: DISTRICT, geometry: square(119.01, 34.01, 0.01) });
      assert.equal(res.status, 201);
      assert.equal(res.body.parentCode, DISTRICT);
      assert.ok(res.body.areaM2 > 1_000_000);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(changes, [{ what: 'divisions' }]);
      const audit = await p.db.query("select action from audit_log where entity = 'division' and entity_id = '379902002'");
      assert.deepEqual(audit.map((a) => a.action), ['create']);
    });

    it('refuses codes that do not match level or parent, unknown parents, bad polygons and duplicates', async () => {
      const cases: [object, number, string][] = [
        [{ code: '379902003', name: 'x', level: 'community' }, 400, 'LEVEL_MISMATCH'],
        [{ code: '379902003', name: 'x', parentCode: OTHER_DISTRICT }, 400, 'PARENT_MISMATCH'],
        [{ code: '379902009001', name: 'x' }, 400, 'UNKNOWN_PARENT'],
        [{ code: '379902003', name: 'x', geometry: bowTie }, 400, 'SELF_INTERSECTION'],
        [{ code: '379902003', name: 'x', geometry: square(121, 30, 0.01) }, 400, 'OUTSIDE_CITY'],
        [{ code: '379902003', name: 'x', geometry: { type: 'Polygon', coordinates: [[[119.01, 34.01], [119.02, 34.01], [119.02, 34.02]]] } }, 400, 'RING_TOO_SHORT'],
        [{ code: '379902003', name: 'x', geometry: { type: 'Point', coordinates: [119.01, 34.01] } }, 400, 'GEOMETRY_WRONG_TYPE'],
        [{ code: '3799', name: 'x' }, 400, 'VALIDATION'],
        [{ code: '379902002', name: 'again' }, 409, 'DUPLICATE_CODE'],
      ];
      for (const [body, status, code] of cases) {
        const res = await send('POST', '/api/divisions', admin, body);
        assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code);
        assert.match(res.body.message, /[\u4e00-\u9fa5]/);
      }
      assert.equal((await p.db.query("select 1 from divisions where code = '379902003'")).length, 0);
    });

    it('keeps writes inside the actor\'s region and behind base.write', async () => {
      const outside = await send('POST', '/api/divisions', districtAdmin, { code: '379902004', name: '越权街道' });
      assert.equal(outside.status, 403);
      assert.equal(outside.body.code, 'OUT_OF_SCOPE');
      const inside = await send('POST', '/api/divisions', districtAdmin, { code: '379903001', name: '河东街道', geometry: square(119.15, 34.05, 0.01) });
      assert.equal(inside.status, 201);
      const patch = await send('PATCH', `/api/divisions/${DISTRICT}`, districtAdmin, { name: '改名' });
      assert.equal(patch.status, 404);
      const collector = await send('POST', '/api/divisions', collector1, { code: '379902005', name: 'x' });
      assert.equal(collector.status, 403);
      assert.equal(collector.body.code, 'FORBIDDEN');
    });

    it('renames and re-bounds a division, refuses to delete one in use, deletes an unused one', async () => {
      const renamed = await send('PATCH', '/api/divisions/379902002', admin, { name: '新华路街道', geometry: square(119.02, 34.02, 0.005) });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.name, '新华路街道');
      assert.deepEqual(renamed.body.bbox.map((n: number) => n.toFixed(6)), ['119.020000', '34.020000', '119.025000', '34.025000']);
      const inUse = await send('DELETE', `/api/divisions/${STREET}`, admin);
      assert.equal(inUse.status, 409);
      assert.equal(inUse.body.code, 'DIVISION_IN_USE');
      assert.equal((await send('DELETE', '/api/divisions/379902002', admin)).status, 200);
      assert.equal((await get('/api/divisions/379902002', admin)).status, 404);
    });
  });

  describe('unit grids', () => {
    it('lists grids with names of community and street, filtered and paged, within scope', async () => {
      const all = await get('/api/grids', collector1);
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 4);
      assert.deepEqual(Object.keys(all.body.items[0]).sort(),
        ['areaM2', 'code', 'communityCode', 'communityName', 'endDate', 'name', 'startDate', 'streetCode', 'streetName'].sort());
      assert.equal(all.body.items[0].communityName, '幸福社区');
      assert.equal(all.body.items[0].streetName, '人民街道');
      assert.equal((await get(`/api/grids?community=${COMMUNITY_B}`, collector1)).body.total, 2);
      assert.equal((await get(`/api/grids?street=${STREET}&q=网格1`, collector1)).body.total, 2);
      assert.equal((await get('/api/grids?q=379902001002', collector1)).body.total, 2);
      const page = await get('/api/grids?page=2&pageSize=3', collector1);
      assert.deepEqual([page.body.total, page.body.items.length], [4, 1]);
      const other = await get('/api/grids', collector2);
      assert.deepEqual([other.body.total, other.body.items.length], [0, 0]);
      assert.equal((await get(`/api/grids/${COMMUNITY_A}001`, collector2)).status, 404);
      const one = await get(`/api/grids/${COMMUNITY_A}001`, collector1);
      assert.equal(one.body.geometry.type, 'Polygon');
      assert.equal(one.body.componentCount, 0);
    });

    it('creates a grid in an existing community, computes its area, and the locator finds it at once', async () => {
      const res = await send('POST', '/api/grids', admin, { code: `${COMMUNITY_A}003`, name: '北网格', geometry: square(119.0, 34.0005, 0.0005) });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.ok(res.body.areaM2 > 2400 && res.body.areaM2 < 2700, String(res.body.areaM2));
      const found = await get('/api/locate?lon=119.0002&lat=34.0007', collector1);
      assert.equal(found.status, 200);
      assert.equal(found.body.gridCode, `${COMMUNITY_A}003`);
    });

    it('refuses grid codes that do not belong to a community, bad polygons, duplicates and other districts', async () => {
      const g = square(119.0005, 34.0005, 0.0005);
      const cases: [object, number, string, object][] = [
        [{ code: '379902001009001', name: 'x', geometry: g }, 400, 'GRID_COMMUNITY_MISMATCH', admin],
        [{ code: `${COMMUNITY_A}004`, communityCode: COMMUNITY_B, name: 'x', geometry: g }, 400, 'GRID_COMMUNITY_MISMATCH', admin],
        [{ code: '37990200100100', name: 'x', geometry: g }, 400, 'INVALID_GRID_CODE', admin],
        [{ code: `${COMMUNITY_A}000`, name: 'x', geometry: g }, 400, 'INVALID_GRID_CODE', admin],
        [{ code: `${COMMUNITY_A}004`, name: 'x', geometry: square(125, 40, 0.001) }, 400, 'OUTSIDE_CITY', admin],
        [{ code: `${COMMUNITY_A}004`, name: 'x', geometry: bowTie }, 400, 'SELF_INTERSECTION', admin],
        [{ code: `${COMMUNITY_A}004`, name: 'x', geometry: { type: 'Polygon', coordinates: [[[119, 34], [119.001, 34], [119.001, 34.001], [119, 34.001]]] } }, 400, 'RING_NOT_CLOSED', admin],
        [{ code: `${COMMUNITY_A}004`, name: 'x', geometry: { type: 'Polygon', coordinates: 'nope' } }, 400, 'GEOMETRY_MALFORMED', admin],
        [{ code: `${COMMUNITY_A}004`, name: 'x', startDate: '2026-05-01', endDate: '2026-01-01', geometry: g }, 400, 'INVALID_DATE_RANGE', admin],
        [{ code: `${COMMUNITY_A}003`, name: 'x', geometry: g }, 409, 'DUPLICATE_CODE', admin],
        [{ code: `${COMMUNITY_A}004`, name: 'x', geometry: g }, 403, 'OUT_OF_SCOPE', districtAdmin],
      ];
      for (const [body, status, code, headers] of cases) {
        const res = await send('POST', '/api/grids', headers as Record<string, string>, body);
        assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code);
      }
      assert.equal((await p.db.query(`select 1 from unit_grids where code = '${COMMUNITY_A}004'`)).length, 0);
    });

    it('retires a grid with an end date: it leaves the current lists and the locator', async () => {
      const { today } = (await p.db.maybeOne<{ today: string }>('select current_date::text as today'))!;
      const res = await send('PATCH', `/api/grids/${COMMUNITY_A}003`, admin, { end_date: today });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.endDate, today);
      assert.equal((await get('/api/grids?active=true', admin)).body.total, 4);
      assert.equal((await get('/api/grids?active=false', admin)).body.total, 1);
      const gone = await get('/api/locate?lon=119.0002&lat=34.0007', admin);
      assert.equal(gone.status, 404);
      assert.equal(gone.body.code, 'OUTSIDE_GRIDS');
      const back = await send('PATCH', `/api/grids/${COMMUNITY_A}003`, admin, { endDate: null, name: '北网格甲' });
      assert.deepEqual([back.body.endDate, back.body.name], [null, '北网格甲']);
      const audit = await p.db.query(`select action from audit_log where entity = 'unit_grid' and entity_id = '${COMMUNITY_A}003' order by id`);
      assert.deepEqual(audit.map((a) => a.action), ['create', 'retire', 'update']);
    });

    it('refuses to delete a grid that components use, deletes an unused one', async () => {
      const component = await send('POST', '/api/components', admin, { typeCode: '01001', position: { lon: 119.0002, lat: 34.0007 } });
      assert.equal(component.status, 201);
      const refused = await send('DELETE', `/api/grids/${COMMUNITY_A}003`, admin);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'GRID_IN_USE');
      assert.equal((await send('DELETE', `/api/components/${component.body.id}`, admin)).status, 200);
      assert.equal((await send('DELETE', `/api/grids/${COMMUNITY_A}003`, admin)).status, 200);
      assert.equal((await get(`/api/grids/${COMMUNITY_A}003`, admin)).status, 404);
    });
  });

  describe('responsibility grids', () => {
    let collectorId: number;
    before(async () => {
      collectorId = Number((await p.db.maybeOne<{ id: number }>("select id from users where username = 'collector1'"))!.id);
    });

    it('groups unit grids under a collector', async () => {
      const res = await send('POST', '/api/responsibility-grids', admin, {
        code: 'R001', name: '人民街道第一责任网格', divisionCode: STREET, collectorId, members: [`${COMMUNITY_A}001`, `${COMMUNITY_B}001`] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(res.body.members, [`${COMMUNITY_A}001`, `${COMMUNITY_B}001`]);
      assert.equal(res.body.collectorName, '测试collector1');
      assert.equal(res.body.areaM2, 5000);
      const list = await get('/api/responsibility-grids', collector1);
      assert.deepEqual(list.body.map((r: any) => r.code), ['R001']);
      assert.deepEqual((await get('/api/responsibility-grids', collector2)).body, []);
      const patched = await send('PATCH', '/api/responsibility-grids/R001', admin, { members: [`${COMMUNITY_A}001`, `${COMMUNITY_A}002`], collectorId: null });
      assert.equal(patched.status, 200);
      assert.deepEqual([patched.body.members, patched.body.collectorId], [[`${COMMUNITY_A}001`, `${COMMUNITY_A}002`], null]);
    });

    it('refuses non-collectors, unknown grids, grids outside the division and other districts', async () => {
      const adminId = Number((await p.db.maybeOne<{ id: number }>("select id from users where username = 'admin'"))!.id);
      const base = { code: 'R002', name: 'x', divisionCode: COMMUNITY_A, members: [`${COMMUNITY_A}001`] };
      const cases: [object, Record<string, string>, number, string][] = [
        [{ ...base, collectorId: adminId }, admin, 400, 'INVALID_COLLECTOR'],
        [{ ...base, members: ['379902001001099'] }, admin, 400, 'UNKNOWN_GRID'],
        [{ ...base, members: [`${COMMUNITY_B}001`] }, admin, 400, 'MEMBER_OUTSIDE_DIVISION'],
        [{ ...base, code: 'R001' }, admin, 409, 'DUPLICATE_CODE'],
        [base, districtAdmin, 403, 'OUT_OF_SCOPE'],
        [{ ...base, collectorId }, collector1, 403, 'FORBIDDEN'],
      ];
      for (const [body, headers, status, code] of cases) {
        const res = await send('POST', '/api/responsibility-grids', headers, body);
        assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, code);
      }
    });
  });

  describe('locate', () => {
    it('finds grid, community, street and district of a point, in any supported coordinate system', async () => {
      const res = await get('/api/locate?lon=119.0012&lat=34.0002', collector1);
      assert.equal(res.status, 200);
      assert.deepEqual([res.body.gridCode, res.body.communityName, res.body.streetCode, res.body.districtName],
        [`${COMMUNITY_B}001`, '和平社区', STREET, '中心区']);
      const [lon, lat] = gcoord.transform([119.0012, 34.0002], gcoord.WGS84, gcoord.GCJ02) as [number, number];
      const gcj = await get(`/api/locate?lon=${lon}&lat=${lat}&crs=GCJ02`, collector1);
      assert.equal(gcj.body.gridCode, `${COMMUNITY_B}001`);
      assert.ok(Math.abs(gcj.body.lon - 119.0012) < 1e-5);
    });

    it('answers 404 outside every grid and 400 on bad numbers', async () => {
      const outside = await get('/api/locate?lon=119.05&lat=34.05', collector1);
      assert.deepEqual([outside.status, outside.body.code], [404, 'OUTSIDE_GRIDS']);
      const word = await get('/api/locate?lon=abc&lat=34', collector1);
      assert.deepEqual([word.status, word.body.code], [400, 'VALIDATION']);
      const range = await get('/api/locate?lon=500&lat=34', collector1);
      assert.deepEqual([range.status, range.body.code], [400, 'INVALID_COORDINATE']);
      const crs = await get('/api/locate?lon=119&lat=34&crs=EPSG3857', collector1);
      assert.equal(crs.status, 400);
      assert.equal((await get('/api/locate?lon=119&lat=34', await p.loginAs('citizen1'))).status, 403);
    });
  });
});
