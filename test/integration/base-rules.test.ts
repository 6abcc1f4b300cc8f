import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

describe('权责清单 (responsibility list) API', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  let deptA: number;
  let deptB: number;
  before(async () => {
    p = await startTestPlatform({ seed: async (db) => {
      await seedTinyCity(db);
      await bulkInsert(db, 'roads', [{ name: '人民路', class: '主干路',
        geometry: { type: 'LineString', coordinates: [[119.0, 34.00025], [119.002, 34.00025]] }, bbox: [119.0, 34.00025, 119.002, 34.00025] }]);
    } });
    admin = await p.loginAs('admin');
    deptA = (await p.db.maybeOne<{ id: number }>('select id from departments limit 1'))!.id;
    const created = await p.request({ method: 'POST', url: '/api/departments', headers: admin,
      payload: { name: '中心区城市管理局', category: '城管', level: 'district', regions: ['379902'] } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    deptB = created.body.id;
  });
  after(async () => { await p?.close(); });

  const post = (payload: object, headers = admin) => p.request({ method: 'POST', url: '/api/responsibility-rules', headers, payload });

  it('creates rules and suggests the most specific department at a point', async () => {
    assert.equal((await post({ kind: 'matter', typeCode: '09006', divisionCode: '379900', departmentId: deptA })).status, 201);
    assert.equal((await post({ kind: 'matter', typeCode: '09006', divisionCode: '379902001', departmentId: deptB, autoDispatch: true })).status, 201);
    assert.equal((await post({ kind: 'matter', typeCode: '09006', divisionCode: '379900', departmentId: deptA, role: 'assist' })).status, 201);
    const res = await p.request({ method: 'GET', url: '/api/responsibility-rules/suggest?kind=matter&type=09006&lon=119.0002&lat=34.0002', headers: admin });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.lead.map((r: any) => r.departmentId), [deptB]);
    assert.equal(res.body.lead[0].autoDispatch, true);
    assert.deepEqual(res.body.assist.map((r: any) => r.departmentId), [deptA]);
    assert.equal(res.body.place.gridCode, '379902001001001');
    assert.equal(res.body.place.roadName, '人民路');
  });

  it('lets a road rule (路长制) beat a region rule along that road only', async () => {
    const road = await post({ kind: 'matter', typeCode: '09006', divisionCode: '379900', roadName: '人民路', departmentId: deptA });
    assert.equal(road.status, 201);
    const near = await p.request({ method: 'GET', url: '/api/responsibility-rules/suggest?kind=matter&type=09006&lon=119.0002&lat=34.0003', headers: admin });
    assert.deepEqual(near.body.lead.map((r: any) => r.id), [road.body.id]);
    await p.request({ method: 'DELETE', url: `/api/responsibility-rules/${road.body.id}`, headers: admin });
  });

  it('lists rules with names, filtered by type', async () => {
    const res = await p.request({ method: 'GET', url: '/api/responsibility-rules?type=09006', headers: admin });
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 3);
    assert.equal(res.body.items[0].typeName, '占道经营');
    assert.ok(res.body.items.every((r: any) => r.departmentName && r.divisionName));
  });

  it('refuses bad rules with clear codes and writes nothing', async () => {
    const before = (await p.db.maybeOne<{ n: number }>('select count(*)::int as n from responsibility_rules'))!.n;
    const cases: [object, number, string][] = [
      [{ kind: 'matter', typeCode: '09999', divisionCode: '379900', departmentId: deptA }, 400, 'UNKNOWN_TYPE'],
      [{ kind: 'matter', typeCode: '09006', divisionCode: '379999', departmentId: deptA }, 400, 'UNKNOWN_REGION'],
      [{ kind: 'matter', typeCode: '09006', divisionCode: '379900', departmentId: 99999 }, 400, 'UNKNOWN_DEPARTMENT'],
      [{ kind: 'matter', typeCode: '09006', divisionCode: '379900', roadName: '不存在路', departmentId: deptA }, 400, 'UNKNOWN_ROAD'],
      [{ kind: 'matter', typeCode: '09006', divisionCode: '379902001002', gridCode: '379902001001001', departmentId: deptA }, 400, 'GRID_OUTSIDE_DIVISION'],
      [{ kind: 'matter', typeCode: '9006', divisionCode: '379900', departmentId: deptA }, 400, 'VALIDATION'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await post(payload);
      assert.equal(res.status, status, JSON.stringify(payload));
      assert.equal(res.body.code, code);
      assert.match(res.body.message, /[\u4e00-\u9fa5]/);
    }
    const districtAdmin = await p.loginAs('district_admin');
    const outside = await post({ kind: 'matter', typeCode: '09006', divisionCode: '379902', departmentId: deptA }, districtAdmin);
    assert.equal(outside.status, 403);
    assert.equal(outside.body.code, 'OUT_OF_SCOPE');
    const collector = await post({ kind: 'matter', typeCode: '09006', divisionCode: '379902', departmentId: deptA }, await p.loginAs('collector1'));
    assert.equal(collector.status, 403);
    assert.equal((await p.db.maybeOne<{ n: number }>('select count(*)::int as n from responsibility_rules'))!.n, before);
  });

  it('edits and deletes with an audit trail, and answers 404 for unknown rules', async () => {
    const created = await post({ kind: 'matter', typeCode: '06010', divisionCode: '379902', departmentId: deptB });
    const patched = await p.request({ method: 'PATCH', url: `/api/responsibility-rules/${created.body.id}`, headers: admin, payload: { autoDispatch: true, note: '机器派单' } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.autoDispatch, true);
    assert.equal((await p.request({ method: 'DELETE', url: `/api/responsibility-rules/${created.body.id}`, headers: admin })).status, 200);
    assert.equal((await p.request({ method: 'DELETE', url: `/api/responsibility-rules/${created.body.id}`, headers: admin })).status, 404);
    const trail = await p.db.query<{ action: string }>(`select action from audit_log where entity = 'responsibility_rule' and entity_id = $1 order by id`, [String(created.body.id)]);
    assert.deepEqual(trail.map((r) => r.action), ['create', 'update', 'delete']);
  });

  it('answers 404 when the point is outside every grid', async () => {
    const res = await p.request({ method: 'GET', url: '/api/responsibility-rules/suggest?kind=matter&type=09006&lon=119.5&lat=34.5', headers: admin });
    assert.equal(res.status, 404);
  });
});
