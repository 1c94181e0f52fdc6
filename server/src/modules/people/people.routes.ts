import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { authRoutes } from './auth.routes.js';
import { createUnitBody, staffListQuery, staffSummary, unitParams, unitView, updateUnitBody } from './people.schema.js';
import { listStaffInScope } from './people.service.js';
import { roleLabels } from '../../platform/roles.js';
import { createUnit, listUnits, updateUnit } from './units.service.js';
import { usersRoutes } from './users.routes.js';

/** People: sign-in and sessions, staff pickers, units, and (for administrators) accounts and roles. */
export const peopleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(authRoutes, { ctx });
  await app.register(usersRoutes, { ctx });

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
      const lang = request.lang;
      const rows = await listStaffInScope(ctx, actor, request.query);
      return { items: rows.map((r) => ({ ...r, roleLabel: roleLabels[r.role][lang] })) };
    },
  );

  app.get(
    '/api/v1/units',
    { schema: { tags: ['people'], summary: 'Departments, offices, communities and partner units', response: { 200: z.object({ items: z.array(unitView) }) } } },
    async (request) => {
      requirePermission(request.actor, 'case:read');
      return { items: await listUnits(ctx) };
    },
  );
  app.post(
    '/api/v1/units',
    { schema: { tags: ['people'], summary: 'Add a unit — administrators', body: createUnitBody, response: { 201: unitView } } },
    async (request, reply) => reply.code(201).send(await createUnit(ctx, request.actor, request.body)),
  );
  app.patch(
    '/api/v1/units/:id',
    { schema: { tags: ['people'], summary: 'Edit a unit you manage (send the version you read) — administrators', params: unitParams, body: updateUnitBody, response: { 200: unitView } } },
    async (request) => updateUnit(ctx, request.actor, request.params.id, request.body),
  );
};
