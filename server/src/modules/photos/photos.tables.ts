import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, photoKinds, type PhotoKind } from '../cases/cases.tables.js';
import { staff } from '../people/people.tables.js';
import { bytea } from '../../platform/db/bytea.js';

export { photoKinds, type PhotoKind };

/**
 * Photos live in the database (not on one machine's disk) so every server process can serve them.
 * An uploaded photo belongs to no case until a report or a `handle` attaches it — and only its
 * uploader may attach it; once attached it never moves. The stored bytes are re-encoded without
 * any metadata (EXIF GPS, camera serials …).
 */
export const photos = pgTable(
  'photos',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind', { enum: photoKinds }),
    mimeType: text('mime_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    image: bytea('image').notNull(),
    thumbnail: bytea('thumbnail').notNull(),
    /** Where and when the camera says it was taken (EXIF), kept as a suggestion only — WGS-84. */
    takenAt: timestamp('taken_at', { withTimezone: true }),
    exifLat: doublePrecision('exif_lat'),
    exifLng: doublePrecision('exif_lng'),
    uploadedById: uuid('uploaded_by_id').references(() => staff.id),
    /**
     * Who may attach it (photo-ownership.ts): `staff:<id>`, `resident:<id>`, `integration:<id>`, or for
     * an anonymous upload `upload:<SHA-256 of the upload token>`. Null (photos from before) — nobody.
     */
    uploader: text('uploader'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attachedAt: timestamp('attached_at', { withTimezone: true }),
  },
  (t) => [
    index('photos_case').on(t.caseId),
    check('photos_kind_check', sql`${t.kind} is null or ${t.kind} in ('report','evidence')`),
    check('photos_attached_check', sql`(${t.caseId} is null) = (${t.kind} is null) and (${t.caseId} is null) = (${t.attachedAt} is null)`),
    check('photos_exif_check', sql`(${t.exifLat} is null) = (${t.exifLng} is null)`),
  ],
);

export type PhotoRow = typeof photos.$inferSelect;
