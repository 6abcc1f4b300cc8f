import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { OTHER_DISTRICT, square } from '../helpers/fixtures.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const OTHER_STREET = `${OTHER_DISTRICT}001`;
const OTHER_COMMUNITY = `${OTHER_STREET}001`;
const OTHER_GRID = `${OTHER_COMMUNITY}001`;

/** Text of every cell in one column of the first table on the page. */
async function column(page: Page, index: number): Promise<string[]> {
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  return page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${index + 1})`).allInnerTexts();
}

describe('web console: base data and administration pages', () => {
  let env: BrowserEnv;
  before(async () => {
    env = await startBrowserEnv();
    // one grid in the other district, which collector1 (district 379902) must not see
    const db = env.platform.ctx.db;
    const division = (code: string, name: string, level: string, parent: string) => ({
      code, name, level, parent_code: parent, geometry: square(119.1, 34.0, 0.001), bbox: [119.1, 34.0, 119.101, 34.001], area_m2: 10000,
    });
    await bulkInsert(db, 'divisions', [division(OTHER_STREET, '河东街道', 'street', OTHER_DISTRICT)]);
    await bulkInsert(db, 'divisions', [division(OTHER_COMMUNITY, '河东社区', 'community', OTHER_STREET)]);
    await bulkInsert(db, 'unit_grids', [{ code: OTHER_GRID, name: '河东网格1', community_code: OTHER_COMMUNITY,
      geometry: square(119.1, 34.0, 0.0005), bbox: [119.1, 34.0, 119.1005, 34.0005], area_m2: 2500, start_date: '2026-01-01' }]);
  });
  after(async () => { await env?.close(); });

  it('collector1 sees only the grids of district 379902; admin sees the other district too', async () => {
    const page = await env.newPage();
    await login(env, page, 'collector1');
    await page.goto(`${env.baseUrl}/base/grids`);
    const codes = await column(page, 0);
    assert.equal(codes.length, 4);
    assert.ok(codes.every((c) => c.startsWith('379902')), codes.join());
    await page.getByText('共 4 条').waitFor();
    await screenshot(page, 'grids-collector1');

    const admin = await env.newPage();
    await login(env, admin, 'admin');
    await admin.goto(`${env.baseUrl}/base/grids`);
    await admin.getByText('共 5 条').waitFor();
    assert.ok((await column(admin, 0)).includes(OTHER_GRID));
  });

  it('opens a grid\'s detail drawer with its polygon on a small map', async () => {
    const page = await env.newPage();
    await login(env, page, 'collector1');
    await page.goto(`${env.baseUrl}/base/grids`);
    await page.getByText('379902001001001', { exact: true }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('幸福社区').first().waitFor();
    await drawer.getByTestId('mini-map').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'grid-detail');
  });

  it('shows the division tree of the user\'s scope', async () => {
    const page = await env.newPage();
    await login(env, page, 'collector1');
    await page.goto(`${env.baseUrl}/base/divisions`);
    await page.getByText('幸福社区').waitFor();
    assert.equal(await page.getByText('河东区').count(), 0);
    await screenshot(page, 'divisions-collector1');
  });

  it('lists the catalogue and filters it by major class', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/base/catalog`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const codes = await column(page, 0);
    assert.ok(codes.length > 0 && codes.every((c) => /^\d{5}$/.test(c)), codes.join());
    await screenshot(page, 'catalog');
  });

  it('admin creates a user through the form, and the new user appears in the list', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/system/users`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: /新建用户/ }).click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('用户名').fill('patrol7');
    await form.getByLabel('姓名').fill('巡查员七号');
    await form.getByLabel('密码').fill('Patrol@2026');
    await form.getByLabel('手机号').fill('13900001234');
    const region = form.locator('.ant-form-item', { hasText: '所辖区域' }).locator('.ant-select');
    await region.click();
    await page.keyboard.type('中心区');
    await page.locator('.ant-select-tree-title', { hasText: '中心区（379902）' }).click();
    // chosen (the search may still have been filtering when the node was clicked), and the tree closed
    await region.filter({ hasText: '中心区' }).waitFor();
    await page.locator('.ant-select-tree').waitFor({ state: 'hidden' });
    await screenshot(page, 'user-create-form');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('用户已创建').waitFor();
    await page.getByText('巡查员七号').waitFor();
    const row = page.locator('tr', { hasText: 'patrol7' });
    assert.match(await row.innerText(), /监督员/);
    assert.match(await row.innerText(), /中心区/);
    await screenshot(page, 'users-after-create');
    const created = await env.platform.ctx.db.maybeOne<{ region_code: string; role: string }>(
      "select region_code, role from users where username = 'patrol7'");
    assert.deepEqual(created, { region_code: '379902', role: 'collector' });
  });

  it('admin issues an API key, shown once, and verifies the audit chain', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/system/api-keys`);
    await page.getByRole('button', { name: /签发密钥/ }).click();
    await page.locator('.ant-modal').getByLabel('名称').fill('热线系统');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    const key = page.getByTestId('new-api-key');
    await key.waitFor();
    assert.match(await key.innerText(), /^cok_[A-Za-z0-9]{8}_/);
    await screenshot(page, 'api-key-created');

    await page.goto(`${env.baseUrl}/system/audit`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    assert.match(await result.innerText(), /哈希链完整/);
    await screenshot(page, 'audit');
  });

  it('admin validates an import file, sees the per-row errors, then imports a clean file', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/import`);
    await page.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: '地标' }).click();
    const csv = (rows: string[]) => ({ name: 'landmarks.csv', mimeType: 'text/csv',
      buffer: Buffer.from(['name,category,lon,lat,address', ...rows].join('\n')) });
    const good = '人民公园,公园,119.0006,34.0004,人民路1号';
    await page.locator('input[type=file]').setInputFiles(csv([good, '无类别地标,,119.0008,34.0004,']));
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByTestId('import-result').filter({ hasText: '校验未通过' }).waitFor();
    const errors = page.locator('.ant-card', { hasText: '逐行错误' });
    assert.match(await errors.innerText(), /category/);
    assert.ok(await page.getByRole('button', { name: /导\s*入/ }).isDisabled());
    await screenshot(page, 'import-errors');

    await page.locator('input[type=file]').setInputFiles(csv([good]));
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByTestId('import-result').filter({ hasText: '校验通过' }).waitFor();
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page.getByTestId('import-result').filter({ hasText: '导入完成' }).waitFor();
    await page.locator('.ant-card', { hasText: '导入记录' }).getByText('已导入').first().waitFor();
    await screenshot(page, 'import-done');
    const row = await env.platform.ctx.db.maybeOne<{ category: string }>("select category from landmarks where name = '人民公园'");
    assert.deepEqual(row, { category: '公园' });
  });

  it('reached nothing outside the test server and threw no page errors', () => {
    assert.deepEqual(env.external, []);
    assert.deepEqual(env.pageErrors, []);
  });
});
