// 综合评价 in Chromium: a leader opens the region evaluation, sees the table with grades and the charts, clicks a figure
// and sees the cases behind it; an administrator changes a weight on the scoring page and the score changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';

describe('综合评价 (evaluation pages)', () => {
  let env: BrowserEnv;
  before(async () => { env = await startBrowserEnv(); });
  after(async () => { await env?.close(); });

  async function as(username: string) {
    const auth = await env.platform.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    return { authorization: `Bearer ${auth.json().token}` };
  }
  /** Reports a case as `reporter`, then 受理 and 立案 it. */
  async function reportAndFile(reporter: string): Promise<void> {
    const { app } = env.platform;
    const res = await app.inject({ method: 'POST', url: '/api/cases', headers: await as(reporter),
      payload: { kind: 'matter', typeCode: '06003', position: { lon: 119.0002, lat: 34.0002 }, description: '人行道违章接坡' } });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    // a public report is verified on site (核实) first
    const steps: [string, string, object][] = reporter === 'citizen1'
      ? [['acceptor1', 'request_verify', { assigneeUserId: Number((await env.platform.ctx.db.maybeOne<{ id: number }>("select id from users where username = 'collector1'"))!.id) }], ['collector1', 'verify', { found: true }]] : [];
    for (const [user, action, body] of [...steps, ['acceptor1', 'accept', {}], ['shift1', 'file', {}]] as [string, string, object][]) {
      const { version } = (await env.platform.ctx.db.maybeOne<{ version: number }>('select version from cases where id = $1', [id]))!;
      const r = await app.inject({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: await as(user),
        payload: { version, ...body } });
      assert.ok(r.statusCode < 300, r.body);
    }
  }

  it('shows grades and charts, drills down to the cases, and follows a weight change', async () => {
    await reportAndFile('collector1');
    await reportAndFile('citizen1');   // reported by the public first: 监督举报率 50 %
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const page = await env.newPage();
    await login(env, page, 'leader1');
    await page.goto(`${env.baseUrl}/evaluation/regions?period=month&date=${today}`);
    const table = page.getByTestId('eva-table');
    await table.getByText('中心区').waitFor();
    assert.equal(await table.getByTestId('eva-grade').first().innerText(), 'B');   // (50 × 10 + 100 × 20) / 30 = 83.3
    assert.match(await table.innerText(), /83\.3/);
    await page.getByTestId('eva-chart').locator('canvas').waitFor();
    await page.getByTestId('eva-grade-chart').locator('canvas').waitFor();
    await screenshot(page, 'evaluation-regions');
    await table.getByTestId('eva-fig-filed').first().click();
    const drill = page.getByTestId('eva-drill-table');
    await drill.locator('tbody tr a').first().waitFor();
    assert.equal(await drill.locator('tbody tr a').count(), 2);
    assert.match(await page.locator('.ant-drawer-title').innerText(), /立案数（2 件）/);
    await screenshot(page, 'evaluation-drill');
    await drill.locator('tbody tr a').first().click();
    await page.waitForURL(/\/cases\/\d+$/);

    const admin = await env.newPage();
    await login(env, admin, 'admin');
    await admin.goto(`${env.baseUrl}/evaluation/scoring`);
    await admin.getByTestId('eva-weight-region-0').fill('0');
    await admin.getByTestId('eva-weight-region-1').fill('30');
    await admin.getByTestId('eva-scoring-region').getByText('权重合计 100').waitFor();
    await admin.getByTestId('eva-save').click();
    await admin.getByText('评分设置已保存').waitFor();
    await screenshot(admin, 'evaluation-scoring');
    await page.goto(`${env.baseUrl}/evaluation/regions?period=month&date=${today}`);
    await page.getByTestId('eva-table').getByText('中心区').waitFor();
    assert.equal(await page.getByTestId('eva-table').getByTestId('eva-grade').first().innerText(), 'A');
    assert.match(await page.getByTestId('eva-table').innerText(), /100\.0/);
    assert.deepEqual(env.pageErrors, []);
  });
});
