import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { COMMUNITY_A, COMMUNITY_B, STREET } from '../helpers/fixtures.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const line = (coords: [number, number][]) => ({ type: 'LineString', coordinates: coords });
const box = (x0: number, y0: number, x1: number, y1: number) =>
  ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

/** Roads, water, a park, landmarks and 24 components around the tiny city's grids. */
async function seedMapLayers(env: BrowserEnv): Promise<void> {
  const db = env.platform.ctx.db;
  await bulkInsert(db, 'roads', [
    { name: '人民路', class: '主干路', geometry: line([[118.9995, 34.0006], [119.0025, 34.0006]]), bbox: [118.9995, 34.0006, 119.0025, 34.0006] },
    { name: '建设路', class: '次干路', geometry: line([[119.001, 33.9995], [119.001, 34.0012]]), bbox: [119.001, 33.9995, 119.001, 34.0012] },
  ]);
  await bulkInsert(db, 'map_areas', [
    { name: '玉带河', kind: 'water', geometry: box(118.9995, 34.0008, 119.0025, 34.0010), bbox: [118.9995, 34.0008, 119.0025, 34.0010] },
    { name: '人民公园', kind: 'park', geometry: box(119.0015, 34.0001, 119.0019, 34.0004), bbox: [119.0015, 34.0001, 119.0019, 34.0004] },
  ]);
  await bulkInsert(db, 'landmarks', [
    { name: '市民中心', category: '政府机构', lon: 119.0003, lat: 34.0007, address: '人民路1号' },
  ]);
  // 12 per community in a row along lat 34.0002: six in the community's first grid, six in its second
  const components = Array.from({ length: 24 }, (_, i) => {
    const type = ['01001', '02001', '03001', '04001'][i % 4];
    const community = i < 12 ? COMMUNITY_A : COMMUNITY_B;
    const k = i % 12;
    return { id: `379902${type}${String(i + 1).padStart(6, '0')}`, type_code: type, name: `部件${i + 1}`,
      grid_code: `${community}00${k < 6 ? 1 : 2}`, community_code: community, street_code: STREET,
      status: i === 5 ? '破损' : '完好', lon: (i < 12 ? 119.0 : 119.001) + 0.00005 + k * 0.00008, lat: 34.0002 };
  });
  await bulkInsert(db, 'components', components);
}

/** Waits until the map has drawn and the layer shows features; returns their distinct codes. */
async function renderedCodes(page: Page, layer: string): Promise<string[]> {
  const handle = await page.waitForFunction((id) => {
    const map = (globalThis as any).__cityopsMap;
    if (!map || !map.loaded() || !map.getLayer(id)) return null;
    const codes = map.queryRenderedFeatures({ layers: [id] }).map((f: any) => f.properties.code ?? f.properties.id);
    return codes.length ? [...new Set(codes)].sort() : null;
  }, layer, { timeout: 30_000 });
  return (await handle.jsonValue()) as string[];
}

/** Clicks the map at a lon/lat. */
async function clickAt(page: Page, lon: number, lat: number): Promise<void> {
  const point = await page.evaluate(([x, y]) => (globalThis as any).__cityopsMap.project([x, y]), [lon, lat]);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const map = (globalThis as any).__cityopsMap;
    return map && !map.isMoving() && map.loaded();
  }, null, { timeout: 15_000 });
}

