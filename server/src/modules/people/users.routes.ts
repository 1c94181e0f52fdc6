import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { levelLabels, permissionLabels, roleRules } from './role-rules.js';
import { permissions, roleLabels, rolePermissions, roles } from '../../platform/roles.js';
import { territoryLevels } from '../territory/territory.tables.js';
import {
  createUserBody,
  passwordResetView,
  roleMatrixView,
  updateUserBody,
  userAccountView,
  userCreatedView,
  userListQuery,
  userListView,
  userParams,
} from './users.schema.js';
import { createUser, deactivateUser, getUser, listUsers, reactivateUser, resetPassword, updateUser } from './users.service.js';

const scopeNote = 'Administrators manage accounts whose territory lies entirely under their own; any other id answers 404.';

/** Staff accounts and the role matrix, for administrators (`user:admin`). */
export const usersRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['users'];
  app.get(
    '/api/v1/users',
    { schema: { tags, summary: 'Staff accounts you manage, filtered and paged', description: scopeNote, querystring: userListQuery, response: { 200: userListView } } },
    async (request) => listUsers(ctx, request.actor, request.query, request.lang),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a staff account (one-time password unless you choose one; changed at first sign-in)',
        description: 'Node levels per role: see GET /api/v1/roles. Department staff need a unit.',
        body: createUserBody,
        response: { 201: userCreatedView },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(ctx, request.actor, request.body, request.lang)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One staff account', description: scopeNote, params: userParams, response: { 200: userAccountView } } },
    async (request) => getUser(ctx, request.actor, request.params.id, request.lang),
  );
  app.patch(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'Change role, display name, unit or territory (send the version you read)', params: userParams, body: updateUserBody, response: { 200: userAccountView } } },
    async (request) => updateUser(ctx, request.actor, request.params.id, request.body, request.lang),
  );
  app.post(
    '/api/v1/users/:id/deactivate',
    { schema: { tags, summary: 'Deactivate an account and end its sessions (not yourself, not the last administrator)', params: userParams, response: { 200: userAccountView } } },
    async (request) => deactivateUser(ctx, request.actor, request.params.id, request.lang),
  );
  app.post(
    '/api/v1/users/:id/reactivate',
    { schema: { tags, summary: 'Reactivate an account', params: userParams, response: { 200: userAccountView } } },
    async (request) => reactivateUser(ctx, request.actor, request.params.id, request.lang),
  );
  app.post(
    '/api/v1/users/:id/reset-password',
    { schema: { tags, summary: 'Reset the password to a one-time password (shown once); ends sessions and lifts a lock-out', params: userParams, response: { 200: passwordResetView } } },
    async (request) => resetPassword(ctx, request.actor, request.params.id),
  );

  app.get(
    '/api/v1/roles',
    { schema: { tags, summary: 'Roles with their permissions and the territory levels they may hold (read-only)', response: { 200: roleMatrixView } } },
    async (request) => {
      requirePermission(request.actor, 'user:admin');
      return {
        roles: roles.map((role) => ({ role, label: roleLabels[role], permissions: [...rolePermissions[role]], ...roleRules[role], nodeLevels: [...roleRules[role].nodeLevels] })),
        permissions: permissions.map((code) => ({ code, label: permissionLabels[code] })),
        levels: territoryLevels.map((level) => ({ level, label: levelLabels[level] })),
      };
    },
  );
};
