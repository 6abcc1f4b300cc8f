// Case intake (上报: validate, place, number, route, timers, timeline, audit) through the service, one case at a time,
// on the tiny test city; prints cases/s and latency percentiles. PGlite by default, PostgreSQL with
// CITYOPS_TEST_DATABASE_URL set.
// Run: node --import tsx bench/command-intake.bench.ts [count]
import { SYSTEM_ACTOR } from '../src/admin/actor.ts';
import { createCase } from '../src/command/intake.ts';
import { seedCommandCity, TYPE } from '../test/helpers/command.ts';
import { startTestPlatform } from '../test/helpers/platform.ts';

const COUNT = Number(process.argv[2] ?? 2000);
const p = await startTestPlatform({ seed: seedCommandCity });
const latencies: number[] = [];
const started = performance.now();
for (let i = 0; i < COUNT; i++) {
  const t0 = performance.now();
  await createCase(p.ctx, SYSTEM_ACTOR, {
    kind: 'matter', typeCode: TYPE, description: `bench ${i}`, source: 'hotline',
    position: { lon: 119.0001 + (i % 17) * 0.0001, lat: 34.0001 + (i % 4) * 0.0001 },
  });
  latencies.push(performance.now() - t0);
}
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
console.log(`${p.db.kind}: ${COUNT} cases in ${seconds.toFixed(1)} s = ${(COUNT / seconds).toFixed(0)} cases/s; ` +
  `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
await p.close();
