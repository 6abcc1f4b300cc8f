// 一张图 routes: case points, heat map and per-grid statistics over a time range, polygon selection, case search,
// the field staff's live positions, and the monitoring layers (devices, alarms, cameras: monitor-layers.ts). Base
// layers (grids, roads, components …) are in src/base/routes-map.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { CRS_VALUES } from '../base/spatial/coords.ts';
import { getSpatialService } from '../base/spatial/service.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { caseHeat, casesLayer, gridStats, HEAT_CELLS } from './case-layers.ts';
import { registerMonitorLayerRoutes } from './monitor-layers.ts';
import { optionalPeriod, parsePeriod, periodQuery } from './period.ts';
import { reportPosition, staffPositions, type PositionInput } from './positions.ts';
import { searchCases } from './search.ts';
import { checkPolygon, selectInPolygon, SELECT_LIST_LIMIT } from './select.ts';

const tags = ['一张图 map'];
const caseRead = { permission: PERMISSIONS.caseRead };
const query = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties });
type PeriodQuery = { from?: string; to?: string };

function sendGeoJson(reply: FastifyReply, body: string) {
  return reply.header('Cache-Control', 'private, no-cache').type('application/geo+json; charset=utf-8').send(body);
}

export async function registerOneMapRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/map/cases.geojson', {
    config: caseRead, schema: { tags, querystring: query(periodQuery), response: errorResponses,
      summary: '地图图层：案件点位及红黄绿灯（不给时段为当前未结案件；给时段为该时段上报的案件，最多 20,000 个）' },
  }, async (request, reply) => sendGeoJson(reply, await casesLayer(db, actorOf(request), optionalPeriod(request.query as PeriodQuery))));

  app.get('/api/map/case-heat', {
    config: caseRead, schema: { tags, response: errorResponses,
      summary: '地图图层：案件热力（时段内上报的案件按方格汇总，默认最近 30 天）',
      querystring: query({ ...periodQuery, cell: { type: 'number', enum: [...HEAT_CELLS], default: 0.001, description: '方格边长（度）' } }) },
  }, async (request) => {
    const q = request.query as PeriodQuery & { cell: number };
    return caseHeat(db, actorOf(request), parsePeriod(q), q.cell);
  });

  app.get('/api/map/grid-stats', {
    config: caseRead, schema: { tags, querystring: query(periodQuery), response: errorResponses,
      summary: '单元网格统计：时段内上报案件数、处置完成数及按时处置数（默认最近 30 天）' },
  }, async (request) => {
    const period = parsePeriod(request.query as PeriodQuery);
    return { from: period.from.toISOString(), to: period.to.toISOString(), grids: await gridStats(db, actorOf(request), period) };
  });

  app.post('/api/map/select', {
    config: caseRead, schema: { tags, response: errorResponses,
      summary: `框选：多边形内的案件、部件、单元网格（每类最多列出 ${SELECT_LIST_LIMIT} 个，total 为总数）`,
      body: { type: 'object', required: ['polygon'], additionalProperties: false, properties: {
        polygon: { type: 'object', description: 'GeoJSON Polygon（经纬度）' }, ...periodQuery } } },
  }, async (request) => {
    const body = request.body as PeriodQuery & { polygon: unknown };
    return selectInPolygon(db, actorOf(request), checkPolygon(body.polygon), optionalPeriod(body));
  });

  app.get('/api/map/search', {
    config: caseRead, schema: { tags, response: errorResponses, summary: '地图搜索：按案件编号或事发地址查找案件',
      querystring: { type: 'object', required: ['q'], additionalProperties: false, properties: {
        q: { type: 'string', minLength: 2, maxLength: 100 } } } },
  }, async (request) => ({ cases: await searchCases(db, actorOf(request), (request.query as { q: string }).q) }));

  app.get('/api/map/staff-positions', {
    config: caseRead, schema: { tags, response: errorResponses,
      summary: '地图图层：外勤人员（监督员）最近位置（GeoJSON，默认 30 分钟内上报的）',
      querystring: query({ minutes: { type: 'integer', minimum: 1, maximum: 1440, default: 30 } }) },
  }, async (request) => staffPositions(db, actorOf(request), (request.query as { minutes: number }).minutes));

  app.post('/api/me/position', {
    config: { authenticated: true }, schema: { tags, response: errorResponses,
      summary: '上报我的当前位置（监督员外勤 App 调用）',
      body: { type: 'object', required: ['lon', 'lat'], additionalProperties: false, properties: {
        lon: { type: 'number' }, lat: { type: 'number' },
        accuracy: { type: 'number', minimum: 0, maximum: 100000, description: '定位精度（米）' },
        crs: { type: 'string', enum: [...CRS_VALUES], default: 'WGS84' } } } },
  }, async (request) => reportPosition(db, getSpatialService(ctx), actorOf(request), request.body as PositionInput));

  await registerMonitorLayerRoutes(app, ctx);
}
