// 分析研判 in Chromium: leader1 opens 三高分析 and sees the heat matrix, the hexagon map, the type ranking and grids
// for cases reported in this test; then generates a report on the reports page and downloads its PDF.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chinaDayIndex, dayKey } from '../../src/command/rules/china-time.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

describe('分析研判 pages', () => {
  let env: BrowserEnv;
  before(async () => { env = await startBrowserEnv(); });
  after(async () => { await env?.close(); });

  it('shows the heat matrix and hexagon map, and downloads a generated report', async () => {
    const { app } = env.platform;
    const auth = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'collector1', password: DEMO_PASSWORD } });
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { authorization: `Bearer ${auth.json().token}` },
        payload: { kind: 'matter', typeCode: '06003', position: { lon: 119.0002, lat: 34.0002 + i * 0.0001 }, description: '人行道违章接坡' } });
      assert.equal(res.statusCode, 201, res.body);
    }
    const today = dayKey(chinaDayIndex(new Date()));
    const page = await env.newPage();
    await login(env, page, 'leader1');
    assert.ok(await page.getByTestId('side-menu').getByText('分析研判').isVisible());
    await page.goto(`${env.baseUrl}/analysis/incidence?from=${today}&to=${today}`);
    await page.getByTestId('ana-total').getByText('共 3 件').waitFor({ timeout: 20_000 });
    await page.getByTestId('ana-heat').locator('canvas').first().waitFor();
    await page.getByTestId('ana-types').locator('canvas').first().waitFor();
    await page.locator('[data-testid="ana-hexmap"][data-ready="yes"] canvas.maplibregl-canvas').waitFor({ timeout: 20_000 });
    await page.getByTestId('ana-grids').getByText('379902001001001').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'analysis-incidence-leader1');

    await page.goto(`${env.baseUrl}/analysis/reports`);
    await page.getByTestId('report-kind').getByText('日报').click();
    await page.getByTestId('report-generate').click();
    const row = page.getByTestId('report-list').locator('tr', { hasText: '城市运行日报' }).first();
    await row.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'PDF' }).or(row.getByRole('button', { name: 'PDF' })).click()]);
    const file = await download.path();
    assert.equal(readFileSync(file!).subarray(0, 5).toString(), '%PDF-');
    assert.match(download.suggestedFilename(), /\.pdf$/);
    await screenshot(page, 'analysis-reports-leader1');
    assert.deepEqual(env.pageErrors, []);
    assert.deepEqual(env.external, []);
  });
});
