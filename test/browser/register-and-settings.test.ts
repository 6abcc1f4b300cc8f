// 案件登记 and 立结案标准 in the browser: an acceptor registers hotline cases by address search and type search (the
// second one warned about the first as a duplicate), and an administrator's new time limit reaches the next case.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const TYPE = '06003';       // 违章接坡
const TYPE_NAME = '违章接坡';

async function api(env: BrowserEnv, user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const app = env.platform.app;
  const token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: DEMO_PASSWORD } })).json().token;
  const res = await app.inject({ method, url, payload: payload as any, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() };
}

/** Fills the register form: address by search, type by search, a description and a photo. */
async function fillForm(page: Page, description: string): Promise<void> {
  await page.getByTestId('place-search').locator('input').fill('人民路与建设路');
  const option = page.getByTestId('place-option').filter({ hasText: '人民路与建设路交叉口' });
  await option.click();
  await page.getByTestId('located').getByText('中心区').waitFor();
  assert.equal(await page.getByTestId('register-address').inputValue(), '人民路与建设路交叉口处');
  await page.getByTestId('register-type').click();
  await page.keyboard.type(TYPE_NAME);
  await page.getByTitle(`${TYPE} ${TYPE_NAME}`).click();
  await page.getByTestId('register-description').fill(description);
  await page.getByTestId('register-reporter-name').fill('王先生');
  await page.getByTestId('register-reporter-phone').fill('13912345678');
}

