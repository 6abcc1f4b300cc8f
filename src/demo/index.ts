// The demo city 云河市: generated from a fixed seed on an empty database (`cityops serve`, `cityops demo`).
import { SYSTEM_ACTOR } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { hashPassword } from '../admin/passwords.ts';
import type { Db } from '../db/types.ts';
import { conflict } from '../platform/errors.ts';
import { DEMO_PASSWORD } from './accounts.ts';
import { clearBaseData, insertDemoCity, type DemoCounts, type ProgressFn } from './insert.ts';
import { buildDemoCity } from './model.ts';
import { CITY_CODE } from './names.ts';

export { buildDemoCity, type DemoCity } from './model.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';
export type { DemoCounts } from './insert.ts';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.maybeOne<{ n: number }>('select count(*)::int as n from divisions');
  return row!.n === 0;
}

export interface DemoOptions {
  log?: (msg: string) => void;
  onProgress?: ProgressFn;
  /** empty the base data first (same transaction); without it a database with divisions is refused */
  replace?: boolean;
}

/** Builds the demo city and writes it in one transaction: all of it or nothing. */
export async function generateDemoCity(db: Db, opts: DemoOptions = {}): Promise<DemoCounts> {
  const log = opts.log ?? (() => undefined);
  const progress = opts.onProgress ?? (() => undefined);
  const started = performance.now();
  progress('生成示范城市', 0, 1);
  const city = buildDemoCity();
  const passwordHash = await hashPassword(DEMO_PASSWORD); // once: scrypt is slow on purpose
  progress('生成示范城市', 1, 1);
  log(`demo city built in ${Math.round(performance.now() - started)} ms; writing it to the database`);
  const counts = await db.transaction(async (tx) => {
    let before: Record<string, number> | undefined;
    if (opts.replace) {
      before = await clearBaseData(tx);
    } else {
      const row = await tx.maybeOne<{ n: number }>('select count(*)::int as n from divisions');
      if (row!.n > 0) throw conflict('DEMO_DATA_EXISTS', `数据库中已有 ${row!.n} 条行政区划数据，不能生成示范城市`);
    }
    const written = await insertDemoCity(tx, city, passwordHash, progress);
    await (await import('../public/demo.ts')).seedPublicDemo(tx); // 公众服务: facilities with QR codes, the Open311 demo key
    await (await import('./monitor.ts')).seedDemoMonitor(tx); // 运行监测: facilities, sensors, cameras, flood teams, recent readings
    await (await import('../evaluation/city-index/demo.ts')).seedCityIndexDemo(tx); // 城市管理指数: 实地考察 and 问卷 results
    await audit(tx, SYSTEM_ACTOR, { action: 'demo', entity: 'city', entityId: CITY_CODE, before, after: written });
    return written;
  });
  await db.exec('analyze'); // fresh statistics: PGlite has no autovacuum, and plans over 60k rows need them
  if (db.kind === 'pglite') await db.exec('checkpoint'); // nor a background checkpointer to recycle the WAL
  log(`demo city 云河市 ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.unitGrids} unit grids, `
    + `${counts.components} components, ${counts.users} users (password ${DEMO_PASSWORD})`);
  return counts;
}
