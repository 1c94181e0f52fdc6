import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { photos, type PhotoKind } from './photos.tables.js';

/** The photos attached to a case, oldest first (ids are time-ordered). */
export async function photosOfCase(db: Database, caseId: string): Promise<Array<{ id: string; kind: PhotoKind }>> {
  const rows = await db
    .select({ id: photos.id, kind: photos.kind })
    .from(photos)
    .where(eq(photos.caseId, caseId))
    .orderBy(asc(photos.id));
  return rows.map((r) => ({ id: r.id, kind: r.kind! }));
}

/** One attached photo's bytes (full or thumbnail), only if it belongs to that case. */
export async function photoBytesOfCase(db: Database, caseId: string, photoId: string, size: 'full' | 'thumb') {
  const [row] = await db
    .select({ bytes: size === 'thumb' ? photos.thumbnail : photos.image, mimeType: photos.mimeType })
    .from(photos)
    .where(and(eq(photos.id, photoId), eq(photos.caseId, caseId)))
    .limit(1);
  return row;
}

/** `photos.id in ($1, $2, …)` — an explicit list works the same on PGlite and node-postgres. */
export function photoIdIn(ids: string[]): SQL {
  return sql`${photos.id} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/**
 * Attaches unattached photos to a case inside the caller's transaction. Returns false (and
 * changes nothing the caller keeps, since it then throws) when any id is unknown or taken.
 */
export async function attachPhotos(db: Database, caseId: string, ids: string[], kind: PhotoKind, now: Date): Promise<boolean> {
  if (ids.length === 0) return true;
  const attached = await db
    .update(photos)
    .set({ caseId, kind, attachedAt: now })
    .where(and(photoIdIn(ids), sql`${photos.caseId} is null`))
    .returning({ id: photos.id });
  return attached.length === ids.length;
}

/** URLs a staff member uses to fetch a case's photos (scope-checked on every request). */
export function staffPhotoRefs(caseId: string, list: Array<{ id: string; kind: PhotoKind }>) {
  return list.map((p) => {
    const url = `/api/v1/cases/${caseId}/photos/${p.id}`;
    return { id: p.id, kind: p.kind, url, thumbnailUrl: `${url}?size=thumb` };
  });
}

/** URLs for the public tracking page: the tracking code travels with each request. */
export function publicPhotoRefs(number: string, code: string, list: Array<{ id: string; kind: PhotoKind }>) {
  return list.map((p) => {
    const url = `/api/v1/track/${number}/photos/${p.id}?code=${encodeURIComponent(code)}`;
    return { id: p.id, kind: p.kind, url, thumbnailUrl: `${url}&size=thumb` };
  });
}
