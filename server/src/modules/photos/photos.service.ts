import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { findCaseInScope, findTrackedCase } from '../cases/index.js';
import { detectImageType, encodePhoto, readPhotoMetadata } from './photo-image.js';
import { uploaderKey } from './photo-ownership.js';
import { photoBytesOfCase } from './photos.queries.js';
import { photos } from './photos.tables.js';

const photoNotFound = () => notFound({ zh: '找不到该照片', en: 'No such photo' });

/**
 * Stores an uploaded photo (anyone may upload: residents report without signing in). The type is
 * decided by the bytes; EXIF GPS and capture time are read as a suggestion, then the image is
 * re-encoded without any metadata so nothing personal is kept or served. The photo belongs to no
 * case until a report or a `handle` attaches it — and only its uploader can attach it: the caller,
 * or for an anonymous upload whoever holds `uploadToken` (photo-ownership.ts).
 */
export async function uploadPhoto(ctx: AppContext, actor: Actor, bytes: Buffer, uploadToken?: string) {
  if (!detectImageType(bytes)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      detail: { zh: '只能上传 JPEG、PNG 或 WebP 格式的照片', en: 'Upload a JPEG, PNG or WebP photo' },
    });
  }
  const metadata = await readPhotoMetadata(bytes);
  let encoded;
  try {
    encoded = await encodePhoto(bytes);
  } catch {
    throw new AppError('UNPROCESSABLE', {
      detail: { zh: '照片文件已损坏或无法读取，请重新拍摄或选择另一张', en: 'The photo is damaged or unreadable; take or pick another one' },
    });
  }
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(photos).values({
      id,
      mimeType: encoded.mimeType,
      width: encoded.width,
      height: encoded.height,
      image: encoded.image,
      thumbnail: encoded.thumbnail,
      takenAt: metadata.takenAt,
      exifLat: metadata.location?.lat ?? null,
      exifLng: metadata.location?.lng ?? null,
      uploadedById: actor.kind === 'staff' ? actor.id : null,
      uploader: uploaderKey(actor, uploadToken) ?? null,
      createdAt: now,
    });
    // Size and type only: the image, its place and time stay out of the audit trail.
    const data = { mimeType: encoded.mimeType, width: encoded.width, height: encoded.height, bytes: encoded.image.length };
    await recordAudit(tx, actor, { action: 'photo.upload', entityType: 'photo', entityId: id, data }, now);
  });
  return {
    id,
    width: encoded.width,
    height: encoded.height,
    suggestedLocation: metadata.location,
    takenAt: metadata.takenAt?.toISOString() ?? null,
    ...(actor.kind === 'public' && uploadToken ? { uploadToken } : {}),
  };
}

/** A case's photo for staff: the case is read with the scope predicate, so outsiders get 404. */
export async function readCasePhoto(ctx: AppContext, actorInput: Actor, caseId: string, photoId: string, size: 'full' | 'thumb') {
  const actor = requirePermission(actorInput, 'case:read');
  const row = await findCaseInScope(ctx.db, actor, caseId);
  if (!row) throw photoNotFound();
  const photo = await photoBytesOfCase(ctx.db, row.id, photoId, size);
  if (!photo) throw photoNotFound();
  return photo;
}

/** A case's photo for the reporter, by number + tracking code (report and result photos alike). */
export async function readTrackedPhoto(ctx: AppContext, number: string, code: string, photoId: string, size: 'full' | 'thumb') {
  const row = await findTrackedCase(ctx, number, code);
  const photo = await photoBytesOfCase(ctx.db, row.id, photoId, size);
  if (!photo) throw photoNotFound();
  return photo;
}
