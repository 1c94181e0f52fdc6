import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionCookieName } from '../../platform/auth-plugin.js';
import type { AppContext } from '../../platform/context.js';
import { csrfCookieName, csrfTokenFor } from '../../platform/csrf.js';
import { publicRateLimit } from '../../platform/hardening.js';
import { requirePermission } from '../../platform/actor.js';
import { abilitiesOf } from './abilities.js';
import { changePasswordBody, changePasswordResponse, loginBody, loginResponse, meView, sessionParams, sessionView } from './auth.schema.js';
import { changePassword, listMySessions, login, logout, logoutEverywhere, revokeMySession, type ClientInfo } from './auth.service.js';
import { presentUser } from './people.presenter.js';
import { unitOf } from './people.service.js';

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/**
 * The session cookie is HttpOnly (scripts never see it), SameSite=Lax and Secure whenever the request
 * came over HTTPS (behind a proxy: with WANGGE_TRUST_PROXY). The CSRF cookie is readable on purpose:
 * the page echoes it in X-CSRF-Token.
 */
function setSessionCookies(reply: FastifyReply, token: string, expiresAt: Date) {
  const common = { path: '/', sameSite: 'lax' as const, secure: 'auto' as const, expires: expiresAt };
  reply.setCookie(sessionCookieName, token, { ...common, httpOnly: true });
  reply.setCookie(csrfCookieName, csrfTokenFor(token), { ...common, httpOnly: false });
}

function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(sessionCookieName, { path: '/' });
  reply.clearCookie(csrfCookieName, { path: '/' });
}

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/auth/login',
    {
      // Signing in again (another account, same browser) must not need the old session's token.
      config: { ...publicRateLimit(ctx.config), csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        description: `After ${ctx.config.loginMaxFailures} failed attempts for one username within ${ctx.config.loginLockMinutes} minutes the name is locked for ${ctx.config.loginLockMinutes} minutes: 423 ACCOUNT_LOCKED with Retry-After, the same for names that do not exist.`,
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, request.body, clientOf(request));
      setSessionCookies(reply, result.token, result.expiresAt);
      const unit = await unitOf(ctx, result.user);
      return {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        csrfToken: csrfTokenFor(result.token),
        user: { ...presentUser(result.user, unit, request.lang), abilities: abilitiesOf(result.user.role) },
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.sessionToken) await logout(ctx, request.sessionToken);
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, with territory, permissions, the pages they may open and the CSRF token', response: { 200: meView } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'case:read');
      const isCookie = request.sessionVia === 'cookie' && request.sessionToken;
      // Hands the readable CSRF cookie to sessions that started before it existed.
      if (isCookie && request.cookies[csrfCookieName] !== csrfTokenFor(request.sessionToken!)) {
        reply.setCookie(csrfCookieName, csrfTokenFor(request.sessionToken!), { path: '/', sameSite: 'lax', secure: 'auto', httpOnly: false });
      }
      const user = presentUser(actor, await unitOf(ctx, actor), request.lang);
      return { ...user, abilities: abilitiesOf(actor.role), csrfToken: isCookie ? csrfTokenFor(request.sessionToken!) : null };
    },
  );

  app.get(
    '/api/v1/auth/sessions',
    { schema: { tags: ['auth'], summary: 'My live sessions (devices), the current one marked', response: { 200: z.object({ items: z.array(sessionView) }) } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'case:read');
      return { items: await listMySessions(ctx, actor, request.sessionId) };
    },
  );

  app.delete(
    '/api/v1/auth/sessions/:id',
    { schema: { tags: ['auth'], summary: 'Sign out one of my sessions (another device, or this one)', params: sessionParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'case:read');
      await revokeMySession(ctx, actor, request.params.id, clientOf(request));
      if (request.params.id === request.sessionId) clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    { schema: { tags: ['auth'], summary: 'Sign out on every device, this one included', response: { 200: z.object({ revokedSessions: z.number().int() }) } } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'case:read');
      const revokedSessions = await logoutEverywhere(ctx, actor, clientOf(request));
      clearSessionCookies(reply);
      return { revokedSessions };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: publicRateLimit(ctx.config),
      schema: {
        tags: ['auth'],
        summary: 'Change my password (ends my other sessions)',
        description:
          'New passwords: at least 10 characters; at least 3 of lower case, upper case, digits and symbols — or a passphrase of 16+ characters; ' +
          'not containing the username; not a common password; not the current one. Each broken rule is one entry under `errors` (field newPassword).',
        body: changePasswordBody,
        response: { 200: changePasswordResponse },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'case:read');
      return changePassword(ctx, actor, request.sessionId, request.body, clientOf(request));
    },
  );
};
