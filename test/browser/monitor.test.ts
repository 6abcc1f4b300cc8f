// 运行监测 console: the dispatcher registers a gas detector in the UI (its secret shown once), the device sends readings
// over HTTP that raise an alarm, the alarm appears live in the alarm console (SSE) and escalates, the dispatcher
// confirms it and dispatches it as a case; the device page charts the readings; an AI video event waiting for review
// is approved into a case.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const DEVICE = 'GAS-BT-01';

describe('web console: 运行监测', () => {
  let env: BrowserEnv;
  let page: Page;
  let secret: string;
  let deviceId: number;
  let alarmId: number;

  const api = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await env.platform.app.inject({ method, url, payload: payload as any, headers });
    return { status: res.statusCode, body: res.json() };
  };
  const adminAuth = async () => {
    const token = (await api('POST', '/api/auth/login', { username: 'admin', password: DEMO_PASSWORD })).body.token;
    return { authorization: `Bearer ${token}` };
  };
  /** The device sends readings over HTTP with its own credentials, as a real one would. */
  const send = async (values: Record<string, number>) => {
    const res = await fetch(`${env.baseUrl}/api/monitor/readings`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${DEVICE}:${secret}`).toString('base64')}` },
      body: JSON.stringify({ readings: [{ values }] }),
    });
    assert.equal(res.status, 200, await res.text());
  };
  const count = async (level: string) => Number((await page.getByTestId(`count-${level}`).locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));

  before(async () => {
    env = await startBrowserEnv();
    page = await env.newPage();
    await login(env, page, 'dispatcher1');
  });
  after(async () => { await env?.close(); });

  it('registers a device with a map-picked position and shows its secret once', async () => {
    await page.goto(`${env.baseUrl}/monitor/devices`);
    const grids = page.waitForResponse((r) => r.url().includes('/api/map/grids.geojson'));
    await page.getByTestId('device-new').click();
    const save = page.getByTestId('device-save');
    await page.locator('[data-testid="device-save"]:not([disabled])').waitFor();   // types and departments loaded
    await page.getByTestId('device-type').click();
    await page.locator('.ant-select-item-option', { hasText: 'gas_lel' }).click();
    await page.getByTestId('device-code').fill(DEVICE);
    await page.getByTestId('device-name').fill('幸福小区燃气井可燃气体探测器');
    await page.getByTestId('device-department').click();
    await page.locator('.ant-select-item-option', { hasText: '云河市市政工程管理处' }).click();
    // the map shows the grids once loaded; a click in the middle of them picks the position
    const map = page.getByTestId('register-map');
    await grids;
    await page.waitForTimeout(800);   // fitted to the grids
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByText(/位置：\d/).waitFor();
    await screenshot(page, 'monitor-device-form');
    await save.click();
    const shown = page.getByTestId('device-secret');
    await shown.waitFor().catch(async (err) => { await screenshot(page, 'monitor-device-save-failed'); throw err; });
    secret = (await shown.innerText()).trim();
    assert.match(secret, /^cds_/);
    await screenshot(page, 'monitor-device-secret');
    await page.keyboard.press('Escape');
    await page.getByTestId('device-table').getByText(DEVICE).waitFor();
    deviceId = Number((await env.platform.ctx.db.maybeOne('select id from monitor_devices where code = $1', [DEVICE]))!.id);
    // the device types with their rules; editing a rule in the form keeps its 联动指令
    const linked = await api('POST', '/api/monitor/rules', { deviceTypeCode: 'gas_lel', name: '联动关阀测试', kind: 'threshold', metric: 'lel',
      params: { direction: 'above', levels: { red: 95 }, forSeconds: 0, hysteresis: 0 }, actions: [{ name: 'close_valve', onRaise: true }] },
    await adminAuth());
    assert.equal(linked.status, 201, JSON.stringify(linked.body));
    await page.getByRole('tab', { name: '设备类型与告警规则' }).click();
    await page.getByTestId('type-table').locator('tr', { hasText: 'gas_lel' }).locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('rules-table').getByText('蓝色预警 ≥ 10').waitFor();
    await screenshot(page, 'monitor-device-types');
    await page.getByTestId('rules-table').locator('tr', { hasText: '联动关阀测试' }).getByText('编辑').click();
    const ruleForm = page.getByRole('dialog');
    await ruleForm.getByLabel('名称').fill('联动关阀测试（改）');
    await ruleForm.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByTestId('rules-table').getByText('联动关阀测试（改）').waitFor();
    const saved = await env.platform.ctx.db.maybeOne<{ actions: unknown }>('select actions from monitor_rules where id = $1', [linked.body.id]);
    assert.deepEqual(saved!.actions, [{ name: 'close_valve', onRaise: true }]);
  });

  it('shows the alarm raised by the device live, and its escalation', async () => {
    await page.goto(`${env.baseUrl}/monitor/alarms`);
    await page.getByTestId('alarm-live').getByText('实时').waitFor();
    assert.equal(await count('blue'), 0);
    await send({ lel: 15, temp: 21 });    // ≥ 10 %LEL: 蓝色
    const row = page.locator('tr.mon-fresh', { hasText: DEVICE });
    await row.waitFor({ timeout: 10_000 });
    await row.getByText('蓝色预警').waitFor();
    alarmId = Number((await env.platform.ctx.db.maybeOne('select id from monitor_alarms where device_id = $1', [deviceId]))!.id);
    assert.equal(await count('blue'), 1);
    await send({ lel: 40, temp: 21 });    // ≥ 35 %LEL: 橙色
    await row.getByText('橙色预警').waitFor({ timeout: 10_000 });
    await page.getByTestId('count-orange').locator('.ant-statistic-content-value', { hasText: /^1$/ }).waitFor();
    assert.equal(await count('blue'), 0);
    await screenshot(page, 'monitor-alarms-live');
  });

  it('confirms the alarm and dispatches it as a case from the drawer', async () => {
    await page.locator('tr', { hasText: DEVICE }).first().click();
    const drawer = page.getByTestId('alarm-drawer');
    await drawer.getByTestId('alarm-status').getByText('待确认').waitFor();
    assert.ok(page.url().includes(`alarm=${alarmId}`));
    await drawer.getByTestId('alarm-events').getByText('等级升高').waitFor();
    await drawer.getByTestId('alarm-action-confirm').click();
    await page.getByTestId('alarm-action-ok').click();
    await drawer.getByTestId('alarm-status').getByText('已确认').waitFor();
    await drawer.getByTestId('alarm-action-dispatch').click();
    await page.getByRole('dialog').last().locator('textarea').fill('燃气公司已到场');
    await page.getByTestId('alarm-action-ok').click();
    const link = drawer.getByTestId('alarm-case-link');
    await link.waitFor();
    const alarm = await env.platform.ctx.db.maybeOne('select a.status, c.case_no, c.source, c.urgent from monitor_alarms a join cases c on c.id = a.case_id where a.id = $1', [alarmId]);
    assert.equal(alarm!.status, 'dispatched');
    assert.equal(alarm!.source, 'iot');
    assert.equal(alarm!.urgent, true);    // 橙色 → 紧急
    assert.equal((await link.innerText()).trim(), alarm!.case_no);
    await drawer.getByTestId('mini-map').waitFor();
    await screenshot(page, 'monitor-alarm-dispatched');
    // the link of the 一张图 popup opens the same drawer
    await page.goto(`${env.baseUrl}/monitor/alarms?alarm=${alarmId}`);
    await page.getByTestId('alarm-drawer').getByTestId('alarm-status').getByText('已派遣').waitFor();
  });

  it('charts the device readings with the threshold lines', async () => {
    await page.goto(`${env.baseUrl}/monitor/devices/${deviceId}`);
    await page.getByTestId('device-title').getByText(DEVICE).waitFor();
    const card = page.getByTestId('metric-lel');
    await card.getByText('粒度 1m').waitFor();     // 24 h: minute rollups
    await page.getByTestId('range-preset').getByText('6 小时').click();
    await card.getByText('粒度 raw，2 点').waitFor();
    await card.locator('canvas').first().waitFor();
    await page.getByTestId('device-alarms').getByText('已派遣').waitFor();
    await screenshot(page, 'monitor-device-detail');
  });

  it('approves a video event waiting for review into a case', async () => {
    const admin = await adminAuth();
    const cam = await api('POST', '/api/monitor/cameras', { code: 'CAM-BT-01', name: '幸福路口球机', position: { lon: 119.0002, lat: 34.0002 } }, admin);
    assert.equal(cam.status, 201, JSON.stringify(cam.body));
    const key = await api('POST', '/api/api-keys', { name: 'AI 盒子', scopes: ['monitor:ingest'] }, admin);
    const snapshotBase64 = (await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240"
      fill="#8fb8de"/><rect x="90" y="120" width="140" height="60" fill="#c0392b"/></svg>`)).jpeg().toBuffer()).toString('base64');
    const event = await api('POST', '/api/monitor/video-events', { camera: 'CAM-BT-01', class: 'street_vending', confidence: 0.91, snapshotBase64 },
      { 'x-api-key': key.body.key });
    assert.equal(event.body.status, 'pending_review');
    await api('POST', '/api/monitor/video-events', { camera: 'CAM-BT-01', class: 'street_vending', confidence: 0.88 }, { 'x-api-key': key.body.key });
    await page.goto(`${env.baseUrl}/monitor/video`);
    const table = page.getByTestId('review-table');
    await table.getByText('占道经营').waitFor();
    await table.getByText('+1').waitFor();     // the repeat merged into the event
    await table.locator('img').first().waitFor();
    await page.locator('[data-testid="review-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(page, 'monitor-video-review');
    await page.getByTestId(`approve-${event.body.eventId}`).click();
    await page.getByText(/已立案 \d+/).waitFor();
    const row = await env.platform.ctx.db.maybeOne('select e.status, c.source from monitor_video_events e join cases c on c.id = e.case_id where e.id = $1',
      [event.body.eventId]);
    assert.equal(row!.status, 'case_created');
    assert.equal(row!.source, 'video_ai');
    await page.getByTestId('tab-events').click();
    await page.getByTestId('video-events-table').getByText('已立案').first().waitFor();
    await page.getByTestId('tab-classes').click();
    await page.getByTestId('class-table').getByText('09006 占道经营').waitFor();
    await screenshot(page, 'monitor-video-classes');
    assert.deepEqual(env.pageErrors, []);
  });
});
