import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { photoKinds, type PhotoKind } from './cases.tables.js';

export { photoKinds, type PhotoKind };

/** A case's photos: sent with the report, or the result of handling (and of a summoned party's work). */

/** Which uploads a request may attach: its uploader keys, plus ids vouched for by something else (a visit). */
export interface PhotoClaim {
  uploaders: string[];
  alsoIds?: readonly string[];
}

export interface PhotoRef {
  id: string;
  kind: PhotoKind;
  url: string;
  thumbnailUrl: string;
}

/**
 * What cases needs of photos — a port cases declares and modules/photos implements (its manifest's
 * `caseExtension.photos`), since the photos table points at cases and not the other way round.
 */
export interface CasePhotos {
  /** Attaches unattached uploads the claim covers, in the caller's transaction; else 400 on `field` naming the rest. */
  attach(tx: Database, target: { caseId: string; ids: readonly string[]; kind: PhotoKind; now: Date; claim: PhotoClaim; field: string }): Promise<void>;
  /** The photos attached to a case, oldest first. */
  ofCase(db: Database, caseId: string): Promise<Array<{ id: string; kind: PhotoKind }>>;
  /** URLs a staff member fetches them by (scope-checked on every request). */
  staffRefs(caseId: string, list: Array<{ id: string; kind: PhotoKind }>): PhotoRef[];
  /** URLs for the public tracking page: the tracking code travels with each request. */
  publicRefs(number: string, code: string, list: Array<{ id: string; kind: PhotoKind }>): PhotoRef[];
  /** What a caller may attach by who they are (their own uploads). */
  claimOf(actor: Actor): PhotoClaim;
  /** What a request may attach: the caller's own uploads, and those of the upload token it carries. */
  claimOfRequest(request: FastifyRequest): PhotoClaim;
}

/** The photos port as plugged in (feature-modules.ts); a server without it cannot take photos at all. */
export function casePhotos(ctx: Pick<AppContext, 'caseExtensions'>): CasePhotos {
  const photos = ctx.caseExtensions.find((e) => e.photos)?.photos;
  if (!photos) throw new Error('No photos extension: modules/photos provides it (feature-modules.ts)');
  return photos;
}
