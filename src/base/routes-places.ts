// Routes for places: divisions (行政区划), unit grids (单元网格), responsibility grids (责任网格) and point lookup.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, pageQuery } from '../server/schemas.ts';
import { AppError } from '../platform/errors.ts';
import { createDivision, deleteDivision, divisionTree, getDivision, listDivisions, updateDivision } from './divisions.ts';
import { createGrid, deleteGrid, getGrid, listGrids, updateGrid } from './grids.ts';
import {
  createResponsibilityGrid, deleteResponsibilityGrid, getResponsibilityGrid, listResponsibilityGrids, updateResponsibilityGrid,
} from './responsibility.ts';
import { CRS, DATE, DIVISION_CODE, GEOMETRY, GRID_CODE, NULLABLE_DATE, TAGS as tags, codeParam } from './schemas.ts';
import { getSpatialService } from './spatial/service.ts';

const LEVEL = { type: 'string', enum: ['city', 'district', 'street', 'community'] } as const;
const read = { permission: PERMISSIONS.baseRead };
const write = { permission: PERMISSIONS.baseWrite };

export async function registerPlaceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/divisions', {
    config: read,
    schema: { tags, summary: '行政区划列表（本人范围内及其上级）', querystring: { type: 'object', additionalProperties: false, properties: {
      parent: { type: 'string', pattern: DIVISION_CODE }, level: LEVEL } }, response: errorResponses },
  }, async (request) => listDivisions(db, actorOf(request), request.query as any));

  app.get('/api/divisions/tree', {
    config: read, schema: { tags, summary: '行政区划树（含各级当前单元网格数）', response: errorResponses },
  }, async (request) => divisionTree(db, actorOf(request)));

  app.get('/api/divisions/:code', {
    config: read, schema: { tags, summary: '行政区划详情（含边界）', params: codeParam(DIVISION_CODE), response: errorResponses },
  }, async (request) => getDivision(db, actorOf(request), (request.params as { code: string }).code));

  app.post('/api/divisions', {
    config: write,
    schema: { tags, summary: '新建行政区划（代码须与级别、上级一致）', body: { type: 'object', additionalProperties: false,
      required: ['code', 'name'], properties: {
        code: { type: 'string', pattern: DIVISION_CODE }, name: { type: 'string', minLength: 1, maxLength: 100 }, level: LEVEL,
        parentCode: { type: ['string', 'null'], pattern: DIVISION_CODE }, geometry: { ...GEOMETRY, type: ['object', 'null'] } } },
    response: errorResponses },
  }, async (request, reply) => {
    const view = await createDivision(ctx, actorOf(request), request.body as any);
    reply.status(201);
    return view;
  });

  app.patch('/api/divisions/:code', {
    config: write,
    schema: { tags, summary: '修改行政区划名称或边界', params: codeParam(DIVISION_CODE), body: { type: 'object', additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, geometry: { ...GEOMETRY, type: ['object', 'null'] } } },
    response: errorResponses },
  }, async (request) => updateDivision(ctx, actorOf(request), (request.params as { code: string }).code, request.body as any));

  app.delete('/api/divisions/:code', {
    config: write, schema: { tags, summary: '删除行政区划（无下级、网格及其他引用时）', params: codeParam(DIVISION_CODE), response: errorResponses },
  }, async (request) => {
    await deleteDivision(ctx, actorOf(request), (request.params as { code: string }).code);
    return { ok: true };
  });

  app.get('/api/grids', {
    config: read,
    schema: { tags, summary: '单元网格列表', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, community: { type: 'string', pattern: '^[0-9]{12}$' }, street: { type: 'string', pattern: '^[0-9]{9}$' },
      district: { type: 'string', pattern: '^[0-9]{6}$' }, q: { type: 'string', maxLength: 64 }, active: { type: 'boolean' } } },
    response: errorResponses },
  }, async (request) => listGrids(db, actorOf(request), request.query as any));

  app.get('/api/grids/:code', {
    config: read, schema: { tags, summary: '单元网格详情（含边界）', params: codeParam(GRID_CODE), response: errorResponses },
  }, async (request) => getGrid(db, actorOf(request), (request.params as { code: string }).code));

  const gridProps = {
    name: { type: 'string', minLength: 1, maxLength: 100 }, geometry: GEOMETRY, startDate: DATE, endDate: NULLABLE_DATE,
    end_date: NULLABLE_DATE,
  } as const;
  /** end_date (the column's name) is accepted as well as endDate. */
  const gridBody = (body: any) => {
    const { end_date: endDate, ...rest } = body;
    return endDate === undefined ? rest : { ...rest, endDate };
  };

  app.post('/api/grids', {
    config: write,
    schema: { tags, summary: '新建单元网格（编码前 12 位为所属社区，边界须在本市内）', body: { type: 'object', additionalProperties: false,
      required: ['code', 'name', 'geometry'], properties: { code: { type: 'string' }, communityCode: { type: 'string' }, ...gridProps } },
    response: errorResponses },
  }, async (request, reply) => {
    const view = await createGrid(ctx, actorOf(request), gridBody(request.body));
    reply.status(201);
    return view;
  });

  app.patch('/api/grids/:code', {
    config: write,
    schema: { tags, summary: '修改单元网格；设置终止日期 endDate 即停用', params: codeParam(GRID_CODE),
      body: { type: 'object', additionalProperties: false, properties: gridProps }, response: errorResponses },
  }, async (request) => updateGrid(ctx, actorOf(request), (request.params as { code: string }).code, gridBody(request.body)));

  app.delete('/api/grids/:code', {
    config: write, schema: { tags, summary: '删除单元网格（有部件或属于责任网格时拒绝，请改设终止日期）', params: codeParam(GRID_CODE), response: errorResponses },
  }, async (request) => {
    await deleteGrid(ctx, actorOf(request), (request.params as { code: string }).code);
    return { ok: true };
  });

  const rgCode = { type: 'string', pattern: '^[0-9A-Za-z_-]{1,32}$' } as const;
  const rgProps = {
    name: { type: 'string', minLength: 1, maxLength: 100 }, collectorId: { type: ['integer', 'null'], minimum: 1 },
    members: { type: 'array', maxItems: 5000, items: { type: 'string', pattern: GRID_CODE } },
  } as const;

  app.get('/api/responsibility-grids', {
    config: read,
    schema: { tags, summary: '责任网格列表', querystring: { type: 'object', additionalProperties: false, properties: {
      division: { type: 'string', pattern: DIVISION_CODE }, collectorId: { type: 'integer', minimum: 1 } } }, response: errorResponses },
  }, async (request) => listResponsibilityGrids(db, actorOf(request), request.query as any));

  app.get('/api/responsibility-grids/:code', {
    config: read, schema: { tags, summary: '责任网格详情', params: { type: 'object', required: ['code'], properties: { code: rgCode } }, response: errorResponses },
  }, async (request) => getResponsibilityGrid(db, actorOf(request), (request.params as { code: string }).code));

  app.post('/api/responsibility-grids', {
    config: write,
    schema: { tags, summary: '新建责任网格（成员为单元网格，监督员须在管辖范围内）', body: { type: 'object', additionalProperties: false,
      required: ['code', 'name', 'divisionCode', 'members'], properties: { code: rgCode, divisionCode: { type: 'string', pattern: DIVISION_CODE }, ...rgProps } },
    response: errorResponses },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body as any;
    await db.transaction((tx) => createResponsibilityGrid(tx, actor, body));
    reply.status(201);
    return getResponsibilityGrid(db, actor, body.code);
  });

  app.patch('/api/responsibility-grids/:code', {
    config: write,
    schema: { tags, summary: '修改责任网格（名称、监督员、成员）', params: { type: 'object', required: ['code'], properties: { code: rgCode } },
      body: { type: 'object', additionalProperties: false, properties: rgProps }, response: errorResponses },
  }, async (request) => {
    const actor = actorOf(request);
    const { code } = request.params as { code: string };
    await db.transaction((tx) => updateResponsibilityGrid(tx, actor, code, request.body as any));
    return getResponsibilityGrid(db, actor, code);
  });

  app.delete('/api/responsibility-grids/:code', {
    config: write, schema: { tags, summary: '删除责任网格', params: { type: 'object', required: ['code'], properties: { code: rgCode } }, response: errorResponses },
  }, async (request) => {
    await db.transaction((tx) => deleteResponsibilityGrid(tx, actorOf(request), (request.params as { code: string }).code));
    return { ok: true };
  });

  app.get('/api/locate', {
    config: read,
    schema: { tags, summary: '网格定位：坐标 → 单元网格、社区、街道、区县与位置描述', querystring: { type: 'object', additionalProperties: false,
      required: ['lon', 'lat'], properties: { lon: { type: 'number' }, lat: { type: 'number' }, crs: CRS } }, response: errorResponses },
  }, async (request) => {
    const { lon, lat, crs } = request.query as { lon: number; lat: number; crs?: 'WGS84' };
    const found = await getSpatialService(ctx).locate(lon, lat, crs);
    if (!found) throw new AppError(404, 'OUTSIDE_GRIDS', `位置 ${lon}, ${lat} 不在任何单元网格内`);
    return found;
  });
}
