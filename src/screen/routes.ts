// 大屏 routes: the command hall's figures for one China day, the live case feed and the open cases for its map.
// All within the viewer's data scope (the same rule as the case list).
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { badRequest } from '../platform/errors.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { openCasePoints, screenFeed } from './feed.ts';
import { screenPeriods, type ScreenPeriods } from './periods.ts';
import { screenSummary } from './summary.ts';
import type { ScreenFeed } from './views.ts';

const tags = ['大屏 screen'];
const dateQuery = { date: { type: 'string', maxLength: 10, description: '北京时间日期 YYYY-MM-DD，默认今天（不能晚于今天）' } } as const;

function periodsOf(date: string | undefined): ScreenPeriods {
  const p = screenPeriods(date, new Date());
  if (!p) throw badRequest('INVALID_DATE', `日期无效或晚于今天：${date}（格式 YYYY-MM-DD）`);
  return p;
}

export async function registerScreenRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/screen/summary', {
    config: { permission: PERMISSIONS.caseRead },
    schema: {
      tags, summary: '大屏汇总：当日及本月上报、立案、派遣、处置、结案，按期处置率、结案率，高发类型，区排名，趋势，来源，红黄绿灯',
      querystring: { type: 'object', additionalProperties: false, properties: dateQuery },
      response: errorResponses,
    },
  }, async (request) => {
    const { date } = request.query as { date?: string };
    return screenSummary(db, actorOf(request), periodsOf(date));
  });

  app.get('/api/screen/feed', {
    config: { permission: PERMISSIONS.caseRead },
    schema: {
      tags, summary: '大屏案件动态：最新的办理环节（案件编号、类型、环节、所在区、时间），截至所选日期',
      querystring: { type: 'object', additionalProperties: false, properties: {
        ...dateQuery, limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
      response: errorResponses,
    },
  }, async (request): Promise<ScreenFeed> => {
    const { date, limit } = request.query as { date?: string; limit: number };
    return { items: await screenFeed(db, actorOf(request), periodsOf(date).day.to, limit) };
  });

  app.get('/api/screen/open-cases.geojson', {
    config: { permission: PERMISSIONS.caseRead },
    schema: {
      tags, summary: '大屏地图：所选日期结束时（今天为当前）未办结的案件点位及红黄绿灯（GeoJSON）',
      querystring: { type: 'object', additionalProperties: false, properties: {
        ...dateQuery, limit: { type: 'integer', minimum: 1, maximum: 20000, default: 5000 } } },
      response: errorResponses,
    },
  }, async (request) => {
    const { date, limit } = request.query as { date?: string; limit: number };
    return openCasePoints(db, actorOf(request), periodsOf(date).asOf, limit);
  });
}
