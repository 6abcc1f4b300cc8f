// 城管通 statistics (GET /api/field/stats): a collector's reports of the month and how many were filed, the 核实 and
// 核查 they did and their 自行处置; a handler's 处置反馈; the China month boundary; refusals for other users.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { monthRange } from '../../src/field/stats.ts';
import { AFTER_PHOTO, PHOTO, startCaseDriver, type CaseDriver } from '../helpers/command.ts';

describe('城管通 statistics', () => {
  let d: CaseDriver;
  before(async () => { d = await startCaseDriver(); });
  after(async () => { await d.p.close(); });

  const stats = async (user: string) => {
    const res = await d.p.request({ method: 'GET', url: '/api/field/stats', headers: d.headers[user] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const ok = async (user: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const res = await d.act(user, id, action, body);
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('counts the month of a collector and of a handler', async () => {
    const empty = await stats('collector1');
    assert.deepEqual({ ...empty, month: undefined }, { month: undefined, reported: 0, valid: 0, verified: 0, checked: 0, selfHandled: 0, handled: 0 });
    assert.equal(empty.month, monthRange(new Date()).month);

    // A: reported, filed, handled by the department, 核查 by the collector.
    const a = (await d.report('collector1')).body;
    await ok('acceptor1', a.id, 'accept');
    await ok('shift1', a.id, 'file');
    await ok('dispatcher1', a.id, 'dispatch', { leadDepartmentId: await d.departmentId('云河市市政工程管理处') });
    await ok('handler1', a.id, 'handle_feedback', { afterPhotos: [AFTER_PHOTO] });
    await ok('acceptor1', a.id, 'request_check', { assigneeUserId: await d.userId('collector1') });
    await ok('collector1', a.id, 'check_pass', { afterPhotos: [AFTER_PHOTO] });
    // B: reported, not accepted (not valid).
    const b = (await d.report('collector1')).body;
    await ok('acceptor1', b.id, 'reject', { opinion: '重复上报' });
    // C: reported and handled on the spot.
    const c = (await d.report('collector1')).body;
    await ok('collector1', c.id, 'self_handle', { beforePhotos: [PHOTO], afterPhotos: [AFTER_PHOTO] });
    // D: a hotline report the collector is sent to verify.
    const h = (await d.report('acceptor1', { source: 'hotline' })).body;
    await ok('acceptor1', h.id, 'request_verify', { assigneeUserId: await d.userId('collector1') });
    await ok('collector1', h.id, 'verify', { found: true });

    const mine = await stats('collector1');
    assert.deepEqual({ ...mine, month: undefined },
      { month: undefined, reported: 3, valid: 1, verified: 1, checked: 1, selfHandled: 1, handled: 0 });
    assert.equal((await stats('handler1')).handled, 1);
    assert.equal((await stats('collector2')).reported, 0);
    assert.equal((await stats('acceptor1')).reported, 1);
  });

  it('takes the month in China time', () => {
    assert.deepEqual(monthRange(new Date('2026-12-31T16:30:00Z')), { month: '2027-01', from: '2027-01-01', to: '2027-02-01' });
    assert.deepEqual(monthRange(new Date('2026-12-31T15:30:00Z')), { month: '2026-12', from: '2026-12-01', to: '2027-01-01' });
  });

  it('refuses users without case access and anonymous requests', async () => {
    const citizen = await d.p.loginAs('citizen1');
    const res = await d.p.request({ method: 'GET', url: '/api/field/stats', headers: citizen });
    assert.equal(res.status, 403);
    assert.equal(typeof res.body.message, 'string');
    assert.equal((await d.p.request({ method: 'GET', url: '/api/field/stats' })).status, 401);
  });
});
