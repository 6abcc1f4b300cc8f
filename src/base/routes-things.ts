// Routes for the catalogue (部件事项目录), components (管理部件) and departments (部门).
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { createLocalType, legacyMap, listCatalog, updateCatalogType } from './catalog-admin.ts';
import { ACCURACY_CLASSES, COMPONENT_STATUSES, createComponent, deleteComponent, getComponent, listComponents, updateComponent } from './components.ts';
import { createDepartment, DEPARTMENT_LEVELS, getDepartment, listDepartments, updateDepartment } from './departments.ts';
import { COMPONENT_ID, CRS, DIVISION_CODE, NULLABLE_DATE, TAGS as tags, TYPE_CODE } from './schemas.ts';

const KIND = { type: 'string', enum: ['component', 'matter'] } as const;
const read = { permission: PERMISSIONS.baseRead };
const write = { permission: PERMISSIONS.baseWrite };
const text = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;

export async function registerThingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.get('/api/catalog', {
    config: read,
    schema: { tags, summary: '部件事项目录（按名称或代码搜索）', querystring: { type: 'object', additionalProperties: false, properties: {
      kind: KIND, major: { type: 'string', pattern: '^[0-9]{2}$' }, q: { type: 'string', maxLength: 64 }, includeDisabled: { type: 'boolean' } } },
    response: errorResponses },
  }, async (request) => listCatalog(db, request.query as any));

  app.get('/api/catalog/legacy-map', {
    config: read, schema: { tags, summary: '旧标准（2+2 位）类型与新目录的对应关系', response: errorResponses },
  }, async () => legacyMap(db));

  app.post('/api/catalog', {
    config: write,
    schema: { tags, summary: '新增本地扩展类型（小类 900–999）', body: { type: 'object', additionalProperties: false, required: ['kind', 'code', 'name'],
      properties: { kind: KIND, code: { type: 'string' }, name: { type: 'string', minLength: 1, maxLength: 100 } } }, response: errorResponses },
  }, async (request, reply) => {
    const view = await db.transaction((tx) => createLocalType(tx, actorOf(request), request.body as any));
    reply.status(201);
    return view;
  });

  app.patch('/api/catalog/:kind/:code', {
    config: write,
    schema: { tags, summary: '修改类型：本地类型可改名，任何类型可启用/停用', params: { type: 'object', required: ['kind', 'code'],
      properties: { kind: KIND, code: { type: 'string', pattern: TYPE_CODE } } },
    body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, enabled: { type: 'boolean' } } },
    response: errorResponses },
  }, async (request) => {
    const { kind, code } = request.params as { kind: 'component'; code: string };
    return db.transaction((tx) => updateCatalogType(tx, actorOf(request), kind, code, request.body as any));
  });

  const componentProps = {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    position: { type: 'object', additionalProperties: false, required: ['lon', 'lat'], properties: { lon: { type: 'number' }, lat: { type: 'number' }, crs: CRS } },
    status: { type: 'string', enum: [...COMPONENT_STATUSES] },
    ownerDepartmentId: { type: ['integer', 'null'], minimum: 1 }, maintainerDepartmentId: { type: ['integer', 'null'], minimum: 1 },
    propertyUnitCode: text(18), propertyUnitName: text(100), initialDate: NULLABLE_DATE, dataSource: text(50),
    accuracy: { type: ['string', 'null'], enum: [...ACCURACY_CLASSES, null] }, remark: text(500),
  } as const;
  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: COMPONENT_ID } } } as const;

  app.get('/api/components', {
    config: read,
    schema: { tags, summary: '部件列表', querystring: { type: 'object', additionalProperties: false, properties: {
      ...pageQuery, type: { type: 'string', pattern: '^[0-9]{2}([0-9]{3})?$' }, grid: { type: 'string', pattern: '^[0-9]{15}$' },
      community: { type: 'string', pattern: '^[0-9]{12}$' }, street: { type: 'string', pattern: '^[0-9]{9}$' },
      district: { type: 'string', pattern: '^[0-9]{6}$' }, status: { type: 'string', enum: [...COMPONENT_STATUSES] },
      department: { type: 'integer', minimum: 1 }, q: { type: 'string', maxLength: 64 } } }, response: errorResponses },
  }, async (request) => listComponents(db, actorOf(request), request.query as any));

  app.get('/api/components/:id', {
    config: read, schema: { tags, summary: '部件详情', params: idParams, response: errorResponses },
  }, async (request) => getComponent(db, actorOf(request), (request.params as { id: string }).id));

  app.post('/api/components', {
    config: write,
    schema: { tags, summary: '新建部件（不填标识码则按所在区县与类型自动编号；位置自动定位网格）', body: { type: 'object', additionalProperties: false,
      required: ['position'], properties: { id: { type: 'string' }, typeCode: { type: 'string' }, ...componentProps } }, response: errorResponses },
  }, async (request, reply) => {
    const view = await createComponent(ctx, actorOf(request), request.body as any);
    reply.status(201);
    return view;
  });

  app.patch('/api/components/:id', {
    config: write,
    schema: { tags, summary: '修改部件（状态、部门、备注、位置等；位置变化时重新定位网格）', params: idParams,
      body: { type: 'object', additionalProperties: false, properties: componentProps }, response: errorResponses },
  }, async (request) => updateComponent(ctx, actorOf(request), (request.params as { id: string }).id, request.body as any));

  app.delete('/api/components/:id', {
    config: write, schema: { tags, summary: '删除部件', params: idParams, response: errorResponses },
  }, async (request) => {
    await deleteComponent(ctx, actorOf(request), (request.params as { id: string }).id);
    return { ok: true };
  });

  const departmentProps = {
    name: { type: 'string', minLength: 1, maxLength: 100 }, shortName: text(50), creditCode: { type: ['string', 'null'], maxLength: 18 },
    category: { type: 'string', minLength: 1, maxLength: 20 }, level: { type: 'string', enum: [...DEPARTMENT_LEVELS] },
    parentId: { type: ['integer', 'null'], minimum: 1 }, phone: text(20),
    regions: { type: 'array', maxItems: 500, items: { type: 'string', pattern: DIVISION_CODE } },
  } as const;

  app.get('/api/departments', {
    config: read,
    schema: { tags, summary: '部门列表（含服务区域）', querystring: { type: 'object', additionalProperties: false, properties: {
      q: { type: 'string', maxLength: 64 }, category: { type: 'string', maxLength: 20 }, level: { type: 'string', enum: [...DEPARTMENT_LEVELS] } } },
    response: errorResponses },
  }, async (request) => listDepartments(db, actorOf(request), request.query as any));

  app.get('/api/departments/:id', {
    config: read, schema: { tags, summary: '部门详情', params: idParam, response: errorResponses },
  }, async (request) => getDepartment(db, actorOf(request), (request.params as { id: number }).id));

  app.post('/api/departments', {
    config: write,
    schema: { tags, summary: '新建部门（统一社会信用代码校验）', body: { type: 'object', additionalProperties: false,
      required: ['name', 'category', 'level'], properties: departmentProps }, response: errorResponses },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await db.transaction((tx) => createDepartment(tx, actor, request.body as any));
    reply.status(201);
    return getDepartment(db, actor, id);
  });

  app.patch('/api/departments/:id', {
    config: write,
    schema: { tags, summary: '修改部门', params: idParam, body: { type: 'object', additionalProperties: false, properties: departmentProps },
      response: errorResponses },
  }, async (request) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: number };
    await db.transaction((tx) => updateDepartment(tx, actor, id, request.body as any));
    return getDepartment(db, actor, id);
  });
}
