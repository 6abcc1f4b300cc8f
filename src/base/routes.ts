// 基础数据 routes: places (divisions, grids, responsibility grids, locate), things (catalogue, components,
// departments), map layers, and import/export.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { registerComponentPhotoRoutes } from './routes-component-photos.ts';
import { registerMapRoutes } from './routes-map.ts';
import { registerMapSettingsRoutes } from './routes-map-settings.ts';
import { registerPlaceRoutes } from './routes-places.ts';
import { registerRuleRoutes } from './routes-rules.ts';
import { registerSearchRoutes } from './routes-search.ts';
import { registerThingRoutes } from './routes-things.ts';
import { registerTransferRoutes } from './routes-transfer.ts';

export async function registerBaseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerPlaceRoutes(app, ctx);
  await registerThingRoutes(app, ctx);
  await registerComponentPhotoRoutes(app, ctx);
  await registerRuleRoutes(app, ctx);
  await registerMapRoutes(app, ctx);
  await registerTransferRoutes(app, ctx);
  await registerSearchRoutes(app, ctx);
  await registerMapSettingsRoutes(app, ctx);
}
