// Shared by the 综合评价 benches: all 10 evaluation tables (5 region levels, departments, 4 positions) for a period,
// from the rollups (median of 3 after a warm-up) and — unless skipped — from raw history in the same run.
import type { Db } from '../src/db/types.ts';
import { kpiTable } from '../src/evaluation/kpis.ts';
import { POSITIONS, REGION_LEVELS, type EvaluatedObject } from '../src/evaluation/objects.ts';
import type { Period } from '../src/evaluation/rules/periods.ts';

export const OBJECTS: EvaluatedObject[] = [
  ...REGION_LEVELS.map((level): EvaluatedObject => ({ kind: 'region', level })),
  { kind: 'department' },
  ...POSITIONS.map((role): EvaluatedObject => ({ kind: 'position', role })),
];

export interface Timed { ms: number; rows: number; digest: string }

export async function allTables(db: Db, period: Period, source: 'rollup' | 'raw'): Promise<Timed> {
  const start = performance.now();
  let rows = 0;
  const parts: string[] = [];
  for (const o of OBJECTS) {
    const t = performance.now();
    const table = await kpiTable(db, { scope: 'all' }, o, period, { source, flush: false });
    rows += table.rows.length;
    parts.push(JSON.stringify(table.rows));
    if (source === 'raw') console.log(`  raw ${table.title}: ${(performance.now() - t).toFixed(0)} ms`);   // progress of the long pass
  }
  return { ms: performance.now() - start, rows, digest: parts.join('') };
}

/** Times the rollups (and raw history unless `raw` is false) and prints both with the speed-up. */
export async function benchKpis(db: Db, period: Period, raw = true): Promise<void> {
  await allTables(db, period, 'rollup');   // warm the caches once
  const runs = [await allTables(db, period, 'rollup'), await allTables(db, period, 'rollup'), await allTables(db, period, 'rollup')];
  const fast = runs.sort((a, b) => a.ms - b.ms)[1];
  console.log(`${period.from} .. ${period.to}: ${OBJECTS.length} tables, ${fast.rows} rows (${REGION_LEVELS.length} region levels, departments, 4 positions)`);
  console.log(`rollup: ${fast.ms.toFixed(0)} ms (median of 3; runs ${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms)`);
  if (!raw) return;
  const slow = await allTables(db, period, 'raw');
  console.log(`raw: ${slow.ms.toFixed(0)} ms   speed-up ${(slow.ms / fast.ms).toFixed(1)}×   identical: ${fast.digest === slow.digest}`);
}
