import { api, call, type Schemas } from '../../api/client';
import { shrinkImage } from './shrink-image';

export type UploadedPhoto = Schemas['UploadedPhoto'];

/** EXIF GPS of the original file (the shrunk copy has none), WGS-84; null when absent or unreadable. */
async function gpsOf(file: File): Promise<{ lat: number; lng: number } | null> {
  try {
    // Loaded only when someone picks a photo, so the pages stay light.
    const exifr = (await import('exifr')).default;
    const gps = (await exifr.gps(file)) as { latitude?: number; longitude?: number } | undefined;
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude) && !(gps.latitude === 0 && gps.longitude === 0)) {
      return { lat: gps.latitude!, lng: gps.longitude! };
    }
  } catch {
    // No EXIF, or a format exifr cannot read: the photo simply suggests no place.
  }
  return null;
}

/**
 * Shrinks a photo on the phone and uploads it to POST /api/v1/photos. The place comes from the
 * original's EXIF (read here, before shrinking removes it), else from the server's own reading.
 */
export async function uploadPhoto(file: File): Promise<UploadedPhoto> {
  const [gps, shrunk] = await Promise.all([gpsOf(file), shrinkImage(file)]);
  const uploaded = await call(
    api.POST('/api/v1/photos', {
      // The generated type names the part as a string (OpenAPI "binary"); the browser sends the Blob.
      body: { file: shrunk as unknown as string },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', shrunk, 'photo.jpg');
        return form;
      },
    }),
  );
  return { ...uploaded, suggestedLocation: gps ?? uploaded.suggestedLocation };
}
