// 综合评价 KPIs over a large synthetic history on PostgreSQL (issue 5: 2,000,000 cases, < 500 ms for all 10 tables,
// ≥ 20× faster than raw). Phases, each on a throwaway database (name given, default cityops_bench_kpi):
//   load N        the demo city and N cases of the demo history generator (resumable; ~4 min per 200,000 on an idle
//                 machine, so 2 M takes about an hour)
//   copy SOURCE   or a copy of a database that already holds the demo history (CREATE DATABASE … TEMPLATE; nobody may
//                 be connected to SOURCE)
//   scale K       adds K copies of every case with its timeline and stage clocks (new ids and case numbers; the same
//                 days, grids and people, so each object sees K + 1 times the load). The rollups are flushed and
//                 folded first, the copies marked counted / evaluated and every rollup multiplied by K + 1 — the
//                 copies are identical, so that is exactly what flushing them would add (`kpi` checks a month of
//                 district figures against raw history).
//   kpi [--no-raw] flushes and folds the rollups, then times all 10 tables for 2025-11-01..2026-10-31 from the rollups
//                 and (unless --no-raw: ~10 min per 200,000 cases) from raw history
//   drop          drops the database
// Run: CITYOPS_BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/evaluation-kpi-synthetic.bench.ts <phase> [arg] [--db=name]
import pg from 'pg';
import { flushCounts } from '../src/command/counts.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { Db } from '../src/db/types.ts';
import { loadHistory } from '../src/demo/history-load.ts';
import { generateDemoCity } from '../src/demo/index.ts';
import { flushClockCounts } from '../src/evaluation/clock-counts.ts';
import { sumFigures } from '../src/evaluation/figures-sql.ts';
import { periodOf } from '../src/evaluation/rules/periods.ts';
import { foldTotals } from '../src/evaluation/totals.ts';
import { prepareDatabase } from '../src/platform/prepare.ts';
import { benchKpis } from './evaluation-kpi-timing.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const [phase, arg] = args;
const name = process.argv.find((a) => a.startsWith('--db='))?.slice(5) ?? 'cityops_bench_kpi';
const server = process.env.CITYOPS_BENCH_PG;
const ident = /^[a-z0-9_]+$/;
if (!server || !['load', 'copy', 'scale', 'kpi', 'drop'].includes(phase) || !ident.test(name) || (phase === 'copy' && !ident.test(arg ?? ''))) {
  throw new Error('usage: CITYOPS_BENCH_PG=postgres://… evaluation-kpi-synthetic.bench.ts load N | copy SOURCE | scale K | kpi [--no-raw] | drop [--db=name]');
}
const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const admin = new pg.Client({ connectionString: server });
await admin.connect();
const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
if (phase === 'drop' || phase === 'copy') {
  if (phase === 'drop') await admin.query(`drop database if exists ${name}`);
  else {
    const t = performance.now();
    await admin.query(`create database ${name} template ${arg}`);
    console.log(`${name}: copy of ${arg} in ${seconds(t)} s`);
  }
  await admin.end();
  process.exit(0);
}
if (!exists) await admin.query(`create database ${name}`);
await admin.end();
const url = new URL(server);
url.pathname = `/${name}`;
const db = await openPostgres(url.toString(), 2);
await prepareDatabase(db);

async function flushAll(q: Db): Promise<void> {
  const t = performance.now();
  await flushCounts(q);
  while (await flushClockCounts(q, 1_000_000) > 0) { /* the first flush after a bulk load */ }
  while (!(await foldTotals(q, 1_000_000))) { /* the monthly totals of what the flushes queued */ }
  console.log(`rollups flushed and folded in ${seconds(t)} s`);
}

const casesNow = async () => (await db.maybeOne<{ n: number }>('select count(*)::int as n from cases'))!.n;

