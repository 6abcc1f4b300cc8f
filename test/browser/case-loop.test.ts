// The case console through the loop: a collector's report goes 受理 (acceptor1) → 立案 (shift1) → 派遣 (dispatcher1) →
// 处置反馈 with a photo (handler1) → 核查派遣 (acceptor1) → 核查通过 (collector1) → 结案 (shift1), each step in the UI
// by that role's own login in its own browser context, with the stage checked after every step and the timeline at
// the end. Home pages watch their queue counts change live (SSE) while other contexts act.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const TYPE = '06003';   // 违章接坡
const POINT = { lon: 119.0002, lat: 34.0002 };   // grid 379902001001001

async function photo(color: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="${color}"/>
    <rect x="60" y="150" width="200" height="40" fill="#777"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

describe('web console: the case loop', () => {
  let env: BrowserEnv;
  const pages: Record<string, Page> = {};
  let caseId: number;
  let caseNo: string;

  const api = async (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const token = (await env.platform.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: DEMO_PASSWORD } })).json().token;
    const res = await env.platform.app.inject({ method, url, payload: payload as any, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, body: res.json() };
  };

  /** The page of `user`, logged in once in its own browser context. */
  const as = async (user: string): Promise<Page> => {
    if (!pages[user]) {
      pages[user] = await env.newPage();
      await login(env, pages[user], user);
    }
    return pages[user];
  };

  const queueCount = async (page: Page, queue: string) =>
    Number((await page.getByTestId(`queue-count-${queue}`).locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));

  const waitQueueCount = async (page: Page, queue: string, expected: number) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (await queueCount(page, queue) === expected) return;
      await page.waitForTimeout(200);
    }
    assert.equal(await queueCount(page, queue), expected, `${queue} count`);
  };

  const openCase = async (user: string): Promise<Page> => {
    const page = await as(user);
    await page.goto(`${env.baseUrl}/cases/${caseId}`);
    await page.getByTestId('case-no').getByText(caseNo).waitFor();
    return page;
  };

  const expectStage = async (page: Page, stage: string) => {
    await page.getByTestId('case-stage').getByText(stage, { exact: true }).waitFor({ timeout: 10_000 });
  };

  /** Clicks the action button (which must be among the allowed ones), lets `fill` complete the form, submits. */
  const act = async (page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
    await page.getByTestId(`action-${action}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId(`form-${action}`).waitFor();
    if (fill) await fill(dialog);
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'hidden' });
  };

  const choose = async (page: Page, dialog: ReturnType<Page['getByRole']>, label: string, option: string) => {
    await dialog.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    // chosen (on a busy machine a click during the dropdown's opening may miss), and the dropdown closed
    await dialog.locator('.ant-form-item', { hasText: label }).locator('.ant-select').filter({ hasText: option }).waitFor();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  };

  before(async () => {
    env = await startBrowserEnv();
    const departments = await api('admin', 'GET', '/api/departments');
    const rule = await api('admin', 'POST', '/api/responsibility-rules',
      { kind: 'matter', typeCode: TYPE, divisionCode: '379902', departmentId: departments.body[0].id });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
  });
  after(async () => { await env?.close(); });

  it('home queues count a new report live', async () => {
    const acceptor = await as('acceptor1');
    await acceptor.goto(`${env.baseUrl}/`);
    await acceptor.getByTestId('queue-to_accept').waitFor();
    assert.equal(await queueCount(acceptor, 'to_accept'), 0);
    assert.equal(await acceptor.getByTestId('queue-to_dispatch').count(), 0, 'an acceptor does not see the 待派遣 queue');
    await acceptor.getByTestId('work-queues').getByText('实时').waitFor();

    const collector = await as('collector1');
    const uploaded = await collector.request.post(`${env.baseUrl}/api/media`, {
      multipart: { file: { name: '接坡.jpg', mimeType: 'image/jpeg', buffer: await photo('#c9a27e') } } });
    assert.equal(uploaded.status(), 201);
    const [{ hash }] = await uploaded.json();
    const created = await collector.request.post(`${env.baseUrl}/api/cases`, { data: {
      kind: 'matter', typeCode: TYPE, position: POINT, description: '人民街道人行道违章接坡，影响通行', photos: [hash] } });
    assert.equal(created.status(), 201, await created.text());
    ({ id: caseId, caseNo } = await created.json());

    await waitQueueCount(acceptor, 'to_accept', 1);   // no reload: the SSE stream refreshed it
    await screenshot(acceptor, 'case-loop-home-acceptor');
  });

  it('the acceptor opens the queue from home and accepts the case (受理)', async () => {
    const shift = await as('shift1');
    await shift.goto(`${env.baseUrl}/`);
    await shift.getByTestId('queue-to_file').waitFor();
    assert.equal(await queueCount(shift, 'to_file'), 0);

    const page = await as('acceptor1');
    await page.getByTestId('queue-to_accept').click();
    await page.waitForURL(/\/cases\?queue=to_accept/);
    const row = page.getByTestId('case-table').locator('tbody tr').filter({ hasText: caseNo });
    await row.waitFor();
    assert.equal(await page.getByTestId('case-table').locator('tbody tr.ant-table-row').count(), 1);
    await row.getByTestId('light-green').waitFor();
    await screenshot(page, 'case-loop-list');
    await row.getByRole('link', { name: caseNo }).click();
    await expectStage(page, '待受理');
    await page.getByTestId('case-photo-before').first().waitFor();
    await screenshot(page, 'case-loop-detail-reported');
    await act(page, 'accept', (d) => d.getByTestId('action-opinion').fill('情况属实，予以受理'));
    await expectStage(page, '待立案');
    await waitQueueCount(shift, 'to_file', 1);   // the shift leader's home, live
  });

  it('the shift leader files it (立案)', async () => {
    const page = await openCase('shift1');
    await act(page, 'file');
    await expectStage(page, '待派遣');
  });

  it('the dispatcher dispatches it to the suggested department (派遣)', async () => {
    const page = await openCase('dispatcher1');
    await page.getByTestId('case-routing').getByText('云河市市政工程管理处').waitFor();
    await page.getByTestId('case-routing').getByText(/权责清单第 \d+ 条：中心区/).waitFor();
    await page.getByTestId('action-dispatch').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('云河市市政工程管理处（推荐·主办）').waitFor();   // 主办 preselected from the suggestion
    await screenshot(page, 'case-loop-dispatch-form');
    await dialog.getByTestId('action-opinion').fill('请按时处置');
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expectStage(page, '待处置');
  });

  it('the handler reports the work with an after photo (处置反馈)', async () => {
    const page = await openCase('handler1');
    await page.getByTestId('action-handle_feedback').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('action-submit').click();
    await dialog.getByText('请上传照片').waitFor();   // the photo is required
    await dialog.getByTestId('upload-afterPhotos').locator('input[type=file]')
      .setInputFiles({ name: '处置后.jpg', mimeType: 'image/jpeg', buffer: await photo('#9fb7c9') });
    await dialog.getByTestId('uploaded-photo').waitFor();
    await dialog.getByTestId('action-opinion').fill('已拆除违章接坡，恢复人行道');
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expectStage(page, '待核查');
    await page.getByTestId('case-photo-after').waitFor();
  });

  it('the acceptor sends collector1 to check (核查派遣) and collector1 confirms (核查通过)', async () => {
    const acceptor = await openCase('acceptor1');
    await act(acceptor, 'request_check', (d) => choose(acceptor, d, '监督员', '测试collector1'));
    await expectStage(acceptor, '核查中');

    const collector = await openCase('collector1');
    assert.deepEqual(await collector.getByTestId('case-actions').getByRole('button').allInnerTexts(),
      ['核查通过', '核查不通过（返工）']);
    await act(collector, 'check_pass', (d) => d.getByTestId('action-opinion').fill('现场已整改'));
    await expectStage(collector, '待结案');
  });

  it('the shift leader closes it (结案) and the timeline shows every step', async () => {
    const page = await openCase('shift1');
    await act(page, 'close', async (d) => { await d.getByText('正常结案').click(); });
    await expectStage(page, '已结案');
    assert.equal(await page.getByTestId('case-actions').count(), 0, 'no actions left');
    const actions = await page.getByTestId('timeline-action').allInnerTexts();
    assert.deepEqual(actions, ['上报', '受理', '立案', '派遣', '处置反馈', '核查派遣', '核查通过', '结案']);
    const timeline = page.getByTestId('case-timeline');
    for (const text of ['测试acceptor1', '受理员', '情况属实，予以受理', '测试handler1', '已拆除违章接坡，恢复人行道', '正常结案']) {
      await timeline.getByText(text).first().waitFor();
    }
    await page.getByTestId('case-clocks').getByText('按时').first().waitFor();
    await screenshot(page, 'case-loop-detail-closed');
  });

  it('a stale version is refused with a message and the case reloads', async () => {
    const created = await api('collector1', 'POST', '/api/cases',
      { kind: 'matter', typeCode: TYPE, position: POINT, description: '第二处违章接坡' });
    assert.equal(created.status, 201);
    const page = await as('acceptor1');
    await page.goto(`${env.baseUrl}/cases/${created.body.caseNo}`);   // by case number
    await expectStage(page, '待受理');
    await page.getByTestId('action-accept').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('form-accept').waitFor();
    // Someone else changes the case meanwhile (设为紧急).
    assert.equal((await api('acceptor1', 'POST', `/api/cases/${created.body.id}/actions/mark_urgent`,
      { version: created.body.version, opinion: '涉及学校门口' })).status, 200);
    await dialog.getByTestId('action-submit').click();
    await page.getByText('案件已被他人更新').waitFor();
    await page.getByText('紧急', { exact: true }).first().waitFor();   // reloaded with the other change
    await page.getByTestId('action-reject').click();
    await page.getByRole('dialog').getByTestId('action-submit').click();
    await page.getByRole('dialog').getByText('请填写意见').waitFor();   // 不予受理 needs an opinion
    assert.deepEqual(env.pageErrors, []);
    assert.deepEqual(env.external, []);
  });
});
