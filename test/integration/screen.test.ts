// 大屏 through the API: the day's and month's figures, rates, trends, ranking, lights, feed and map points match the
// cases this test reports and moves; a district leader sees only the district; bad dates are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../../src/admin/passwords.ts';
import { chinaDayIndex, dayKey } from '../../src/command/rules/china-time.ts';
import { bulkInsert } from '../../src/platform/bulk.ts';
import type { Db } from '../../src/db/types.ts';
import { AFTER_PHOTO, seedCommandCity, TYPE } from '../helpers/command.ts';
import { DEMO_PASSWORD, startTestPlatform } from '../helpers/platform.ts';
import { square } from '../helpers/fixtures.ts';
import type { TestPlatform } from '../helpers/platform.ts';

/** The tiny city plus one grid in 河东区 (379903) and a leader for each district. */
async function seedScreenCity(db: Db): Promise<void> {
  await seedCommandCity(db);
  const division = (code: string, name: string, level: string, parent: string) => ({
    code, name, level, parent_code: parent, geometry: square(119.1, 34.0, 0.001), bbox: [119.1, 34.0, 119.101, 34.001], area_m2: 10000,
  });
  await bulkInsert(db, 'divisions', [division('379903001', '河东街道', 'street', '379903')]);
  await bulkInsert(db, 'divisions', [division('379903001001', '河东社区', 'community', '379903001')]);
  await bulkInsert(db, 'unit_grids', [{ code: '379903001001001', name: '网格1', community_code: '379903001001',
    geometry: square(119.1, 34.0, 0.001), bbox: [119.1, 34.0, 119.101, 34.001], area_m2: 10000, start_date: '2026-01-01' }]);
  const hash = await hashPassword(DEMO_PASSWORD);
  await bulkInsert(db, 'users', [
    { username: 'leader_zx', display_name: '中心区领导', password_hash: hash, role: 'leader', region_code: '379902' },
    { username: 'leader_hd', display_name: '河东区领导', password_hash: hash, role: 'leader', region_code: '379903' },
  ]);
}

