// What every route module gets: configuration, the database, cross-node events and the job runner.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import type { JobRunner } from '../platform/jobs.ts';

export interface AppContext {
  config: Config;
  db: Db;
  events: EventBus;
  jobs: JobRunner;
  log: Logger;
  startedAt: Date;
}
