// Turns any thrown error into { code, message } with a Chinese message and the right status; never leaks a stack.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

const PG_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'DUPLICATE', '记录已存在（编码重复）'],
  '23503': [400, 'REFERENCE_NOT_FOUND', '引用的记录不存在，或记录仍被其他数据引用'],
  '23514': [400, 'CONSTRAINT_VIOLATION', '数据不符合约束条件'],
  '23502': [400, 'MISSING_FIELD', '缺少必填字段'],
  '22P02': [400, 'INVALID_VALUE', '数值格式不正确'],
  '22001': [400, 'VALUE_TOO_LONG', '字段内容过长'],
  '22003': [400, 'VALUE_OUT_OF_RANGE', '数值超出范围'],
  '22007': [400, 'INVALID_DATE', '日期格式不正确'],
  '22008': [400, 'INVALID_DATE', '日期超出范围'],
  '40P01': [409, 'CONCURRENT_UPDATE', '数据正被他人同时修改，请刷新后重试'],
  '40001': [409, 'CONCURRENT_UPDATE', '数据正被他人同时修改，请刷新后重试'],
};

function validationMessage(err: FastifyError): string {
  const parts = (err.validation ?? []).slice(0, 5).map((v: any) => {
    const where = `${err.validationContext ?? ''}${v.instancePath || ''}`;
    const field = v.params?.missingProperty ? `${where}/${v.params.missingProperty}` : where;
    return `${field}: ${v.message}`;
  });
  return `请求参数不合法：${parts.join('；')}`;
}

export function errorBody(err: unknown): { status: number; body: { code: string; message: string; details?: unknown } } {
  if (err instanceof AppError) {
    return { status: err.statusCode, body: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
  }
  const e = err as FastifyError & { code?: string; detail?: string };
  if (e.validation) return { status: 400, body: { code: 'VALIDATION', message: validationMessage(e) } };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 400, body: { code: 'BODY_TOO_LARGE', message: '请求内容超过大小限制' } };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { code: 'INVALID_JSON', message: '请求内容不是合法的 JSON' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 400, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' } };
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return { status: 400, body: { code: 'FILE_TOO_LARGE', message: '上传文件超过大小限制' } };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 400, body: { code: 'NOT_MULTIPART', message: '请以 multipart/form-data 上传文件' } };
  }
  if (e.code && PG_ERRORS[e.code]) {
    const [status, code, message] = PG_ERRORS[e.code];
    return { status, body: { code, message: e.detail ? `${message}：${e.detail}` : message } };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { code: e.code ?? 'BAD_REQUEST', message: `请求有误：${e.message}` } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: '服务器内部错误，请联系管理员' } };
}

export function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = errorBody(err);
  if (status >= 500) request.log.error({ err }, 'unhandled error');
  else request.log.info({ code: body.code }, body.message);
  return reply.status(status).send(body);
}
