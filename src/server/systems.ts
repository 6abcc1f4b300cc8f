// The platform's systems, each registering its own routes (see docs/architecture.md).
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../admin/routes.ts';
import { registerBaseRoutes } from '../base/routes.ts';
import { registerCommandRoutes } from '../command/routes.ts';
import { registerDemoRoutes } from '../demo/history-job.ts';
import { registerMediaRoutes } from '../media/routes.ts';
import type { AppContext } from './context.ts';

export async function registerSystems(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerAdminRoutes(app, ctx);   // 应用维护: auth, users, API keys, audit
  await registerBaseRoutes(app, ctx);    // 基础数据: divisions, grids, catalogue, components, departments, map layers
  await registerMediaRoutes(app, ctx);   // 媒体: photos and videos by content hash, with thumbnails
  await registerCommandRoutes(app, ctx); // 指挥协调: cases, workflow actions, queues, time limits, calendar, timers
  await registerDemoRoutes(app, ctx);    // 示范数据: the demo history's background load and its progress
}
