// 示范数据流: the demo city's sensors keep reporting while the platform runs, so a fresh demo has a living map —
// readings every minute from the simulator's patterns (daily rhythms, showers) with now and then an anomaly that
// raises an alarm, instead of every device going offline an hour after start. A job that runs once a minute on one
// node (SKIP LOCKED); the weather and the anomalies in progress travel in its payload, so any node can take the next
// run. Only on databases whose demo city switched it on (setting `monitor.demoFeed`); CITYOPS_DEMO_FEED=0 stops it.
import type { Queryable } from '../db/types.ts';
import { Rng } from '../demo/random.ts';
import { ensureRecurringJob, scheduleJob, type JobRow } from '../platform/jobs.ts';
import type { AppContext } from '../server/context.ts';
import { monitorPipeline } from './service.ts';
import { DRY, nextWeather, readingsOf, startAnomaly, type Anomaly, type SimDevice, type Weather } from './simulate/patterns.ts';

export const DEMO_FEED_JOB = 'monitor.demo-feed';
const DEMO_FEED_KEY = 'monitor:demo-feed';
export const DEMO_FEED_SETTING = 'monitor.demoFeed';
const EVERY_MS = 60_000;
/** Chance per device and minute of an anomaly: ~200 demo devices → a few alarms an hour. */
const ANOMALY_CHANCE = 0.0004;

interface FeedState { weather: Weather; anomalies: Record<string, Anomaly>; runs: number }

const feedDisabled = () => process.env.CITYOPS_DEMO_FEED === '0';

async function feedEnabled(q: Queryable): Promise<boolean> {
  const row = await q.maybeOne<{ value: { enabled?: boolean } }>('select value from settings where key = $1', [DEMO_FEED_SETTING]);
  return row?.value?.enabled === true && !feedDisabled();
}

/**
 * Switches the feed on for this database and schedules its first run (the demo city's seeding calls this), carrying
 * on `ongoing` anomalies (device code → anomaly) so the conditions of the demo's open alarms hold.
 */
export async function enableDemoFeed(tx: Queryable, ongoing: Record<string, Anomaly> = {}): Promise<void> {
  await tx.query(
    `insert into settings (key, value, updated_at) values ($1, '{"enabled": true}', now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`, [DEMO_FEED_SETTING]);
  if (!feedDisabled()) await scheduleJob(tx, { kind: DEMO_FEED_JOB, dedupeKey: DEMO_FEED_KEY, payload: { anomalies: ongoing } });
}

/** Makes sure one run is pending when the feed is on (idempotent across nodes and restarts). */
export async function ensureDemoFeed(q: Queryable): Promise<void> {
  if (!(await feedEnabled(q))) return;
  await ensureRecurringJob(q, DEMO_FEED_JOB, DEMO_FEED_KEY);
}

/** One minute of the demo's readings of every enabled device, and the feed's state after it. */
export async function nextMinute(q: Queryable, state: FeedState, nowMs: number): Promise<{ state: FeedState; messages: DeviceMessage[] }> {
  const rows = await q.query<{ code: string; type_code: string; metrics: { key: string }[] }>(
    `select d.code, d.type_code, t.metrics from monitor_devices d join monitor_device_types t on t.code = d.type_code
     where d.enabled order by d.id`);
  const rng = new Rng(nowMs, 'demo-feed');
  const weather = nextWeather(state.weather, rng, 'normal', nowMs, EVERY_MS, 0, 1);
  const anomalies: Record<string, Anomaly> = {};
  const messages = rows.map((row) => {
    const device: SimDevice = { code: row.code, typeCode: row.type_code, metrics: row.metrics.map((m) => m.key) };
    let anomaly: Anomaly | null = state.anomalies[row.code] ?? null;
    if (anomaly && anomaly.untilMs <= nowMs) anomaly = null;
    if (!anomaly && rng.chance(ANOMALY_CHANCE)) anomaly = startAnomaly(device, rng, nowMs);
    if (anomaly) anomalies[row.code] = anomaly;
    return { code: row.code, message: { ts: nowMs, values: readingsOf(device, nowMs, weather, rng, anomaly) } };
  });
  return { state: { weather, anomalies, runs: state.runs + 1 }, messages };
}

interface DeviceMessage { code: string; message: { ts: number; values: Record<string, number> } }

/** Hands the messages to this node's ingest pipeline (rules run, alarms follow); returns how many were taken. */
export async function ingest(ctx: AppContext, messages: DeviceMessage[]): Promise<number> {
  const pipeline = monitorPipeline(ctx);
  const alarmWrites: Promise<unknown>[] = [];
  for (const { code, message } of messages) {
    const device = await pipeline.device(code);
    if (!device) continue;
    const taken = pipeline.accept(device, message);
    if ('alarms' in taken) alarmWrites.push(taken.alarms);
  }
  await Promise.all(alarmWrites);
  return alarmWrites.length;
}

export function registerDemoFeedJob(ctx: AppContext): void {
  ctx.jobs.register(DEMO_FEED_JOB, async (job: JobRow, tx) => {
    if (!(await feedEnabled(tx))) return; // switched off: no next run
    const previous = job.payload as Partial<FeedState> | null;
    const state: FeedState = { weather: previous?.weather ?? DRY, anomalies: previous?.anomalies ?? {}, runs: previous?.runs ?? 0 };
    const now = Date.now();
    const next = await nextMinute(tx, state, now);
    await scheduleJob(tx, { kind: DEMO_FEED_JOB, dedupeKey: DEMO_FEED_KEY, runAt: new Date(now + EVERY_MS), payload: next.state });
    // the pipeline writes readings and alarms in transactions of its own: after this job's has committed
    return async () => { await ingest(ctx, next.messages); };
  });
}
