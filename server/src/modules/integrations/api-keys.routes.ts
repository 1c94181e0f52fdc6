import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { apiKeyIdParams, apiKeyView, createApiKeyBody, createdApiKeyView } from './api-keys.schema.js';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';

export const apiKeysRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Create an API key for an integration (administrators); the key is in this answer only',
        body: createApiKeyBody,
        response: { 201: createdApiKeyView },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiKey(ctx, request.actor, request.body)),
  );

  app.get(
    '/api/v1/api-keys',
    { schema: { tags: ['integrations'], summary: 'API keys, newest first (administrators)', response: { 200: z.object({ items: z.array(apiKeyView) }) } } },
    async (request) => listApiKeys(ctx, request.actor),
  );

  app.get(
    '/api/v1/api-keys/:id',
    { schema: { tags: ['integrations'], summary: 'One API key (administrators)', params: apiKeyIdParams, response: { 200: apiKeyView } } },
    async (request) => getApiKey(ctx, request.actor, request.params.id),
  );

  app.post(
    '/api/v1/api-keys/:id/revoke',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Revoke an API key: it answers 401 from now on (administrators)',
        params: apiKeyIdParams,
        response: { 200: apiKeyView },
      },
    },
    async (request) => revokeApiKey(ctx, request.actor, request.params.id),
  );
};
