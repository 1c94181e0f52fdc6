import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionCookieName } from '../../platform/auth-plugin.js';
import type { AppContext } from '../../platform/context.js';
import { pickLang } from '../../platform/i18n.js';
import { requirePermission } from './actor.js';
import { login, logout } from './auth.service.js';
import { loginBody, loginResponse, staffListQuery, staffSummary, unitView, userView } from './people.schema.js';
import { presentUser } from './people.presenter.js';
import { listStaffInScope, listUnits, unitOf } from './people.service.js';
import { roleLabels } from './roles.js';
import { publicRateLimit } from '../../platform/hardening.js';

export const peopleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/auth/login',
    { config: publicRateLimit(ctx.config), schema: { tags: ['auth'], summary: 'Sign in with username and password', body: loginBody, response: { 200: loginResponse } } },
    async (request, reply) => {
      const result = await login(ctx, request.body);
      reply.setCookie(sessionCookieName, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        expires: result.expiresAt,
      });
      const unit = await unitOf(ctx, result.user);
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: presentUser(result.user, unit, pickLang(request.headers['accept-language'])) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.sessionToken) await logout(ctx, request.sessionToken);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, with territory and permissions', response: { 200: userView } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'case:read');
      return presentUser(actor, await unitOf(ctx, actor), pickLang(request.headers['accept-language']));
    },
  );

  app.get(
    '/api/v1/staff',
    {
      schema: {
        tags: ['people'],
        summary: 'Staff within your territory (for assignee pickers)',
        querystring: staffListQuery,
        response: { 200: z.object({ items: z.array(staffSummary) }) },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, 'staff:read');
      const lang = pickLang(request.headers['accept-language']);
      const rows = await listStaffInScope(ctx, actor, request.query);
      return { items: rows.map((r) => ({ ...r, roleLabel: roleLabels[r.role][lang] })) };
    },
  );

  app.get(
    '/api/v1/units',
    { schema: { tags: ['people'], summary: 'Departments, offices and partner units', response: { 200: z.object({ items: z.array(unitView) }) } } },
    async (request) => {
      requirePermission(request.actor, 'case:read');
      return { items: await listUnits(ctx) };
    },
  );
};
