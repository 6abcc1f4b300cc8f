// 12345 热线: work orders in by API key (idempotent), 当即办理 recorded, the 办结反馈 pushed to a local receiver that
// fails the first attempts, retried by the job runner with every attempt recorded; statistics.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { apiKey, closeCase, seedAfterPhoto } from '../helpers/public.ts';
import { callbackHandler, INTERRUPTED } from '../../src/exchange/hotline/callback.ts';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('12345 hotline', () => {
  let p: TestPlatform;
  let key: string;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: { auth: string | undefined; body: any }[] = [];
  let failuresLeft = 2;
  let slowMs = 0;
  before(async () => {
    p = await startTestPlatform({ seed: seedTinyCity });
    await seedAfterPhoto(p);
    key = await apiKey(p, ['hotline:write']);
    receiver = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => { data += c; });
      req.on('end', async () => {
        if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        if (failuresLeft-- > 0) { res.statusCode = 503; res.end('busy'); return; }
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/feedback`;
  });
  after(async () => { receiver.close(); await p.close(); });

  const post = (payload: object, k = key) => p.request({ method: 'POST', url: '/api/hotline/orders', headers: { 'x-api-key': k }, payload });
  const order = { orderId: 'RX20261101-0001', mode: 'transfer', content: '人民路人行道有人违章接坡', typeCode: '06003', lon: 119.0002, lat: 34.0002,
    callerName: '李女士', callerPhone: '13900002222', dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    attachments: [{ name: 'a.png', data: PNG_1PX }] };

  it('turns a 转办 order into one case, whatever how often it is sent', async () => {
    const first = await post(order);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.match(first.body.caseNo, /^\d{4}-379902-\d{6}$/);
    const again = await post(order);
    assert.equal(again.status, 200);
    assert.equal(again.body.caseNo, first.body.caseNo);
    const c = await p.db.maybeOne<any>('select id, source, description from cases where case_no = $1', [first.body.caseNo]);
    assert.equal(c.source, 'hotline');
    assert.match(c.description, /^【12345 工单 RX20261101-0001】/);
    assert.equal((await p.db.maybeOne<{ n: number }>('select count(*)::int as n from case_media where case_id = $1', [c.id]))!.n, 1);
    assert.equal((await p.db.maybeOne<{ n: number }>('select count(*)::int as n from cases'))!.n, 1);
  });

  it('refuses callers without the scope and bad orders', async () => {
    const other = await apiKey(p, ['case:report']);
    assert.equal((await post({ ...order, orderId: 'X-2' }, other)).status, 403);
    assert.equal((await post({ ...order, orderId: 'X-3', typeCode: undefined })).status, 400);
    assert.equal((await post({ ...order, orderId: 'X-4', attachments: [{ data: Buffer.from('plain text').toString('base64') }] })).status, 400);
    assert.equal((await p.db.maybeOne<{ n: number }>("select count(*)::int as n from hotline_orders where hotline_id like 'X-%'"))!.n, 0);
  });

  it('records 当即办理 orders without a case', async () => {
    const res = await post({ orderId: 'RX20261101-0002', mode: 'immediate', content: '咨询垃圾分类时间', result: '已当场答复' });
    assert.equal(res.status, 201);
    assert.equal(res.body.caseNo, null);
  });

  it('pushes the result back after closing, retrying until the receiver accepts, with each attempt recorded', async () => {
    const admin = await p.loginAs('admin');
    const set = await p.request({ method: 'PUT', url: '/api/hotline/settings', headers: admin, payload: { callbackUrl: receiverUrl, token: 'secret-1', maxAttempts: 5 } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const c = await p.db.maybeOne<{ id: number }>("select case_id as id from hotline_orders where hotline_id = 'RX20261101-0001'");
    await closeCase(p, Number(c!.id), '违章接坡已拆除');
    // the case.changed event reaches the subscriber after the commit, which then schedules the job
    let job: any;
    for (let i = 0; i < 100 && !job; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await p.db.maybeOne<any>("select status from jobs where kind = 'hotline.callback'");
    }
    assert.equal(job?.status, 'pending');
    for (let i = 0; i < 3; i++) {
      await p.db.query("update jobs set run_at = now() where kind = 'hotline.callback' and status = 'pending'"); // skip the backoff wait
      await p.ctx.jobs.tick();
    }
    assert.equal(received.length, 3);
    assert.deepEqual(received[2].body, { orderId: 'RX20261101-0001', caseNo: received[2].body.caseNo, result: 'closed',
      resultText: '已办结：违章接坡已拆除', department: '云河市市政工程管理处', finishedAt: received[2].body.finishedAt });
    assert.equal(received[2].auth, 'Bearer secret-1');
    assert.match(received[2].body.finishedAt, /\+08:00$/);
    const attempts = await p.request({ method: 'GET', url: '/api/hotline/orders', headers: admin });
    const o = attempts.body.items.find((x: any) => x.orderId === 'RX20261101-0001');
    assert.equal(o.callbackStatus, 'sent');
    assert.equal(o.attempts, 3);
    const log = await p.request({ method: 'GET', url: `/api/hotline/orders/${o.id}/callbacks`, headers: admin });
    assert.deepEqual(log.body.map((a: any) => [a.attempt, a.ok, a.statusCode]), [[1, false, 503], [2, false, 503], [3, true, 200]]);
    const jobRow = await p.db.maybeOne<any>("select status from jobs where kind = 'hotline.callback'");
    assert.equal(jobRow.status, 'done');

    const stats = await p.request({ method: 'GET', url: '/api/hotline/stats', headers: admin });
    assert.equal(stats.status, 200);
    assert.deepEqual({ ...stats.body, from: undefined, to: undefined }, { from: undefined, to: undefined, received: 2, immediate: 1, transfer: 1,
      finished: 1, onTime: 1, onTimeRate: 100, callbacks: { sent: 1, pending: 0, failed: 0 } });
    const list = await p.request({ method: 'GET', url: '/api/hotline/orders', headers: await p.loginAs('leader1') });
    assert.equal(list.body.items.find((x: any) => x.orderId === 'RX20261101-0001').callerPhone, '139****2222');
  });

  const caseOf = async (orderId: string) =>
    Number((await p.db.maybeOne<{ id: number }>('select case_id as id from hotline_orders where hotline_id = $1', [orderId]))!.id);
  const attemptsOf = async (orderId: string) => (await p.db.query<any>(
    `select b.attempt, b.ok, b.status_code, b.state, b.error from hotline_callbacks b join hotline_orders o on o.id = b.order_id
     where o.hotline_id = $1 order by b.id`, [orderId])).map((r) => [Number(r.attempt), r.ok, r.status_code === null ? null : Number(r.status_code), r.state, r.error]);
  const runDue = async (kind: string) => {
    await p.db.query("update jobs set run_at = now() where kind = $1 and status = 'pending'", [kind]);
    await p.ctx.jobs.tick();
  };

  it('the sweep picks up a case that ended while its event was lost', async () => {
    const res = await post({ ...order, orderId: 'RX20261101-0003', attachments: [] });
    assert.equal(res.status, 201);
    const caseId = await caseOf('RX20261101-0003');
    await closeCase(p, caseId, '已清理');
    // let the event path run, then undo what it did: as if no node had been listening when the case closed
    for (let i = 0; i < 100; i++) {
      if (await p.db.maybeOne("select 1 from hotline_orders where hotline_id = 'RX20261101-0003' and callback_status = 'pending'")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await p.db.query("delete from jobs where kind = 'hotline.callback' and payload->>'orderId' = (select id::text from hotline_orders where hotline_id = 'RX20261101-0003')");
    await p.db.query("update hotline_orders set callback_status = 'none' where hotline_id = 'RX20261101-0003'");
    const before = received.length;
    await runDue('hotline.sweep');
    assert.equal((await p.db.maybeOne<any>("select callback_status from hotline_orders where hotline_id = 'RX20261101-0003'")).callback_status, 'pending');
    await runDue('hotline.callback');
    assert.equal(received.length, before + 1);
    assert.equal(received.at(-1)!.body.orderId, 'RX20261101-0003');
    assert.deepEqual(await attemptsOf('RX20261101-0003'), [[1, true, 200, 'done', null]]);
    // a second sweep finds nothing more to do; the sweep stays one pending job
    await runDue('hotline.sweep');
    await runDue('hotline.callback');
    assert.equal(received.length, before + 1);
    const sweeps = await p.db.query<any>("select status from jobs where kind = 'hotline.sweep'");
    assert.deepEqual(sweeps.map((j) => j.status), ['pending']);
  });

  it('calls the receiver outside the claim transaction; a node dying before recording the outcome leads to one retry', async () => {
    const res = await post({ ...order, orderId: 'RX20261101-0004', attachments: [] });
    const caseId = await caseOf('RX20261101-0004');
    await closeCase(p, caseId, '已恢复');
    let job: any;
    for (let i = 0; i < 100 && !job; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await p.db.maybeOne<any>("select * from jobs where kind = 'hotline.callback' and status = 'pending' and payload->>'orderId' = (select id::text from hotline_orders where hotline_id = 'RX20261101-0004')");
    }
    assert.ok(job, JSON.stringify(res.body));
    // the handler's transaction claims the attempt and commits; the node "dies" before the call (the after-commit step never runs)
    const handler = callbackHandler(p.db);
    const afterCommit = await p.db.transaction((tx) => handler({ ...job, payload: job.payload }, tx));
    assert.equal(typeof afterCommit, 'function');
    assert.deepEqual(await attemptsOf('RX20261101-0004'), [[1, false, null, 'sending', null]]);
    const guard = await p.db.maybeOne<any>('select status, run_at > now() as later from jobs where id = $1', [job.id]);
    assert.deepEqual(guard, { status: 'pending', later: true });
    const before = received.length;
    // the guard run closes the claim as interrupted and makes attempt 2, which the receiver accepts
    await runDue('hotline.callback');
    assert.equal(received.length, before + 1);
    assert.deepEqual(await attemptsOf('RX20261101-0004'), [[1, false, null, 'done', INTERRUPTED], [2, true, 200, 'done', null]]);
    assert.equal((await p.db.maybeOne<any>("select callback_status from hotline_orders where hotline_id = 'RX20261101-0004'")).callback_status, 'sent');
    assert.equal((await p.db.maybeOne<any>('select status from jobs where id = $1', [job.id])).status, 'done');
    // a late outcome of the dead attempt cannot be recorded twice or reopen the order
    await runDue('hotline.callback');
    assert.equal(received.length, before + 1);
  });

  it('holds no transaction open while the receiver answers', async () => {
    const res = await post({ ...order, orderId: 'RX20261101-0005', attachments: [] });
    assert.equal(res.status, 201);
    await closeCase(p, await caseOf('RX20261101-0005'), '已处理');
    for (let i = 0; i < 100; i++) {
      if (await p.db.maybeOne("select 1 from hotline_orders where hotline_id = 'RX20261101-0005' and callback_status = 'pending'")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    slowMs = 800;
    const ticking = runDue('hotline.callback');
    await new Promise((r) => setTimeout(r, 300));
    // while the receiver is still busy the database answers at once, and the claim is visible (committed)
    const t0 = Date.now();
    assert.deepEqual(await attemptsOf('RX20261101-0005'), [[1, false, null, 'sending', null]]);
    assert.ok(Date.now() - t0 < 250, 'database blocked during the HTTP call');
    await ticking;
    slowMs = 0;
    assert.deepEqual(await attemptsOf('RX20261101-0005'), [[1, true, 200, 'done', null]]);
  });
});
