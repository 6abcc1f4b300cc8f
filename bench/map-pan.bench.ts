// The map stays interactive: Debian Chromium (playwright-core) opens the console of a running platform, turns every
// layer of 一张图 on (67,690 components clustered, 8,517 grids, case points, heat, grid colouring, staff) and pans and
// zooms for several seconds while a PerformanceObserver records main-thread long tasks. Also the console's first
// paint (first-contentful-paint) of the login page and of the home page.
//
//   CITYOPS_BENCH_URL=http://127.0.0.1:5103 [CITYOPS_BENCH_LAYERS=grids,components] [CITYOPS_BENCH_HIDE=grids-fill] node --import tsx bench/map-pan.bench.ts [seconds]
//
// On a shared machine a task's wall time includes the time the main thread waited for a CPU; the pan is therefore also
// traced (Chrome trace events of the renderer's main thread), which gives each task's own CPU time (thread time).
//
// The URL must serve the console and the API together: a platform started with CITYOPS_WEB_DIST pointing at a
// built console, or `CITYOPS_API=<platform> npx vite --config web/vite.config.ts` (dev) in front of one. Default
// http://127.0.0.1:8090. Logs in as CITYOPS_BENCH_USER (default admin, password Demo@2026).
import { chromium, type Page } from 'playwright-core';

const BASE = process.env.CITYOPS_BENCH_URL ?? 'http://127.0.0.1:8090';
const USER = process.env.CITYOPS_BENCH_USER ?? 'admin';
const PASSWORD = process.env.CITYOPS_BENCH_PASSWORD ?? 'Demo@2026';
const SECONDS = Number(process.argv[2] ?? 10);
/** Layer groups to show (comma-separated, e.g. grids,components); default every group. */
const ONLY = process.env.CITYOPS_BENCH_LAYERS?.split(',');
/** Style layers to hide on top of that (comma-separated layer ids, e.g. grids-fill), to find what costs. */
const HIDE = process.env.CITYOPS_BENCH_HIDE?.split(',') ?? [];
const CHROMIUM = process.env.CITYOPS_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Collects long tasks from the very start of every document (window.__longTasks). */
const OBSERVE = () => {
  const w = globalThis as any;
  w.__name = (f: unknown) => f; // tsx keeps function names with a helper the page does not have
  w.__cityopsTest = true;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true } as any); // a browser entry type Node's typings do not list
};

