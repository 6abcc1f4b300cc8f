// 大屏 in Chromium: leader1 opens /screen at 1920×1080; the numbers, charts and map render; a case reported through
// the API then shows up in the counts and the live feed without a reload; today's map rings the active IoT alarms.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';

describe('大屏 (big screen)', () => {
  let env: BrowserEnv;
  before(async () => { env = await startBrowserEnv(); });
  after(async () => { await env?.close(); });

  async function report(description: string): Promise<string> {
    const { app } = env.platform;
    const auth = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'collector1', password: DEMO_PASSWORD } });
    const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { authorization: `Bearer ${auth.json().token}` },
      payload: { kind: 'matter', typeCode: '06003', position: { lon: 119.0002, lat: 34.0002 }, description } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().caseNo;
  }

  it('renders the figures, charts and map, and follows new cases live', async () => {
    const first = await report('人行道违章接坡');
    const page = await env.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await login(env, page, 'leader1');
    await page.goto(`${env.baseUrl}/screen`);
    const reported = page.getByTestId('screen-day-reported').locator('.scr-number-value');
    await reported.waitFor();
    assert.equal(await reported.innerText(), '1');
    await page.getByTestId('screen-live').getByText('实时').waitFor();
    await page.getByTestId('screen-feed').getByText(first).first().waitFor();
    for (const chart of ['screen-rate-0', 'screen-rate-3', 'screen-top-types', 'screen-ranking', 'screen-trend-days',
      'screen-trend-months', 'screen-sources']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    }
    await page.getByTestId('screen-map').locator('canvas.maplibregl-canvas').waitFor();
    assert.match(await page.getByTestId('screen-lights').innerText(), /未办结 1/);
    assert.match(await page.getByTestId('screen-clock').innerText(), /\d{2}:\d{2}:\d{2}/);
    // the canvas is scaled to the window: 1920×1080 fills it exactly
    const box = (await page.getByTestId('screen').boundingBox())!;
    assert.deepEqual([Math.round(box.width), Math.round(box.height)], [1920, 1080]);
    await screenshot(page, 'screen-leader1');

    await page.evaluate(() => { (globalThis as any).__screenMarker = 'still here'; });
    const second = await report('井盖缺失');
    await page.getByTestId('screen-feed').getByText(second).first().waitFor({ timeout: 20_000 });
    await page.getByTestId('screen-day-reported').locator('.scr-number-value', { hasText: /^2$/ }).waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('screen-lights').innerText(), /未办结 2/);
    assert.equal(await page.evaluate(() => (globalThis as any).__screenMarker), 'still here');   // no reload
    await screenshot(page, 'screen-leader1-live');

    // scaled down to a smaller window, everything still fits
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(300);
    const small = (await page.getByTestId('screen').boundingBox())!;
    assert.deepEqual([Math.round(small.width), Math.round(small.height)], [1280, 720]);
  });

  it('shows a past day from ?date= and refuses a bad one with the API\'s message', async () => {
    const page = await env.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await login(env, page, 'leader1');
    await page.goto(`${env.baseUrl}/screen?date=2026-01-05`);
    await page.getByTestId('screen-history').getByText('2026-01-05').waitFor();
    assert.equal(await page.getByTestId('screen-day-reported').locator('.scr-number-value').innerText(), '0');
    await page.goto(`${env.baseUrl}/screen?date=2026-02-30`);
    await page.getByTestId('screen-error').getByText(/日期无效/).waitFor();
  });

  it('rings the active IoT alarms on today\'s map and follows new ones live', async () => {
    const { app } = env.platform;
    const auth = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    const headers = { authorization: `Bearer ${auth.json().token}` };
    const alarm = async (code: string, lel: number) => {
      const dev = await app.inject({ method: 'POST', url: '/api/monitor/devices', headers,
        payload: { code, name: `燃气${code}`, typeCode: 'gas_lel', position: { lon: 119.0003, lat: 34.0003 } } });
      assert.equal(dev.statusCode, 201, dev.body);
      const basic = `Basic ${Buffer.from(`${code}:${dev.json().secret}`).toString('base64')}`;
      const res = await app.inject({ method: 'POST', url: '/api/monitor/readings', headers: { authorization: basic },
        payload: { readings: [{ values: { lel } }] } });
      assert.equal(res.statusCode, 200, res.body);
    };
    await alarm('GAS-5001', 60);
    const page = await env.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await login(env, page, 'leader1');
    await page.goto(`${env.baseUrl}/screen`);
    await page.getByTestId('screen-alarms').getByText('物联感知告警 1 条').waitFor({ timeout: 20_000 });
    await alarm('GAS-5002', 30);
    await page.getByTestId('screen-alarms').getByText('物联感知告警 2 条').waitFor({ timeout: 20_000 });
    await screenshot(page, 'screen-alarms');
    // a past day shows no live alarms
    await page.goto(`${env.baseUrl}/screen?date=2026-01-05`);
    await page.getByTestId('screen-history').getByText('2026-01-05').waitFor();
    await page.getByTestId('screen-map').locator('canvas.maplibregl-canvas').waitFor();
    assert.equal(await page.getByTestId('screen-alarms').count(), 0);
  });

  it('reached nothing outside the test server and threw no page errors', () => {
    assert.deepEqual(env.external, []);
    assert.deepEqual(env.pageErrors, []);
  });
});