describe('web console: case registration and 立结案标准', () => {
  let env: BrowserEnv;

  before(async () => {
    env = await startBrowserEnv();
    // 人民路 (east–west) and 建设路 (north–south) cross inside the tiny city's grids
    const line = (coordinates: number[][]) => JSON.stringify({ type: 'LineString', coordinates });
    await env.platform.ctx.db.query(
      `insert into roads (name, class, geometry, bbox) values
         ('建设路', '次干路', $1, '{119.001,33.999,119.001,34.002}'), ('人民路', '主干路', $2, '{118.999,34.0003,119.003,34.0003}')`,
      [line([[119.001, 33.999], [119.001, 34.002]]), line([[118.999, 34.0003], [119.003, 34.0003]])]);
  });
  after(async () => { await env?.close(); });

  it('an acceptor registers a hotline case, is warned of it as a duplicate on the next one, and lands on the detail', async () => {
    const page = await env.newPage();
    await login(env, page, 'acceptor1');
    await page.goto(`${env.baseUrl}/cases/new`);
    await page.getByTestId('register-map').locator('canvas').waitFor();
    assert.equal(await page.getByTestId('register-source').innerText(), '12345热线', 'hotline is the default source');

    await fillForm(page, '来电反映人行道被违章接坡占用');
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a8a8a' } }).jpeg().toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('register-photo').locator('img').waitFor();
    await page.getByTestId('no-duplicates').waitFor();
    await screenshot(page, 'register-filled');

    await page.getByTestId('register-save').dblclick();
    await page.waitForURL(/\/cases\/\d+$/);
    const firstId = Number(page.url().split('/').pop());
    const saved = await env.platform.ctx.db.query<{ id: number; source: string; address: string; photos: number }>(
      `select c.id, c.source, c.address, (select count(*) from case_media m where m.case_id = c.id) as photos
       from cases c where c.description = $1`, ['来电反映人行道被违章接坡占用']);
    assert.equal(saved.length, 1, 'a double click files one case');
    assert.equal(Number(saved[0].id), firstId);
    assert.equal(saved[0].source, 'hotline');
    assert.equal(saved[0].address, '人民路与建设路交叉口处');
    assert.equal(Number(saved[0].photos), 1);
    const detail = await api(env, 'acceptor1', 'GET', `/api/cases/${firstId}`);

    // the same problem reported again: the first case is shown before saving, and the user saves anyway
    await page.goto(`${env.baseUrl}/cases/new`);
    await fillForm(page, '又一位市民来电反映同一处接坡');
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    assert.equal(await warning.getByTestId('duplicate-link').innerText(), detail.body.caseNo);
    assert.equal(await warning.getByTestId('duplicate-link').getAttribute('href'), `/cases/${firstId}`);
    await screenshot(page, 'register-duplicate-warning');
    await page.getByTestId('register-save').click();
    await page.getByRole('button', { name: '仍然登记' }).click();
    await page.waitForURL((url) => /\/cases\/\d+$/.test(url.pathname) && url.pathname !== `/cases/${firstId}`);
    const secondId = Number(page.url().split('/').pop());
    assert.ok(secondId > firstId);
    await page.getByTestId('register-page').waitFor({ state: 'detached' });
    await screenshot(page, 'register-landed');
    assert.deepEqual(env.external, [], 'no request left the platform');
  });

  it('an administrator changes a time limit on the 立结案标准 page and the next case gets it on its clock', async () => {
    const before = await api(env, 'acceptor1', 'POST', '/api/cases', {
      kind: 'matter', typeCode: TYPE, position: { lon: 119.0016, lat: 34.0004 }, description: '修改前登记', source: 'hotline' });
    assert.equal(before.status, 201);
    assert.deepEqual(before.body.clocks.find((c: any) => c.clock === 'accept').limit, { amount: 30, unit: 'minutes' });

    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/system/case-limits`);
    await page.getByTestId('limits-search').locator('input').fill(TYPE_NAME);
    await page.getByTestId(`limits-open-matter-${TYPE}`).click();
    const drawer = page.getByTestId('limits-drawer');
    await drawer.getByTestId('limits-accept-amount').fill('2');
    await drawer.getByTestId('limits-accept-unit').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^工作时$/ }).click();
    await drawer.getByTestId('limits-save').click();
    await page.getByText('已保存').waitFor();
    await drawer.getByRole('tab', { name: /修改记录/ }).click();
    await drawer.getByText('受理：30 工作分钟 → 2 工作时').waitFor();
    await screenshot(page, 'case-limits-history');
    await page.keyboard.press('Escape');
    const row = page.getByTestId('limits-table').locator('tr').filter({ hasText: TYPE });
    await row.getByText('2 工作时').first().waitFor();

    const next = await api(env, 'acceptor1', 'POST', '/api/cases', {
      kind: 'matter', typeCode: TYPE, position: { lon: 119.0017, lat: 34.0004 }, description: '修改后登记', source: 'hotline' });
    assert.equal(next.status, 201);
    const clocks = (await api(env, 'acceptor1', 'GET', `/api/cases/${next.body.id}`)).body.clocks;
    assert.deepEqual(clocks.find((c: any) => c.clock === 'accept').limit, { amount: 2, unit: 'working_hours' });
    const earlier = (await api(env, 'acceptor1', 'GET', `/api/cases/${before.body.id}`)).body.clocks;
    assert.deepEqual(earlier.find((c: any) => c.clock === 'accept').limit, { amount: 30, unit: 'minutes' }, 'a running clock keeps its limit');

    // a leader sees the table read-only
    const leader = await env.newPage();
    await login(env, leader, 'leader1');
    await leader.goto(`${env.baseUrl}/system/case-limits`);
    await leader.getByTestId('limits-search').locator('input').fill(TYPE);
    await leader.getByTestId(`limits-open-matter-${TYPE}`).click();
    await leader.getByText('您没有修改立结案标准的权限，仅可查看').waitFor();
    assert.equal(await leader.getByTestId('limits-save').count(), 0);
    assert.ok(await leader.getByTestId('limits-accept-amount').isDisabled());
  });

  it('shows the working calendar, the workflow settings and the map settings pages', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/system/calendar`);
    await page.getByTestId('year-calendar').waitFor();
    assert.equal(await page.getByTestId('day-2026-10-01').getAttribute('data-kind'), 'holiday');
    assert.equal(await page.getByTestId('calendar-coverage').innerText(), '官方数据');
    await screenshot(page, 'calendar-2026');

    await page.goto(`${env.baseUrl}/system/map`);
    await page.getByTestId('tile-url').fill('https://tiles.example.cn/{z}/{x}.png');
    await page.getByTestId('tile-save').click();
    await page.getByText('须包含 {y} 占位符').waitFor();
    await screenshot(page, 'map-settings');
    assert.equal((await api(env, 'admin', 'GET', '/api/settings/map')).body.tileUrl, null, 'an invalid template is not saved');

    await page.goto(`${env.baseUrl}/system/workflow`);
    await page.getByTestId('wf-save').waitFor();
    await screenshot(page, 'workflow-settings');
    assert.deepEqual(env.pageErrors, []);
  });
});
