// Routes for component photos (部件照片): upload to the media store and attach, or take one off.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { MEDIA_HASH } from '../media/store.ts';
import { readUploadedMedia } from '../media/upload.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { addComponentPhotos, deleteComponentPhoto, MAX_COMPONENT_PHOTOS } from './component-photos.ts';
import { COMPONENT_ID, TAGS as tags } from './schemas.ts';

const write = { permission: PERMISSIONS.baseWrite };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: COMPONENT_ID } } } as const;
const photoParams = { type: 'object', required: ['id', 'hash'],
  properties: { id: { type: 'string', pattern: COMPONENT_ID }, hash: { type: 'string', pattern: MEDIA_HASH } } } as const;

export async function registerComponentPhotoRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  app.post('/api/components/:id/photos', {
    config: write,
    schema: { tags, consumes: ['multipart/form-data'], params: idParams, response: errorResponses,
      summary: `上传部件照片（multipart 字段 file，可多个，仅图片；每个部件最多 ${MAX_COMPONENT_PHOTOS} 张），返回部件详情` },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: string };
    const files = await readUploadedMedia(request);
    const view = await addComponentPhotos(db, actor, id, files);
    reply.status(201);
    return view;
  });

  app.delete('/api/components/:id/photos/:hash', {
    config: write,
    schema: { tags, summary: '移除部件照片（文件仍保留在媒体库中），返回部件详情', params: photoParams, response: errorResponses },
  }, async (request) => {
    const { id, hash } = request.params as { id: string; hash: string };
    return deleteComponentPhoto(db, actorOf(request), id, hash);
  });
}
