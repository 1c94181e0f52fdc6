import { createHash, randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidField } from '../../platform/errors.js';
import type { Actor } from '../../platform/actor.js';
import type { PhotoClaim } from '../cases/index.js';
import { photos } from './photos.tables.js';

/**
 * Only the uploader may attach an unattached photo: knowing its id is not enough. Signed-in callers
 * are recognised by who they are; someone reporting without signing in gets an upload token with
 * the upload — kept in an HttpOnly cookie for browsers, and in the answer (`uploadToken`) for other
 * clients, which send it back as `X-Upload-Token` when they report.
 */
export const uploadCookieName = 'wangge_upload';
export const uploadTokenHeader = 'x-upload-token';
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
/** A report is usually sent within minutes of its photos; a day leaves room for a slow one. */
const uploadCookieSeconds = 86_400;

export type { PhotoClaim };

const tokenKey = (token: string) => `upload:${createHash('sha256').update(token).digest('base64url')}`;

/** The `photos.uploader` value for an upload by this caller (anonymous: by the holder of `uploadToken`). */
export function uploaderKey(actor: Actor, uploadToken?: string): string | undefined {
  if (actor.kind === 'public') return uploadToken ? tokenKey(uploadToken) : undefined;
  return `${actor.kind}:${actor.id}`;
}

/** The upload token a request carries (header first, then the cookie), if well-formed. */
export function uploadTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers[uploadTokenHeader];
  const candidates = [typeof header === 'string' ? header.trim() : undefined, request.cookies?.[uploadCookieName]];
  return candidates.find((t): t is string => !!t && tokenPattern.test(t));
}

/**
 * The token for an anonymous upload: the one the browser already holds, else a new one. The cookie
 * is (re)set either way; it goes only to the API, never to scripts.
 */
export function issueUploadToken(request: FastifyRequest, reply: FastifyReply): string {
  const token = uploadTokenOf(request) ?? randomBytes(32).toString('base64url');
  reply.setCookie(uploadCookieName, token, { path: '/api/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: uploadCookieSeconds });
  return token;
}

/** What a caller may attach by who they are (staff and integrations, in actions and effects). */
export function actorPhotoClaim(actor: Actor): PhotoClaim {
  const own = uploaderKey(actor);
  return { uploaders: own ? [own] : [] };
}

/** What a request may attach: the caller's own uploads, and those of the upload token it carries. */
export function requestPhotoClaim(request: FastifyRequest): PhotoClaim {
  const token = uploadTokenOf(request);
  const keys = [uploaderKey(request.actor), token ? tokenKey(token) : undefined];
  return { uploaders: [...new Set(keys.filter((k): k is string => !!k))] };
}

/** `photos` rows this claim covers (attached or not: callers add `case_id is null`). */
export function claimedBy(claim: PhotoClaim): SQL {
  const parts: SQL[] = [];
  if (claim.uploaders.length) parts.push(sql`${photos.uploader} in (${sql.join(claim.uploaders.map((k) => sql`${k}`), sql`, `)})`);
  if (claim.alsoIds?.length) parts.push(sql`${photos.id} in (${sql.join(claim.alsoIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** 400 naming the photos that cannot be attached (unknown, someone else's, or already used). */
export function photosRefused(field: string, ids: readonly string[]) {
  const list = ids.join(', ');
  return invalidField(field, {
    zh: `照片 ${list} 不存在、不是您上传的，或已用于其他案件，请重新上传`,
    en: `photo ${list} does not exist, was not uploaded by you, or already belongs to a case; upload it again`,
  });
}
