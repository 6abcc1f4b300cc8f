// 立结案标准 and the working calendar through the API, components and verification at intake, merging
// duplicates, and two dispatchers racing on one case.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AFTER_PHOTO, PHOTO, startCaseDriver, TYPE, type CaseDriver } from '../helpers/command.ts';

describe('case loop: settings, components, verification, merging, concurrency', () => {
  let d: CaseDriver;
  before(async () => { d = await startCaseDriver(); });
  after(async () => { await d.p.close(); });

  it('seeds a standard for every catalogue type and lets administrators edit it with history', async () => {
    const missing = await d.p.db.query(`select 1 from catalog_types t where not exists
      (select 1 from case_limits l where l.kind = t.kind and l.type_code = t.code)`);
    assert.equal(missing.length, 0);
    const one = await d.p.request({ method: 'GET', url: `/api/case-limits/matter/${TYPE}`, headers: d.headers.dispatcher1 });
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.limits.handle, { amount: 1, unit: 'working_days' });
    assert.equal(one.body.urgentLimits.handle.unit, 'urgent_hours');
    const wells = await d.p.request({ method: 'GET', url: '/api/case-limits/matter/01001', headers: d.headers.dispatcher1 });
    assert.equal(wells.body.limits.handle.unit, 'urgent_hours');

    const denied = await d.p.request({ method: 'PUT', url: `/api/case-limits/matter/${TYPE}`, headers: d.headers.dispatcher1,
      payload: { limits: { handle: { amount: 2, unit: 'working_days' } } } });
    assert.equal(denied.status, 403);
    const bad = await d.p.request({ method: 'PUT', url: `/api/case-limits/matter/${TYPE}`, headers: d.headers.admin,
      payload: { limits: { handle: { amount: 0, unit: 'working_days' } } } });
    assert.equal(bad.status, 400);
    const put = await d.p.request({ method: 'PUT', url: `/api/case-limits/matter/${TYPE}`, headers: d.headers.admin,
      payload: { limits: { handle: { amount: 4, unit: 'working_hours' } }, closingCondition: '接坡已拆除，路面平整' } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const again = await d.p.request({ method: 'GET', url: `/api/case-limits/matter/${TYPE}`, headers: d.headers.admin });
    assert.deepEqual(again.body.limits.handle, { amount: 4, unit: 'working_hours' });
    assert.equal(again.body.limits.accept.unit, 'minutes');
    assert.equal(again.body.history.length, 1);
    assert.deepEqual(again.body.history[0].before.limits.handle, { amount: 1, unit: 'working_days' });
    const list = await d.p.request({ method: 'GET', url: '/api/case-limits?kind=matter', headers: d.headers.leader1 });
    const matterTypes = await d.p.db.maybeOne<{ n: number }>("select count(*)::int as n from catalog_types where kind = 'matter'");
    assert.ok(matterTypes!.n >= 250);   // the standard's 250 and any local types (运行监测 adds 道路积水)
    assert.equal(list.body.items.length, matterTypes!.n);
  });

  it('keeps working periods and administrator days, and the deadlines follow them', async () => {
    const get = await d.p.request({ method: 'GET', url: '/api/calendar?year=2027', headers: d.headers.admin });
    assert.deepEqual(get.body.periods, [{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }]);
    assert.equal(get.body.coverage, 'weekends_only');
    const bad = await d.p.request({ method: 'PUT', url: '/api/calendar', headers: d.headers.admin,
      payload: { periods: [{ start: '14:00', end: '12:00' }] } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'INVALID_CALENDAR');
    const put = await d.p.request({ method: 'PUT', url: '/api/calendar', headers: d.headers.admin,
      payload: { periods: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] } });
    assert.equal(put.status, 200);
    const days = await d.p.request({ method: 'PUT', url: '/api/calendar/days/2027', headers: d.headers.admin,
      payload: { days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-06', kind: 'workday', name: '春节调休' }] } });
    assert.equal(days.status, 200, JSON.stringify(days.body));
    assert.equal(days.body.days.length, 2);
    const wrongYear = await d.p.request({ method: 'PUT', url: '/api/calendar/days/2027', headers: d.headers.admin,
      payload: { days: [{ date: '2028-01-01', kind: 'holiday' }] } });
    assert.equal(wrongYear.status, 400);
    const cal = await d.p.request({ method: 'GET', url: '/api/calendar?year=2027', headers: d.headers.leader1 });
    assert.equal(cal.body.coverage, 'administrator');
    assert.equal(cal.body.workingDayMinutes, 420);
    const denied = await d.p.request({ method: 'PUT', url: '/api/calendar', headers: d.headers.shift1,
      payload: { periods: [{ start: '08:00', end: '18:00' }] } });
    assert.equal(denied.status, 403);
    const res = await d.p.request({ method: 'PUT', url: '/api/calendar', headers: d.headers.admin,
      payload: { periods: [{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }] } });
    assert.equal(res.status, 200);
  });

  it('takes the position and the owner department from a component', async () => {
    const dept = await d.departmentId('云河市园林绿化管理处');
    await d.p.db.query(`insert into components (id, type_code, name, owner_department_id, grid_code, community_code, street_code, lon, lat)
      values ('37990201001000001', '01001', '供水井盖', $1, '379902001002001', '379902001002', '379902001', 119.0012, 34.0002)`, [dept]);
    const res = await d.report('collector1', { kind: 'component', typeCode: undefined, position: undefined, componentId: '37990201001000001' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.typeCode, '01001');
    assert.equal(res.body.gridCode, '379902001002001');
    assert.equal(res.body.routing.source, 'component');
    assert.equal(res.body.routing.lead[0].departmentId, dept);
    const mismatch = await d.report('collector1', { kind: 'component', typeCode: '01002', componentId: '37990201001000001' });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.code, 'TYPE_MISMATCH');
  });

  it('a public report is verified by a collector before 受理', async () => {
    const res = await d.report('acceptor1', { source: 'public', reporter: { name: '李女士', phone: '13700001111' } });
    const id = res.body.id;
    const refused = await d.act('acceptor1', id, 'accept');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'VERIFICATION_REQUIRED');
    const collector = await d.userId('collector1');
    assert.equal((await d.act('acceptor1', id, 'request_verify', { assigneeUserId: await d.userId('acceptor1') })).body.code, 'INVALID_ASSIGNEE');
    assert.equal((await d.act('acceptor1', id, 'request_verify', { assigneeUserId: collector })).status, 200);
    assert.equal((await d.queues('collector1')).to_verify, 1);
    assert.equal((await d.act('collector2', id, 'verify', { found: true })).status, 404);
    assert.equal((await d.act('collector1', id, 'verify', { found: true })).status, 200);
    const accepted = await d.act('acceptor1', id, 'accept');
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.body.clocks.map((k: any) => k.clock), ['accept', 'verify', 'accept', 'file']);
  });

  it('merges a duplicate into an open case, keeping reporters and photos', async () => {
    const target = (await d.report('collector1')).body.id;
    const dup = (await d.report('acceptor1', { source: 'hotline', photos: [AFTER_PHOTO], reporter: { name: '王先生', phone: '13600002222' } })).body.id;
    const merged = await d.act('acceptor1', dup, 'merge', { mergeTargetId: target });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal(merged.body.stage, 'merged');
    assert.equal(merged.body.mergedInto, target);
    const t = await d.get('acceptor1', target);
    assert.equal(t.reporters.length, 2);
    assert.deepEqual(t.media.map((m: any) => m.hash).sort(), [PHOTO, AFTER_PHOTO].sort());
  });

  it('offers duplicates to the acceptor and merges machine reports automatically', async () => {
    const radius = await d.p.request({ method: 'PUT', url: '/api/case-limits/matter/06009', headers: d.headers.admin,
      payload: { duplicateRadiusM: 30, duplicateWindowHours: 24 } });
    assert.equal(radius.status, 200);
    const first = (await d.report('collector1', { typeCode: '06009' })).body;
    const near = (await d.report('collector1', { typeCode: '06009', position: { lon: 119.0002, lat: 34.0003 } })).body;
    const far = (await d.report('collector1', { typeCode: '06009', position: { lon: 119.0012, lat: 34.0002 } })).body;
    const detail = await d.get('acceptor1', near.id);
    assert.deepEqual(detail.possibleDuplicates.map((x: any) => x.id), [first.id]);
    assert.ok(detail.possibleDuplicates[0].distanceM > 5 && detail.possibleDuplicates[0].distanceM <= 30);
    assert.deepEqual((await d.get('acceptor1', far.id)).possibleDuplicates, []);
    const camera = await d.report('acceptor1', { typeCode: '06009', source: 'video_ai', photos: [AFTER_PHOTO] });
    assert.equal(camera.status, 201, JSON.stringify(camera.body));
    assert.equal(camera.body.stage, 'merged');
    assert.equal(camera.body.mergedInto, first.id);
    assert.equal(camera.body.timeline.at(-1).actorRole, 'system');
    const target = await d.get('acceptor1', first.id);
    assert.equal(target.reporters.length, 2);
    assert.ok(target.media.some((m: any) => m.hash === AFTER_PHOTO));
  });

  it('follows the workflow configuration: 受理即立案 and two-level dispatch', async () => {
    const denied = await d.p.request({ method: 'PUT', url: '/api/workflow-config', headers: d.headers.dispatcher1, payload: { acceptorFiles: true } });
    assert.equal(denied.status, 403);
    const put = await d.p.request({ method: 'PUT', url: '/api/workflow-config', headers: d.headers.admin,
      payload: { acceptorFiles: true, twoLevelDispatch: true } });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.verifySources, ['public']);
    assert.equal(put.body.urgentReminderMinutes, 15);
    const badInterval = await d.p.request({ method: 'PUT', url: '/api/workflow-config', headers: d.headers.admin,
      payload: { urgentReminderMinutes: -5 } });
    assert.equal(badInterval.status, 400);
    const id = (await d.report('collector1')).body.id;
    assert.equal((await d.act('acceptor1', id, 'accept')).body.stage, 'to_dispatch');
    const toDistrict = await d.act('dispatcher1', id, 'dispatch', { region: '379902' });
    assert.equal(toDistrict.body.stage, 'to_dispatch_2', JSON.stringify(toDistrict.body));
    const dept = await d.departmentId('云河市市政工程管理处');
    const handled = await d.act('dispatcher1', id, 'dispatch', { leadDepartmentId: dept });
    assert.equal(handled.body.stage, 'handling');
    assert.equal(handled.body.dispatchLevel, 2);
    assert.deepEqual(handled.body.clocks.map((k: any) => k.clock), ['accept', 'dispatch', 'dispatch', 'handle']);
    const reset = await d.p.request({ method: 'PUT', url: '/api/workflow-config', headers: d.headers.admin,
      payload: { acceptorFiles: false, twoLevelDispatch: false } });
    assert.equal(reset.status, 200);
  });

  it('lets only one of two dispatchers dispatch the same case', async () => {
    const id = (await d.report('collector1')).body.id;
    assert.equal((await d.act('acceptor1', id, 'accept')).status, 200);
    assert.equal((await d.act('shift1', id, 'file')).status, 200);
    const version = (await d.get('dispatcher1', id)).version;
    const dept = await d.departmentId('云河市市政工程管理处');
    const other = await d.departmentId('云河市园林绿化管理处');
    const send = (department: number) => d.p.request({ method: 'POST', url: `/api/cases/${id}/actions/dispatch`,
      headers: d.headers.dispatcher1, payload: { version, leadDepartmentId: department } });
    const results = await Promise.all([send(dept), send(other)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    assert.equal(results.find((r) => r.status === 409)!.body.code, 'STALE_VERSION');
    const c = await d.get('admin', id);
    assert.equal(c.timeline.filter((e: any) => e.action === 'dispatch').length, 1);
    assert.equal(c.clocks.filter((k: any) => k.clock === 'handle').length, 1);
  });
});
