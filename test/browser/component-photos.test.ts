import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../helpers/platform.ts';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

/** A 640×480 test photo: a sky-to-grass gradient with a grey "manhole cover". */
async function testPhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7ab8f5"/><stop offset="0.55" stop-color="#cfe6fb"/>
    <stop offset="0.56" stop-color="#6b8e4e"/><stop offset="1" stop-color="#3f5f2a"/></linearGradient></defs>
    <rect width="640" height="480" fill="url(#g)"/><ellipse cx="320" cy="360" rx="150" ry="60" fill="#555" stroke="#222" stroke-width="8"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** Waits until the image matching `selector` has loaded and gives its natural size. */
async function loadedSize(page: Page, selector: string): Promise<[number, number]> {
  const handle = await page.waitForFunction((sel) => {
    const img = (globalThis as any).document.querySelector(sel);
    return img && img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight] : null;
  }, selector);
  return (await handle.jsonValue()) as [number, number];
}

describe('web console: component photos', () => {
  let env: BrowserEnv;
  let componentId: string;

  before(async () => {
    env = await startBrowserEnv();
    const app = env.platform.app;
    const loginRes = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    const headers = { authorization: `Bearer ${loginRes.json().token}` };
    const created = await app.inject({ method: 'POST', url: '/api/components', headers,
      payload: { typeCode: '01001', name: '人民路供水井盖', position: { lon: 119.0002, lat: 34.0002 } } });
    assert.equal(created.statusCode, 201, created.body);
    componentId = created.json().id;
  });
  after(async () => { await env?.close(); });

  it('admin uploads a photo from the component drawer, sees its thumbnail and opens the full photo', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/base/components?id=${componentId}`);
    const drawer = page.getByRole('dialog');
    const wall = drawer.getByTestId('photo-wall');
    await wall.getByText('暂无照片').waitFor();

    await wall.locator('input[type=file]').setInputFiles({ name: '井盖.jpg', mimeType: 'image/jpeg', buffer: await testPhoto() });
    const thumb = wall.locator('img[src$="/thumbnail"]');
    await thumb.waitFor();
    const natural = await loadedSize(page, '[data-testid="photo-wall"] img[src$="/thumbnail"]');
    assert.deepEqual(natural, [320, 240], 'the thumbnail, not the original, is shown');
    await screenshot(page, 'component-photo-drawer');

    await thumb.click();
    const preview = page.locator('.ant-image-preview img');
    await preview.waitFor();
    assert.deepEqual(await loadedSize(page, '.ant-image-preview img'), [640, 480]);
    assert.match((await preview.getAttribute('src')) ?? '', /^\/api\/media\/[0-9a-f]{64}$/);
    await page.waitForTimeout(500); // the zoom-in animation
    await screenshot(page, 'component-photo-preview');
    await page.keyboard.press('Escape');
  });

  it('a collector sees the photo but no upload or remove buttons', async () => {
    const page = await env.newPage();
    await login(env, page, 'collector1');
    await page.goto(`${env.baseUrl}/base/components?id=${componentId}`);
    const wall = page.getByRole('dialog').getByTestId('photo-wall');
    await wall.locator('img[src$="/thumbnail"]').waitFor();
    assert.equal(await wall.getByTestId('photo-upload').count(), 0);
    assert.equal(await wall.getByRole('button', { name: '移除照片' }).count(), 0);
  });

  it('admin removes the photo after confirming', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.goto(`${env.baseUrl}/base/components?id=${componentId}`);
    const wall = page.getByRole('dialog').getByTestId('photo-wall');
    await wall.getByRole('button', { name: '移除照片' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await wall.getByText('暂无照片').waitFor();
    assert.deepEqual(env.pageErrors, []);
    assert.deepEqual(env.external, []);
  });
});
