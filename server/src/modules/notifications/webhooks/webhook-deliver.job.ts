import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.js';
import { defineJob, exponentialBackoff } from '../../../platform/jobs/jobs.js';
import { webhookDeliveries, webhookSubscriptions, type WebhookDeliveryRow } from '../notifications.tables.js';
import { checkWebhookUrl } from './url-guard.js';
import { signWebhook } from './webhook-signature.js';
import { deliverJobKind, enqueueAttempt } from './webhook-queue.js';

export const webhookTimeoutMs = 10_000;

interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** One POST: signed, 10 s timeout, redirects not followed (a 3xx is a failure). */
async function post(ctx: AppContext, url: string, secret: string, d: WebhookDeliveryRow): Promise<AttemptResult> {
  try {
    await checkWebhookUrl(url, ctx.config.webhookAllowPrivate);
    const t = Math.floor(ctx.clock.now().getTime() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(webhookTimeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Wangge-Webhooks/1',
        'x-wangge-event': d.eventType,
        'x-wangge-delivery': d.id,
        'x-wangge-signature': signWebhook(secret, t, d.requestBody),
      },
      body: d.requestBody,
    });
    await response.arrayBuffer().catch(() => undefined); // release the connection
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `answered ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
}

/**
 * Makes attempt `attempt` of a delivery and records it: delivered on 2xx; otherwise the next attempt
 * is enqueued after an exponential back-off, until `webhookMaxAttempts`, then the delivery is dead.
 * A job of an older round (superseded by a replay) does nothing.
 */
export async function attemptDelivery(ctx: AppContext, deliveryId: string, round: number, attempt: number): Promise<WebhookDeliveryRow | undefined> {
  const [d] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  if (!d || d.round !== round || d.status === 'delivered' || d.status === 'dead') return d;
  const [sub] = await ctx.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, d.subscriptionId));
  const result: AttemptResult = sub?.isActive
    ? await post(ctx, sub.url, ctx.secrets.decrypt(sub.secretEncrypted), d)
    : { ok: false, status: null, error: 'subscription deactivated' };
  const now = ctx.clock.now();
  const isLast = !sub?.isActive || attempt >= ctx.config.webhookMaxAttempts || d.eventType === 'webhook.ping';
  const nextAt = new Date(now.getTime() + exponentialBackoff(attempt) * 1000);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({
        attempts: d.attempts + 1,
        responseStatus: result.status,
        lastError: result.error,
        status: result.ok ? 'delivered' : isLast ? 'dead' : 'failed',
        deliveredAt: result.ok ? now : d.deliveredAt,
        nextAttemptAt: result.ok || isLast ? null : nextAt,
        updatedAt: now,
      })
      .where(eq(webhookDeliveries.id, d.id))
      .returning();
    if (!result.ok && !isLast) await enqueueAttempt(tx, d.id, round, attempt + 1, nextAt);
    return updated;
  });
}

export const webhookDeliverJob = defineJob<{ deliveryId: string; round: number; attempt: number }>({
  kind: deliverJobKind,
  maxAttempts: 3,
  leaseSeconds: 60,
  async run(ctx, { deliveryId, round, attempt }) {
    await attemptDelivery(ctx, deliveryId, round, attempt);
  },
});
