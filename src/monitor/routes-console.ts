// 告警台 (alarm console): the counts by level under the alarm list's filters (GET /api/monitor/alarms), so the
// console's level badges and its table always agree.
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../admin/actor.ts';
import { PERMISSIONS } from '../admin/roles.ts';
import type { Queryable } from '../db/types.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { alarmFilter, type AlarmQuery } from './alarms.ts';
import { LEVELS, type Level } from './rules/levels.ts';
import { ALARM_STATUSES } from './rules/lifecycle.ts';
import { KEY, tags } from './schemas.ts';
import type { AlarmLevelCounts } from './views.ts';

const filterProps = {
  status: { type: 'array', items: { type: 'string', enum: [...ALARM_STATUSES] } }, active: { type: 'boolean' },
  type: { type: 'string', pattern: KEY }, region: { type: 'string', pattern: '^[0-9]{2,15}$' }, device: { type: 'integer', minimum: 1 },
} as const;

export async function alarmCounts(q: Queryable, actor: Actor, query: Omit<AlarmQuery, 'level'>): Promise<AlarmLevelCounts> {
  const f = alarmFilter(actor, query);
  const rows = await q.query<{ level: Level; n: number }>(
    `select a.level, count(*)::int as n from monitor_alarms a join monitor_devices d on d.id = a.device_id ${f.where()} group by a.level`, f.values);
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const r of rows) byLevel[r.level] = Number(r.n);
  return { total: LEVELS.reduce((n, l) => n + byLevel[l], 0), byLevel };
}

export async function registerConsoleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const config = { permission: PERMISSIONS.monitorRead };
  app.get('/api/monitor/console/alarm-counts', {
    config, schema: { tags, summary: '告警台：按等级统计告警数（可按状态、设备类型、区域筛选）', querystring: { type: 'object',
      additionalProperties: false, properties: filterProps }, response: errorResponses },
  }, async (request) => alarmCounts(ctx.db, actorOf(request), request.query as Omit<AlarmQuery, 'level'>));
}
