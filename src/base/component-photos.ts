// 部件照片: photos of a component, kept in the media store and listed in components.photos.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Db, Queryable } from '../db/types.ts';
import { storeMedia, type PreparedMedia } from '../media/store.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { getComponent, type ComponentView } from './components.ts';

export const MAX_COMPONENT_PHOTOS = 50;

export interface ComponentPhoto {
  hash: string;
  contentType: string;
  addedAt: string;
  addedBy: string;
}

async function lockPhotos(tx: Queryable, id: string): Promise<ComponentPhoto[]> {
  const row = await tx.maybeOne<{ photos: ComponentPhoto[] }>('select photos from components where id = $1 for update', [id]);
  if (!row) throw notFound('部件', id);
  return row.photos;
}

async function savePhotos(tx: Queryable, id: string, photos: ComponentPhoto[]): Promise<void> {
  await tx.query('update components set photos = $2::jsonb, updated_at = now() where id = $1', [id, JSON.stringify(photos)]);
}

/** Stores the files and appends them to the component's photos; a photo it already has is not added twice. */
export async function addComponentPhotos(db: Db, actor: Actor, id: string, files: PreparedMedia[]): Promise<ComponentView> {
  await getComponent(db, actor, id); // the component must exist within the actor's scope
  const notPhoto = files.find((f) => f.kind !== 'image');
  if (notPhoto) throw badRequest('NOT_A_PHOTO', `部件照片只接受图片，收到 ${notPhoto.contentType}`);
  await db.transaction(async (tx) => {
    const photos = await lockPhotos(tx, id);
    const added: ComponentPhoto[] = [];
    const addedAt = new Date().toISOString();
    for (const f of files) {
      await storeMedia(tx, actor, f);
      if (photos.some((p) => p.hash === f.hash) || added.some((p) => p.hash === f.hash)) continue;
      added.push({ hash: f.hash, contentType: f.contentType, addedAt, addedBy: actor.name });
    }
    if (photos.length + added.length > MAX_COMPONENT_PHOTOS) {
      throw badRequest('TOO_MANY_PHOTOS', `每个部件最多 ${MAX_COMPONENT_PHOTOS} 张照片，已有 ${photos.length} 张`);
    }
    if (added.length === 0) return;
    await savePhotos(tx, id, [...photos, ...added]);
    await audit(tx, actor, { action: 'add_photo', entity: 'component', entityId: id, after: { photos: added } });
  });
  return getComponent(db, actor, id);
}

/** Takes a photo off the component; the file stays in the media store (other records may show it). */
export async function deleteComponentPhoto(db: Db, actor: Actor, id: string, hash: string): Promise<ComponentView> {
  await getComponent(db, actor, id);
  await db.transaction(async (tx) => {
    const photos = await lockPhotos(tx, id);
    const photo = photos.find((p) => p.hash === hash);
    if (!photo) throw notFound('部件照片', hash);
    await savePhotos(tx, id, photos.filter((p) => p.hash !== hash));
    await audit(tx, actor, { action: 'delete_photo', entity: 'component', entityId: id, before: { photo } });
  });
  return getComponent(db, actor, id);
}
