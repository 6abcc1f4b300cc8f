// Camera photos for the field app: shrunk in the browser (canvas → JPEG, longest side ≤ 1600 px) before they are
// stored in the outbox or uploaded, so a report sends a few hundred kB instead of a phone's 5–10 MB original.
import { api } from '../api.ts';

export const MAX_SIDE = 1600;
const QUALITY = 0.82;

/** The photo as a JPEG no larger than MAX_SIDE; a file the browser cannot decode (e.g. HEIC) is kept as it is. */
export async function compressImage(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  return blob ?? file;
}

/** Uploads one photo to the media store and answers its content hash. */
export async function uploadPhoto(blob: Blob): Promise<string> {
  const form = new FormData();
  form.append('file', blob, blob.type === 'image/jpeg' ? 'photo.jpg' : 'photo');
  const [saved] = await api.post<{ hash: string }[]>('/api/media', form);
  return saved.hash;
}

export const uploadPhotos = async (blobs: Blob[]): Promise<string[]> => {
  const hashes: string[] = [];
  for (const blob of blobs) hashes.push(await uploadPhoto(blob));
  return hashes;
};
