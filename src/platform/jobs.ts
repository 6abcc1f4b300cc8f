// Jobs and timers in one table that several app nodes share. A node claims due rows with
// FOR UPDATE SKIP LOCKED, so each job runs on one node only; a node that dies mid-job leaves a lease
// that expires and the job is claimed again.
import type { Db, Queryable } from '../db/types.ts';

export interface JobRow {
  id: number;
  kind: string;
  dedupe_key: string | null;
  run_at: Date;
  payload: any;
  attempts: number;
  max_attempts: number;
}

/**
 * A handler works inside the job's transaction. It may return a function that the runner calls after that
 * transaction committed, outside any transaction (e.g. a slow HTTP call whose claim was committed by the handler);
 * its failure is reported to onError and does not change the job (the handler should have scheduled a guard).
 */
export type JobHandler = (job: JobRow, tx: Queryable) => Promise<void | AfterCommit>;
export type AfterCommit = () => Promise<void>;

export interface ScheduleOptions {
  kind: string;
  payload?: unknown;
  /** When to run; default now. */
  runAt?: Date;
  /** A job with the same key replaces the pending one (e.g. one deadline timer per case stage). */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * A job with the same dedupe key is replaced: pending again, with the new time and payload. Exported for statements
 * that insert jobs from rows they create themselves (a stage clock and its two timers).
 */
export const REPLACE_PENDING = `on conflict (dedupe_key) do update set
  kind = excluded.kind, run_at = excluded.run_at, payload = excluded.payload,
  status = 'pending', attempts = 0, locked_by = null, locked_until = null, last_error = null, finished_at = null`;

export async function scheduleJob(q: Queryable, opts: ScheduleOptions): Promise<number> {
  const row = await q.maybeOne<{ id: number }>(
    `insert into jobs (kind, dedupe_key, run_at, payload, max_attempts)
     values ($1, $2, coalesce($3::timestamptz, now()), $4, $5)
     ${REPLACE_PENDING}
     returning id`,
    [opts.kind, opts.dedupeKey ?? null, opts.runAt?.toISOString() ?? null, JSON.stringify(opts.payload ?? {}), opts.maxAttempts ?? 5],
  );
  return row!.id;
}

/**
 * Makes sure a recurring job (one that schedules its own next run under the same dedupe key) is pending: starts it
 * when it has never run or stopped (done, failed, cancelled); leaves a pending or running one alone. Idempotent
 * across nodes and restarts.
 */
export async function ensureRecurringJob(q: Queryable, kind: string, dedupeKey: string): Promise<void> {
  await q.query(
    `insert into jobs (kind, dedupe_key, run_at, payload) values ($1, $2, now(), '{}')
     on conflict (dedupe_key) do update set status = 'pending', run_at = now(), attempts = 0, locked_by = null, locked_until = null,
       last_error = null, finished_at = null
     where jobs.status in ('done', 'failed', 'cancelled')`,
    [kind, dedupeKey]);
}

/** Several jobs in one statement (their dedupe keys must differ). */
export async function scheduleJobs(q: Queryable, jobs: readonly ScheduleOptions[]): Promise<void> {
  if (jobs.length === 0) return;
  await q.query(
    `insert into jobs (kind, dedupe_key, run_at, payload, max_attempts)
     select kind, dedupe_key, coalesce(run_at, now()), payload, max_attempts
     from json_to_recordset($1::json) as j(kind text, dedupe_key text, run_at timestamptz, payload jsonb, max_attempts integer)
     ${REPLACE_PENDING}`,
    [JSON.stringify(jobs.map((j) => ({
      kind: j.kind, dedupe_key: j.dedupeKey ?? null, run_at: j.runAt?.toISOString() ?? null, payload: j.payload ?? {},
      max_attempts: j.maxAttempts ?? 5,
    })))],
  );
}

/** Cancels the pending jobs with these keys; returns how many there were. */
export async function cancelJobs(q: Queryable, dedupeKeys: readonly string[]): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const rows = await q.query(
    `update jobs set status = 'cancelled', finished_at = now() where dedupe_key = any($1) and status = 'pending' returning id`,
    [dedupeKeys],
  );
  return rows.length;
}

export async function cancelJob(q: Queryable, dedupeKey: string): Promise<boolean> {
  return (await cancelJobs(q, [dedupeKey])) > 0;
}

export interface JobRunnerOptions {
  nodeId: string;
  pollMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
  onError?: (job: JobRow, err: unknown) => void;
}

export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = true;

  constructor(private db: Db, private opts: JobRunnerOptions) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      try {
        await this.tick();
      } catch { /* database briefly unavailable; try again next poll */ }
      if (!this.stopped) this.timer = setTimeout(loop, this.opts.pollMs ?? 1000);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  /** Claims and runs the due jobs once; returns how many ran. Exposed for tests and benches. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const kinds = [...this.handlers.keys()];
      if (kinds.length === 0) return 0;
      const lease = this.opts.leaseSeconds ?? 60;
      const claimed = await this.db.query<JobRow>(
        `update jobs set status = 'running', attempts = attempts + 1, locked_by = $1,
                locked_until = now() + make_interval(secs => $2)
         where id in (
           select id from jobs
           where kind = any($3) and (
             (status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now()))
           order by run_at
           limit $4
           for update skip locked)
         returning id, kind, dedupe_key, run_at, payload, attempts, max_attempts`,
        [this.opts.nodeId, lease, kinds, this.opts.batchSize ?? 100],
      );
      for (const job of claimed) await this.runOne(job);
      return claimed.length;
    } finally {
      this.running = false;
    }
  }

  private async runOne(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind)!;
    let afterCommit: void | AfterCommit;
    try {
      afterCommit = await this.db.transaction(async (tx) => {
        const next = await handler(job, tx);
        await tx.query(
          `update jobs set status = 'done', finished_at = now(), locked_until = null
           where id = $1 and locked_by = $2 and status = 'running'`,
          [job.id, this.opts.nodeId],
        );
        return next;
      });
    } catch (err) {
      this.opts.onError?.(job, err);
      const failed = job.attempts >= job.max_attempts;
      await this.db.query(
        `update jobs set status = $2, last_error = $3, locked_by = null, locked_until = null,
                run_at = now() + make_interval(secs => $4), finished_at = case when $2 = 'failed' then now() end
         where id = $1 and status = 'running'`,
        [job.id, failed ? 'failed' : 'pending', String((err as Error)?.message ?? err), 2 ** job.attempts],
      );
      return;
    }
    if (afterCommit) await afterCommit().catch((err) => this.opts.onError?.(job, err));
  }
}
