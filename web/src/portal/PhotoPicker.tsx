// The portal's photo picker (the field app's camera input in the portal's look) and the upload of its photos.
import PhotoInput from '../field/PhotoInput.tsx';
import type { UploadedPhoto } from '../../../src/public/views.ts';
import { portalApi } from './client.ts';

export const MAX_PHOTOS = 6;

export default function PhotoPicker({ value, onChange }: { value: Blob[]; onChange(photos: Blob[]): void }) {
  return <PhotoInput value={value} onChange={onChange} testId="pt-photo" max={MAX_PHOTOS} look="pt" />;
}

/** Uploads the photos to the public media store (POST /api/public/media) and answers their hashes. */
export async function uploadPublicPhotos(blobs: Blob[], anonymous: boolean): Promise<string[]> {
  const hashes: string[] = [];
  for (const blob of blobs) {
    const form = new FormData();
    form.append('file', blob, blob.type === 'image/jpeg' ? 'photo.jpg' : 'photo');
    const [saved] = anonymous
      ? await portalApi.postAnonymous<UploadedPhoto[]>('/api/public/media', form)
      : await portalApi.post<UploadedPhoto[]>('/api/public/media', form);
    hashes.push(saved.hash);
  }
  return hashes;
}
