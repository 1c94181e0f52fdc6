import exifr from 'exifr';
import sharp from 'sharp';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** What the bytes are, by their magic numbers — never by the filename or the declared type. */
export function detectImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface PhotoMetadata {
  /** WGS-84: phones write raw GPS positions into EXIF, which is WGS-84 even in China. */
  location: { lat: number; lng: number } | null;
  takenAt: Date | null;
}

/**
 * EXIF DateTimeOriginal has no zone; OffsetTimeOriginal gives one when the phone wrote it,
 * otherwise the photo was most likely taken where the platform runs (Asia/Shanghai).
 */
function exifDate(value: unknown, offset: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+08:00';
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Reads GPS and capture time; a photo without (or with broken) EXIF simply has none. */
export async function readPhotoMetadata(bytes: Buffer): Promise<PhotoMetadata> {
  try {
    const tags = (await exifr.parse(bytes, {
      gps: true,
      exif: true,
      tiff: true,
      reviveValues: false,
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
    })) as Record<string, unknown> | undefined;
    const gps = (await exifr.gps(bytes).catch(() => undefined)) as { latitude?: number; longitude?: number } | undefined;
    const lat = gps?.latitude;
    const lng = gps?.longitude;
    const hasPoint = typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) && !(lat === 0 && lng === 0) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
    return {
      location: hasPoint ? { lat: Math.round(lat * 1e7) / 1e7, lng: Math.round(lng * 1e7) / 1e7 } : null,
      takenAt: exifDate(tags?.['DateTimeOriginal'], tags?.['OffsetTimeOriginal']),
    };
  } catch {
    return { location: null, takenAt: null };
  }
}

export interface EncodedPhoto {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  mimeType: 'image/jpeg';
}

export const maxStoredSide = 2048;
export const thumbnailSide = 320;

/**
 * Re-encodes an upload as a JPEG with no metadata at all (sharp drops EXIF/XMP/ICC unless asked
 * to keep them): turned upright per its EXIF orientation, longest side ≤ 2048 px, transparency
 * flattened onto white; plus a 320 px thumbnail. Throws when the bytes are not a readable image.
 */
export async function encodePhoto(bytes: Buffer): Promise<EncodedPhoto> {
  const { data: image, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: maxStoredSide, height: maxStoredSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  const thumbnail = await sharp(image)
    .resize({ width: thumbnailSide, height: thumbnailSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
  return { image, thumbnail, width: info.width, height: info.height, mimeType: 'image/jpeg' };
}
