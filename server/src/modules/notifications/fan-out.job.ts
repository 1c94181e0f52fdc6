import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { defineJob, enqueueJob } from '../../platform/jobs/jobs.js';
import { cases, type CaseRow } from '../cases/cases.tables.js';
import { announceInbox } from './live.js';
import { mailerFor } from './mailer.js';
import { notificationDeliveries, notificationEvents, notifications, type NotificationEventRow } from './notifications.tables.js';
import { fanOutJobKind } from './notify.js';
import { channelsFor } from './preferences.js';
import { resolveRecipients } from './recipients.js';
import { sendJobKind } from './send.job.js';
import { queueWebhookDeliveries } from './webhooks/webhook-queue.js';

/**
 * Records one email or SMS delivery and enqueues its send job. The unique (event, channel,
 * recipient) key makes a re-run of the fan-out a no-op; a channel that cannot work (no SMTP) is
 * recorded as skipped so the log says why nothing was sent.
 */
async function queueDelivery(ctx: AppContext, tx: Database, event: NotificationEventRow, channel: 'email' | 'sms', staffId: string | null, recipientKey = staffId ?? 'reporter'): Promise<void> {
  const now = ctx.clock.now();
  const disabled = channel === 'email' && !mailerFor(ctx.config);
  const [row] = await tx
    .insert(notificationDeliveries)
    .values({
      id: newId(),
      eventId: event.id,
      recipientKey,
      staffId,
      channel,
      status: disabled ? 'skipped' : 'pending',
      lastError: disabled ? 'email channel disabled (WANGGE_SMTP_URL unset)' : null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: notificationDeliveries.id });
  if (row && !disabled) await enqueueJob(tx, sendJobKind, { deliveryId: row.id }, { dedupeKey: `notify.send:${row.id}`, maxAttempts: 5 });
}

/**
 * Fans one outbox event out: resolves recipients, writes inbox rows for those who want in-app,
 * queues email/SMS deliveries and webhook deliveries, all in one transaction, then wakes the
 * live streams. Idempotent: every insert is keyed, and a fanned-out event is skipped.
 */
export const fanOutJob = defineJob<{ eventId: string }>({
  kind: fanOutJobKind,
  maxAttempts: 10,
  async run(ctx, { eventId }) {
    const [event] = await ctx.db.select().from(notificationEvents).where(eq(notificationEvents.id, eventId));
    if (!event || event.fannedOutAt) return;
    let caseRow: CaseRow | undefined;
    if (event.caseId) [caseRow] = await ctx.db.select().from(cases).where(eq(cases.id, event.caseId));
    const who = await resolveRecipients(ctx.db, event, caseRow);
    const channels = await channelsFor(ctx.db, who.staffIds, event.type);
    const inbox = who.staffIds.filter((id) => channels.get(id)?.includes('in_app'));
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      if (inbox.length > 0) {
        await tx
          .insert(notifications)
          .values(inbox.map((staffId) => ({ id: newId(), staffId, eventId: event.id, type: event.type, caseId: event.caseId, data: event.data, createdAt: event.at })))
          .onConflictDoNothing();
      }
      for (const staffId of who.staffIds) {
        for (const channel of ['email', 'sms'] as const) {
          if (channels.get(staffId)?.includes(channel)) await queueDelivery(ctx, tx, event, channel, staffId);
        }
      }
      if (who.reporter) await queueDelivery(ctx, tx, event, 'sms', null);
      for (const key of who.followers) await queueDelivery(ctx, tx, event, 'sms', null, key);
      if (caseRow) await queueWebhookDeliveries(ctx, tx, event, caseRow);
      await tx
        .update(notificationEvents)
        .set({ fannedOutAt: now, ...(who.dutyAdded ? { data: { ...event.data, dutyAdded: true } } : {}) })
        .where(eq(notificationEvents.id, event.id));
    });
    announceInbox(inbox);
  },
});
