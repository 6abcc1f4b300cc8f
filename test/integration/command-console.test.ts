// The console's helper endpoints: collectors who may be sent to 核实/核查 a case, departments a dispatcher may choose
// (the 权责清单 suggestion first), and the routing explanation in the detail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../../src/admin/passwords.ts';
import { startCaseDriver, type CaseDriver } from '../helpers/command.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';

describe('case console options', () => {
  let d: CaseDriver;
  let caseId: number;
  let cityDept: number;
  let parksDept: number;
  let farDept: number;

  before(async () => {
    d = await startCaseDriver();
    const db = d.p.db;
    cityDept = await d.departmentId('云河市市政工程管理处');
    parksDept = await d.departmentId('云河市园林绿化管理处');
    // A department serving only the other district, and an inactive collector of the case's district.
    farDept = Number((await db.maybeOne<{ id: number }>(
      "insert into departments (name, category, level) values ('河东区环卫所', '环卫', 'district') returning id"))!.id);
    await db.query("insert into department_regions values ($1, '379903')", [farDept]);
    await db.query(`insert into users (username, display_name, password_hash, role, region_code, active)
      values ('collector_gone', '离职监督员', $1, 'collector', '379902', false)`, [await hashPassword(DEMO_PASSWORD)]);
    // collector2 (河东区) is not in the district; collector3 covers the case's grid through a 责任网格.
    await db.query(`insert into users (username, display_name, password_hash, role, region_code)
      values ('collector3', '网格监督员', $1, 'collector', '379902001')`, [await hashPassword(DEMO_PASSWORD)]);
    const c3 = await d.userId('collector3');
    await db.query("insert into responsibility_grids (code, name, division_code, collector_id) values ('RG1', '责任网格一', '379902001', $1)", [c3]);
    await db.query("insert into responsibility_grid_members values ('RG1', '379902001001001')");
    const created = await d.report('collector1');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    caseId = created.body.id;
  });
  after(async () => { await d.p.close(); });

  it('explains the routing suggestion with the rule that chose the department', async () => {
    const c = await d.get('dispatcher1', caseId);
    assert.equal(c.routing.source, 'rules');
    assert.equal(c.routing.lead.length, 1);
    const lead = c.routing.lead[0];
    assert.equal(lead.departmentId, cityDept);
    assert.equal(lead.departmentName, '云河市市政工程管理处');
    assert.equal(lead.rule.divisionCode, '379902');
    assert.equal(lead.rule.divisionName, '中心区');
    assert.equal(lead.rule.role, 'lead');
    assert.equal(lead.rule.id, lead.ruleId);
  });

  it('lists active collectors covering the case, the 责任网格 collector first', async () => {
    const res = await d.p.request({ method: 'GET', url: `/api/cases/${caseId}/assignees`, headers: d.headers.acceptor1 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.map((u: any) => [u.displayName, u.responsible]), [['网格监督员', true], ['测试collector1', false]]);
    assert.equal(res.body[1].regionName, '中心区');
    // The list is what request_verify accepts.
    const sent = await d.act('acceptor1', caseId, 'request_verify', { assigneeUserId: res.body[0].id });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.assigneeUserId, await d.userId('collector3'));
  });

  it('lists departments serving the place, the suggestion first', async () => {
    const res = await d.p.request({ method: 'GET', url: `/api/cases/${caseId}/departments`, headers: d.headers.dispatcher1 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.departments.map((o: any) => [o.id, o.suggested]), [[cityDept, 'lead'], [parksDept, null]]);
    assert.ok(!res.body.departments.some((o: any) => o.id === farDept), 'a department of another district is not offered');
    assert.deepEqual(res.body.district, { code: '379902', name: '中心区' });
    assert.equal(res.body.twoLevelDispatch, false);
  });

  it('refuses users without case.act, and cases out of sight or unknown', async () => {
    const leader = await d.p.request({ method: 'GET', url: `/api/cases/${caseId}/departments`, headers: d.headers.leader1 });
    assert.equal(leader.status, 403);
    const handler = await d.p.request({ method: 'GET', url: `/api/cases/${caseId}/assignees`, headers: d.headers.handler1 });
    assert.equal(handler.status, 404, 'not dispatched to the handler: the case is not visible');
    assert.equal(handler.body.code, 'NOT_FOUND');
    const collector2 = await d.p.request({ method: 'GET', url: `/api/cases/${caseId}/departments`, headers: d.headers.collector2 });
    assert.equal(collector2.status, 404);
    const unknown = await d.p.request({ method: 'GET', url: '/api/cases/999999/assignees', headers: d.headers.acceptor1 });
    assert.equal(unknown.status, 404);
    const bad = await d.p.request({ method: 'GET', url: '/api/cases/abc/departments', headers: d.headers.acceptor1 });
    assert.equal(bad.status, 400);
  });
});
