import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

describe('web console: 权责清单', () => {
  let env: BrowserEnv;
  before(async () => {
    env = await startBrowserEnv();
    const db = env.platform.ctx.db;
    const dept = (await db.maybeOne<{ id: number }>('select id from departments limit 1'))!.id;
    await db.query(`insert into responsibility_rules (kind, type_code, division_code, department_id, role, auto_dispatch)
      values ('matter', '09006', '379902', $1, 'lead', true), ('matter', '06010', '379900', $1, 'assist', false)`, [dept]);
  });
  after(async () => { await env?.close(); });

  it('lists the rules with type names, places, roles and filters by type code', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/base/responsibility-rules`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    const text = await page.locator('.ant-table-tbody').innerText();
    for (const expected of ['占道经营', '暴露垃圾', '中心区', '云河市', '主办', '协办', '是']) assert.ok(text.includes(expected), expected);
    await page.getByLabel('类型编码').fill('09006');
    await page.getByRole('button', { name: /查\s*询|搜\s*索/ }).click();
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1);
    await screenshot(page, 'responsibility-rules');
    assert.deepEqual(env.pageErrors, []);
    assert.deepEqual(env.external, []);
  });
});
