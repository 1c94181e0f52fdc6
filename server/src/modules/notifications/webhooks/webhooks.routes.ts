import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { listDeliveries, replayDelivery } from './webhook-deliveries.service.js';
import {
  createdWebhookView,
  createWebhookBody,
  deliveryIdParams,
  listDeliveriesQuery,
  updateWebhookBody,
  webhookDeliveryView,
  webhookIdParams,
  webhookView,
} from './webhooks.schema.js';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, pingWebhook, updateWebhook } from './webhooks.service.js';

const tags = ['webhooks'];

/** Outgoing webhook administration (webhook:admin), limited to subscriptions under the caller's nodes. */
export const webhooksRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/webhooks',
    { schema: { tags, summary: 'Subscribe a URL to events of cases under some nodes; the signing secret is in this answer only', body: createWebhookBody, response: { 201: createdWebhookView } } },
    async (request, reply) => reply.code(201).send(await createWebhook(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/webhooks',
    { schema: { tags, summary: 'Webhook subscriptions, newest first', response: { 200: z.object({ items: z.array(webhookView) }) } } },
    async (request) => listWebhooks(ctx, request.actor),
  );
  app.get(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: 'One webhook subscription', params: webhookIdParams, response: { 200: webhookView } } },
    async (request) => getWebhook(ctx, request.actor, request.params.id),
  );
  app.patch(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: 'Change a subscription (name, URL, event types, nodes, active); needs the current version', params: webhookIdParams, body: updateWebhookBody, response: { 200: webhookView } } },
    async (request) => updateWebhook(ctx, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: 'Delete a subscription and its delivery log', params: webhookIdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteWebhook(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/webhooks/:id/ping',
    { schema: { tags, summary: 'Send a signed webhook.ping now (one attempt) and answer with its delivery record', params: webhookIdParams, response: { 200: webhookDeliveryView } } },
    async (request) => pingWebhook(ctx, request.actor, request.params.id),
  );
  app.get(
    '/api/v1/webhook-deliveries',
    {
      schema: {
        tags,
        summary: 'Delivery log, newest first (filters: subscription, status, event type; cursor paging)',
        querystring: listDeliveriesQuery,
        response: { 200: z.object({ items: z.array(webhookDeliveryView), nextBefore: z.string().nullable() }) },
      },
    },
    async (request) => listDeliveries(ctx, request.actor, request.query),
  );
  app.post(
    '/api/v1/webhook-deliveries/:id/replay',
    { schema: { tags, summary: 'Send a delivery again: same body, same delivery id, a new round of attempts', params: deliveryIdParams, response: { 202: webhookDeliveryView } } },
    async (request, reply) => reply.code(202).send(await replayDelivery(ctx, request.actor, request.params.id)),
  );
};
