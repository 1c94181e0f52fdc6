import { randomBytes } from 'node:crypto';
import { desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.js';
import { AppError, invalidField, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordAudit } from '../../../platform/audit/audit.record.js';
import { actorCoversPath, requirePermission, type Actor, type StaffActor } from '../../../platform/actor.js';
import { territoryNodes } from '../../territory/territory.tables.js';
import { webhookDeliveries, webhookSubscriptions, type WebhookSubscriptionRow } from '../notifications.tables.js';
import { checkWebhookUrl, UnsafeUrlError } from './url-guard.js';
import { attemptDelivery } from './webhook-deliver.job.js';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhooks.schema.js';
import { presentDelivery } from './delivery-view.js';

export const webhookNotFound = () => notFound({ zh: '找不到该 Webhook 订阅', en: 'No such webhook subscription' });

type NodeRef = { id: string; code: string; name: string; level: string; path: string };

async function nodesById(ctx: AppContext, ids: string[]): Promise<Map<string, NodeRef>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level, path: territoryNodes.path })
    .from(territoryNodes)
    .where(inArray(territoryNodes.id, ids));
  return new Map(rows.map((n) => [n.id, n]));
}

/** Every node of the subscription lies under the administrator's own nodes; otherwise it does not exist for them. */
function isVisible(actor: StaffActor, row: WebhookSubscriptionRow, nodes: Map<string, NodeRef>): boolean {
  return row.nodeIds.every((id) => {
    const n = nodes.get(id);
    return n !== undefined && actorCoversPath(actor, n.path);
  });
}

function present(row: WebhookSubscriptionRow, nodes: Map<string, NodeRef>) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    eventTypes: row.eventTypes,
    nodes: row.nodeIds.flatMap((id) => {
      const n = nodes.get(id);
      return n ? [{ id: n.id, code: n.code, name: n.name, level: n.level }] : [];
    }),
    isActive: row.isActive,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function checkedUrl(ctx: AppContext, url: string): Promise<string> {
  try {
    return (await checkWebhookUrl(url, ctx.config.webhookAllowPrivate)).toString();
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw invalidField('url', { zh: error.zh, en: error.en });
    throw error;
  }
}

async function nodeIdsFor(ctx: AppContext, actor: StaffActor, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const rows = await ctx.db.select({ id: territoryNodes.id, code: territoryNodes.code, path: territoryNodes.path }).from(territoryNodes).where(inArray(territoryNodes.code, unique));
  const outside = unique.filter((code) => {
    const n = rows.find((r) => r.code === code);
    return !n || !actorCoversPath(actor, n.path);
  });
  if (outside.length) throw invalidField('nodeCodes', { zh: `区划 ${outside.join('、')} 不存在或不在您的管辖范围内`, en: `${outside.join(', ')}: unknown or outside your territory` });
  return rows.map((r) => r.id);
}

/** A subscription the administrator may see, or 404. */
export async function findWebhook(ctx: AppContext, actor: StaffActor, id: string): Promise<{ row: WebhookSubscriptionRow; nodes: Map<string, NodeRef> }> {
  const [row] = await ctx.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw webhookNotFound();
  const nodes = await nodesById(ctx, row.nodeIds);
  if (!isVisible(actor, row, nodes)) throw webhookNotFound();
  return { row, nodes };
}

export async function listWebhooks(ctx: AppContext, actorInput: Actor) {
  const actor = requirePermission(actorInput, 'webhook:admin');
  const rows = await ctx.db.select().from(webhookSubscriptions).orderBy(desc(webhookSubscriptions.id));
  const nodes = await nodesById(ctx, [...new Set(rows.flatMap((r) => r.nodeIds))]);
  return { items: rows.filter((r) => isVisible(actor, r, nodes)).map((r) => present(r, nodes)) };
}

export async function getWebhook(ctx: AppContext, actorInput: Actor, id: string) {
  const { row, nodes } = await findWebhook(ctx, requirePermission(actorInput, 'webhook:admin'), id);
  return present(row, nodes);
}

