// 城市管理指数 in Chromium: an administrator enters 实地考察 scores in the form, imports 问卷 results (a file with a bad
// row is refused with the row's problem, a good one taken), changes a dimension weight in the tree (kept in the
// history), and sees the index: totals, the dimension and ranking charts, the indicator table and the cases behind a
// density; the report links download DOCX and PDF. A leader sees the index but no editing controls.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';

const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

describe('城市管理指数 (city index page)', () => {
  let env: BrowserEnv;
  before(async () => { env = await startBrowserEnv(); });
  after(async () => { await env?.close(); });

  it('enters, imports and edits, then shows the index with charts, table and cases', async () => {
    const { app } = env.platform;
    const token = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'collector1', password: DEMO_PASSWORD } })).json().token;
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { authorization: `Bearer ${token}` },
        payload: { kind: 'matter', typeCode: '06010', position: { lon: 119.0002 + i * 0.00001, lat: 34.0002 }, description: '暴露垃圾' } });
      assert.equal(res.statusCode, 201, res.body);
    }
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/evaluation/city-index`);
    await page.getByTestId('ci-result').waitFor();

    // 实地考察 in the form
    await page.getByRole('tab', { name: '实地考察' }).click();
    await page.getByTestId('ci-cell-379902-street_cleaning').fill('82');
    await page.getByTestId('ci-cell-379903-street_cleaning').fill('64');
    await page.getByTestId('ci-save-inspection').click();
    await page.getByText('已保存').first().waitFor();

    // 问卷: a bad file is refused with its row's problem, a good one taken
    await page.getByRole('tab', { name: '问卷调查' }).click();
    const dir = mkdtempSync(path.join(tmpdir(), 'ci-browser-'));
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, '区域,指标,样本量,满意度\n中心区,environment_satisfaction,300,91\n河东区,environment_satisfaction,0,75\n');
    await page.getByTestId('ci-entry-questionnaire').locator('input[type=file]').setInputFiles(bad);
    const report = page.getByTestId('ci-import-report-questionnaire');
    await report.getByText('样本量必须是正整数').waitFor();
    assert.match(await report.innerText(), /1 行数据有误/);
    await screenshot(page, 'city-index-import-refused');
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, '区域,指标,样本量,满意度\n中心区,environment_satisfaction,300,91\n河东区,environment_satisfaction,200,75\n');
    await page.getByTestId('ci-entry-questionnaire').locator('input[type=file]').setInputFiles(good);
    await page.getByText('已导入 2 行').waitFor();
    await page.waitForFunction(`document.querySelector('[data-testid="ci-cell-379903-environment_satisfaction-p"]')?.value === '75'`);

    // the tree: 干净 30 %, 整洁 15 %
    await page.getByRole('tab', { name: '指标体系' }).click();
    await page.getByTestId('ci-dim-weight-clean').fill('30');
    await page.getByTestId('ci-tree-save').click();
    await page.getByTestId('ci-tree-error').getByText(/维度权重合计必须为 100（现为 105）/).waitFor();
    await page.getByTestId('ci-dim-weight-tidy').fill('15');
    await page.getByTestId('ci-tree-save').click();
    await page.getByTestId('ci-tree-history').getByText('干净 30%').waitFor();
    await screenshot(page, 'city-index-tree');

    // the index
    await page.getByRole('tab', { name: '指数结果' }).click();
    await page.getByTestId('ci-dimension-chart').locator('canvas').waitFor();
    await page.getByTestId('ci-ranking-chart').locator('canvas').waitFor();
    const zx = await page.getByTestId('ci-total-379902').innerText();
    assert.match(zx, /中心区[\s\S]*第 1 名/);
    const table = page.getByTestId('ci-indicator-table');
    assert.match(await table.innerText(), /道路清扫保洁（实地考察）\s+实地考察\s+73\.00 分/);   // the city's: the districts' mean (82 + 64) / 2
    await page.getByTestId('ci-region').getByText('中心区').click();
    await table.getByText('82.00 分').waitFor();
    await screenshot(page, 'city-index-result');
    await page.getByTestId('ci-drill-garbage_density').click();
    const cases = page.getByTestId('ci-cases-table');
    await cases.getByText('暴露垃圾').first().waitFor();
    assert.equal(await cases.locator('tbody tr.ant-table-row').count(), 2);
    await page.keyboard.press('Escape');

    const pdf = await page.getByTestId('ci-report-pdf').getAttribute('href');
    const res = await page.request.get(`${env.baseUrl}${pdf}`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    assert.equal(await page.getByTestId('ci-report-docx').getAttribute('href'), `/api/city-index/${YEAR}/report?format=docx`);
    assert.deepEqual(env.pageErrors, []);
  });

  it('lets a leader look without editing', async () => {
    const page = await env.newPage();
    await login(env, page, 'leader1');
    await page.goto(`${env.baseUrl}/evaluation/city-index`);
    await page.getByTestId('ci-result').waitFor();
    await page.getByRole('tab', { name: '指标体系' }).click();
    await page.getByTestId('ci-tree').waitFor();
    assert.equal(await page.getByTestId('ci-tree-save').count(), 0);
    await page.getByRole('tab', { name: '实地考察' }).click();
    await page.getByTestId('ci-entry-inspection').waitFor();
    assert.equal(await page.getByTestId('ci-save-inspection').count(), 0);
    assert.ok(await page.getByTestId('ci-cell-379902-street_cleaning').isDisabled());
  });
});
