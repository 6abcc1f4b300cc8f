// The demo city's year of case history: pure generation speed, then the load into a fresh database with the demo
// city (chunks of 2,000 cases, one transaction each, then analyze). PGlite by default, PostgreSQL with
// CITYOPS_TEST_DATABASE_URL set.
// Run: node --import tsx bench/demo-history.bench.ts [cases]
import { Staff } from '../src/demo/history-case.ts';
import { historyRows, loadHistory, loadHistoryInputs } from '../src/demo/history-load.ts';
import { planHistory } from '../src/demo/history-plan.ts';
import { generateDemoCity } from '../src/demo/index.ts';
import { openTestDb } from '../test/helpers/db.ts';

const COUNT = Number(process.argv[2] ?? 200_000);
const t = await openTestDb();
await generateDemoCity(t.db);

let started = performance.now();
const inputs = await loadHistoryInputs(t.db);
const plan = planHistory(inputs, COUNT);
const staff = new Staff(inputs.users);
let events = 0;
let clocks = 0;
for (let i = 0; i < COUNT; i += 10_000) {
  for (const r of historyRows(inputs, plan, staff, i, Math.min(COUNT, i + 10_000), 0)) {
    events += r.events.length;
    clocks += r.clocks.length;
  }
}
const rows = 2 * COUNT + events + clocks;   // cases, reporters, timeline entries, stage clocks
let seconds = (performance.now() - started) / 1000;
console.log(`generation (pure): ${COUNT} cases, ${rows} rows in ${seconds.toFixed(1)} s = ${(rows / seconds).toFixed(0)} rows/s`);

started = performance.now();
await loadHistory(t.db, { total: COUNT });
seconds = (performance.now() - started) / 1000;
const size = await t.db.maybeOne<{ s: string }>('select pg_size_pretty(pg_database_size(current_database())) as s');
console.log(`${t.db.kind}: generated and loaded ${COUNT} cases (${rows} rows) in ${seconds.toFixed(1)} s incl. analyze = `
  + `${(rows / seconds).toFixed(0)} rows/s, ${(COUNT / seconds).toFixed(0)} cases/s; database ${size!.s}`);
await t.close();
