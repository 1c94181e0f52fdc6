import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import {
  categoryParams,
  categoryView,
  createCategoryBody,
  createGroupBody,
  groupParams,
  groupView,
  taxonomyQuery,
  taxonomyView,
  updateCategoryBody,
  updateGroupBody,
} from './categories.schema.js';
import { createCategory, createGroup, getTaxonomy, updateCategory, updateGroup } from './categories.service.js';

export const categoriesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/categories',
    { schema: { tags: ['categories'], summary: 'Demand types and the two-level category taxonomy', querystring: taxonomyQuery, response: { 200: taxonomyView } } },
    async (request) => getTaxonomy(ctx, request.query.includeInactive),
  );
  app.post(
    '/api/v1/categories',
    { schema: { tags: ['categories'], summary: 'Add a category (小类) — admins', body: createCategoryBody, response: { 201: categoryView } } },
    async (request, reply) => reply.code(201).send(await createCategory(ctx, request.actor, request.body)),
  );
  app.patch(
    '/api/v1/categories/:code',
    { schema: { tags: ['categories'], summary: 'Edit a category — admins', params: categoryParams, body: updateCategoryBody, response: { 200: categoryView } } },
    async (request) => updateCategory(ctx, request.actor, request.params.code, request.body),
  );
  app.post(
    '/api/v1/category-groups',
    { schema: { tags: ['categories'], summary: 'Add a category group (大类) — admins', body: createGroupBody, response: { 201: groupView } } },
    async (request, reply) => reply.code(201).send(await createGroup(ctx, request.actor, request.body)),
  );
  app.patch(
    '/api/v1/category-groups/:code',
    { schema: { tags: ['categories'], summary: 'Edit a category group — admins', params: groupParams, body: updateGroupBody, response: { 200: groupView } } },
    async (request) => updateGroup(ctx, request.actor, request.params.code, request.body),
  );
};
