// 城管通 (the field app at /m/) on a phone-sized Chromium (390×844, touch, GPS fixed inside grid 379902001001001):
// a collector reports OFFLINE — the report waits in the outbox, is sent when the connection returns (an answer lost
// on the way is sent again with the same Idempotency-Key) and the case exists once; the service worker opens the app
// shell offline after a first visit; a collector does 核查 with a camera photo and goes on duty (position on 一张图);
// a handler sees a dispatched case arrive live and gives 处置反馈 with a photo.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { SYSTEM_ACTOR } from '../../src/admin/actor.ts';
import { saveMedia } from '../../src/media/store.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const POINT = { lon: 119.0002, lat: 34.0002 };   // grid 379902001001001
const TYPE = '06003';                            // 违章接坡
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  geolocation: { longitude: POINT.lon, latitude: POINT.lat, accuracy: 8 }, permissions: ['geolocation'],
};
const STORED_PHOTO = 'c'.repeat(64);

async function photo(color: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="1800"><rect width="2400" height="1800" fill="${color}"/>
    <circle cx="1200" cy="900" r="500" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/**
 * In the page (self-contained: it is sent as source): the service worker controls the page and its cache holds the
 * shell and every /assets/ file the page loaded — by its resource timings and by the scripts and style sheets in the
 * document (a lazy chunk's CSS is a link).
 */
async function shellKept(): Promise<boolean> {
  const { document, location, caches, navigator } = globalThis as any;
  if (!navigator.serviceWorker.controller) return false;
  const assets = [...performance.getEntriesByType('resource').map((e) => e.name),
    ...[...document.querySelectorAll('link[href], script[src]')].map((el: any) => el.href || el.src)]
    .map((url: string) => new URL(url, location.href).pathname).filter((p: string) => p.startsWith('/assets/'));
  const kept = await Promise.all(['/m/', '/api/auth/me', ...assets].map((p) => caches.match(p)));
  return assets.length > 0 && kept.every(Boolean);
}

describe('城管通 field app', () => {
  let env: BrowserEnv;
  const tokens: Record<string, string> = {};

  const api = async (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    tokens[user] ??= (await env.platform.app.inject({ method: 'POST', url: '/api/auth/login',
      payload: { username: user, password: DEMO_PASSWORD } })).json().token;
    const res = await env.platform.app.inject({ method, url, payload: payload as any, headers: { authorization: `Bearer ${tokens[user]}` } });
    return { status: res.statusCode, body: res.json() };
  };
  const act = async (user: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const { version } = (await api(user, 'GET', `/api/cases/${id}`)).body;
    const res = await api(user, 'POST', `/api/cases/${id}/actions/${action}`, { version, ...body });
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const userId = async (username: string) =>
    Number((await env.platform.ctx.db.maybeOne<{ id: number }>('select id from users where username = $1', [username]))!.id);
  /** A collector's case brought to 待处置 at the city department through the API. */
  const dispatchedCase = async (description: string) => {
    const created = await api('collector1', 'POST', '/api/cases',
      { kind: 'matter', typeCode: TYPE, position: POINT, description, photos: [STORED_PHOTO] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as number;
    await act('acceptor1', id, 'accept');
    await act('shift1', id, 'file');
    const dept = await env.platform.ctx.db.maybeOne<{ id: number }>("select id from departments where name = '云河市市政工程管理处'");
    await act('dispatcher1', id, 'dispatch', { leadDepartmentId: Number(dept!.id) });
    return created.body as { id: number; caseNo: string };
  };

  /** A phone logged in to the field app. */
  const phone = async (user: string): Promise<Page> => {
    const page = await env.newPage(PHONE);
    await page.goto(`${env.baseUrl}/m/`);
    await page.getByLabel('用户名').fill(user);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('fd-app').waitFor();
    return page;
  };
  const addPhoto = async (page: Page, testId: string, color: string) => {
    await page.getByTestId(`${testId}-file`).setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: await photo(color) });
    await page.getByTestId(testId).getByTestId('fd-photo-preview').first().waitFor();
  };
  const casesWith = async (text: string) =>
    (await api('admin', 'GET', `/api/cases?q=${encodeURIComponent(text)}&pageSize=50`)).body.items as { id: number; caseNo: string }[];

  before(async () => {
    env = await startBrowserEnv();
    await env.platform.ctx.db.query(`insert into media (hash, content_type, size_bytes, data) values ($1, 'image/jpeg', 3, decode('ffd8ff', 'hex'))`,
      [STORED_PHOTO]);
  });
  after(async () => { await env?.close(); });

  it('queues a report offline, sends it once when back online, and opens offline from the service worker', async () => {
    const page = await phone('collector1');
    const context = page.context();
    assert.equal(await page.evaluate(async () => (await (globalThis as any).navigator.serviceWorker.ready).active?.scriptURL), `${env.baseUrl}/m/sw.js`);
    await page.getByTestId('fd-tab-fdTabReport').click();
    await page.getByTestId('fd-fix').getByText('119.000200').waitFor();
    await page.getByTestId('fd-address').and(page.locator(':not([value=""])')).waitFor();
    await screenshot(page, 'field-report-online');

    await context.setOffline(true);
    await page.getByTestId('fd-offline').waitFor();
    await page.locator('#fd-type').click();
    await page.keyboard.type('违章接坡');
    await page.locator('.ant-select-item-option').filter({ hasText: '违章接坡' }).first().click();
    await addPhoto(page, 'fd-report-photos', '#8a6d3b');
    const text = `离线上报违章接坡${Date.now()}`;
    await page.getByTestId('fd-description').fill(text);
    await screenshot(page, 'field-report-offline');
    await page.getByTestId('fd-report-submit').click();
    const item = page.getByTestId('fd-outbox-item').filter({ hasText: text });
    await item.and(page.locator('[data-status="pending"]')).waitFor();
    await screenshot(page, 'field-outbox-offline');
    await page.waitForTimeout(500);
    assert.equal((await casesWith(text)).length, 0, 'nothing reaches the server while offline');

    // Back online: the first POST reaches the server but its answer is lost; the report stays pending and is sent
    // again with the same key.
    let posts = 0;
    await page.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      assert.match(route.request().headers()['idempotency-key'], /^field-[0-9a-f]{32}$/);
      if (posts === 1) { await route.fetch(); return route.abort('connectionreset'); }
      return route.continue();
    });
    await context.setOffline(false);
    await page.getByTestId('fd-offline').waitFor({ state: 'detached' });
    for (let i = 0; i < 50 && posts === 0; i++) await page.waitForTimeout(100);
    assert.equal(posts, 1);
    assert.equal(await item.getAttribute('data-status'), 'pending');
    assert.equal((await casesWith(text)).length, 1, 'the first attempt made the case');
    await page.getByTestId('fd-send-now').click();
    await item.and(page.locator('[data-status="sent"]')).waitFor();
    assert.equal(posts, 2);
    const cases = await casesWith(text);
    assert.equal(cases.length, 1, 'the case exists once');
    assert.equal(await item.getByTestId('fd-outbox-case').innerText(), cases[0].caseNo);
    const detail = (await api('admin', 'GET', `/api/cases/${cases[0].id}`)).body;
    assert.equal(detail.typeCode, TYPE);
    assert.equal(detail.gridCode, '379902001001001');
    assert.equal(detail.source, 'collector');
    assert.equal(detail.media.length, 1);
    const stored = await env.platform.ctx.db.maybeOne<{ width: number; height: number }>('select width, height from media where hash = $1',
      [detail.media[0].hash]);
    assert.equal(Math.max(stored!.width, stored!.height), 1600, 'the photo was shrunk in the browser');
    await screenshot(page, 'field-outbox-sent');
    await page.unroute('**/api/cases');

    // The shell from the service worker's cache, offline.
    await page.waitForFunction(shellKept, undefined, { timeout: 10_000, polling: 250 });
    await context.setOffline(true);
    await page.goto(`${env.baseUrl}/m/me`);
    await page.getByTestId('fd-me').waitFor();
    await page.getByTestId('fd-offline').waitFor();
    await screenshot(page, 'field-offline-shell');
    await context.setOffline(false);
  });

  it('a collector does 核查 with a photo and goes on duty', async () => {
    const c = await dispatchedCase('核查测试：人行道违章接坡');
    await act('handler1', c.id, 'handle_feedback', { afterPhotos: [STORED_PHOTO] });
    await act('acceptor1', c.id, 'request_check', { assigneeUserId: await userId('collector1') });

    const page = await phone('collector1');
    const card = page.getByTestId('fd-queue-to_check').locator(`[data-case-no="${c.caseNo}"]`);
    await card.waitFor();
    await screenshot(page, 'field-collector-tasks');
    await card.click();
    await page.getByTestId('fd-case-no').getByText(c.caseNo).waitFor();
    await page.getByTestId('mini-map').waitFor();
    assert.match(await page.getByTestId('fd-nav-links').locator('a').first().getAttribute('href') ?? '', /^geo:34\.0002,119\.0002/);
    await screenshot(page, 'field-collector-case');
    await page.getByTestId('fd-form-check').click();
    await page.getByTestId('fd-check-result').getByText('已处置好（通过）').click();
    await addPhoto(page, 'fd-after-photos', '#3b8a5a');
    await page.getByTestId('fd-opinion').fill('现场已整改到位');
    await screenshot(page, 'field-check-form');
    await page.getByTestId('fd-action-submit').click();
    await page.getByTestId('fd-tasks').waitFor();

    const done = (await api('admin', 'GET', `/api/cases/${c.id}`)).body;
    assert.equal(done.stage, 'to_close');
    const check = done.timeline.at(-1);
    assert.equal(check.action, 'check_pass');
    assert.equal(check.opinion, '现场已整改到位');
    assert.equal(check.attachments.length, 1);
    assert.equal(check.attachments[0].phase, 'after');

    await page.getByTestId('fd-tab-fdTabMe').click();
    await page.getByTestId('fd-stat-checked').getByText('1').waitFor();
    await page.getByTestId('fd-duty').click();
    const collector = await userId('collector1');
    let row: { lon: number; lat: number; grid_code: string } | undefined;
    for (let i = 0; i < 50 && !row; i++) {
      row = await env.platform.ctx.db.maybeOne('select lon, lat, grid_code from staff_positions where user_id = $1', [collector]);
      if (!row) await page.waitForTimeout(100);
    }
    assert.ok(row, 'the position was sent');
    assert.equal(row.grid_code, '379902001001001');
    await screenshot(page, 'field-collector-me');
  });

  it('opens the task list and a task offline from the kept copy, takes 核查 offline, and records it once when back online', async () => {
    const c = await dispatchedCase('离线核查测试：人行道违章接坡');
    // a real photo, with a thumbnail to keep for offline use
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2f7d4a' } }).jpeg().toBuffer();
    const photo = await saveMedia(env.platform.ctx.db, SYSTEM_ACTOR, jpeg, 'after.jpg');
    await act('handler1', c.id, 'handle_feedback', { afterPhotos: [photo.hash] });
    await act('acceptor1', c.id, 'request_check', { assigneeUserId: await userId('collector1') });

    const page = await phone('collector1');
    const context = page.context();
    await page.getByTestId('fd-queue-to_check').locator(`[data-case-no="${c.caseNo}"]`).waitFor();
    /** Polls a check in the page (page.waitForFunction takes a returned promise itself as truthy). */
    const until = async (check: (id: number) => Promise<boolean>, what: string) => {
      for (let i = 0; i < 60; i++) {
        if (await page.evaluate(check, c.id)) return;
        await page.waitForTimeout(250);
      }
      assert.fail(what);
    };
    // the list is kept, and the details of its cases with it (in the background)
    await until((id) => new Promise<boolean>((resolve) => {
      const open = (globalThis as any).indexedDB.open('cityops-field-offline');
      open.onsuccess = () => {
        const get = open.result.transaction('snapshots').objectStore('snapshots').getAll();
        get.onsuccess = () => resolve(get.result.some((s: any) => s.key.endsWith(`:case:${id}`)));
      };
      open.onerror = () => resolve(false);
    }), 'the case detail was not kept');
    // the service worker controls the page and keeps the shell and every asset loaded so far
    await until(shellKept, 'the service worker did not take the page');
    // and the photos' thumbnails and the small map's data of the kept case
    const thumbnails = (await api('admin', 'GET', `/api/cases/${c.id}`)).body.media.map((m: any) => m.thumbnailUrl)
      .filter((url: string) => url.includes(photo.hash));
    assert.equal(thumbnails.length, 1);
    const extrasKept = async () => page.evaluate(async (urls: string[]) => {
      const kept = await Promise.all([...urls, '/api/map/roads.geojson', '/api/map/areas.geojson']
        .map((url) => (globalThis as any).caches.match(url)));
      return kept.map((k, i) => (k ? '' : [...urls, 'roads', 'areas'][i])).filter(Boolean);
    }, thumbnails);
    for (let i = 0; i < 60 && (await extrasKept()).length > 0; i++) await page.waitForTimeout(250);
    assert.deepEqual(await extrasKept(), [], 'the thumbnails and the base map were kept');

    await context.setOffline(true);
    await page.goto(`${env.baseUrl}/m/me`);
    await page.getByTestId('fd-offline').waitFor();
    await page.getByTestId('fd-tab-fdTabTasks').click();
    const queue = page.getByTestId('fd-queue-to_check');
    await queue.getByTestId('fd-offline-data').getByText(/^离线数据（更新于 \d{2}-\d{2} \d{2}:\d{2}）$/).waitFor();
    await screenshot(page, 'field-offline-tasks');
    await queue.locator(`[data-case-no="${c.caseNo}"]`).click();
    await page.getByTestId('fd-case-no').getByText(c.caseNo).waitFor();
    await page.getByTestId('fd-case').getByTestId('fd-offline-data').waitFor();
    // the photos show from the kept thumbnails
    await page.waitForFunction((hash: string) => {
      const img = (globalThis as any).document.querySelector(`.fd-photo img[src*="${hash}"]`);
      return img !== null && img.complete && img.naturalWidth > 0;
    }, photo.hash, { timeout: 10_000 });
    await page.waitForTimeout(1000);   // the small map draws its kept base layers
    await screenshot(page, 'field-offline-case');
    await page.getByTestId('fd-form-check').click();
    await page.getByTestId('fd-action-offline').waitFor();
    await page.getByTestId('fd-check-result').getByText('已处置好（通过）').click();
    await addPhoto(page, 'fd-after-photos', '#7a3b8a');
    await page.getByTestId('fd-opinion').fill('离线核查：已整改');
    await page.getByTestId('fd-action-submit').click();
    const queued = page.getByTestId('fd-queued-action').and(page.locator(`[data-case-no="${c.caseNo}"]`));
    await queued.and(page.locator('[data-status="pending"]')).waitFor();
    await page.getByTestId('fd-queue-to_check').locator(`[data-case-no="${c.caseNo}"]`).getByTestId('fd-case-queued').waitFor();
    await screenshot(page, 'field-offline-action-queued');
    await page.waitForTimeout(300);
    assert.equal((await api('admin', 'GET', `/api/cases/${c.id}`)).body.stage, 'checking', 'nothing reached the server offline');

    // Back online: the first POST of the action reaches the server but its answer is lost; sent again with the same
    // Idempotency-Key, the server answers the first result — recorded once.
    let posts = 0;
    const keys: string[] = [];
    let replayed: string | undefined;
    await page.route('**/api/cases/*/actions/check_pass', async (route) => {
      posts += 1;
      keys.push(route.request().headers()['idempotency-key']);
      if (posts === 1) { await route.fetch(); return route.abort('connectionreset'); }
      const response = await route.fetch();
      replayed = response.headers()['idempotent-replayed'];
      return route.fulfill({ response });
    });
    await context.setOffline(false);
    await page.getByTestId('fd-offline').waitFor({ state: 'detached' });
    for (let i = 0; i < 50 && posts === 0; i++) await page.waitForTimeout(100);
    assert.equal(posts, 1);
    assert.equal(await queued.getAttribute('data-status'), 'pending');
    await page.getByTestId('fd-send-actions').click();
    await queued.and(page.locator('[data-status="sent"]')).waitFor();
    assert.equal(posts, 2);
    assert.match(keys[0], /^field-[0-9a-f]{32}$/);
    assert.equal(keys[1], keys[0]);
    assert.equal(replayed, 'true', 'the server answered the first result');
    await page.unroute('**/api/cases/*/actions/check_pass');
    const done = (await api('admin', 'GET', `/api/cases/${c.id}`)).body;
    assert.equal(done.stage, 'to_close');
    const checks = done.timeline.filter((e: any) => e.action === 'check_pass');
    assert.equal(checks.length, 1, 'the 核查 is recorded once');
    assert.equal(checks[0].opinion, '离线核查：已整改');
    assert.deepEqual(checks[0].attachments.map((a: any) => a.phase), ['after']);
    await page.getByTestId('fd-queue-to_check').locator(`[data-case-no="${c.caseNo}"]`).waitFor({ state: 'detached' });
    await screenshot(page, 'field-offline-action-sent');
  });

  it('a handler sees a new case arrive live and gives 处置反馈 with a photo', async () => {
    const page = await phone('handler1');
    await page.getByTestId('fd-queue-handling').waitFor();
    const c = await dispatchedCase('处置测试：人行道违章接坡');
    const card = page.getByTestId('fd-queue-handling').locator(`[data-case-no="${c.caseNo}"]`);
    await card.waitFor({ timeout: 10_000 });
    await page.getByTestId('fd-unread').locator('.ant-badge-count').waitFor();
    await screenshot(page, 'field-handler-tasks');
    await card.click();
    await page.getByTestId('fd-form-handle_feedback').waitFor();
    for (const form of ['request_extension', 'request_return', 'request_suspend']) await page.getByTestId(`fd-form-${form}`).waitFor();
    await screenshot(page, 'field-handler-case');
    await page.getByTestId('fd-form-handle_feedback').click();
    await page.getByTestId('fd-action-submit').click();
    await page.getByTestId('fd-action-problem').getByText('请拍摄处置后照片').waitFor();
    await addPhoto(page, 'fd-after-photos', '#2f54eb');
    await page.getByTestId('fd-opinion').fill('已拆除违章接坡');
    await screenshot(page, 'field-handle-form');
    await page.getByTestId('fd-action-submit').click();
    await page.getByTestId('fd-tasks').waitFor();

    const done = (await api('admin', 'GET', `/api/cases/${c.id}`)).body;
    assert.equal(done.stage, 'to_check');
    const feedback = done.timeline.at(-1);
    assert.equal(feedback.action, 'handle_feedback');
    assert.equal(feedback.opinion, '已拆除违章接坡');
    assert.deepEqual(feedback.attachments.map((a: any) => a.phase), ['after']);
    assert.equal(done.media.filter((m: any) => m.phase === 'after').length, 1);
    await page.getByTestId('fd-queue-handling').locator(`[data-case-no="${c.caseNo}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(env.external, []);
    assert.deepEqual(env.pageErrors, []);
  });
});
