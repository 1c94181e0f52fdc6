import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { createPolicyBody, deletePolicyQuery, policyList, policyParams, policyView, resolveQuery, resolveView, updatePolicyBody } from './deadlines.schema.js';
import { createPolicy, deletePolicy, listPolicies, resolvePolicy, updatePolicy } from './policies.service.js';

export const deadlinesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/deadline-policies',
    { schema: { tags: ['deadlines'], summary: 'Deadline policies (时限策略), most specific first', response: { 200: policyList } } },
    async (request) => listPolicies(ctx, request.actor),
  );
  app.get(
    '/api/v1/deadline-policies/resolve',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'The limits a case of this category × colour × level gets, and where they come from',
        querystring: resolveQuery,
        response: { 200: resolveView },
      },
    },
    async (request) => resolvePolicy(ctx, request.actor, request.query),
  );
  app.post(
    '/api/v1/deadline-policies',
    { schema: { tags: ['deadlines'], summary: 'Add a deadline policy — category:edit', body: createPolicyBody, response: { 201: policyView } } },
    async (request, reply) => reply.code(201).send(await createPolicy(ctx, request.actor, request.body)),
  );
  app.patch(
    '/api/v1/deadline-policies/:id',
    { schema: { tags: ['deadlines'], summary: 'Edit a deadline policy (409 on a stale version) — category:edit', params: policyParams, body: updatePolicyBody, response: { 200: policyView } } },
    async (request) => updatePolicy(ctx, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/deadline-policies/:id',
    { schema: { tags: ['deadlines'], summary: 'Remove a deadline policy (409 on a stale version) — category:edit', params: policyParams, querystring: deletePolicyQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await deletePolicy(ctx, request.actor, request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  );
};
