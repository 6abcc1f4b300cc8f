// 设施 routes: registry (monitor.manage writes, monitor.read reads, data scope as devices), the facility view with
// sensors, series and alarms, and the health report PDF.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../admin/roles.ts';
import { actorOf } from '../../server/auth-hook.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../../server/schemas.ts';
import { CODE, nullableId, position, tags } from '../schemas.ts';
import { FACILITY_KINDS } from './kinds.ts';
import { createFacility, deleteFacility, getFacility, listFacilities, setFacilityDevices, updateFacility, type FacilityQuery } from './registry.ts';
import { healthReportData, healthReportPdf } from './report.ts';
import { facilityOverview } from './view.ts';

const read = { permission: PERMISSIONS.monitorRead };
const manage = { permission: PERMISSIONS.monitorManage };
const DAY = 86_400_000;

const geometry = {
  type: 'object', required: ['type', 'coordinates'], additionalProperties: false, description: 'GeoJSON Point / LineString / Polygon（WGS84）',
  properties: { type: { type: 'string', enum: ['Point', 'LineString', 'Polygon'] }, coordinates: { type: 'array', maxItems: 5000 } },
} as const;

const facilityProps = {
  kind: { type: 'string', enum: FACILITY_KINDS }, name: { type: 'string', minLength: 1, maxLength: 100 }, geometry,
  position: { anyOf: [position, { type: 'null' }] }, departmentId: nullableId,
  props: { type: 'object', description: '按类别的属性，如河段 warningLevel（警戒水位 m）、guaranteeLevel（保证水位 m）' },
  note: { type: ['string', 'null'], maxLength: 500 },
} as const;

const period = {
  type: 'object', additionalProperties: false,
  properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } },
} as const;

function periodOf(query: { from?: string; to?: string }, defaultDays: number): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(+to - defaultDays * DAY);
  return { from, to };
}

export async function registerFacilityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  app.get('/api/monitor/facilities', {
    config: read, schema: { tags, summary: '监测设施列表（桥梁、管段、管廊、泵站、河段等，按数据范围）', querystring: { type: 'object', additionalProperties: false,
      properties: { ...pageQuery, pageSize: { type: 'integer', minimum: 1, maximum: 1000 }, kind: { type: 'string', enum: FACILITY_KINDS },
        region: { type: 'string', pattern: '^[0-9]{2,15}$' }, q: { type: 'string', maxLength: 64 } } }, response: errorResponses },
  }, async (request) => listFacilities(db, actorOf(request), request.query as FacilityQuery));
  app.get('/api/monitor/facilities/:id', { config: read, schema: { tags, summary: '监测设施详情', params: idParam, response: errorResponses } },
    async (request) => getFacility(db, actorOf(request), (request.params as any).id));
  app.post('/api/monitor/facilities', {
    config: manage, schema: { tags, summary: '登记监测设施', body: { type: 'object', additionalProperties: false, required: ['code', 'kind', 'name', 'geometry'],
      properties: { code: { type: 'string', pattern: CODE }, ...facilityProps } }, response: errorResponses },
  }, async (request, reply) => {
    reply.code(201);
    return createFacility(ctx, actorOf(request), request.body as any);
  });
  app.put('/api/monitor/facilities/:id', {
    config: manage, schema: { tags, summary: '修改监测设施', params: idParam, body: { type: 'object', additionalProperties: false,
      required: ['kind', 'name', 'geometry'], properties: facilityProps }, response: errorResponses },
  }, async (request) => updateFacility(ctx, actorOf(request), (request.params as any).id, request.body as any));
  app.delete('/api/monitor/facilities/:id', {
    config: manage, schema: { tags, summary: '删除监测设施（设备保留，解除关联）', params: idParam, response: errorResponses },
  }, async (request, reply) => {
    await deleteFacility(ctx, actorOf(request), (request.params as any).id);
    reply.code(204);
  });
  app.put('/api/monitor/facilities/:id/devices', {
    config: manage, schema: { tags, summary: '设置设施关联的监测设备', params: idParam, body: { type: 'object', additionalProperties: false,
      required: ['deviceIds'], properties: { deviceIds: { type: 'array', maxItems: 500, items: { type: 'integer', minimum: 1 } } } }, response: errorResponses },
  }, async (request) => setFacilityDevices(ctx, actorOf(request), (request.params as any).id, (request.body as { deviceIds: number[] }).deviceIds));
  app.get('/api/monitor/facilities/:id/view', {
    config: read, schema: { tags, summary: '设施监测视图：设备最新读数与状态、各指标曲线（含阈值）、告警历史与统计（默认近 7 天）',
      params: idParam, querystring: period, response: errorResponses },
  }, async (request) => {
    const { from, to } = periodOf(request.query as any, 7);
    return facilityOverview(db, actorOf(request), (request.params as any).id, from, to);
  });
  app.get('/api/monitor/facilities/:id/report.pdf', {
    config: read, schema: { tags, summary: '设施健康报告（PDF，默认近 30 天）', params: idParam, querystring: period, response: errorResponses },
  }, async (request, reply) => {
    const { from, to } = periodOf(request.query as any, 30);
    const data = await healthReportData(db, actorOf(request), (request.params as any).id, from, to);
    const pdf = await healthReportPdf(data, new Date());
    const name = `${data.facility.name}健康报告.pdf`;
    return reply.header('Content-Disposition', `attachment; filename="facility-${data.facility.id}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .type('application/pdf').send(pdf);
  });
}
