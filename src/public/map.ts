// 公众地图底图: the city's own base layers for the citizen portal, without a login — district boundaries, roads,
// water/parks/squares and landmark names. Only public geography: no grids, components, staff, cases, addresses or
// internal codes beyond the division code; the whole city in one small answer (the demo city: ~150 kB), cacheable by
// browsers and proxies for an hour. The base tile template is public too: the browser loads the tiles from it anyway.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadMapSettings } from '../base/map-settings.ts';
import type { Queryable } from '../db/types.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';

const tags = ['公众服务 public'];
const open = { public: true };
const CACHE = 'public, max-age=3600';

const LAYERS = {
  districts: { summary: '公众地图底图：区界', sql: `select json_build_object('type', 'Feature', 'geometry', geometry,
      'properties', json_build_object('code', code, 'name', name, 'level', level))::text as f
    from divisions where geometry is not null and level = 'district' order by code` },
  roads: { summary: '公众地图底图：道路', sql: `select json_build_object('type', 'Feature', 'geometry', geometry,
      'properties', json_build_object('name', name, 'class', class))::text as f from roads order by id` },
  areas: { summary: '公众地图底图：水系、公园、广场', sql: `select json_build_object('type', 'Feature', 'geometry', geometry,
      'properties', json_build_object('name', name, 'kind', kind))::text as f from map_areas order by id` },
  landmarks: { summary: '公众地图底图：地标名称', sql: `select json_build_object('type', 'Feature',
      'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(lon, lat)),
      'properties', json_build_object('name', name, 'category', category))::text as f from landmarks order by id` },
} as const;
export type PublicLayer = keyof typeof LAYERS;

export async function publicLayer(q: Queryable, layer: PublicLayer): Promise<string> {
  const rows = await q.query<{ f: string }>(LAYERS[layer].sql);
  return `{"type":"FeatureCollection","features":[${rows.map((r) => r.f).join(',')}]}`;
}

const send = (reply: FastifyReply, body: string) => reply.header('Cache-Control', CACHE).type('application/geo+json; charset=utf-8').send(body);

export async function registerPublicMapRoutes(app: FastifyInstance, ctx: Pick<AppContext, 'db'>): Promise<void> {
  for (const layer of Object.keys(LAYERS) as PublicLayer[]) {
    app.get(`/api/public/map/${layer}.geojson`, { config: open, schema: { tags, summary: LAYERS[layer].summary, response: errorResponses } },
      async (_request, reply) => send(reply, await publicLayer(ctx.db, layer)));
  }
  app.get('/api/public/map/settings', {
    config: open, schema: { tags, summary: '公众地图：底图瓦片地址（未设置时只用平台自有图层）', response: errorResponses },
  }, async (_request, reply) => {
    const s = await loadMapSettings(ctx.db);
    reply.header('Cache-Control', 'public, max-age=300');
    return { tileUrl: s.tileUrl, attribution: s.attribution, maxZoom: s.maxZoom };
  });
}
