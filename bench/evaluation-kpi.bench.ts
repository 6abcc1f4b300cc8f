// 综合评价 KPIs: every figure, rate, score and grade of every region level, every department and every position for
// one year, from the rollups (the monthly figure rollups for whole months, case_counts + evaluation_clock_counts for
// partial-month edges) and — in the same run — from raw history (case_events, case_clocks, cases). The database must
// hold the demo history (cityops demo); DATABASE_URL selects PostgreSQL (else PGlite under CITYOPS_DATA). The rollups
// are flushed first, outside the timing.
// Run: DATABASE_URL=postgres://… node --import tsx bench/evaluation-kpi.bench.ts [year-start YYYY-MM-DD]
import { flushCounts } from '../src/command/counts.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';
import { flushClockCounts } from '../src/evaluation/clock-counts.ts';
import { foldTotals } from '../src/evaluation/totals.ts';
import { periodOf } from '../src/evaluation/rules/periods.ts';
import { prepareDatabase } from '../src/platform/prepare.ts';
import { benchKpis } from './evaluation-kpi-timing.ts';

const from = process.argv[2] ?? '2025-11-01';
const to = new Date(Date.parse(`${from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
const r = periodOf('custom', undefined, from, to);
if (!r.ok) throw new Error(r.message);
const db = await openDatabase(loadConfig());
await prepareDatabase(db);   // the monthly totals' migration (015) on a database made before it
const cases = (await db.maybeOne<{ n: number }>('select count(*)::int as n from cases'))!.n;
const t = performance.now();
await flushCounts(db);
while (await flushClockCounts(db, 1_000_000) > 0) { /* a first run after a bulk load */ }
while (!(await foldTotals(db, 1_000_000))) { /* the monthly totals of what the flushes queued */ }
console.log(`${db.kind}: ${cases} cases; rollups flushed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
await benchKpis(db, r.period);
await db.close();
