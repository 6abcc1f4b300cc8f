// The demo history as a background job after the server listens: one 'demo.history' job per chunk, each writing
// its chunk in the job's transaction and queueing the next. Any node may run a chunk (the job claim gives it to
// one node; the chunk also locks settings 'demo.history', so a stale second claim finds the chunk done).
import type { FastifyInstance } from 'fastify';
import { formatChinaTime } from '../command/rules/china-time.ts';
import type { Db } from '../db/types.ts';
import { scheduleJob } from '../platform/jobs.ts';
import { errorResponses } from '../server/schemas.ts';
import type { AppContext } from '../server/context.ts';
import { beginHistory, historyProgress, writeNextChunk } from './history-load.ts';
import { HISTORY_END } from './history-plan.ts';

export const HISTORY_JOB = 'demo.history';
/** Cases per job: about 2 s of writing on PGlite, so requests get the database in between. */
export const HISTORY_JOB_CHUNK = 2000;

const chunkKey = (done: number) => `demo.history:${done}`;

/** Records the history to load and queues its first chunk (nothing when a history is already recorded and done). */
export async function scheduleHistory(db: Db, total: number, chunk: number = HISTORY_JOB_CHUNK): Promise<void> {
  const p = await beginHistory(db, total);
  if (!p.finished) await scheduleJob(db, { kind: HISTORY_JOB, dedupeKey: chunkKey(p.done), payload: { chunk } });
}

export function registerHistoryJob(ctx: Pick<AppContext, 'db' | 'jobs' | 'log'>): void {
  ctx.jobs.register(HISTORY_JOB, async (job, tx) => {
    const started = performance.now();
    const p = await writeNextChunk(tx, Number(job.payload.chunk) || HISTORY_JOB_CHUNK);
    if (!p) return;
    ctx.log.info({ done: p.done, total: p.total, ms: Math.round(performance.now() - started) },
      `demo history: ${p.done}/${p.total} cases written`);
    if (p.finished) {
      await tx.exec('analyze');
      // PGlite has no background checkpointer: without this the load's WAL (~1.4 GB) stays. A server checkpoints itself.
      if (ctx.db.kind === 'pglite') await tx.exec('checkpoint');
      ctx.log.info(`demo history complete: ${p.total} cases in the year before ${formatChinaTime(HISTORY_END)} 北京时间`);
    } else {
      await scheduleJob(tx, { kind: HISTORY_JOB, dedupeKey: chunkKey(p.done), payload: job.payload });
    }
  });
}

export async function registerDemoRoutes(app: FastifyInstance, ctx: Pick<AppContext, 'db' | 'jobs' | 'log'>): Promise<void> {
  registerHistoryJob(ctx);
  const progress = {
    type: ['object', 'null'], required: ['done', 'total', 'finished'],
    properties: { done: { type: 'integer' }, total: { type: 'integer' }, finished: { type: 'boolean' } },
  };
  app.get('/api/demo/status', {
    config: { public: true },
    schema: {
      tags: ['示范数据 demo'], summary: '示范城市历史案件的生成进度（history 为 null 表示未安排生成）',
      response: { 200: { type: 'object', required: ['history'], properties: { history: progress } }, ...errorResponses },
    },
  }, async () => {
    const p = await historyProgress(ctx.db);
    return { history: p ? { done: p.done, total: p.total, finished: p.finished } : null };
  });
}
