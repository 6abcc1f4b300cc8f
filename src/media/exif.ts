// Where and when a photo was taken, from its EXIF block (sharp hands over the raw block; exif-reader parses it).
// The citizen channel compares this position with the reported point to flag photos taken elsewhere.
import exifReader from 'exif-reader';

export interface PhotoExif {
  lon: number | null;     // WGS84, as phones' GPS writes it
  lat: number | null;
  takenAt: string | null; // ISO 8601 instant
}

const CHINA_OFFSET = '+08:00';

/** Degrees from EXIF [degrees, minutes, seconds] and a hemisphere letter (S and W are negative). */
function degrees(dms: number[] | undefined, ref: string | undefined, max: number): number | null {
  if (!Array.isArray(dms) || dms.length !== 3 || !dms.every(Number.isFinite)) return null;
  const value = (dms[0] + dms[1] / 60 + dms[2] / 3600) * (ref === 'S' || ref === 'W' ? -1 : 1);
  return Math.abs(value) <= max ? Math.round(value * 1e7) / 1e7 : null;
}

/**
 * exif-reader reads "YYYY:MM:DD HH:MM:SS" as if it were UTC. The wall-clock time is in the camera's zone:
 * OffsetTimeOriginal says which when present; otherwise we take China time (UTC+8), where the platform runs.
 */
function instant(wallClock: Date | undefined, offset: string | undefined): string | null {
  if (!(wallClock instanceof Date) || Number.isNaN(+wallClock)) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : CHINA_OFFSET;
  const at = new Date(`${wallClock.toISOString().slice(0, 19)}${zone}`);
  return Number.isNaN(+at) ? null : at.toISOString();
}

/** Position and capture time, or null when the photo carries neither (or its EXIF block cannot be read). */
export function readPhotoExif(block: Buffer | undefined): PhotoExif | null {
  if (!block) return null;
  let tags: ReturnType<typeof exifReader>;
  try {
    tags = exifReader(block);
  } catch {
    return null; // a broken EXIF block does not make the photo unusable
  }
  const gps = tags.GPSInfo;
  let lat = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, 90);
  let lon = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, 180);
  if (lat === null || lon === null || (lat === 0 && lon === 0)) lat = lon = null; // 0,0 is a phone without a fix
  const photo = tags.Photo;
  const takenAt = instant(photo?.DateTimeOriginal, photo?.OffsetTimeOriginal) ?? instant(tags.Image?.DateTime, photo?.OffsetTime);
  if (lat === null && takenAt === null) return null;
  return { lon, lat, takenAt };
}
