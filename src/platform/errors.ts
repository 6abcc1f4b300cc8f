// Every error a client sees is { code, message } with a machine code and a Chinese message.

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '无权执行此操作', code = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (what: string, id?: string | number) =>
  new AppError(404, 'NOT_FOUND', id === undefined ? `${what}不存在` : `${what}不存在: ${id}`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);

/** One problem found in one row of an imported file. */
export interface RowError {
  row: number;        // 1-based data row (header excluded) or feature index + 1
  field?: string;
  code: string;
  message: string;
}
