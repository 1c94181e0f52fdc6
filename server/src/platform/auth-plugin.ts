import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { publicActor, type Actor } from './actor.js';
import type { AppContext } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | undefined;
    /** The signed-in session behind this request (for "my sessions" and revoking the current one). */
    sessionId: string | undefined;
    /**
     * How the session token came: CSRF protection (csrf.ts) applies to cookie sessions only.
     * `strict-cookie`: the residents' cookie, SameSite=Strict — browsers never attach it to a request
     * another site starts, so it needs no double-submit token (and so never fights the staff one).
     */
    sessionVia: 'cookie' | 'bearer' | 'strict-cookie' | undefined;
  }
}

export const sessionCookieName = 'wangge_session';
/** Residents' session cookie (HttpOnly, SameSite=Strict), apart from the staff one. */
export const residentCookieName = 'wangge_resident';

/**
 * How each kind of caller is recognised, handed in by app.ts from the modules that own them
 * (integrations, residents, people): the platform only orders the checks.
 */
export interface AuthResolvers {
  /** The API key presented (X-Api-Key, or a `Bearer wgk_…`), if any. */
  apiKeyFrom(headers: FastifyRequest['headers']): string | undefined;
  /** The integration behind a key; throws the 401 for an unknown or revoked one. */
  authenticateApiKey(ctx: AppContext, key: string, ip: string | undefined): Promise<Actor>;
  /** Residents' bearer tokens start with this. */
  residentTokenPrefix: string;
  authenticateResident(ctx: AppContext, token: string): Promise<Actor | undefined>;
  /** A staff session token → the staff member and the session. */
  authenticateStaff(ctx: AppContext, token: string): Promise<{ actor: Actor; sessionId: string } | undefined>;
}

function bearerFrom(authorization: string | undefined): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim() || undefined;
  return undefined;
}

/**
 * Resolves who is calling — a bearer token or the session cookie — before any handler runs.
 * An unknown or expired token is treated as nobody (the route then answers 401 where sign-in is needed).
 */
export const authPlugin = fp(async function auth(app: FastifyInstance, opts: { ctx: AppContext; resolvers: AuthResolvers }) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('sessionId', undefined);
  app.decorateRequest('sessionVia', undefined);
  const { apiKeyFrom, authenticateApiKey, residentTokenPrefix, authenticateResident, authenticateStaff } = opts.resolvers;
  app.addHook('onRequest', async (request) => {
    request.actor = publicActor;
    // Integrations: a presented API key is valid or a 401 — never an anonymous caller.
    const apiKey = apiKeyFrom(request.headers);
    if (apiKey) {
      request.actor = await authenticateApiKey(opts.ctx, apiKey, request.ip);
      return;
    }
    const bearer = bearerFrom(request.headers.authorization);
    // Residents: a `wgr_` bearer token, or their cookie. With both cookies in one browser (staff
    // trying the resident pages) the resident routes take the resident's, all others the staff one.
    const residentCookie = request.cookies?.[residentCookieName] || undefined;
    const residentToken = bearer
      ? bearer.startsWith(residentTokenPrefix) ? bearer : undefined
      : residentCookie && (request.url.startsWith('/api/v1/resident/') || !request.cookies?.[sessionCookieName]) ? residentCookie : undefined;
    const resident = residentToken ? await authenticateResident(opts.ctx, residentToken) : undefined;
    if (resident) {
      request.actor = resident;
      request.sessionToken = residentToken;
      request.sessionVia = bearer ? 'bearer' : 'strict-cookie';
      return;
    }
    const token = bearer ?? (request.cookies?.[sessionCookieName] || undefined);
    if (!token) return;
    const session = await authenticateStaff(opts.ctx, token);
    if (session) {
      request.actor = session.actor;
      request.sessionToken = token;
      request.sessionId = session.sessionId;
      request.sessionVia = bearer ? 'bearer' : 'cookie';
    }
  });
});
