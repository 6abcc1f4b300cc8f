// 权责清单 routes: list and maintain the responsibility list, and ask who answers for a problem at a point.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { createRule, deleteRule, listRules, suggestDepartments, updateRule } from './responsibility-rules.ts';
import { CRS, DIVISION_CODE, GRID_CODE, TAGS, TYPE_CODE } from './schemas.ts';
import { getSpatialService } from './spatial/service.ts';

const KIND = { type: 'string', enum: ['component', 'matter'] } as const;
const ruleProps = {
  kind: KIND,
  typeCode: { type: 'string', pattern: TYPE_CODE },
  divisionCode: { type: 'string', pattern: DIVISION_CODE },
  gridCode: { type: ['string', 'null'], pattern: GRID_CODE },
  roadName: { type: ['string', 'null'], minLength: 1, maxLength: 60 },
  departmentId: { type: 'integer', minimum: 1 },
  role: { type: 'string', enum: ['lead', 'assist'] },
  autoDispatch: { type: 'boolean' },
  note: { type: ['string', 'null'], maxLength: 500 },
} as const;

export async function registerRuleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const tags = TAGS;
  const read = { permission: PERMISSIONS.baseRead };
  const write = { permission: PERMISSIONS.baseWrite };

  app.get('/api/responsibility-rules', {
    config: read,
    schema: { tags, summary: '权责清单（类型 × 区域/网格/道路 → 责任部门）', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, kind: KIND, type: { type: 'string', pattern: '^[0-9]{2}([0-9]{3})?$' }, division: { type: 'string', pattern: '^[0-9]{4,12}$' },
      department: { type: 'integer', minimum: 1 } } }, response: errorResponses },
  }, async (request) => listRules(db, actorOf(request), request.query as any));

  app.get('/api/responsibility-rules/suggest', {
    config: read,
    schema: { tags, summary: '按类型与位置推荐责任部门（主办、协办及命中的规则）', querystring: { type: 'object', additionalProperties: false,
      required: ['kind', 'type', 'lon', 'lat'], properties: { kind: KIND, type: { type: 'string', pattern: TYPE_CODE },
        lon: { type: 'number' }, lat: { type: 'number' }, crs: CRS } }, response: errorResponses },
  }, async (request) => {
    const q = request.query as { kind: 'component' | 'matter'; type: string; lon: number; lat: number; crs?: any };
    return suggestDepartments(db, getSpatialService(ctx), q.kind, q.type, q.lon, q.lat, q.crs);
  });

  app.post('/api/responsibility-rules', {
    config: write,
    schema: { tags, summary: '新增权责清单条目', body: { type: 'object', additionalProperties: false,
      required: ['kind', 'typeCode', 'divisionCode', 'departmentId'], properties: ruleProps }, response: errorResponses },
  }, async (request, reply) => {
    const view = await db.transaction((tx) => createRule(tx, actorOf(request), request.body as any));
    reply.status(201);
    return view;
  });

  app.patch('/api/responsibility-rules/:id', {
    config: write,
    schema: { tags, summary: '修改权责清单条目', params: idParam, body: { type: 'object', additionalProperties: false, properties: ruleProps }, response: errorResponses },
  }, async (request) => db.transaction((tx) => updateRule(tx, actorOf(request), (request.params as { id: number }).id, request.body as any)));

  app.delete('/api/responsibility-rules/:id', {
    config: write, schema: { tags, summary: '删除权责清单条目', params: idParam, response: errorResponses },
  }, async (request) => {
    await db.transaction((tx) => deleteRule(tx, actorOf(request), (request.params as { id: number }).id));
    return { ok: true };
  });
}
