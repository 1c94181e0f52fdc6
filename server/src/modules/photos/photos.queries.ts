import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { claimedBy, photosRefused, type PhotoClaim } from './photo-ownership.js';
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

/** Of these ids, those the claim cannot attach: unknown, someone else's, or already on a case. */
export async function unclaimablePhotoIds(db: Database, ids: readonly string[], claim: PhotoClaim): Promise<string[]> {
  if (ids.length === 0) return [];
  const free = await db
    .select({ id: photos.id })
    .from(photos)
    .where(and(photoIdIn([...ids]), sql`${photos.caseId} is null`, claimedBy(claim)));
  const ok = new Set(free.map((r) => r.id));
  return ids.filter((id) => !ok.has(id));
}

/**
 * Attaches the caller's unattached photos to a case inside the caller's transaction; throws 400
 * naming every photo it may not take (unknown, someone else's upload, or already attached), and the
 * caller's transaction then undoes the rest.
 */
export async function attachPhotos(
  db: Database,
  target: { caseId: string; ids: readonly string[]; kind: PhotoKind; now: Date; claim: PhotoClaim; field: string },
): Promise<void> {
  const { caseId, ids, kind, now, claim, field } = target;
  if (ids.length === 0) return;
  const attached = await db
    .update(photos)
    .set({ caseId, kind, attachedAt: now })
    .where(and(photoIdIn([...ids]), sql`${photos.caseId} is null`, claimedBy(claim)))
    .returning({ id: photos.id });
  if (attached.length !== ids.length) {
    const taken = new Set(attached.map((r) => r.id));
    throw photosRefused(field, ids.filter((id) => !taken.has(id)));
  }
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
