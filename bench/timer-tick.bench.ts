// The timer service under load: 1,000,000 pending timer jobs (the two light timers of 500,000 open cases), of which
// 500 are due now and the rest spread over the next 30 days. Times one JobRunner.tick() with the production options
// (claim query + running the due handlers, here a no-op), then the ticks that drain the rest of the due jobs.
// PGlite by default, PostgreSQL with CITYOPS_TEST_DATABASE_URL set.
// Run: node --import tsx bench/timer-tick.bench.ts [timers] [due]
import { RED_JOB, YELLOW_JOB } from '../src/command/clocks.ts';
import { JobRunner } from '../src/platform/jobs.ts';
import { openTestDb } from '../test/helpers/db.ts';

const TIMERS = Number(process.argv[2] ?? 1_000_000);
const DUE = Number(process.argv[3] ?? 500);
const t = await openTestDb();
const db = t.db;

let t0 = performance.now();
// Timer g belongs to case g/2 (yellow for even g, red for odd g); the DUE ones ran out a little while ago.
await db.query(
  `insert into jobs (kind, dedupe_key, run_at, payload)
   select case when g % 2 = 0 then $3 else $4 end,
          'case:' || g / 2 || ':handle:' || case when g % 2 = 0 then 'yellow' else 'red' end,
          case when g <= $2 then now() - make_interval(secs => g)
               else now() + make_interval(secs => 60 + (g * 2654435761 % (30 * 86400))) end,
          jsonb_build_object('caseId', g / 2, 'clockId', g / 2)
   from generate_series(1, $1) as g`,
  [TIMERS, DUE, YELLOW_JOB, RED_JOB]);
const insertSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
await db.exec('analyze jobs');
const analyzeSeconds = (performance.now() - t0) / 1000;

const runner = new JobRunner(db, { nodeId: 'bench' });
let ran = 0;
let firstHandlerAt = 0;
const noop = async () => { if (ran++ === 0) firstHandlerAt = performance.now(); };
runner.register(YELLOW_JOB, noop);
runner.register(RED_JOB, noop);

const plan = await db.query<{ 'QUERY PLAN': string }>(
  `explain select id from jobs
   where kind = any($1) and ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now()))
   order by run_at limit 100 for update skip locked`, [[YELLOW_JOB, RED_JOB]]);

t0 = performance.now();
const first = await runner.tick();
const firstMs = performance.now() - t0;
// the claim query (and the first job's BEGIN): until the first handler starts
const claimMs = first > 0 ? firstHandlerAt - t0 : firstMs;
const ticks: number[] = [];
for (;;) {
  const s = performance.now();
  const n = await runner.tick();
  if (n === 0) break;
  ticks.push(performance.now() - s);
}
t0 = performance.now();
await runner.tick();
const idleMs = performance.now() - t0;

console.log(`${db.kind}: ${TIMERS.toLocaleString('en')} pending timers inserted in ${insertSeconds.toFixed(1)} s, analyze ${analyzeSeconds.toFixed(1)} s`);
console.log(`claim plan:\n  ${plan.map((r) => r['QUERY PLAN']).join('\n  ')}`);
console.log(`first tick: ${first} jobs in ${firstMs.toFixed(1)} ms (claim ${claimMs.toFixed(1)} ms, handlers ${(firstMs - claimMs).toFixed(1)} ms); ${ticks.length} more ticks ran the rest ` +
  `(${ran} of ${DUE} due ran; slowest ${Math.max(0, ...ticks).toFixed(1)} ms); an idle tick ${idleMs.toFixed(1)} ms`);
await t.close();
