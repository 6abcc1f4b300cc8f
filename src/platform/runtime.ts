// Starts and stops the whole platform: database, migrations, events, jobs, demo city, HTTP server.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { prepareDatabase } from './prepare.ts';
import { openDatabase } from '../db/open.ts';
import type { Db } from '../db/types.ts';
import { buildApp } from '../server/app.ts';
import type { AppContext } from '../server/context.ts';
import { EventBus } from './events.ts';
import { JobRunner } from './jobs.ts';
import { createLogger } from './log.ts';

export interface Platform {
  ctx: AppContext;
  app: FastifyInstance;
  stop(): Promise<void>;
}

/** Builds the platform on an open database (tests pass their own); does not listen. */
export async function createPlatform(config: Config, db: Db, options: { runJobs?: boolean } = {}): Promise<Platform> {
  const log = createLogger(config.logLevel);
  await prepareDatabase(db, (m) => log.info({ version: m.version }, `migration ${m.version}_${m.name} applied`));
  const events = new EventBus(db, config.nodeId);
  await events.start();
  const jobs = new JobRunner(db, {
    nodeId: config.nodeId,
    onError: (job, err) => log.warn({ job: job.id, kind: job.kind, err }, 'job failed'),
  });
  const ctx: AppContext = { config, db, events, jobs, log, startedAt: new Date() };
  const app = await buildApp(ctx);
  await app.ready();
  if (options.runJobs !== false) jobs.start();
  let stopped = false;
  return {
    ctx,
    app,
    async stop() {
      if (stopped) return;
      stopped = true;
      await jobs.stop();
      await app.close();
      await events.close();
    },
  };
}

/** `cityops serve`: open the configured database, fill an empty one with the demo city, listen. */
export async function serve(config: Config): Promise<Platform> {
  const db = await openDatabase(config);
  let platform: Platform;
  try {
    platform = await createPlatform(config, db);
    if (config.demoOnEmpty) {
      const { isDatabaseEmpty, generateDemoCity } = await import('../demo/index.ts');
      if (await isDatabaseEmpty(db)) {
        platform.ctx.log.info('empty database: generating the demo city (set CITYOPS_DEMO=0 to skip)');
        await generateDemoCity(db, { log: (msg) => platform.ctx.log.info(msg) });
        if (config.demoHistoryCases > 0) {
          // a year of cases is millions of rows: only planned and reserved here (ids, case numbers), then written by
          // background jobs once the server listens; progress at GET /api/demo/status
          const { scheduleHistory } = await import('../demo/history-job.ts');
          await scheduleHistory(db, config.demoHistoryCases);
          platform.ctx.log.info(`demo history: ${config.demoHistoryCases} cases queued for background loading (CITYOPS_DEMO_HISTORY=0 to skip)`);
        }
        platform.ctx.events.publish(db, 'base.changed', { what: 'demo' }).catch(() => undefined);
      }
    }
    await platform.app.listen({ port: config.port, host: config.host });
    await (await import('../monitor/service.ts')).startMonitorMqtt(platform.ctx); // MQTT ingest; stopped by app.close()
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  const shutdown = async (signal: string) => {
    platform.ctx.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await platform.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return platform;
}
