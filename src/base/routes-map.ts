// GeoJSON layers for the map page, cached privately by the browser for a minute.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import {
  areasLayer, componentsLayer, divisionsLayer, gridsLayer, landmarksLayer, parseBbox, responsibilityLayer, roadsLayer,
} from './map-layers.ts';
import { TAGS as tags } from './schemas.ts';

const read = { permission: PERMISSIONS.baseRead };
const BBOX = { type: 'string', maxLength: 200, description: 'minx,miny,maxx,maxy（经纬度）' } as const;

function sendLayer(reply: FastifyReply, body: string) {
  return reply.header('Cache-Control', 'private, max-age=60').type('application/geo+json; charset=utf-8').send(body);
}

export async function registerMapRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const query = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties });

  app.get('/api/map/divisions.geojson', {
    config: read, schema: { tags, summary: '地图图层：行政区划边界', querystring: query({ level: { type: 'string', enum: ['city', 'district', 'street', 'community'] } }), response: errorResponses },
  }, async (request, reply) => sendLayer(reply, await divisionsLayer(db, actorOf(request), request.query as any)));

  app.get('/api/map/grids.geojson', {
    config: read, schema: { tags, summary: '地图图层：当前单元网格', querystring: query({ bbox: BBOX, community: { type: 'string', pattern: '^[0-9]{12}$' } }), response: errorResponses },
  }, async (request, reply) => {
    const q = request.query as { bbox?: string; community?: string };
    return sendLayer(reply, await gridsLayer(db, actorOf(request), { bbox: parseBbox(q.bbox), community: q.community }));
  });

  app.get('/api/map/responsibility-grids.geojson', {
    config: read, schema: { tags, summary: '地图图层：责任网格（由单元网格组成的多边形）', response: errorResponses },
  }, async (request, reply) => sendLayer(reply, await responsibilityLayer(db, actorOf(request))));

  for (const [path, summary, layer] of [
    ['roads', '地图图层：道路', roadsLayer], ['areas', '地图图层：水系、公园、广场', areasLayer], ['landmarks', '地图图层：地标', landmarksLayer],
  ] as const) {
    app.get(`/api/map/${path}.geojson`, {
      config: read, schema: { tags, summary, querystring: query({ bbox: BBOX }), response: errorResponses },
    }, async (request, reply) => sendLayer(reply, await layer(db, actorOf(request), { bbox: parseBbox((request.query as { bbox?: string }).bbox) })));
  }

  app.get('/api/map/components.geojson', {
    config: read, schema: { tags, summary: '地图图层：部件点位（最多 100,000 个，超出时 truncated 为 true）',
      querystring: query({ bbox: BBOX, type: { type: 'string', pattern: '^[0-9]{2}([0-9]{3})?$' } }), response: errorResponses },
  }, async (request, reply) => {
    const q = request.query as { bbox?: string; type?: string };
    return sendLayer(reply, await componentsLayer(db, actorOf(request), { bbox: parseBbox(q.bbox), type: q.type }));
  });
}
