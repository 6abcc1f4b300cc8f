// What a file really is, from its first bytes (magic numbers), never from its name or declared type.
// A small explicit table instead of the `file-type` package: its current major needs Node 22, and we
// accept only seven formats. ISO-BMFF files (HEIC, MP4, MOV) carry an `ftyp` box whose brands say which.

export type MediaKind = 'image' | 'video';

export interface DetectedType {
  kind: MediaKind;
  contentType: string;
}

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Buffer, start: number, end: number) => bytes.toString('latin1', start, end);

// ftyp brands: HEIF stills from phones (HEVC-coded), MPEG-4 video as phones and cameras write it, Apple QuickTime.
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'MSNV']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** The brands of an ISO-BMFF `ftyp` box at the start of the file: major first, then the compatible ones. */
function ftypBrands(bytes: Buffer): string[] | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

export function detectType(bytes: Buffer): DetectedType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', contentType: 'image/jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', contentType: 'image/png' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { kind: 'image', contentType: 'image/gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'image', contentType: 'image/webp' };
  const brands = ftypBrands(bytes);
  if (!brands) return undefined;
  const [major] = brands;
  if (major === 'qt  ') return { kind: 'video', contentType: 'video/quicktime' };
  if (brands.some((b) => AVIF_BRANDS.has(b))) return undefined; // AVIF stills share the HEIF container: not accepted
  if (HEIC_BRANDS.has(major)) return { kind: 'image', contentType: 'image/heic' };
  if (MP4_BRANDS.has(major)) return { kind: 'video', contentType: 'video/mp4' };
  return undefined;
}
