// 综合评价 KPIs: every figure, rate, score and grade of every region level, every department and every position for
// one year, from the rollups (case_counts + evaluation_clock_counts) and — in the same run — from raw history
// (case_events, case_clocks, cases). The database must hold the demo history (cityops demo); DATABASE_URL selects
// PostgreSQL (else PGlite under CITYOPS_DATA). The rollups are flushed first, outside the timing.
// Run: DATABASE_URL=postgres://… node --import tsx bench/evaluation-kpi.bench.ts [year-start YYYY-MM-DD]
import { flushCounts } from '../src/command/counts.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';
import { flushClockCounts } from '../src/evaluation/clock-counts.ts';
import { kpiTable } from '../src/evaluation/kpis.ts';
import { POSITIONS, REGION_LEVELS, type EvaluatedObject } from '../src/evaluation/objects.ts';
import { periodOf } from '../src/evaluation/rules/periods.ts';

const from = process.argv[2] ?? '2025-11-01';
const to = new Date(Date.parse(`${from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
const r = periodOf('custom', undefined, from, to);
if (!r.ok) throw new Error(r.message);
const period = r.period;
const db = await openDatabase(loadConfig());
const cases = (await db.maybeOne<{ n: number }>('select count(*)::int as n from cases'))!.n;
let t = performance.now();
await flushCounts(db);
while (await flushClockCounts(db, 1_000_000) > 0) { /* a first run after a bulk load */ }
console.log(`${db.kind}: ${cases} cases; rollups flushed in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const OBJECTS: EvaluatedObject[] = [
  ...REGION_LEVELS.map((level): EvaluatedObject => ({ kind: 'region', level })),
  { kind: 'department' },
  ...POSITIONS.map((role): EvaluatedObject => ({ kind: 'position', role })),
];
const actor = { scope: 'all' as const };

async function all(source: 'rollup' | 'raw'): Promise<{ ms: number; rows: number; digest: string }> {
  const start = performance.now();
  let rows = 0;
  const parts: string[] = [];
  for (const o of OBJECTS) {
    const table = await kpiTable(db, actor, o, period, { source, flush: false });
    rows += table.rows.length;
    parts.push(JSON.stringify(table.rows));
  }
  return { ms: performance.now() - start, rows, digest: parts.join('') };
}

await all('rollup');   // warm the caches once
const runs = [await all('rollup'), await all('rollup'), await all('rollup')];
const fast = runs.sort((a, b) => a.ms - b.ms)[1];
t = performance.now();
const raw = await all('raw');
console.log(`${from} .. ${to}: ${OBJECTS.length} tables, ${fast.rows} rows (all region levels incl. ${REGION_LEVELS.length} kinds, departments, 4 positions)`);
console.log(`rollup: ${fast.ms.toFixed(0)} ms (median of 3)   raw: ${raw.ms.toFixed(0)} ms   speed-up ${(raw.ms / fast.ms).toFixed(1)}×   `
  + `identical: ${fast.digest === raw.digest}`);
await db.close();
