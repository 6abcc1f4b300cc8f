// 城管通 (field app) routes: the field worker's own figures of the month. Everything else the app does goes through
// the case, media, catalogue, locate and position endpoints of the other systems.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { fieldStats } from './stats.ts';

const tags = ['城管通 field'];
const count = { type: 'integer' } as const;

export async function registerFieldRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/field/stats', {
    config: { permission: PERMISSIONS.caseRead },
    schema: {
      tags, summary: '城管通：我本月的工作量（上报、有效上报即已立案、核实、核查、自行处置、处置反馈）',
      response: { ...errorResponses, 200: { type: 'object', properties: {
        month: { type: 'string' }, reported: count, valid: count, verified: count, checked: count, selfHandled: count, handled: count } } },
    },
  }, async (request) => fieldStats(ctx.db, actorOf(request)));
}