describe('web console: the base map (一张图)', () => {
  let env: BrowserEnv;
  before(async () => {
    env = await startBrowserEnv();
    await seedMapLayers(env);
  });
  after(async () => { await env?.close(); });

  it('draws the grids and divisions of the user\'s scope on a canvas, from our API only', async () => {
    const page = await env.newPage();
    await login(env, page, 'collector1');
    await page.goto(`${env.baseUrl}/map`);
    await page.getByTestId('map').locator('canvas').waitFor();
    const grids = await renderedCodes(page, 'grids-fill');
    assert.deepEqual(grids, ['379902001001001', '379902001001002', '379902001002001', '379902001002002']);
    assert.deepEqual(await renderedCodes(page, 'districts-line'), ['379902']);
    await idle(page);
    await screenshot(page, 'map-collector1');
  });

  it('searches a grid code, flies there and shows the grid\'s popup with a link to its detail', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/map`);
    await renderedCodes(page, 'grids-fill');
    await page.getByTestId('map-search').locator('input').fill('379902001002001');
    await page.locator('.ant-select-item-option').first().click();
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    assert.match(await popup.innerText(), /网格 379902001002001/);
    await idle(page);
    await screenshot(page, 'map-search-grid');
    await popup.getByText('查看详情').click();
    await page.waitForURL(/\/base\/grids\?code=379902001002001/);
    await page.getByRole('dialog').getByText('和平社区').first().waitFor();
  });

  it('clicks a grid on the map, and in "pick a place" mode asks /api/locate', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/map`);
    await renderedCodes(page, 'grids-fill');
    await page.evaluate(() => (globalThis as any).__cityopsMap.jumpTo({ center: [119.001, 34.00025], zoom: 17 }));
    await idle(page);
    await clickAt(page, 119.00025, 34.00025);
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    assert.match(await popup.innerText(), /379902001001001/);
    await screenshot(page, 'map-grid-popup');

    await page.getByTestId('locate-toggle').click();
    await clickAt(page, 119.00175, 34.00025);
    await page.getByTestId('map-popup').filter({ hasText: '379902001002002' }).waitFor();
    const text = await page.getByTestId('map-popup').innerText();
    assert.match(text, /和平社区/);
    assert.match(text, /人民街道/);
    await screenshot(page, 'map-locate');
  });

  it('draws roads, water, parks and landmarks, clusters components when zoomed out and opens one when clicked', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/map`);
    await renderedCodes(page, 'grids-fill');
    const names = async (layer: string) => page.evaluate((id) => [...new Set((globalThis as any).__cityopsMap
      .queryRenderedFeatures({ layers: [id] }).map((f: any) => f.properties.name))].sort(), layer);
    await page.evaluate(() => (globalThis as any).__cityopsMap.jumpTo({ center: [119.001, 34.0005], zoom: 17.3 }));
    await idle(page);
    assert.deepEqual(await names('roads-line'), ['人民路', '建设路']);
    assert.deepEqual(await names('areas-fill'), ['人民公园', '玉带河']);
    assert.deepEqual(await names('landmarks-circle'), ['市民中心']);
    await screenshot(page, 'map-layers');

    // components are off when the page opens (the case overview first)
    await page.getByTestId('layer-switcher').getByText('管理部件').click();
    await page.evaluate(() => (globalThis as any).__cityopsMap.jumpTo({ center: [119.001, 34.0005], zoom: 14 }));
    await idle(page);
    const clusters = await page.evaluate(() => (globalThis as any).__cityopsMap
      .queryRenderedFeatures({ layers: ['components-cluster'] }).map((f: any) => f.properties.point_count));
    assert.ok(clusters.length > 0 && clusters.reduce((a: number, b: number) => a + b, 0) === 24, JSON.stringify(clusters));
    await screenshot(page, 'map-clusters');

    await page.evaluate(() => (globalThis as any).__cityopsMap.jumpTo({ center: [119.0004, 34.0002], zoom: 19 }));
    await idle(page);
    const id = '37990202001000002'; // the second component, at 119.00013, 34.0002
    await clickAt(page, 119.00013, 34.0002);
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    assert.match(await popup.innerText(), new RegExp(id));
    await screenshot(page, 'map-component-popup');
    await popup.getByText('查看详情').click();
    await page.waitForURL(new RegExp(`/base/components\\?id=${id}`));
    await page.getByRole('dialog').getByText('部件详情').waitFor();
    await page.getByRole('dialog').getByTestId('mini-map').locator('canvas').waitFor();
    await screenshot(page, 'component-detail');

    // the home page now counts 24 components and charts them by status (echarts, loaded lazily)
    await page.goto(`${env.baseUrl}/`);
    await page.getByTestId('status-chart').locator('canvas').waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 'home-with-components');
  });

  it('turns layers off and on with the layer switcher', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/map`);
    await renderedCodes(page, 'grids-fill');
    await page.getByTestId('layer-switcher').getByText('单元网格').click();
    await page.waitForFunction(() => (globalThis as any).__cityopsMap.getLayoutProperty('grids-fill', 'visibility') === 'none');
    await idle(page);
    const hidden = await page.evaluate(() => (globalThis as any).__cityopsMap.queryRenderedFeatures({ layers: ['grids-fill'] }).length);
    assert.equal(hidden, 0);
    await page.getByTestId('layer-switcher').getByText('单元网格').click();
    assert.equal((await renderedCodes(page, 'grids-fill')).length, 4);
  });

  it('reached nothing outside the test server and threw no page errors', () => {
    assert.deepEqual(env.external, []);
    assert.deepEqual(env.pageErrors, []);
  });
});
