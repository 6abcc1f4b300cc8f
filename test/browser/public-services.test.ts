// 店招服务 in the console (a shop's request → appointment → the visit recorded with a photo; the phone masked for a
// user without pii.read) and the portal map's public base layers on a phone-sized screen, anonymous.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { login, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

describe('店招服务 console page and the portal base map', () => {
  let env: BrowserEnv;
  let refNo: string;
  before(async () => {
    env = await startBrowserEnv();
    const res = await env.platform.app.inject({ method: 'POST', url: '/api/public/sign-requests', payload: {
      shopName: '云河老字号面馆', contactName: '王先生', phone: '13912345678', address: '人民路 18 号', request: '新店招想做灯箱，尺寸有什么要求？',
      preferredDate: '2026-12-01' } });
    assert.equal(res.statusCode, 201, res.body);
    refNo = res.json().refNo;
    await env.platform.ctx.db.query("insert into roads (name, class, geometry, bbox) values ('人民路', '主干路', $1, array[118.99, 34.0005, 119.01, 34.0005])",
      [JSON.stringify({ type: 'LineString', coordinates: [[118.99, 34.0005], [119.01, 34.0005]] })]);
  });
  after(async () => { await env?.close(); });

  it('an officer schedules the visit and records it with a photo; the phone is masked without pii.read', async () => {
    const page = await env.newPage();
    await login(env, page, 'dispatcher1');
    await page.goto(`${env.baseUrl}/services/shop-signs`);
    const row = page.locator(`tr[data-ref="${refNo}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /13912345678/);
    await row.click();
    const detail = page.getByTestId('ss-detail');
    await detail.getByTestId('ss-phone').getByText('13912345678').waitFor();
    await page.getByTestId('ss-appointment').click();
    const when = new Date(Date.now() + 2 * 86_400_000);
    const text = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')} 10:00`;
    await page.getByTestId('ss-appointment').fill(text);
    await page.keyboard.press('Enter');
    await page.getByTestId('ss-schedule').click();
    await detail.getByTestId('ss-appointment-at').getByText(text).waitFor();
    await detail.getByTestId('ss-status').getByText('已预约').waitFor();
    await screenshot(page, 'shop-signs-scheduled');

    await page.getByTestId('ss-visit').click();
    await page.getByText('请填写指导意见').waitFor();
    await page.getByTestId('ss-notes').fill('灯箱不超过门头宽度，底边距地面不低于 2.5 米');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#d08a3b' } }).jpeg().toBuffer();
    await page.getByTestId('ss-photos').locator('input[type=file]').setInputFiles({ name: 'visit.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByTestId('ss-photos').getByTestId('uploaded-photo').first().waitFor();
    await page.getByTestId('ss-visit').click();
    await detail.getByTestId('ss-status').getByText('已上门指导').waitFor();
    await detail.getByTestId('ss-visit-photos').locator('img').first().waitFor();
    await screenshot(page, 'shop-signs-visited');
    const stored = await env.platform.ctx.db.maybeOne<any>('select status, visit_notes, visit_photos from sign_requests where ref_no = $1', [refNo]);
    assert.equal(stored.status, 'visited');
    assert.equal(stored.visit_notes, '灯箱不超过门头宽度，底边距地面不低于 2.5 米');
    assert.equal(stored.visit_photos.length, 1);

    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await page.getByTestId('ss-filter').getByText('已预约').click();
    await page.locator(`tr[data-ref="${refNo}"]`).waitFor({ state: 'detached' });
    await page.getByTestId('ss-filter').getByText('已上门指导').click();
    await page.locator(`tr[data-ref="${refNo}"]`).waitFor();

    const leader = await env.newPage();
    await login(env, leader, 'leader1');
    await leader.goto(`${env.baseUrl}/services/shop-signs`);
    const masked = leader.locator(`tr[data-ref="${refNo}"]`);
    await masked.waitFor();
    assert.match(await masked.innerText(), /139\*\*\*\*5678/);
    assert.doesNotMatch(await masked.innerText(), /13912345678/);
    await masked.click();
    await leader.getByTestId('ss-detail').waitFor();
    assert.equal(await leader.getByTestId('ss-visit').count(), 0, 'no forms without case.act');
    assert.deepEqual(env.pageErrors, []);
  });

  it('the portal map draws the public base layers for an anonymous citizen', async () => {
    const page = await env.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const layers = new Set<string>();
    page.on('response', (r) => {
      const m = /\/api\/public\/map\/(\w+)\.geojson$/.exec(new URL(r.url()).pathname);
      if (m && r.status() === 200) layers.add(m[1]);
    });
    await page.goto(`${env.baseUrl}/p/`);
    await page.getByTestId('pt-home-report').click();
    await page.getByTestId('pt-map').scrollIntoViewIfNeeded();
    for (let i = 0; i < 50 && layers.size < 4; i++) await page.waitForTimeout(100);
    assert.deepEqual([...layers].sort(), ['areas', 'districts', 'landmarks', 'roads']);
    await page.waitForTimeout(800);
    await screenshot(page, 'portal-base-map');
    assert.deepEqual(env.pageErrors, []);
  });
});