if (phase === 'load') {
  let t = performance.now();
  if (!(await db.maybeOne('select 1 from unit_grids limit 1'))) await generateDemoCity(db);
  console.log(`demo city ready in ${seconds(t)} s`);
  t = performance.now();
  let last = 0;
  await loadHistory(db, { total: Number(arg ?? 2_000_000), chunk: 5000, onProgress: (done, total) => {
    if (done - last >= 100_000 || done === total) {
      last = done;
      console.log(`${new Date().toISOString()} ${done}/${total} cases loaded (${seconds(t)} s)`);
    }
  } });
  console.log(`history loaded in ${seconds(t)} s`);
} else if (phase === 'scale') {
  const copies = Number(arg);
  if (!Number.isInteger(copies) || copies < 1 || copies > 99) throw new Error('scale K: 1 ≤ K ≤ 99');
  await flushAll(db);
  const t = performance.now();
  await db.transaction(async (tx) => {
    const base = Number((await tx.maybeOne<{ n: number }>('select max(id)::bigint as n from cases'))!.n);
    /** The columns to copy (a new id from the sequence, except for cases) and their values for copy k of row x. */
    const columns = async (table: string, shift: Record<string, string>) => {
      const rows = await tx.query<{ c: string }>(`select column_name as c from information_schema.columns
        where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`, [table]);
      const cols = rows.filter((r) => table === 'cases' || r.c !== 'id').map((r) => r.c);
      return { cols: cols.map((c) => `"${c}"`).join(', '), vals: cols.map((c) => shift[c] ?? `x."${c}"`).join(', ') };
    };
    const shifted = `x.case_id + k * ${base}`;
    const cases = await columns('cases', { id: `x.id + k * ${base}`, case_no: `x.case_no || '-' || k`, idempotency_key: 'null',
      merged_into: `x.merged_into + k * ${base}` });
    await tx.query(`insert into cases (${cases.cols}) select ${cases.vals} from cases x cross join generate_series(1, ${copies}) k`);
    for (const table of ['case_events', 'case_clocks']) {
      const c = await columns(table, { case_id: shifted });
      // in id order, so each copy's entries keep the original's order (ties on a timestamp are broken by id)
      await tx.query(`insert into ${table} (${c.cols}) select ${c.vals} from ${table} x cross join generate_series(1, ${copies}) k
        where x.case_id <= ${base} order by k, x.id`);
    }
    const times = copies + 1;
    await tx.query(`update case_counts set n = n * ${times}`);
    await tx.query(`update evaluation_clock_counts set ${['n', 'done', 'on_time', 'files', 'dispatched', 'normal_close']
      .map((m) => `${m} = ${m} * ${times}`).join(', ')}`);
    const figures = await tx.query<{ c: string }>(`select column_name as c from information_schema.columns
      where table_schema = 'public' and table_name = 'evaluation_figure_totals' and data_type = 'integer'`);
    await tx.query(`update evaluation_figure_totals set ${figures.map(({ c }) => `"${c}" = "${c}" * ${times}`).join(', ')}`);
  });
  await db.exec('analyze');
  console.log(`scaled to ${await casesNow()} cases in ${seconds(t)} s`);
} else {
  console.log(`postgres: ${await casesNow()} cases, ${(await db.maybeOne<{ n: number }>('select count(*)::int as n from case_events'))!.n} timeline entries`);
  await flushAll(db);
  const check = periodOf('month', '2026-03-15');
  const r = periodOf('custom', undefined, '2025-11-01', '2026-10-31');
  if (!check.ok || !r.ok) throw new Error('period');
  const district = { kind: 'region', level: 'district' } as const;
  const t = performance.now();
  // by key: the two sources meet the objects in different orders
  const sorted = (m: Map<string, unknown>) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)));
  const same = sorted(await sumFigures(db, district, check.period, 'all', 'rollup'))
    === sorted(await sumFigures(db, district, check.period, 'all', 'raw'));
  console.log(`district figures of ${check.period.label}: rollup equals raw history: ${same} (${seconds(t)} s)`);
  await benchKpis(db, r.period, !process.argv.includes('--no-raw'));
}
await db.close();
