// Reads the files of a multipart upload (form field `file`, repeated for several), then checks them all
// before anything is stored: a bad file anywhere refuses the whole upload.
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../platform/errors.ts';
import { prepareMedia, type PreparedMedia } from './store.ts';

export const UPLOAD_FIELD = 'file';

export async function readUploadedMedia(request: FastifyRequest): Promise<PreparedMedia[]> {
  const files: { bytes: Buffer; name: string }[] = [];
  const otherFields = new Set<string>();
  for await (const part of request.files()) {
    const bytes = await part.toBuffer(); // read every part, even a misnamed one, so the request is consumed
    if (part.fieldname === UPLOAD_FIELD) files.push({ bytes, name: part.filename });
    else otherFields.add(part.fieldname);
  }
  if (otherFields.size > 0) {
    throw badRequest('UNEXPECTED_FIELD', `请用表单字段 ${UPLOAD_FIELD} 上传文件，收到了字段: ${[...otherFields].join('、')}`);
  }
  if (files.length === 0) throw badRequest('FILE_REQUIRED', `请在表单字段 ${UPLOAD_FIELD} 中上传文件`);
  const prepared: PreparedMedia[] = [];
  for (const f of files) prepared.push(await prepareMedia(f.bytes, f.name));
  return prepared;
}
