// 12345 热线对接 console page: statistics of the orders the hotline sent (当即办理 / 转办), the order list with the
// feedback attempts of an order and the resend of a failed feedback, and the callback settings saved from the page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

describe('12345 hotline console page', () => {
  let env: BrowserEnv;
  let transferId = 0;

  const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) => {
    const res = await env.platform.app.inject({ method, url, headers, payload: payload as any });
    return { status: res.statusCode, body: res.json() };
  };

  before(async () => {
    env = await startBrowserEnv();
    const token = (await inject('POST', '/api/auth/login', {}, { username: 'admin', password: DEMO_PASSWORD })).body.token;
    const admin = { authorization: `Bearer ${token}` };
    const key = await inject('POST', '/api/api-keys', admin, { name: '12345 热线', scopes: ['hotline:write'] });
    assert.equal(key.status, 201, JSON.stringify(key.body));
    const hotline = { 'x-api-key': key.body.key as string };
    const transfer = await inject('POST', '/api/hotline/orders', hotline, { orderId: 'RX20261101001', mode: 'transfer', content: '人民路井盖缺失',
      typeCode: '01023', lon: 119.0002, lat: 34.0002, callerName: '张先生', callerPhone: '13811112222' });
    assert.equal(transfer.status, 201, JSON.stringify(transfer.body));
    const immediate = await inject('POST', '/api/hotline/orders', hotline, { orderId: 'RX20261101002', mode: 'immediate',
      content: '咨询占道经营审批流程', result: '已电话答复' });
    assert.equal(immediate.status, 201, JSON.stringify(immediate.body));
    // the feedback of the transferred order has failed every attempt (what the callback job leaves after maxAttempts)
    const db = env.platform.ctx.db;
    transferId = Number((await db.maybeOne<{ id: number }>("select id from hotline_orders where hotline_id = 'RX20261101001'"))!.id);
    await db.query("update hotline_orders set callback_status = 'failed' where id = $1", [transferId]);
    for (const attempt of [1, 2]) {
      await db.query(`insert into hotline_callbacks (order_id, attempt, url, status_code, ok, error) values ($1, $2, 'http://127.0.0.1:9/feedback', 503, false, 'HTTP 503')`,
        [transferId, attempt]);
    }
  });
  after(async () => { await env?.close(); });

  it('shows the statistics and orders, resends a failed feedback and saves the callback settings', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/system/hotline`);
    const stats = page.getByTestId('hotline-stats');
    await stats.getByText('收到工单').waitFor();
    await page.getByTestId(`hotline-status-${transferId}`).waitFor();
    const statText = await stats.innerText();
    for (const [label, n] of [['收到工单', 2], ['当即办理', 1], ['转办', 1], ['办结', 0], ['反馈失败', 1]] as const) {
      assert.match(statText, new RegExp(`${label}\\s+${n}\\b`), `${label} ${n}`);
    }
    const orders = await page.getByTestId('hotline-orders').innerText();
    assert.match(orders, /RX20261101001[\s\S]*2026-\d{6}-\d+/);
    assert.match(orders, /尝试 2 次/);
    assert.match(orders, /138\*{4}2222|13811112222/);

    await page.getByTestId('hotline-orders').locator('tr', { hasText: 'RX20261101001' }).locator('.ant-table-row-expand-icon').click();
    await page.getByTestId(`hotline-attempts-${transferId}`).getByText('HTTP 503').first().waitFor();
    await page.waitForTimeout(400); // the row's expand animation
    await screenshot(page, 'hotline-page');
    await page.getByTestId(`hotline-resend-${transferId}`).click();
    await page.getByTestId(`hotline-status-${transferId}`).filter({ hasText: '待发送' }).waitFor();
    const order = await env.platform.ctx.db.maybeOne<{ callback_status: string }>('select callback_status from hotline_orders where id = $1', [transferId]);
    assert.equal(order!.callback_status, 'pending');
    const job = await env.platform.ctx.db.maybeOne('select 1 from jobs where dedupe_key = $1', [`hotline:callback:${transferId}`]);
    assert.ok(job, 'the feedback job is scheduled again');

    const settings = page.getByTestId('hotline-settings');
    await settings.getByLabel('办结反馈回调地址').fill('not a url');
    await settings.getByRole('button', { name: /保\s*存/ }).click();
    await settings.getByText('案件办结后向此地址 POST 办理结果；留空则不反馈').nth(1).waitFor();
    await settings.getByLabel('办结反馈回调地址').fill('https://12345.example.gov.cn/feedback');
    await settings.getByLabel('回调令牌（Bearer）').fill('secret-token');
    await settings.getByLabel('最多尝试次数').fill('8');
    await settings.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('设置已保存').waitFor();
    const token = (await inject('POST', '/api/auth/login', {}, { username: 'admin', password: DEMO_PASSWORD })).body.token;
    const saved = await inject('GET', '/api/hotline/settings', { authorization: `Bearer ${token}` });
    assert.deepEqual(saved.body, { callbackUrl: 'https://12345.example.gov.cn/feedback', token: 'secret-token', maxAttempts: 8 });
    assert.deepEqual(env.pageErrors, []);
  });
});
