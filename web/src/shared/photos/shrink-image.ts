/** Longest side of a photo sent from a phone: enough to see the problem, small enough for a weak signal. */
export const maxUploadSide = 1600;

/**
 * Shrinks a picked photo in the browser: drawn onto a canvas at most 1600 px on its longest side
 * and re-encoded as JPEG. `createImageBitmap` applies the EXIF orientation, so the result is upright;
 * the canvas drops all metadata (read the GPS from the original first, see photo-upload.ts).
 */
export async function shrinkImage(file: Blob, maxSide = maxUploadSide, quality = 0.82): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('canvas 2d unavailable');
    // JPEG has no transparency: paint white first so transparent PNG areas do not turn black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/jpeg', quality),
    );
  } finally {
    bitmap.close();
  }
}
