// Routes the console's case register and settings pages need beyond the case API: open cases near a point that
// would be duplicates of a new report (shown before saving), and a year of the working calendar day by day.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { findDuplicates } from './duplicates.ts';
import { getCaseLimits, type CaseKind } from './limits.ts';
import type { DayInfo } from './rules/calendar.ts';
import { cachedCalendar } from './settings-cache.ts';

const tags = ['指挥协调 command'];

export async function registerCaseRegisterRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/cases/nearby', {
    config: { permission: PERMISSIONS.caseReport },
    schema: {
      tags, summary: '登记前查重：该类型在判定半径与时间窗内（立结案标准）未结的案件，近者在前',
      querystring: { type: 'object', additionalProperties: false, required: ['kind', 'type', 'lon', 'lat'], properties: {
        kind: { type: 'string', enum: ['component', 'matter'] }, type: { type: 'string', pattern: '^[0-9]{5}$' },
        lon: { type: 'number', minimum: -180, maximum: 180 }, lat: { type: 'number', minimum: -90, maximum: 90 } } },
      response: errorResponses,
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { kind, type, lon, lat } = request.query as { kind: CaseKind; type: string; lon: number; lat: number };
    const limits = await getCaseLimits(db, kind, type);
    const found = await findDuplicates(db, { kind, typeCode: type, lon, lat, at: new Date() }, { actor });
    const rows = found.length === 0 ? [] : await db.query<{ id: number; description: string; address: string; source: string; urgent: boolean }>(
      'select id, description, address, source, urgent from cases where id = any($1)', [found.map((c) => c.id)]);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return {
      radiusM: limits.duplicateRadiusM, windowHours: limits.duplicateWindowHours,
      items: found.map((c) => {
        const r = byId.get(c.id);
        return { ...c, description: r?.description ?? '', address: r?.address ?? '', source: r?.source ?? null, urgent: r?.urgent ?? false };
      }),
    };
  });

  app.get('/api/calendar/year/:year', {
    config: { permission: PERMISSIONS.caseRead },
    schema: {
      tags, summary: '某年的节假日与调休工作日（官方数据与管理员录入合并后的结果；普通周末不列出）', response: errorResponses,
      params: { type: 'object', required: ['year'], properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } } },
    },
  }, async (request) => {
    const { year } = request.params as { year: number };
    const calendar = await cachedCalendar(ctx.events, db);
    const days: DayInfo[] = [];
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const info = calendar.dayInfo(new Date(t).toISOString().slice(0, 10));
      if (info.source !== 'weekly') days.push(info);
    }
    return { year, coverage: calendar.coverage(year), workingDayMinutes: calendar.workingDayMinutes, days };
  });
}
