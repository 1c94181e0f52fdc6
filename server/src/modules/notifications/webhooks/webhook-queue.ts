import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.js';
import { rowsOf, type Database } from '../../../platform/db/database.js';
import { newId } from '../../../platform/ids.js';
import { enqueueJob } from '../../../platform/jobs/jobs.js';
import type { CaseRow } from '../../cases/cases.tables.js';
import { webhookDeliveries, type NotificationEventRow } from '../notifications.tables.js';

export const deliverJobKind = 'webhooks.deliver';

/** The JSON a subscriber receives: the event and the case's references, never personal data. */
export function webhookBody(event: Pick<NotificationEventRow, 'id' | 'type' | 'at' | 'data'>, c: CaseRow | undefined): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.at.toISOString(),
    case: c
      ? {
          id: c.id,
          number: c.number,
          status: c.status,
          colour: c.colour,
          level: c.level,
          categoryCode: c.categoryCode,
          territoryPath: c.territoryPath,
          respondBy: c.respondBy.toISOString(),
          resolveBy: c.resolveBy?.toISOString() ?? null,
        }
      : null,
    data: event.data,
  });
}

/** Enqueues attempt `attempt` of round `round` of a delivery; the key makes each attempt exist once. */
export async function enqueueAttempt(db: Database, deliveryId: string, round: number, attempt: number, runAt?: Date): Promise<void> {
  await enqueueJob(db, deliverJobKind, { deliveryId, round, attempt }, { dedupeKey: `webhook:${deliveryId}:r${round}:a${attempt}`, runAt, maxAttempts: 3 });
}

/**
 * One delivery per active subscription that wants this event type and whose territory contains the
 * case, written in the fan-out's transaction (the unique subscription × event key makes it once).
 */
export async function queueWebhookDeliveries(ctx: AppContext, tx: Database, event: NotificationEventRow, c: CaseRow): Promise<void> {
  const result = await tx.execute(sql`
    select s.id from webhook_subscriptions s
    where s.is_active and ${event.type} = any(s.event_types)
      and exists (select 1 from territory_nodes n where n.id = any(s.node_ids) and ${c.territoryPath} like n.path || '%')`);
  const subscriptionIds = rowsOf<{ id: string }>(result).map((r) => r.id);
  if (subscriptionIds.length === 0) return;
  const body = webhookBody(event, c);
  const now = ctx.clock.now();
  const inserted = await tx
    .insert(webhookDeliveries)
    .values(subscriptionIds.map((subscriptionId) => ({ id: newId(), subscriptionId, eventId: event.id, eventType: event.type, requestBody: body, createdAt: now, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  for (const d of inserted) await enqueueAttempt(tx, d.id, 0, 1);
}
