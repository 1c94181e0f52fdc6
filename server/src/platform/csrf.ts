import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` on routes that start a session (sign-in): they must work whatever cookie the browser still holds. */
    csrf?: boolean;
  }
}

export const csrfCookieName = 'wangge_csrf';
export const csrfHeaderName = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: an HMAC keyed by the session token itself, so it is bound to that
 * session, needs no storage and no server key, and reveals nothing about the token (the page may
 * read it; the session cookie stays HttpOnly).
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('wangge:csrf').digest('base64url');
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Double-submit protection for cookie sessions. A browser attaches the session cookie to any
 * request, including one forged by another site; only our own pages can read the `wangge_csrf`
 * cookie (or the token from /auth/me) and echo it in `X-CSRF-Token`. So every state-changing
 * request authenticated by the cookie must carry it. Bearer tokens are not sent automatically,
 * and requests without a session (resident report, photo upload, tracking) have nothing to forge,
 * so neither is checked; nor are routes marked `config: { csrf: false }` (sign-in, which must work
 * even when the browser still holds another session's cookie). Runs after the auth plugin, which
 * sets `request.sessionVia`.
 */
export const csrfPlugin = fp(async function csrf(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method)) return;
    if (request.sessionVia !== 'cookie' || !request.sessionToken) return;
    if (request.routeOptions.config?.csrf === false) return;
    const sent = request.headers[csrfHeaderName];
    if (typeof sent === 'string' && sameToken(sent, csrfTokenFor(request.sessionToken))) return;
    throw new AppError('CSRF_REJECTED', {
      detail: {
        zh: `使用登录 Cookie 的修改请求须带 X-CSRF-Token 请求头（登录或 /api/v1/auth/me 返回的 csrfToken）`,
        en: 'A state-changing request signed in by cookie must send the X-CSRF-Token header (the csrfToken from sign-in or /api/v1/auth/me)',
      },
    });
  });
});
