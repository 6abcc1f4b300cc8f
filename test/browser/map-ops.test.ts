// 一张图 business layers in the browser: open cases by traffic light, heat and grid colouring toggled in the layer
// panel, the time slider, polygon selection (terra-draw) listing the cases inside, search by case number, and a
// collector's live position, and the monitoring layers (a sensor in alarm, live alarms, cameras) — on the tiny city
// with cases and devices created through the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { COMMUNITY_A, COMMUNITY_B, STREET } from '../helpers/fixtures.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

interface Made { id: number; caseNo: string; lon: number; lat: number }

async function apiAs(env: BrowserEnv, username: string) {
  const res = await fetch(`${env.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const { token } = await res.json() as { token: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${env.baseUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } });
    return { status: r.status, body: await r.json() as any };
  };
}

const mapOf = (page: Page) => page.evaluate.bind(page);

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const map = (globalThis as any).__cityopsMap;
    return map && !map.isMoving() && map.loaded();
  }, null, { timeout: 15_000 });
}

/** The rendered case points: case number → light, once there are `n` of them. */
async function renderedCases(page: Page, n: number): Promise<Record<string, string>> {
  const handle = await page.waitForFunction((count) => {
    const map = (globalThis as any).__cityopsMap;
    if (!map || !map.loaded() || !map.getLayer('cases-point')) return null;
    const features = map.queryRenderedFeatures({ layers: ['cases-point'] });
    const byNo = Object.fromEntries(features.map((f: any) => [f.properties.caseNo, f.properties.light]));
    return Object.keys(byNo).length === count ? byNo : null;
  }, n, { timeout: 30_000 });
  return (await handle.jsonValue()) as Record<string, string>;
}

async function screenPoint(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([x, y]) => (globalThis as any).__cityopsMap.project([x, y]), [lon, lat]);
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

async function openMap(env: BrowserEnv, user = 'admin'): Promise<Page> {
  const page = await env.newPage();
  await login(env, page, user);
  await page.goto(`${env.baseUrl}/map`);
  await page.getByTestId('map').locator('canvas').waitFor();
  return page;
}

describe('web console: the map\'s business layers (一张图)', () => {
  let env: BrowserEnv;
  const made: Made[] = [];

  before(async () => {
    env = await startBrowserEnv();
    const acceptor = await apiAs(env, 'acceptor1');
    // four cases: three in grid A1 (119.0000–119.0005), one in grid B2 (119.0015–119.0020)
    for (const [lon, lat] of [[119.0001, 34.0001], [119.0003, 34.0003], [119.0004, 34.0001], [119.0017, 34.0003]]) {
      const res = await acceptor('POST', '/api/cases', { kind: 'matter', typeCode: '06003', source: 'hotline',
        position: { lon, lat }, description: '人行道违章接坡', reporter: { name: '王先生', phone: '13900001111' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      made.push({ id: res.body.id, caseNo: res.body.caseNo, lon, lat });
    }
    const db = env.platform.ctx.db;
    await db.query("update case_clocks set yellow_at = now() - interval '1 minute' where case_id = $1", [made[1].id]);
    await db.query("update case_clocks set yellow_at = now() - interval '2 hours', red_at = now() - interval '1 hour' where case_id = $1", [made[2].id]);
    await db.query("update cases set created_at = now() - interval '10 days' where id = $1", [made[3].id]);
    await bulkInsert(db, 'components', [
      { id: '37990201001000001', type_code: '01001', name: '井盖1', grid_code: `${COMMUNITY_A}001`, community_code: COMMUNITY_A,
        street_code: STREET, status: '完好', lon: 119.0002, lat: 34.0004 },
      { id: '37990201001000002', type_code: '01001', name: '井盖2', grid_code: `${COMMUNITY_B}002`, community_code: COMMUNITY_B,
        street_code: STREET, status: '完好', lon: 119.0018, lat: 34.0001 },
    ]);
    // the field app's report (监督员位置)
    const collector = await apiAs(env, 'collector1');
    assert.equal((await collector('POST', '/api/me/position', { lon: 119.0012, lat: 34.0004, accuracy: 6 })).status, 200);
  });
  after(async () => { await env?.close(); });

  it('shows the open cases coloured by traffic light and the collector\'s position; toggles heat and grid colouring', async () => {
    const page = await openMap(env);
    const lights = await renderedCases(page, 4);
    assert.deepEqual(lights, { [made[0].caseNo]: 'green', [made[1].caseNo]: 'yellow', [made[2].caseNo]: 'red', [made[3].caseNo]: 'green' });
    const staff = await page.waitForFunction(() => (globalThis as any).__cityopsMap.queryRenderedFeatures({ layers: ['staff-point'] })
      .map((f: any) => f.properties.name)[0], null, { timeout: 15_000 });
    assert.equal(await staff.jsonValue(), '测试collector1');
    const legend = page.getByTestId('map-legend');
    assert.match(await legend.innerText(), /超时（红灯）[\s\S]*显示 4 件[\s\S]*外勤人员[\s\S]*1 人/);
    await idle(page);
    await screenshot(page, 'map-ops-live');

    const panel = page.getByTestId('layer-switcher');
    await panel.getByText('案件热力').click();
    const heat = await page.waitForFunction(() => {
      const map = (globalThis as any).__cityopsMap;
      if (map.getLayoutProperty('heat', 'visibility') !== 'visible') return null;
      // a cell near a tile edge is in several tiles: count each position once
      const cells = new Map(map.querySourceFeatures('case-heat').map((f: any) => [f.geometry.coordinates.join(','), f.properties.n]));
      return cells.size ? [...cells.values()].reduce((s: number, n: any) => s + n, 0) : null;
    }, null, { timeout: 15_000 });
    assert.equal(await heat.jsonValue(), 4, 'the last 30 days');
    await panel.getByText('网格着色').click();
    const state = await page.waitForFunction((code) => {
      const map = (globalThis as any).__cityopsMap;
      const s = map.getFeatureState({ source: 'grids', id: code });
      return map.getLayoutProperty('gridstats-fill', 'visibility') === 'visible' && s.cases !== undefined ? s : null;
    }, `${COMMUNITY_A}001`, { timeout: 15_000 });
    assert.deepEqual(await state.jsonValue(), { cases: 3, handled: 0, rate: -1 });
    await page.getByTestId('grid-metric').getByText('按时处置率').waitFor();
    await idle(page);
    await screenshot(page, 'map-ops-heat-grids');

    await panel.getByText('案件（红黄绿灯）').click();
    await page.waitForFunction(() => (globalThis as any).__cityopsMap.getLayoutProperty('cases-point', 'visibility') === 'none');
    await idle(page);
    assert.equal(await page.evaluate(() => (globalThis as any).__cityopsMap.queryRenderedFeatures({ layers: ['cases-point'] }).length), 0);
    await page.close();
  });

  it('shows the cases of a chosen period on the time slider', async () => {
    const page = await openMap(env);
    await renderedCases(page, 4);
    await page.getByTestId('time-mode').getByText('历史').click();
    assert.match(await page.getByTestId('time-label').innerText(), /（7 天）/);
    const week = await renderedCases(page, 3);
    assert.equal(week[made[3].caseNo], undefined, 'reported 10 days ago');
    await page.getByTestId('time-bar').getByText('近 30 天').click();
    assert.equal(Object.keys(await renderedCases(page, 4)).length, 4);
    await idle(page);
    await screenshot(page, 'map-ops-history');
    await page.close();
  });

  it('lists the cases inside a drawn polygon, with links to the cases', async () => {
    const page = await openMap(env);
    await renderedCases(page, 4);
    await mapOf(page)(() => (globalThis as any).__cityopsMap.jumpTo({ center: [119.0008, 34.00025], zoom: 18 }));
    await idle(page);
    await page.getByTestId('select-toggle').click();
    // a box around the west half of grid A1 (119.00005–119.00035): cases 0 and 1 inside, case 2 (119.0004) outside
    const corners = [[119.00005, 33.99995], [119.00035, 33.99995], [119.00035, 34.00045], [119.00005, 34.00045]];
    for (const [lon, lat] of corners) {
      const p = await screenPoint(page, lon, lat);
      await page.mouse.move(p.x, p.y);
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(150);
    }
    const first = await screenPoint(page, corners[0][0], corners[0][1]);
    await page.mouse.move(first.x, first.y);
    await page.mouse.click(first.x, first.y);
    const drawer = page.getByTestId('selection-drawer');
    const list = page.getByTestId('selection-cases');
    await list.getByText(made[0].caseNo).waitFor({ timeout: 15_000 });
    const text = await list.innerText();
    assert.ok(text.includes(made[1].caseNo), text);
    assert.ok(!text.includes(made[2].caseNo) && !text.includes(made[3].caseNo), text);
    assert.match(await drawer.innerText(), /案件 2[\s\S]*部件 1[\s\S]*网格 1/);
    await screenshot(page, 'map-ops-selection');
    await drawer.getByText('部件 1').click();
    await page.getByTestId('selection-components').getByText('37990201001000001').waitFor();
    await drawer.getByText('案件 2').click();
    await list.getByText(made[1].caseNo).click();
    await page.waitForURL(new RegExp(`/cases/${made[1].id}$`));
    await page.close();
  });

  it('finds a case by its number, flies there and opens its popup with a link', async () => {
    const page = await openMap(env);
    await renderedCases(page, 4);
    await page.getByTestId('map-search').locator('input').fill(made[3].caseNo);
    const option = page.locator('.ant-select-item-option').filter({ hasText: made[3].caseNo });
    await option.first().click();
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    const text = await popup.innerText();
    assert.match(text, new RegExp(made[3].caseNo));
    assert.match(text, /违章接坡/);
    const center = await page.evaluate(() => (globalThis as any).__cityopsMap.getCenter());
    assert.ok(Math.abs(center.lng - made[3].lon) < 1e-5 && Math.abs(center.lat - made[3].lat) < 1e-5, JSON.stringify(center));
    await idle(page);
    await screenshot(page, 'map-ops-search-case');
    await popup.getByText('查看案件').click();
    await page.waitForURL(new RegExp(`/cases/${made[3].id}$`));
    await page.close();
  });

  it('shows the monitoring layers: a sensor in red alarm (pulsing), live alarms from the stream, cameras, with popups', async () => {
    const admin = await apiAs(env, 'admin');
    const device = async (code: string, lon: number, lat: number) => {
      const res = await admin('POST', '/api/monitor/devices', { code, name: `燃气监测${code}`, typeCode: 'gas_lel', position: { lon, lat } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: number; secret: string };
    };
    const reading = async (code: string, secret: string, lel: number) => {
      const res = await fetch(`${env.baseUrl}/api/monitor/readings`, { method: 'POST', body: JSON.stringify({ readings: [{ values: { lel } }] }),
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${code}:${secret}`).toString('base64')}` } });
      assert.equal(res.status, 200);
    };
    const red = await device('GAS-3001', 119.0007, 34.0002);
    const calm = await device('GAS-3002', 119.0012, 34.0002);
    const later = await device('GAS-3003', 119.0016, 34.0004);
    await reading('GAS-3001', red.secret, 60);   // red
    await reading('GAS-3002', calm.secret, 1);
    assert.equal((await admin('POST', '/api/monitor/cameras', { code: 'CAM-3001', name: '幸福路口', position: { lon: 119.0003, lat: 34.0004 } })).status, 201);

    const page = await openMap(env);
    await renderedCases(page, 4);
    const panel = page.getByTestId('layer-switcher');
    await panel.getByText('监测设备').click();
    await panel.getByText('视频监控').click();
    const rendered = (layer: string, n: number) => page.waitForFunction(([id, count]) => {
      const map = (globalThis as any).__cityopsMap;
      if (!map.loaded() || map.getLayoutProperty(id, 'visibility') !== 'visible') return null;
      const byKey = Object.fromEntries(map.queryRenderedFeatures({ layers: [id] })
        .map((f: any) => [f.properties.code ?? f.properties.deviceCode, f.properties.state ?? f.properties.level]));
      return Object.keys(byKey).length === count ? byKey : null;
    }, [layer, n] as const, { timeout: 20_000 }).then((h) => h.jsonValue() as Promise<Record<string, string>>);
    assert.deepEqual(await rendered('devices-point', 3), { 'GAS-3001': 'alarm', 'GAS-3002': 'normal', 'GAS-3003': 'normal' });
    assert.deepEqual(await rendered('alarms-point', 1), { 'GAS-3001': 'red' });   // 告警 is on when the page opens
    assert.equal(Object.keys(await rendered('cameras-point', 1))[0], 'CAM-3001');
    await page.getByTestId('alarm-pulse').first().waitFor();
    assert.equal(await page.getByTestId('alarm-pulse').count(), 1);
    assert.match(await page.getByTestId('legend-devices').innerText(), /3 台，告警 1，离线 0/);
    await mapOf(page)(() => (globalThis as any).__cityopsMap.jumpTo({ center: [119.001, 34.0003], zoom: 18 }));
    await idle(page);
    await screenshot(page, 'map-ops-monitoring');

    // a new alarm arrives through the stream, without reloading the page
    await reading('GAS-3003', later.secret, 30);   // yellow
    assert.deepEqual(await rendered('alarms-point', 2), { 'GAS-3001': 'red', 'GAS-3003': 'yellow' });
    assert.match(await page.getByTestId('legend-alarms').innerText(), /当前告警 2 条/);
    assert.equal(await page.getByTestId('alarm-pulse').count(), 1, 'yellow does not pulse');

    // the red alarm's popup links to the alarm console, the device's to its page
    await idle(page);
    const at = await screenPoint(page, 119.0007, 34.0002);
    await page.mouse.click(at.x, at.y);
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    assert.match(await popup.innerText(), /红色[\s\S]*燃气监测GAS-3001[\s\S]*待确认[\s\S]*60/);
    await screenshot(page, 'map-ops-alarm-popup');
    const alarmId = (await admin('GET', `/api/monitor/alarms?active=true&device=${red.id}`)).body.items[0].id;
    await popup.getByText('处置告警').click();
    await page.waitForURL(new RegExp(`/monitor/alarms\\?alarm=${alarmId}$`));
    await page.close();
  });

  it('keeps another district\'s cases off the map, and reached nothing outside the test server', async () => {
    // collector2 works in 河东区: the layers are offered, but none of 中心区's cases come
    const page = await openMap(env, 'collector2');
    await page.getByTestId('layer-switcher').getByText('案件（红黄绿灯）').waitFor();
    await page.waitForFunction(() => (globalThis as any).__cityopsMap?.loaded() && (globalThis as any).__cityopsMap.getSource('cases'));
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => (globalThis as any).__cityopsMap.querySourceFeatures('cases').length), 0);
    // collectors have no monitor.read: no monitoring layers offered or loaded
    const offered = await page.getByTestId('layer-switcher').innerText();
    assert.ok(!/告警|监测设备|视频监控/.test(offered), offered);
    assert.equal(await page.evaluate(() => (globalThis as any).__cityopsMap.getSource('alarms')), undefined);
    await page.close();
    assert.deepEqual(env.external, []);
    assert.deepEqual(env.pageErrors, []);
  });
});
