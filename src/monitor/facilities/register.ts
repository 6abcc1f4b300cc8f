// Registers the facility (设施) and flood (防汛) routes and the flood job beside the rest of the monitor.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { registerFloodRoutes } from '../flood/routes.ts';
import { registerFacilityRoutes } from './routes.ts';

export async function registerFacilitiesAndFlood(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerFacilityRoutes(app, ctx);
  await registerFloodRoutes(app, ctx);
}
