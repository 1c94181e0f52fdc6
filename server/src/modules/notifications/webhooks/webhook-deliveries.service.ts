import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/audit.record.js';
import { requirePermission, type Actor } from '../../../platform/actor.js';
import { webhookDeliveries, type WebhookDeliveryStatus } from '../notifications.tables.js';
import { presentDelivery } from './delivery-view.js';
import { enqueueAttempt } from './webhook-queue.js';
import { findWebhook, listWebhooks } from './webhooks.service.js';

const deliveryNotFound = () => notFound({ zh: '找不到该投递记录', en: 'No such webhook delivery' });

/** The delivery log of the subscriptions the administrator can see, newest first. */
export async function listDeliveries(
  ctx: AppContext,
  actorInput: Actor,
  query: { subscriptionId?: string; status?: WebhookDeliveryStatus; eventType?: string; limit: number; before?: string },
) {
  const visible = (await listWebhooks(ctx, actorInput)).items;
  const names = new Map(visible.map((s) => [s.id, s.name]));
  const ids = query.subscriptionId ? visible.filter((s) => s.id === query.subscriptionId).map((s) => s.id) : [...names.keys()];
  if (ids.length === 0) return { items: [], nextBefore: null };
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.subscriptionId, ids),
        query.status ? eq(webhookDeliveries.status, query.status) : undefined,
        query.eventType ? eq(webhookDeliveries.eventType, query.eventType) : undefined,
        query.before ? lt(webhookDeliveries.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: page.map((d) => presentDelivery(d, names.get(d.subscriptionId) ?? '')), nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

/**
 * Sends a delivery again: a new round of attempts with the same body and delivery id (receivers
 * that dedupe on X-Wangge-Delivery see a repeat). A delivery still waiting for its first attempt is 409.
 */
export async function replayDelivery(ctx: AppContext, actorInput: Actor, id: string) {
  const actor = requirePermission(actorInput, 'webhook:admin');
  const [d] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  if (!d) throw deliveryNotFound();
  const { row: sub } = await findWebhook(ctx, actor, d.subscriptionId).catch(() => {
    throw deliveryNotFound();
  });
  if (d.status === 'pending') throw new AppError('INVALID_TRANSITION', { detail: { zh: '该投递尚在排队，无需重发', en: 'This delivery is still queued; nothing to replay' } });
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', round: d.round + 1, nextAttemptAt: now, updatedAt: now })
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.round, d.round)))
      .returning();
    if (!row) throw new AppError('STALE_VERSION', { detail: { zh: '该投递刚被重发过，请刷新', en: 'This delivery was just replayed; reload' } });
    await enqueueAttempt(tx, id, row.round, 1, now);
    await recordAudit(tx, actor, { action: 'webhook.replay', entityType: 'webhook_delivery', entityId: id, data: { subscriptionId: d.subscriptionId, round: row.round } }, now);
    return row;
  });
  return presentDelivery(updated, sub.name);
}