async function firstPaint(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

interface Tasks { count: number; longest: number; over200: number; totalMs: number }
function summarize(tasks: { duration: number }[]): Tasks {
  return { count: tasks.length, longest: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    over200: tasks.filter((t) => t.duration > 200).length, totalMs: Math.round(tasks.reduce((s, t) => s + t.duration, 0)) };
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));

  // first paint: the login page (cold cache, then warm), then the home page after logging in
  await page.goto(`${BASE}/login`);
  const loginCold = await firstPaint(page);
  await page.reload();
  const loginWarm = await firstPaint(page);
  await page.getByLabel('用户名').fill(USER);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('who').waitFor();
  await page.goto(`${BASE}/`);
  const home = await firstPaint(page);

  // the map with every layer on
  const opened = performance.now();
  await page.goto(`${BASE}/map`);
  await page.waitForFunction(() => {
    const map = (globalThis as any).__cityopsMap;
    return map?.loaded() && map.getSource('components') && map.querySourceFeatures('grids').length > 0;
  }, null, { timeout: 120_000 });
  const switcher = page.getByTestId('layer-switcher');
  for (const box of await switcher.locator('.ant-checkbox-wrapper').all()) {
    const group = await box.locator('input').getAttribute('value');
    if (await box.locator('input').isChecked() !== (!ONLY || ONLY.includes(group!))) await box.click();
  }
  await page.waitForFunction(() => {
    const map = (globalThis as any).__cityopsMap;
    const legend = (globalThis as any).document.querySelector('[data-testid="map-legend"]')?.textContent ?? '';
    const components = map.getLayoutProperty('components-point', 'visibility') === 'none' || map.querySourceFeatures('components').length > 0;
    const cases = map.getLayoutProperty('cases-point', 'visibility') === 'none' || /显示 \d+ 件/.test(legend);
    return map.loaded() && !map.isMoving() && components && cases;
  }, null, { timeout: 120_000 });
  await page.evaluate((ids) => ids.forEach((id) => (globalThis as any).__cityopsMap.setLayoutProperty(id, 'visibility', 'none')), HIDE);
  await page.waitForTimeout(2000);
  const readyMs = performance.now() - opened;
  const layers = await page.evaluate(() => {
    const map = (globalThis as any).__cityopsMap;
    return map.getStyle().layers.filter((l: any) => map.getLayoutProperty(l.id, 'visibility') !== 'none').length;
  });
  const loadTasks = summarize(await page.evaluate(() => (globalThis as any).__longTasks.splice(0)));

  // pan and zoom: eased moves across the city at zoom 12–17, back to back, for SECONDS
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'toplevel'] });
  const pan = await page.evaluate(async (seconds) => {
    const map = (globalThis as any).__cityopsMap;
    const b = map.getBounds();
    const [w, s, e, n] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    let frames = 0;
    let worstFrame = 0;
    let last = performance.now();
    let running = true;
    const tick = (now: number) => {
      frames++;
      worstFrame = Math.max(worstFrame, now - last);
      last = now;
      if (running) (globalThis as any).requestAnimationFrame(tick);
    };
    (globalThis as any).requestAnimationFrame(tick);
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const started = performance.now();
    let moves = 0;
    while (performance.now() - started < seconds * 1000) {
      const center = [w + (e - w) * (0.2 + 0.6 * rand()), s + (n - s) * (0.2 + 0.6 * rand())];
      const zoom = 12 + rand() * 5;
      await new Promise<void>((done) => { map.once('moveend', () => done()); map.easeTo({ center, zoom, duration: 700 }); });
      moves++;
    }
    running = false;
    const elapsed = performance.now() - started;
    return { moves, elapsedMs: Math.round(elapsed), fps: Math.round((frames / elapsed) * 1000 * 10) / 10, worstFrameMs: Math.round(worstFrame) };
  }, SECONDS);
  const panTasks = summarize(await page.evaluate(() => (globalThis as any).__longTasks.splice(0)));
  const cpu = mainThreadTasks(JSON.parse((await browser.stopTracing()).toString('utf8')));
  const counts = await page.evaluate(() => {
    const text = (globalThis as any).document.querySelector('[data-testid="map-legend"]')?.textContent ?? '';
    return { legend: text.replace(/\s+/g, ' ').slice(0, 200) };
  });
  await browser.close();

  const r = (v: number) => Math.round(v);
  console.log(`console ${BASE}, user ${USER}, Chromium headless (software GL)`);
  console.log(`first-contentful-paint: login ${r(loginCold)} ms (cold), ${r(loginWarm)} ms (warm); home ${r(home)} ms`);
  console.log(`map ready with every layer on: ${(readyMs / 1000).toFixed(1)} s, ${layers} style layers shown; legend: ${counts.legend}`);
  console.log(`  long tasks while loading: ${loadTasks.count}, longest ${loadTasks.longest} ms, over 200 ms: ${loadTasks.over200}, total ${loadTasks.totalMs} ms`);
  console.log(`pan/zoom ${pan.moves} moves in ${(pan.elapsedMs / 1000).toFixed(1)} s: ${pan.fps} frames/s, worst frame ${pan.worstFrameMs} ms`);
  console.log(`  long tasks while panning: ${panTasks.count}, longest ${panTasks.longest} ms, over 200 ms: ${panTasks.over200}, total ${panTasks.totalMs} ms`);
  console.log(`  the same tasks' CPU time (trace): longest ${cpu.longestCpu} ms (its wall time ${cpu.wallOfLongest} ms), over 200 ms CPU: ${cpu.over200}, `
    + `over 50 ms CPU: ${cpu.over50}; main thread busy ${cpu.busyCpu} ms CPU of ${cpu.busyWall} ms wall in tasks`);
}

/** Top-level tasks of the renderer's main thread(s) in a Chrome trace: wall (dur) and CPU (tdur) time. */
function mainThreadTasks(trace: { traceEvents: any[] }) {
  const main = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const tasks = trace.traceEvents.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`) && e.tdur !== undefined);
  const ms = (us: number) => Math.round(us / 1000);
  const longest = tasks.reduce((a, b) => (b.tdur > (a?.tdur ?? -1) ? b : a), undefined as any);
  return {
    longestCpu: ms(longest?.tdur ?? 0), wallOfLongest: ms(longest?.dur ?? 0),
    over200: tasks.filter((e) => e.tdur > 200_000).length, over50: tasks.filter((e) => e.tdur > 50_000).length,
    busyCpu: ms(tasks.reduce((s, e) => s + e.tdur, 0)), busyWall: ms(tasks.reduce((s, e) => s + e.dur, 0)),
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
