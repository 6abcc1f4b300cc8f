// The variants of the case loop through the API (不予受理, 回退, 延期, 挂账, 返工, 作废, 自行处置, 紧急), the refusals
// (409 illegal transition with the allowed list, 403 role and scope, 400 missing input, 409 stale version) and timers.
import assert from 'node:assert/strict';
import { flushCounts, recomputedCounts, storedCounts } from '../../src/command/counts.ts';
import { after, before, describe, it } from 'node:test';
import { AFTER_PHOTO, PHOTO, startCaseDriver, TYPE, type CaseDriver } from '../helpers/command.ts';

describe('case loop: variants, refusals and timers', () => {
  let d: CaseDriver;
  let cityDept: number;
  let parksDept: number;
  before(async () => {
    d = await startCaseDriver();
    cityDept = await d.departmentId('云河市市政工程管理处');
    parksDept = await d.departmentId('云河市园林绿化管理处');
  });
  after(async () => {
    // every variant above went into the rollup; once flushed it must equal a recount from the raw timeline
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await flushCounts(d.p.db);
    const stored = await storedCounts(d.p.db, day(-3), day(3));
    assert.ok(stored.length > 10);
    assert.deepEqual(stored, await recomputedCounts(d.p.db, day(-3), day(3)));
    await d.p.close();
  });

  const ok = async (user: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const res = await d.act(user, id, action, body);
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const refused = async (user: string, id: number, action: string, body: Record<string, unknown>, status: number, code: string) => {
    const res = await d.act(user, id, action, body);
    assert.equal(res.status, status, `${action}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, code);
    assert.match(res.body.message, /[\u4e00-\u9fa5]/);
    return res.body;
  };
  const newCase = async (body: Record<string, unknown> = {}) => {
    const res = await d.report('collector1', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as number;
  };
  const toHandling = async (department = cityDept) => {
    const id = await newCase();
    await ok('acceptor1', id, 'accept');
    await ok('shift1', id, 'file');
    await ok('dispatcher1', id, 'dispatch', { leadDepartmentId: department });
    return id;
  };
  const handleClock = async (id: number) => (await d.get('admin', id)).clocks.filter((k: any) => k.clock === 'handle');
  const job = (id: number, clock: string, light: string) =>
    d.p.db.maybeOne('select status, run_at from jobs where dedupe_key = $1', [`case:${id}:${clock}:${light}`]);

  it('机器派单: a rule marked automatic dispatches the case the moment it is filed', async () => {
    await d.p.db.query('update responsibility_rules set auto_dispatch = true where type_code = $1', [TYPE]);
    const id = await newCase();
    await d.p.db.query('update responsibility_rules set auto_dispatch = false where type_code = $1', [TYPE]);
    const reported = await d.get('admin', id);
    assert.equal(reported.routing.autoDispatch, true);
    await ok('acceptor1', id, 'accept');
    const filed = await ok('shift1', id, 'file');
    assert.equal(filed.stage, 'handling');
    assert.equal(filed.leadDepartmentId, cityDept);
    const last = filed.timeline.at(-1);
    assert.deepEqual([last.action, last.actorRole, last.actorName], ['dispatch', 'system', '系统']);
    assert.match(last.opinion, /^机器派单：按权责清单规则 #\d+自动派遣$/);
    assert.deepEqual(filed.clocks.map((k: any) => [k.clock, k.outcome]).slice(-2), [['dispatch', 'done'], ['handle', null]]);
    // a rule that was not automatic at intake leaves the case with the dispatcher
    const manual = await newCase();
    await ok('acceptor1', manual, 'accept');
    assert.equal((await ok('shift1', manual, 'file')).stage, 'to_dispatch');
    await ok('dispatcher1', manual, 'dispatch', { leadDepartmentId: cityDept });
  });

  it('不予受理 needs an opinion and ends the case', async () => {
    const id = await newCase();
    await refused('acceptor1', id, 'reject', {}, 400, 'MISSING_OPINION');
    const c = await ok('acceptor1', id, 'reject', { opinion: '重复上报', rejectReason: 'duplicate' });
    assert.equal(c.stage, 'rejected');
    assert.equal(c.rejection, 'not_accepted');
    assert.equal(c.rejectReason, 'duplicate');
    assert.ok(c.closedAt);
    assert.equal(c.clocks.every((k: any) => k.stoppedAt !== null), true);
  });

  it('回退 goes back to the dispatcher and the case is re-dispatched', async () => {
    const id = await toHandling(parksDept);
    await ok('handler2', id, 'request_return', { opinion: '不属于本部门职责' });
    assert.equal((await d.queues('dispatcher1')).to_dispatch, 1);
    const back = await ok('dispatcher1', id, 'approve_return');
    assert.equal(back.stage, 'to_dispatch');
    assert.equal(back.leadDepartmentId, null);
    const again = await ok('dispatcher1', id, 'dispatch', { leadDepartmentId: cityDept });
    assert.equal(again.stage, 'handling');
    const clocks = again.clocks.map((k: any) => [k.clock, k.outcome]);
    assert.deepEqual(clocks.slice(3), [['handle', 'cancelled'], ['dispatch', 'done'], ['handle', null]]);
    const seen = await d.p.request({ method: 'GET', url: `/api/cases/${id}`, headers: d.headers.handler2 });
    assert.equal(seen.status, 404);
  });

  it('延期 moves the 处置 deadline once approved', async () => {
    const id = await toHandling();
    const [before] = await handleClock(id);
    await refused('handler1', id, 'request_extension', { opinion: '材料未到' }, 400, 'MISSING_EXTENSION');
    await ok('handler1', id, 'request_extension', { opinion: '材料未到', extension: { amount: 2, unit: 'working_days' } });
    const approved = await ok('dispatcher1', id, 'approve_extension');
    assert.equal(approved.stage, 'handling');
    const [clock] = await handleClock(id);
    assert.deepEqual(clock.extensions, [{ amount: 2, unit: 'working_days' }]);
    assert.ok(new Date(clock.deadline) > new Date(before.deadline));
    assert.equal(new Date((await job(id, 'handle', 'red'))!.run_at).toISOString(), clock.deadline);
  });

  it('挂账 pauses the 处置 clock and 挂账恢复 resumes it', async () => {
    const id = await toHandling();
    await ok('handler1', id, 'request_suspend', { opinion: '需列入年度维修计划' });
    const suspended = await ok('dispatcher1', id, 'approve_suspend');
    assert.equal(suspended.stage, 'suspended');
    let [clock] = await handleClock(id);
    assert.equal(clock.deadline, null);
    assert.equal(clock.pauses.length, 1);
    assert.equal(clock.pauses[0].to, null);
    assert.equal((await job(id, 'handle', 'red'))!.status, 'cancelled');
    const resumed = await ok('dispatcher1', id, 'resume');
    assert.equal(resumed.stage, 'handling');
    [clock] = await handleClock(id);
    assert.ok(clock.deadline);
    assert.ok(clock.pauses[0].to);
    assert.equal((await job(id, 'handle', 'red'))!.status, 'pending');
  });

  it('返工 sends the case back to the department with a new 处置 clock', async () => {
    const id = await toHandling();
    await ok('handler1', id, 'handle_feedback', { afterPhotos: [AFTER_PHOTO] });
    await ok('acceptor1', id, 'request_check', { assigneeUserId: await d.userId('collector1') });
    await refused('collector1', id, 'check_fail', {}, 400, 'MISSING_OPINION');
    const back = await ok('collector1', id, 'check_fail', { opinion: '接坡未完全拆除' });
    assert.equal(back.stage, 'handling');
    assert.equal((await handleClock(id)).length, 2);
    assert.equal((await d.queues('handler1')).handling >= 1, true);
  });

  it('作废 by the shift leader cancels the running clock', async () => {
    const id = await toHandling();
    await refused('shift1', id, 'void', {}, 400, 'MISSING_OPINION');
    const voided = await ok('shift1', id, 'void', { opinion: '重复立案' });
    assert.equal(voided.stage, 'voided');
    assert.deepEqual(voided.clocks.at(-1).outcome, 'cancelled');
    assert.equal((await job(id, 'handle', 'red'))!.status, 'cancelled');
  });

  it('自行处置: the reporting collector fixes it, the acceptor approves, the shift leader closes', async () => {
    const id = await newCase();
    await refused('collector1', id, 'self_handle', { beforePhotos: [PHOTO] }, 400, 'MISSING_PHOTO');
    const review = await ok('collector1', id, 'self_handle', { beforePhotos: [PHOTO], afterPhotos: [AFTER_PHOTO], opinion: '已现场处理' });
    assert.equal(review.stage, 'self_review');
    await ok('acceptor1', id, 'approve_self_handle');
    const closed = await ok('shift1', id, 'close');
    assert.equal(closed.stage, 'closed');
    assert.deepEqual(closed.timeline.map((e: any) => e.action), ['report', 'self_handle', 'approve_self_handle', 'close']);
  });

  it('urgent cases run on continuous urgent limits; 设为紧急 restarts the clock', async () => {
    const urgent = await d.get('admin', await newCase({ urgent: true }));
    assert.equal(urgent.clocks[0].urgent, true);
    assert.equal(urgent.clocks[0].limit.unit, 'urgent_hours');
    const push = await d.p.db.query("select id from jobs where kind = 'notification.push' and status = 'pending'");
    assert.equal(push.length, 1);
    await d.p.ctx.jobs.tick();
    assert.equal((await d.p.db.maybeOne('select status from jobs where id = $1', [push[0].id]))!.status, 'done');
    const id = await newCase();
    await refused('acceptor1', id, 'mark_urgent', {}, 400, 'MISSING_OPINION');
    const marked = await ok('acceptor1', id, 'mark_urgent', { opinion: '影响行人安全' });
    assert.equal(marked.urgent, true);
    assert.deepEqual(marked.clocks.map((k: any) => [k.clock, k.urgent, k.outcome]), [['accept', false, 'cancelled'], ['accept', true, null]]);
    await refused('acceptor1', id, 'mark_urgent', { opinion: '再次' }, 409, 'ALREADY_URGENT');
  });

  it('refuses illegal transitions, wrong roles, missing photos and stale versions, writing nothing', async () => {
    const id = await newCase();
    const illegal = await refused('shift1', id, 'close', {}, 409, 'ILLEGAL_TRANSITION');
    assert.deepEqual(illegal.details.allowed, ['mark_urgent']);
    await refused('collector1', id, 'accept', {}, 403, 'FORBIDDEN');
    const leader = await d.act('leader1', id, 'accept');
    assert.equal(leader.status, 403);
    const handling = await toHandling();
    await refused('handler1', handling, 'handle_feedback', { opinion: '已处理' }, 400, 'MISSING_PHOTO');
    await refused('handler1', handling, 'handle_feedback', { afterPhotos: ['c'.repeat(64)] }, 400, 'UNKNOWN_MEDIA');
    await refused('handler2', handling, 'handle_feedback', { afterPhotos: [AFTER_PHOTO] }, 404, 'NOT_FOUND');
    const { version } = await d.get('dispatcher1', id);
    await ok('acceptor1', id, 'accept');
    const stale = await d.p.request({ method: 'POST', url: `/api/cases/${id}/actions/reject`, headers: d.headers.acceptor1,
      payload: { version, opinion: '无效' } });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'STALE_VERSION');
    const after = await d.get('admin', id);
    assert.equal(after.stage, 'to_file');
    assert.equal(after.timeline.length, 2);
  });

  it('keeps cases out of sight of other departments and districts', async () => {
    const id = await toHandling();
    for (const user of ['handler2', 'collector2']) {
      const res = await d.p.request({ method: 'GET', url: `/api/cases/${id}`, headers: d.headers[user] });
      assert.equal(res.status, 404, user);
      const list = await d.p.request({ method: 'GET', url: '/api/cases?pageSize=500', headers: d.headers[user] });
      assert.equal(list.body.items.some((c: any) => c.id === id), false, user);
    }
    const mine = await d.p.request({ method: 'GET', url: '/api/cases?queue=handling&pageSize=500', headers: d.headers.handler1 });
    assert.ok(mine.body.items.some((c: any) => c.id === id));
  });

  it('a red 处置 timer marks the case overdue and triggers an automatic 督办 through the job runner', async () => {
    const id = await toHandling();
    await d.p.db.query("update jobs set run_at = now() where dedupe_key = $1", [`case:${id}:handle:red`]);
    assert.ok((await d.p.ctx.jobs.tick()) >= 1);
    let c = await d.get('admin', id);
    assert.equal(c.overdue, true);
    assert.equal(c.timeline.at(-1).action, 'overdue');
    assert.equal((await job(id, 'handle', 'red'))!.status, 'done');
    await d.p.ctx.jobs.tick();
    c = await d.get('admin', id);
    assert.equal(c.supervisedCount, 1);
    assert.equal(c.timeline.at(-1).action, 'supervise');
    assert.equal(c.timeline.at(-1).actorRole, 'system');
    const inbox = await d.p.request({ method: 'GET', url: '/api/notifications?unread=true', headers: d.headers.handler1 });
    assert.ok(inbox.body.items.some((n: any) => n.caseId === id && n.message.endsWith('红灯：处置已超时')));
    const q = await d.queues('inspector1');
    assert.ok(q.overdue >= 1 && q.supervised >= 1);
    const overdueList = await d.p.request({ method: 'GET', url: '/api/cases?overdue=true', headers: d.headers.admin });
    assert.ok(overdueList.body.items.some((x: any) => x.id === id));
    await ok('handler1', id, 'handle_feedback', { afterPhotos: [AFTER_PHOTO] });
    await ok('acceptor1', id, 'request_check', { assigneeUserId: await d.userId('collector1') });
    await ok('collector1', id, 'check_pass');
    await refused('shift1', id, 'close', { closeType: 'normal' }, 400, 'INVALID_CLOSE_TYPE');
    const closed = await ok('shift1', id, 'close');
    assert.equal(closed.closeType, 'overdue');
  });

  it('a yellow timer reminds the waiting party, pushed at once for an urgent case', async () => {
    const id = await newCase({ urgent: true });
    await d.p.db.query("update jobs set status = 'done' where kind = 'notification.push'");
    await d.p.db.query('update jobs set run_at = now() where dedupe_key = $1', [`case:${id}:accept:yellow`]);
    await d.p.ctx.jobs.tick();
    const c = await d.get('admin', id);
    const clock = await d.p.db.maybeOne('select yellow_fired_at from case_clocks where case_id = $1', [id]);
    assert.ok(clock!.yellow_fired_at);
    assert.equal(c.timeline.length, 1);
    const inbox = await d.p.request({ method: 'GET', url: '/api/notifications?unread=true', headers: d.headers.acceptor1 });
    const reminder = inbox.body.items.find((n: any) => n.caseId === id && n.message.includes('黄灯预警'));
    assert.ok(reminder);
    assert.equal(reminder.urgent, true);
    const pushed = await d.p.db.query("select payload from jobs where kind = 'notification.push' and status = 'pending'");
    assert.equal(pushed.length, 1);
  });

  it('紧急案件催办: an urgent clock reminds every interval until it stops', async () => {
    const id = await newCase({ urgent: true });
    const key = `case:${id}:accept:remind`;
    const first = await d.p.db.maybeOne<{ status: string; run_at: Date }>('select status, run_at from jobs where dedupe_key = $1', [key]);
    assert.equal(first!.status, 'pending');
    const minutes = (+new Date(first!.run_at) - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15, `first reminder in ${minutes} min`);
    const reminders = async () => (await d.p.db.query(
      "select 1 from notifications n join users u on u.id = n.user_id where n.case_id = $1 and u.username = 'acceptor1' and n.message like '%紧急案件催办%'", [id])).length;
    for (const round of [1, 2]) {
      await d.p.db.query('update jobs set run_at = now() where dedupe_key = $1', [key]);
      await d.p.ctx.jobs.tick();
      assert.equal(await reminders(), round);
      const again = await d.p.db.maybeOne<{ status: string; run_at: Date }>('select status, run_at from jobs where dedupe_key = $1', [key]);
      assert.equal(again!.status, 'pending');               // rescheduled itself, 15 minutes on
      assert.ok(+new Date(again!.run_at) > Date.now() + 14 * 60_000);
    }
    await ok('acceptor1', id, 'accept');
    assert.equal((await d.p.db.maybeOne('select status from jobs where dedupe_key = $1', [key]))!.status, 'cancelled');
    assert.equal((await d.p.db.maybeOne('select status from jobs where dedupe_key = $1', [`case:${id}:file:remind`]))!.status, 'pending');
    // a normal case has no reminder
    assert.equal(await d.p.db.maybeOne('select 1 from jobs where dedupe_key = $1', [`case:${await newCase()}:accept:remind`]), undefined);
  });

  it('the counting job adds new timeline entries to the rollup and stays scheduled', async () => {
    await newCase();
    const uncounted = () => d.p.db.maybeOne<{ n: number }>('select count(*)::int as n from case_events where not counted');
    assert.ok((await uncounted())!.n > 0);
    await d.p.db.query("update jobs set run_at = now() where dedupe_key = 'case:counts'");
    await d.p.ctx.jobs.tick();
    assert.equal((await uncounted())!.n, 0);
    const job = await d.p.db.maybeOne<{ status: string; run_at: Date }>("select status, run_at from jobs where dedupe_key = 'case:counts'");
    assert.equal(job!.status, 'pending');
    assert.ok(+new Date(job!.run_at) > Date.now());
  });

  it('a yellow timer of a stopped clock does nothing', async () => {
    const id = await newCase();
    await ok('acceptor1', id, 'accept');
    await d.p.db.query("update jobs set status = 'pending', run_at = now() where dedupe_key = $1", [`case:${id}:accept:yellow`]);
    await d.p.ctx.jobs.tick();
    const c = await d.get('admin', id);
    assert.equal(c.overdue, false);
    assert.equal(c.timeline.length, 2);
  });
});
