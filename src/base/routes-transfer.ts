// Import (导入) and export (导出) of base data.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam, pageQuery } from '../server/schemas.ts';
import { AppError, badRequest } from '../platform/errors.ts';
import { exportBase, type ExportFormat } from './export.ts';
import { IMPORT_KINDS, type ImportKind } from './import/report.ts';
import { runImport } from './import/run.ts';
import { getImportRun, listImportRuns } from './import/runs.ts';
import { CRS, TAGS as tags } from './schemas.ts';

const KIND = { type: 'string', enum: [...IMPORT_KINDS] } as const;
const kindParam = { type: 'object', required: ['kind'], properties: { kind: KIND } } as const;

export async function registerTransferRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.post('/api/import/:kind', {
    config: { permission: PERMISSIONS.baseWrite },
    schema: {
      tags, summary: '导入基础数据（multipart 文件字段 file：.geojson/.json、.zip Shapefile 或 .csv）。有任何错误行则整体拒绝，返回完整报告',
      consumes: ['multipart/form-data'], params: kindParam,
      querystring: { type: 'object', additionalProperties: false, properties: { dryRun: { type: 'boolean', default: false }, crs: CRS } },
      response: errorResponses,
    },
  }, async (request) => {
    const { kind } = request.params as { kind: ImportKind };
    const { dryRun, crs } = request.query as { dryRun: boolean; crs?: 'WGS84' };
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw badRequest('FILE_REQUIRED', '请在表单字段 file 中上传文件');
    const data = await file.toBuffer();
    const report = await runImport(ctx, actorOf(request), { kind, fileName: file.filename || 'upload', data, dryRun, crs });
    if (report.status === 'refused' && !dryRun) {
      throw new AppError(400, 'IMPORT_REFUSED',
        `文件有 ${report.errorCount} 处错误，已整体拒绝，未写入任何数据（详见报告）`, report);
    }
    return report;
  });

  app.get('/api/import/runs', {
    config: { permission: PERMISSIONS.baseWrite },
    schema: { tags, summary: '导入记录', querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery, kind: KIND } }, response: errorResponses },
  }, async (request) => listImportRuns(db, actorOf(request), request.query as any));

  app.get('/api/import/runs/:id', {
    config: { permission: PERMISSIONS.baseWrite },
    schema: { tags, summary: '导入记录详情（含逐行错误与警告）', params: idParam, response: errorResponses },
  }, async (request) => getImportRun(db, actorOf(request), (request.params as { id: number }).id));

  app.get('/api/export/:kind', {
    config: { permission: PERMISSIONS.baseRead },
    schema: { tags, summary: '导出基础数据（GeoJSON 或带 BOM 的 UTF-8 CSV，按数据范围过滤）', params: kindParam,
      querystring: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['geojson', 'csv'], default: 'geojson' } } },
      response: errorResponses },
  }, async (request, reply) => {
    const { kind } = request.params as { kind: ImportKind };
    const { format } = request.query as { format: ExportFormat };
    const result = await exportBase(db, actorOf(request), kind, format);
    return reply.header('Content-Disposition', `attachment; filename="${result.fileName}"`).type(result.contentType).send(result.stream);
  });
}