describe('大屏 API', () => {
  let p: TestPlatform;
  const h: Record<string, Record<string, string>> = {};
  const ids: Record<'a' | 'b' | 'c' | 'd', number> = { a: 0, b: 0, c: 0, d: 0 };
  const caseNos: Record<string, string> = {};
  const get = (user: string, url: string) => p.request({ method: 'GET', url, headers: h[user] });

  async function report(user: string, position: { lon: number; lat: number }) {
    const res = await p.request({ method: 'POST', url: '/api/cases', headers: h[user],
      payload: { kind: 'matter', typeCode: TYPE, position, description: '人行道违章接坡' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }
  async function act(user: string, id: number, action: string, body: Record<string, unknown> = {}) {
    const { version } = (await p.db.maybeOne<{ version: number }>('select version from cases where id = $1', [id]))!;
    const res = await p.request({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: h[user],
      payload: { version, ...body } });
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  }

  before(async () => {
    p = await startTestPlatform({ seed: seedScreenCity });
    for (const u of ['collector1', 'collector2', 'acceptor1', 'shift1', 'dispatcher1', 'handler1', 'leader1', 'leader_zx', 'leader_hd',
      'citizen1']) h[u] = await p.loginAs(u);
    const dept = Number((await p.db.maybeOne<{ id: number }>("select id from departments where name = '云河市市政工程管理处'"))!.id);
    const collector1 = Number((await p.db.maybeOne<{ id: number }>("select id from users where username = 'collector1'"))!.id);
    const inZx = { lon: 119.0002, lat: 34.0002 };
    for (const k of ['a', 'b', 'c'] as const) {
      const c = await report('collector1', inZx);
      ids[k] = c.id;
      caseNos[k] = c.caseNo;
    }
    const d = await report('collector2', { lon: 119.1002, lat: 34.0002 });
    ids.d = d.id;
    caseNos.d = d.caseNo;
    // a: the whole loop to 结案; b: dispatched; c: only reported; d (河东区): filed
    for (const k of ['a', 'b', 'd'] as const) {
      await act('acceptor1', ids[k], 'accept');
      await act('shift1', ids[k], 'file');
    }
    for (const k of ['a', 'b'] as const) await act('dispatcher1', ids[k], 'dispatch', { leadDepartmentId: dept });
    await act('handler1', ids.a, 'handle_feedback', { afterPhotos: [AFTER_PHOTO], opinion: '已恢复原状' });
    await act('acceptor1', ids.a, 'request_check', { assigneeUserId: collector1 });
    await act('collector1', ids.a, 'check_pass', { opinion: '现场已整改' });
    await act('shift1', ids.a, 'close');
    // time passes: a's 处置 deadline (met) and b's (missed, its light red) are now behind us
    await p.db.query(`update case_clocks set deadline = now() - interval '1 second' where clock = 'handle' and case_id = $1`, [ids.a]);
    await p.db.query(`update case_clocks set deadline = now() - interval '1 second', yellow_at = now() - interval '2 seconds',
      red_at = now() - interval '1 second' where clock = 'handle' and case_id = $1`, [ids.b]);
  });
  after(async () => { await p?.close(); });

  it('counts the day and the month, with 按期处置率 and 结案率, for the whole city', async () => {
    const res = await get('leader1', '/api/screen/summary');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const s = res.body;
    assert.equal(s.date, dayKey(chinaDayIndex(new Date())));
    assert.equal(s.today, true);
    const flow = { reported: 4, filed: 3, dispatched: 2, handled: 1, closed: 1 };
    assert.deepEqual(s.day, flow);
    assert.deepEqual(s.monthTotals, flow);
    for (const period of ['day', 'month']) {
      // 应处置 = a (on time) + b (missed); 应结案 = the filed a, b, d; 结案 = a
      assert.deepEqual(s.rates[period].onTimeHandling, { toHandle: 2, handled: 1, handledOnTime: 1, rate: 0.5 });
      assert.deepEqual(s.rates[period].closure, { toClose: 3, closed: 1, rate: 1 / 3 });
    }
    assert.deepEqual(s.topTypes, [{ kind: 'matter', typeCode: TYPE, name: s.topTypes[0].name, count: 4 }]);
    assert.ok(s.topTypes[0].name.length > 0);
    assert.deepEqual(s.sources, [{ source: 'collector', name: '监督员上报', count: 4 }]);
    // open: b (处置, red), c (受理), d (派遣)
    assert.deepEqual(s.lights, { green: 2, yellow: 0, red: 1, paused: 0 });
    assert.equal(s.trend.days.length, 30);
    assert.deepEqual(s.trend.days.at(-1), { date: s.date, reported: 4, closed: 1 });
    assert.equal(s.trend.days.slice(0, -1).reduce((n: number, d: any) => n + d.reported + d.closed, 0), 0);
    assert.equal(s.trend.months.length, 12);
    assert.deepEqual(s.trend.months.at(-1), { month: s.month, reported: 4, closed: 1 });
  });

  it('ranks the districts by 按期处置率, then 结案率', async () => {
    const { body } = await get('leader1', '/api/screen/summary');
    assert.deepEqual(body.districts.map((d: any) => [d.code, d.name, d.reported, d.filed, d.dispatched, d.closed]),
      [['379902', '中心区', 3, 2, 2, 1], ['379903', '河东区', 1, 1, 0, 0]]);
    assert.deepEqual(body.districts[0].handling, { toHandle: 2, handled: 1, handledOnTime: 1, rate: 0.5 });
    assert.deepEqual(body.districts[0].closing, { toClose: 2, closed: 1, rate: 0.5 });
    assert.deepEqual(body.districts[1].handling, { toHandle: 0, handled: 0, handledOnTime: 0, rate: null });
    assert.deepEqual(body.districts[1].closing, { toClose: 1, closed: 0, rate: 0 });
  });

  it('shows a district leader only the district', async () => {
    const zx = (await get('leader_zx', '/api/screen/summary')).body;
    assert.deepEqual(zx.day, { reported: 3, filed: 2, dispatched: 2, handled: 1, closed: 1 });
    assert.deepEqual(zx.districts.map((d: any) => d.code), ['379902']);
    assert.deepEqual(zx.lights, { green: 1, yellow: 0, red: 1, paused: 0 });
    assert.deepEqual(zx.rates.month.closure, { toClose: 2, closed: 1, rate: 0.5 });
    const hd = (await get('leader_hd', '/api/screen/summary')).body;
    assert.deepEqual(hd.day, { reported: 1, filed: 1, dispatched: 0, handled: 0, closed: 0 });
    assert.deepEqual(hd.districts.map((d: any) => d.code), ['379903']);
    assert.equal(hd.rates.day.onTimeHandling.rate, null);

    const feed = async (user: string) => (await get(user, '/api/screen/feed?limit=50')).body.items as any[];
    const all = await feed('leader1');
    assert.equal(all.length, 4 + 3 * 2 + 2 + 4);   // 上报 ×4, 受理+立案 ×3, 派遣 ×2, 处置 → 结案 of a
    assert.deepEqual(all[0], { ...all[0], caseNo: caseNos.a, action: 'close', actionName: '结案', stage: 'closed', stageName: '已结案',
      districtCode: '379902', districtName: '中心区' });
    assert.ok(all[0].typeName.length > 0);
    assert.ok(all.every((e, i) => i === 0 || e.at <= all[i - 1].at));
    const zxFeed = await feed('leader_zx');
    assert.equal(zxFeed.length, all.length - 3);
    assert.ok(zxFeed.every((e) => e.districtCode === '379902'));
    assert.deepEqual((await feed('leader_hd')).map((e) => e.caseNo), [caseNos.d, caseNos.d, caseNos.d]);
    assert.equal((await get('leader1', '/api/screen/feed?limit=2')).body.items.length, 2);

    const points = async (user: string) => (await get(user, '/api/screen/open-cases.geojson')).body.features as any[];
    const open = await points('leader1');
    assert.deepEqual(open.map((f) => [f.properties.caseNo, f.properties.light]),
      [[caseNos.b, 'red'], [caseNos.d, 'green'], [caseNos.c, 'green']]);
    assert.deepEqual(open[0].geometry, { type: 'Point', coordinates: [119.0002, 34.0002] });
    assert.deepEqual((await points('leader_hd')).map((f) => f.properties.caseNo), [caseNos.d]);
  });

  it('shows a past day as it was: nothing reported yesterday, nothing open at its end', async () => {
    const yesterday = dayKey(chinaDayIndex(new Date()) - 1);
    const s = (await get('leader1', `/api/screen/summary?date=${yesterday}`)).body;
    assert.equal(s.date, yesterday);
    assert.equal(s.today, false);
    assert.deepEqual(s.day, { reported: 0, filed: 0, dispatched: 0, handled: 0, closed: 0 });
    assert.deepEqual(s.lights, { green: 0, yellow: 0, red: 0, paused: 0 });
    assert.equal(s.rates.day.closure.rate, null);
    assert.equal(s.trend.days.at(-1).date, yesterday);
    assert.deepEqual((await get('leader1', `/api/screen/feed?date=${yesterday}`)).body.items, []);
    assert.deepEqual((await get('leader1', `/api/screen/open-cases.geojson?date=${yesterday}`)).body.features, []);
  });

  it('refuses bad dates and limits with 400, and viewers without case.read with 403', async () => {
    const tomorrow = dayKey(chinaDayIndex(new Date()) + 1);
    for (const date of ['2026-02-30', 'yesterday', '2026-1-1', tomorrow]) {
      for (const path of ['summary', 'feed', 'open-cases.geojson']) {
        const res = await get('leader1', `/api/screen/${path}?date=${date}`);
        assert.equal(res.status, 400, `${path} ${date}`);
        assert.equal(res.body.code, 'INVALID_DATE');
        assert.match(res.body.message, /日期无效/);
      }
    }
    const limit = await get('leader1', '/api/screen/feed?limit=0');
    assert.equal(limit.status, 400);
    assert.equal(limit.body.code, 'VALIDATION');
    assert.equal((await get('leader1', '/api/screen/summary?extra=1')).status, 400);
    assert.equal((await get('citizen1', '/api/screen/summary')).status, 403);
    assert.equal((await p.request({ method: 'GET', url: '/api/screen/summary' })).status, 401);
  });
});
