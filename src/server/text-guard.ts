// PostgreSQL text cannot hold U+0000 (NUL): a request carrying one anywhere (JSON body, query string, path) is
// refused up front with a 400 instead of failing in the database halfway through a handler.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../platform/errors.ts';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (Buffer.isBuffer(value)) return false;
  for (const [key, v] of Object.entries(value)) if (key.includes('\u0000') || hasNul(v, depth + 1)) return true;
  return false;
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.params) || hasNul(request.query) || hasNul(request.body)) {
      throw badRequest('INVALID_TEXT', '提交的文本中含有空字符（U+0000），请删除后重试');
    }
  });
}
