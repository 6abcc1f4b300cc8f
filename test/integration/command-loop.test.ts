// The case loop through the API: one case along the main path (上报 → 受理 → 立案 → 派遣 → 处置 → 核查 → 结案),
// with its timeline, stage clocks and queue counts, plus intake validation and idempotency.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { flushCounts } from '../../src/command/counts.ts';
import { after, before, describe, it } from 'node:test';
import { AFTER_PHOTO, PHOTO, POINT, startCaseDriver, TYPE, type CaseDriver } from '../helpers/command.ts';

describe('case loop: main path', () => {
  let d: CaseDriver;
  before(async () => { d = await startCaseDriver(); });
  after(async () => { await d.p.close(); });

  it('drives a collector report to 结案 with timeline, clocks and queues', async () => {
    const created = await d.report('collector1');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const c = created.body;
    assert.match(c.caseNo, /^\d{4}-379902-000001$/);
    assert.equal(c.stage, 'reported');
    assert.equal(c.source, 'collector');
    assert.equal(c.gridCode, '379902001001001');
    assert.equal(c.matterCode, `379902${TYPE}`);
    assert.ok(c.address.length > 0);
    const cityDept = await d.departmentId('云河市市政工程管理处');
    assert.equal(c.routing.source, 'rules');
    assert.deepEqual(c.routing.lead.map((l: any) => l.departmentId), [cityDept]);
    assert.equal(c.routing.lead[0].departmentName, '云河市市政工程管理处');
    assert.deepEqual(c.media.map((m: any) => [m.hash, m.phase]), [[PHOTO, 'before']]);
    assert.equal(c.clocks.length, 1);
    assert.equal(c.clocks[0].clock, 'accept');
    assert.equal(c.clocks[0].light, 'green');
    assert.ok(c.clocks[0].deadline);
    const jobs = await d.p.db.query("select kind, status from jobs where dedupe_key like $1 order by kind", [`case:${c.id}:accept:%`]);
    assert.deepEqual(jobs.map((j) => [j.kind, j.status]), [['case.clock.red', 'pending'], ['case.clock.yellow', 'pending']]);

    assert.equal((await d.queues('acceptor1')).to_accept, 1);
    assert.equal((await d.queues('dispatcher1')).to_dispatch, 0);
    assert.deepEqual((await d.get('acceptor1', c.id)).allowedActions.sort(), ['accept', 'mark_urgent', 'merge', 'reject', 'request_verify']);

    const ok = async (user: string, action: string, body: Record<string, unknown> = {}) => {
      const res = await d.act(user, c.id, action, body);
      assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await ok('acceptor1', 'accept');
    assert.equal((await d.queues('acceptor1')).to_accept, 0);
    assert.equal((await d.queues('shift1')).to_file, 1);
    await ok('shift1', 'file');
    assert.equal((await d.queues('dispatcher1')).to_dispatch, 1);
    const suggested = (await d.get('dispatcher1', c.id)).routing.lead[0].departmentId;
    const dispatched = await ok('dispatcher1', 'dispatch', { leadDepartmentId: suggested, opinion: '按权责清单派遣' });
    assert.equal(dispatched.stage, 'handling');
    assert.equal(dispatched.leadDepartmentName, '云河市市政工程管理处');
    assert.equal((await d.queues('handler1')).handling, 1);
    assert.equal((await d.queues('handler2')).handling, 0);
    await ok('handler1', 'handle_feedback', { afterPhotos: [AFTER_PHOTO], opinion: '已恢复原状' });
    await ok('acceptor1', 'request_check', { assigneeUserId: await d.userId('collector1') });
    assert.equal((await d.queues('collector1')).to_check, 1);
    await ok('collector1', 'check_pass', { opinion: '现场已整改' });
    assert.equal((await d.queues('shift1')).to_close, 1);
    const closed = await ok('shift1', 'close');
    assert.equal(closed.stage, 'closed');
    assert.equal(closed.closeType, 'normal');
    assert.ok(closed.closedAt);

    assert.deepEqual(closed.timeline.map((e: any) => e.action),
      ['report', 'accept', 'file', 'dispatch', 'handle_feedback', 'request_check', 'check_pass', 'close']);
    assert.deepEqual(closed.timeline.map((e: any) => e.actorName).slice(0, 3), ['测试collector1', '测试acceptor1', '测试shift1']);
    assert.equal(closed.timeline[3].opinion, '按权责清单派遣');
    assert.deepEqual(closed.timeline[4].attachments, [{ hash: AFTER_PHOTO, phase: 'after' }]);
    assert.deepEqual(closed.clocks.map((k: any) => [k.clock, k.outcome, k.onTime]),
      [['accept', 'done', true], ['file', 'done', true], ['dispatch', 'done', true], ['handle', 'done', true],
        ['check', 'done', true], ['close', 'done', true]]);
    assert.deepEqual(closed.media.map((m: any) => m.phase).sort(), ['after', 'before']);
    assert.deepEqual(closed.allowedActions, []);
    const pending = await d.p.db.query("select 1 from jobs where dedupe_key like $1 and status = 'pending'", [`case:${c.id}:%`]);
    assert.equal(pending.length, 0);
    const counts = await d.queues('admin');
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 0);
    const audits = await d.p.db.query("select action from audit_log where entity = 'case' and entity_id = $1 order by id", [String(c.id)]);
    assert.equal(audits.length, 8);

    // 评价计数: the rollup kept from the timeline, by counter and by the actor who earned it
    assert.equal(await flushCounts(d.p.db), 8);   // the eight timeline entries, counted once
    assert.equal(await flushCounts(d.p.db), 0);
    const counted = await d.p.db.query<{ counter: string; username: string; n: number }>(
      `select k.counter, coalesce(u.username, '-') as username, sum(k.n)::int as n from case_counts k
       left join users u on u.id = k.actor_id group by 1, 2 order by 1, 2`);
    assert.deepEqual(counted.map((r) => `${r.counter}:${r.username}:${r.n}`),
      ['accepted:acceptor1:1', 'checked:collector1:1', 'closed:shift1:1', 'dispatched:dispatcher1:1', 'filed:shift1:1',
        'handled:handler1:1', 'reported:collector1:1']);
    const handled = await d.p.db.maybeOne<{ department_id: number }>("select department_id from case_counts where counter = 'handled'");
    assert.equal(Number(handled!.department_id), cityDept);

    const inbox = async (user: string) => (await d.p.request({ method: 'GET', url: '/api/notifications', headers: d.headers[user] })).body;
    const acceptorInbox = await inbox('acceptor1');
    assert.ok(acceptorInbox.items.some((n: any) => n.caseId === c.id && n.message.includes('新上报')));
    assert.ok((await inbox('handler1')).items.some((n: any) => n.caseId === c.id && n.message.includes('待处置')));
    assert.equal((await inbox('handler2')).items.length, 0);
    const reporter = await inbox('collector1');
    assert.ok(reporter.items.some((n: any) => n.message === `【${c.caseNo}】您反映的问题已办结`));
    const read = await d.p.request({ method: 'POST', url: '/api/notifications/read', headers: d.headers.acceptor1, payload: {} });
    assert.ok(read.body.marked >= 1);
    assert.equal((await inbox('acceptor1')).unread, 0);
  });

  it('gives the same case back for a repeated Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'report-key-0001' };
    const first = await d.report('collector1', {}, key);
    const second = await d.report('collector1', {}, key);
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
    assert.equal((await d.p.db.query('select 1 from cases where idempotency_key = $1', ['report-key-0001'])).length, 1);
    const other = await d.report('acceptor1', { source: 'hotline' }, key);
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad intake with 400 and writes nothing', async () => {
    const before = (await d.p.db.query('select count(*)::int as n from cases'))[0].n;
    const cases: [Record<string, unknown>, string][] = [
      [{ position: { lon: 120.5, lat: 35 } }, 'OUTSIDE_CITY'],
      [{ position: { lon: 119.05, lat: 34.05 } }, 'OUTSIDE_GRIDS'],
      [{ typeCode: '99999' }, 'UNKNOWN_TYPE'],
      [{ photos: ['c'.repeat(64)] }, 'UNKNOWN_MEDIA'],
      [{ componentId: '37990201001000001' }, 'UNKNOWN_COMPONENT'],
    ];
    for (const [body, code] of cases) {
      const res = await d.report('collector1', body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.code, code);
      assert.match(res.body.message, /[\u4e00-\u9fa5]/);
    }
    const hotline = await d.report('acceptor1', {});
    assert.equal(hotline.body.code, 'SOURCE_REQUIRED');
    assert.equal((await d.p.db.query('select count(*)::int as n from cases'))[0].n, before);
  });

  it('takes a hotline report with the caller as reporter and lists it with filters', async () => {
    const res = await d.report('acceptor1', { source: 'hotline', position: POINT, address: '人民路 1 号门前',
      description: '门前堆放建筑垃圾', reporter: { name: '张先生', phone: '13912345678' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.address, '人民路 1 号门前');
    assert.equal(res.body.reporters[0].phone, '13912345678');
    const list = await d.p.request({ method: 'GET', url: '/api/cases?q=建筑垃圾&source=hotline', headers: d.headers.acceptor1 });
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.items[0].id, res.body.id);
    const byNoPart = await d.p.request({ method: 'GET', url: `/api/cases?q=${res.body.caseNo.slice(5)}`, headers: d.headers.acceptor1 });
    assert.deepEqual(byNoPart.body.items.map((c: any) => c.id), [res.body.id]);
    const byAddress = await d.p.request({ method: 'GET', url: `/api/cases?q=${encodeURIComponent('人民路 1 号')}`, headers: d.headers.acceptor1 });
    assert.ok(byAddress.body.items.some((c: any) => c.id === res.body.id));
    const byNo = await d.p.request({ method: 'GET', url: `/api/cases/${res.body.caseNo}`, headers: d.headers.leader1 });
    assert.equal(byNo.status, 200);
    assert.equal(byNo.body.reporters[0].phone, '139****5678');
    const queue = await d.p.request({ method: 'GET', url: '/api/cases?queue=to_accept&pageSize=1', headers: d.headers.acceptor1 });
    assert.ok(queue.body.total >= 1);
    assert.equal(queue.body.items.length, 1);

    const csv = await d.p.request({ method: 'GET', url: '/api/cases/export.csv?source=hotline', headers: d.headers.acceptor1 });
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\n');
    assert.ok(lines[0].startsWith('案件编号,类别,类型代码'));
    assert.equal(lines.length, 2);
    assert.ok(lines[1].startsWith(`${res.body.caseNo},事项,`));
    assert.ok(lines[1].includes('12345热线'));
    const none = await d.p.request({ method: 'GET', url: '/api/cases/export.csv', headers: d.headers.handler2 });
    assert.equal((none.body as string).trim().split('\n').length, 1);

    const xlsx = await d.p.app.inject({ method: 'GET', url: '/api/cases/export.xlsx?source=hotline', headers: d.headers.acceptor1 });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-disposition']), /\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as any);
    const sheet = book.getWorksheet('案件')!;
    assert.equal(sheet.rowCount, 2);
    assert.equal(sheet.getRow(1).getCell(1).value, '案件编号');
    assert.equal(sheet.getRow(2).getCell(1).value, res.body.caseNo);
    assert.equal(sheet.getRow(2).getCell(6).value, '12345热线');
    assert.match(String(sheet.getRow(2).getCell(19).value), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);   // China time
  });
});