/** Creates a subscription; its signing secret is in this answer only (the database keeps it sealed). */
export async function createWebhook(ctx: AppContext, actorInput: Actor, input: CreateWebhookInput) {
  const actor = requirePermission(actorInput, 'webhook:admin');
  const url = await checkedUrl(ctx, input.url);
  const nodeIds = await nodeIdsFor(ctx, actor, input.nodeCodes);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const id = newId();
  const now = ctx.clock.now();
  const eventTypes = [...new Set(input.eventTypes)];
  await ctx.db.transaction(async (tx) => {
    await tx.insert(webhookSubscriptions).values({ id, name: input.name, url, secretEncrypted: ctx.secrets.encrypt(secret), eventTypes, nodeIds, isActive: input.isActive, createdById: actor.id, createdAt: now, updatedAt: now });
    await recordAudit(tx, actor, { action: 'webhook.create', entityType: 'webhook', entityId: id, data: { name: input.name, url, eventTypes, nodeCodes: input.nodeCodes } }, now);
  });
  return { ...(await getWebhook(ctx, actor, id)), secret };
}

export async function updateWebhook(ctx: AppContext, actorInput: Actor, id: string, input: UpdateWebhookInput) {
  const actor = requirePermission(actorInput, 'webhook:admin');
  const { row } = await findWebhook(ctx, actor, id);
  const url = input.url ? await checkedUrl(ctx, input.url) : undefined;
  const nodeIds = input.nodeCodes ? await nodeIdsFor(ctx, actor, input.nodeCodes) : undefined;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(url ? { url } : {}),
        ...(input.eventTypes ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
        ...(nodeIds ? { nodeIds } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
        updatedAt: now,
        version: row.version + 1,
      })
      .where(eq(webhookSubscriptions.id, id))
      .returning({ version: webhookSubscriptions.version });
    if (!updated || row.version !== input.version) {
      throw new AppError('STALE_VERSION', { detail: { zh: `订阅已被修改(当前版本 ${row.version})，请刷新后重试`, en: `The subscription is at version ${row.version}; reload and retry` } });
    }
    const { version: _version, ...changes } = input;
    await recordAudit(tx, actor, { action: 'webhook.update', entityType: 'webhook', entityId: id, data: { ...changes, ...(url ? { url } : {}) } }, now);
  });
  return getWebhook(ctx, actor, id);
}

/** Deletes a subscription and its delivery log (the audit trail keeps that it existed). */
export async function deleteWebhook(ctx: AppContext, actorInput: Actor, id: string): Promise<void> {
  const actor = requirePermission(actorInput, 'webhook:admin');
  const { row } = await findWebhook(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, id));
    await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    await recordAudit(tx, actor, { action: 'webhook.delete', entityType: 'webhook', entityId: id, data: { name: row.name, url: row.url } }, now);
  });
}

/** Sends a `webhook.ping` now (one attempt, no retries) and answers with its delivery record. */
export async function pingWebhook(ctx: AppContext, actorInput: Actor, id: string) {
  const actor = requirePermission(actorInput, 'webhook:admin');
  const { row } = await findWebhook(ctx, actor, id);
  const now = ctx.clock.now();
  const deliveryId = newId();
  const body = JSON.stringify({ id: deliveryId, type: 'webhook.ping', occurredAt: now.toISOString(), case: null, data: { subscriptionId: row.id } });
  await ctx.db.transaction(async (tx) => {
    await tx.insert(webhookDeliveries).values({ id: deliveryId, subscriptionId: row.id, eventId: null, eventType: 'webhook.ping', requestBody: body, createdAt: now, updatedAt: now });
    await recordAudit(tx, actor, { action: 'webhook.ping', entityType: 'webhook', entityId: row.id, data: { deliveryId } }, now);
  });
  const delivered = await attemptDelivery(ctx, deliveryId, 0, 1);
  return presentDelivery(delivered!, row.name);
}
