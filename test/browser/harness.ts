// Browser tests: the real platform on a free port (test database with the tiny city) and headless Chromium.
// Every request leaving 127.0.0.1 is refused and recorded, so a test can prove the console needs no internet.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { createPlatform, type Platform } from '../../src/platform/runtime.ts';
import { WEB_DIST } from '../../src/server/app.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { DEMO_PASSWORD } from '../helpers/platform.ts';

const CHROMIUM = process.env.CITYOPS_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
export const RESULTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-results');

export interface BrowserEnv {
  baseUrl: string;
  platform: Platform;
  browser: Browser;
  /** URLs the pages tried to reach outside the test server (refused). */
  external: string[];
  /** Page errors (uncaught exceptions) seen in any page. */
  pageErrors: string[];
  /** A fresh browser context (own cookies) with one page, viewport 1440×900 unless `options` say otherwise (a phone). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserEnv(): Promise<BrowserEnv> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('dist/web is missing: run npm run build:web');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const testDb: TestDb = await openTestDb();
  const config = loadConfig({ logLevel: 'silent', demoOnEmpty: false, nodeId: 'browser-test' });
  const platform = await createPlatform(config, testDb.db, { runJobs: false });
  await seedTinyCity(testDb.db);
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const address = platform.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const external: string[] = [];
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    baseUrl, platform, browser, external, pageErrors,
    async newPage(options = {}) {
      // as the platform's users: a Chinese browser on China time
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
      contexts.push(context);
      await context.addInitScript(() => { (globalThis as any).__cityopsTest = true; });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        external.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(err.message));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await platform.stop();
      await testDb.close();
    },
  };
}

/** Logs in through the form and waits for the layout's header. */
export async function login(env: BrowserEnv, page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${env.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('who').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The visible labels of the side menu (groups and pages). */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByTestId('side-menu').locator('.ant-menu-title-content');
  return (await items.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}
