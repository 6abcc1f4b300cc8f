// 地址搜索: GET /api/places/search — roads, intersections, landmarks, divisions, grids and components by name or code
// (see place-search.ts), for the case register form and other pickers.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { searchPlaces } from './place-search.ts';
import { TAGS as tags } from './schemas.ts';

export async function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/places/search', {
    config: { permission: PERMISSIONS.baseRead },
    schema: {
      tags, summary: '地址搜索：道路、道路交叉口（如“人民路与建设路”）、地标、社区/街道/区、网格编码、部件标识码，附所在网格与位置描述',
      querystring: { type: 'object', additionalProperties: false, required: ['q'], properties: {
        q: { type: 'string', minLength: 1, maxLength: 64 }, limit: { type: 'integer', minimum: 1, maximum: 30, default: 10 } } },
      response: errorResponses,
    },
  }, async (request) => {
    const { q, limit } = request.query as { q: string; limit: number };
    return { items: await searchPlaces(ctx, actorOf(request), q, limit) };
  });
}
