import { z } from 'zod';
import { knownEventTypes } from '../event-types.js';
import { webhookDeliveryStatuses } from '../notifications.tables.js';
import { textInput } from '../../../platform/text.js';
import { versionInput } from '../../../platform/numbers.js';

const eventType = z.enum(knownEventTypes as [string, ...string[]]);

export const createWebhookBody = z
  .object({
    name: textInput().trim().min(2).max(80).describe('Who receives it, e.g. “区12345平台”'),
    url: textInput().trim().min(8).max(500).describe('http(s) URL the events are POSTed to'),
    eventTypes: z.array(eventType).min(1).max(40),
    nodeCodes: z.array(textInput().trim().min(6).max(40)).min(1).max(50).describe('Only events of cases under these territory nodes'),
    isActive: z.boolean().default(true),
  })
  .meta({ id: 'CreateWebhook' });
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .object({
    version: versionInput(),
    name: textInput().trim().min(2).max(80).optional(),
    url: textInput().trim().min(8).max(500).optional(),
    eventTypes: z.array(eventType).min(1).max(40).optional(),
    nodeCodes: z.array(textInput().trim().min(6).max(40)).min(1).max(50).optional(),
    isActive: z.boolean().optional(),
  })
  .meta({ id: 'UpdateWebhook' });
export type UpdateWebhookInput = z.infer<typeof updateWebhookBody>;

export const webhookView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    nodes: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), level: z.string() })),
    isActive: z.boolean(),
    createdById: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Webhook' });

export const createdWebhookView = webhookView
  .extend({ secret: z.string().describe('The signing secret. Shown only in this answer: store it now') })
  .meta({ id: 'CreatedWebhook' });

export const webhookIdParams = z.object({ id: textInput().uuid('订阅编号格式不正确|not a webhook id') });
export const deliveryIdParams = z.object({ id: textInput().uuid('投递编号格式不正确|not a delivery id') });

export const webhookDeliveryView = z
  .object({
    id: z.string().uuid().describe('Also sent as X-Wangge-Delivery (the same on retries and replays)'),
    subscriptionId: z.string().uuid(),
    subscriptionName: z.string(),
    eventId: z.string().uuid().nullable(),
    eventType: z.string(),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    requestBody: z.string().describe('The exact JSON that was signed and sent'),
  })
  .meta({ id: 'WebhookDelivery' });

export const listDeliveriesQuery = z.object({
  subscriptionId: textInput().uuid('订阅编号格式不正确|not a webhook id').optional(),
  status: z.enum(webhookDeliveryStatuses).optional(),
  eventType: textInput().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: textInput().uuid('分页游标格式不正确|not a delivery id').optional(),
});
