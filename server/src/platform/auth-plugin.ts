import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publicActor, type Actor } from '../modules/people/actor.js';
import { authenticate } from '../modules/people/auth.service.js';
import type { AppContext } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | undefined;
  }
}

export const sessionCookieName = 'wangge_session';

function tokenFrom(authorization: string | undefined, cookie: string | undefined): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim() || undefined;
  return cookie || undefined;
}

/**
 * Resolves who is calling — a bearer token or the session cookie — before any handler runs.
 * An unknown or expired token is treated as nobody (the route then answers 401 where sign-in is needed).
 */
export const authPlugin = fp(async function auth(app: FastifyInstance, opts: { ctx: AppContext }) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (request) => {
    request.actor = publicActor;
    const token = tokenFrom(request.headers.authorization, request.cookies?.[sessionCookieName]);
    if (!token) return;
    const actor = await authenticate(opts.ctx, token);
    if (actor) {
      request.actor = actor;
      request.sessionToken = token;
    }
  });
});
