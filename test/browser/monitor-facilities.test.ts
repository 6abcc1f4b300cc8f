// 设施监测 and 防汛 pages: a bridge with a sensor and its readings shows its chart; flood readings raise an area warning
// that the flood dashboard lists with the team member notified, who acknowledges it there.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const P = { lon: 119.0002, lat: 34.0002 };
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('web console: 设施监测 and 防汛', () => {
  let env: BrowserEnv;
  let page: Page;
  let facilityId: number;
  let auth: Record<string, string>;

  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers = auth) => {
    const res = await env.platform.app.inject({ method, url, payload: payload as any, headers });
    return { status: res.statusCode, body: res.json() };
  };
  const device = async (code: string, typeCode: string) => {
    const res = await api('POST', '/api/monitor/devices', { code, name: `测试${code}`, typeCode, position: P });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: number; secret: string };
  };
  const send = async (code: string, secret: string, readings: object[]) => {
    const res = await api('POST', '/api/monitor/readings', { readings }, { authorization: `Basic ${Buffer.from(`${code}:${secret}`).toString('base64')}` });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };

  before(async () => {
    env = await startBrowserEnv();
    auth = { authorization: `Bearer ${(await api('POST', '/api/auth/login', { username: 'admin', password: DEMO_PASSWORD }, {})).body.token}` };
    const f = await api('POST', '/api/monitor/facilities', { code: 'BR-B01', kind: 'bridge', name: '人民路测试大桥',
      geometry: { type: 'LineString', coordinates: [[P.lon, P.lat - 0.0001], [P.lon, P.lat + 0.0002]] } });
    assert.equal(f.status, 201, JSON.stringify(f.body));
    facilityId = f.body.id;
    const b = await device('BRG-B01', 'bridge_health');
    await api('PUT', `/api/monitor/facilities/${facilityId}/devices`, { deviceIds: [b.id] });
    await send('BRG-B01', b.secret, Array.from({ length: 24 }, (_, i) => ({ ts: ago(240 - i * 10), values: { deflection: 10 + (i % 6) * 3, load: 18 } })));
    // flood: a team, a heavy shower and deep water on the road
    const dispatcher = (await env.platform.ctx.db.maybeOne<{ id: number }>("select id from users where username = 'dispatcher1'"))!;
    assert.equal((await api('POST', '/api/monitor/flood/teams', { name: '中心区防汛抢险队', areaCode: '379902', memberIds: [Number(dispatcher.id)] })).status, 201);
    const rain = await device('RG-B01', 'rain_gauge');
    const pond = await device('PND-B01', 'road_ponding');
    await send('RG-B01', rain.secret, [{ ts: ago(3), values: { rain_1h: 55 } }]);
    await send('PND-B01', pond.secret, [{ ts: ago(2), values: { depth: 32 } }]);
    assert.equal((await api('POST', '/api/monitor/flood/evaluate')).body.started, 1);
    page = await env.newPage();
    await login(env, page, 'dispatcher1');
  });
  after(async () => { await env?.close(); });

  it('lists the facility and shows its sensor chart with the latest value', async () => {
    await page.goto(`${env.baseUrl}/monitor/facilities`);
    await page.getByTestId('fac-table').getByText('人民路测试大桥').waitFor();
    await page.getByTestId('fac-map').locator('canvas').waitFor();
    await screenshot(page, 'monitor-facilities-list');
    await page.getByTestId('fac-table').getByText('人民路测试大桥').click();
    await page.waitForURL(`**/monitor/facilities/${facilityId}`);
    await page.getByTestId('fac-title').getByText('人民路测试大桥').waitFor();
    await page.getByTestId('fac-sensors').getByText('挠度 25mm').waitFor();   // the last reading: 10 + 5 × 3
    await page.getByTestId('fac-chart-deflection').locator('canvas').waitFor();
    const href = await page.getByTestId('fac-report').getAttribute('href');
    assert.match(href!, new RegExp(`/api/monitor/facilities/${facilityId}/report\\.pdf\\?from=`));
    const pdf = await page.request.get(`${env.baseUrl}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await screenshot(page, 'monitor-facility-detail');
  });

  it('shows the area warning on the flood dashboard with the member notified, who acknowledges it', async () => {
    await page.goto(`${env.baseUrl}/monitor/flood`);
    const table = page.getByTestId('fld-warnings');
    await table.getByText('人民街道').waitFor();
    await table.getByText('橙色（Ⅱ级）').waitFor();   // 55 mm in an hour and 32 cm of water are both 橙色
    await page.getByTestId('fld-rain-chart').locator('canvas').waitFor();
    await page.getByTestId('fld-map').locator('canvas').waitFor();
    await screenshot(page, 'monitor-flood');
    await table.getByRole('button', { name: '确认收到' }).click();
    await table.getByText('✓', { exact: false }).waitFor();
    const acked = await env.platform.ctx.db.maybeOne<{ n: number }>('select count(*)::int as n from monitor_flood_notifications where acked_at is not null');
    assert.equal(acked!.n, 1);
    assert.deepEqual(env.pageErrors, []);
  });
});
