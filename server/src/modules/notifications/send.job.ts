import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import type { SmsTemplateId } from '../../platform/sms.js';
import { cases, reporters, type CaseRow } from '../cases/cases.tables.js';
import { trackingCodeOf } from '../cases/index.js';
import { staff } from '../people/people.tables.js';
import { residents } from '../residents/residents.tables.js';
import { mailerFor } from './mailer.js';
import { notificationDeliveries, notificationEvents, type NotificationEventRow } from './notifications.tables.js';
import { localesOf } from './preferences.js';
import { renderEvent } from './render-event.js';
import { publicBaseUrlOf } from '../../config.js';
import { trackingLink } from './templates.js';

export const sendJobKind = 'notifications.send';

/** Why a delivery is recorded as skipped instead of sent: nothing to send to, nothing to retry. */
class Skip extends Error {}

/** Reporter texts exist for these event types only (approved SMS templates); others are not sent to reporters. */
const reporterTemplates: Record<string, SmsTemplateId> = {
  'case.reported': 'case_reported',
  'case.closed': 'case_closed',
  'case.rejected': 'case_rejected',
};

async function sendToReporter(ctx: AppContext, event: NotificationEventRow, c: CaseRow | undefined): Promise<void> {
  const template = reporterTemplates[event.type];
  if (!template || !c?.reporterId) throw new Skip(`no reporter text for ${event.type}`);
  const [rep] = await ctx.db.select().from(reporters).where(eq(reporters.id, c.reporterId));
  if (!rep?.phoneEncrypted || rep.erasedAt) throw new Skip('the reporter left no phone (or it was erased)');
  const code = trackingCodeOf(ctx, c) ?? '';
  const link = trackingLink(publicBaseUrlOf(ctx.config), c.number, code);
  await ctx.sms.send(ctx.secrets.decrypt(rep.phoneEncrypted), template, { number: c.number, code, link });
}

/** What a follower's text says happened (the `change` of a `case.follow-update` event). */
const followerChanges: Record<string, string> = { dispatched: '已派单办理', handled: '已处置完毕', closed: '已办结', reopened: '已重新办理' };

/**
 * A follower (附议, modules/duplicates) hears of the case like a reporter, by SMS: the phone is the one
 * sealed on their resident account or reporter row (`recipientKey` = `resident:<id>` / `reporter:<id>`).
 */
async function sendToFollower(ctx: AppContext, recipientKey: string, event: NotificationEventRow, c: CaseRow | undefined): Promise<void> {
  const change = followerChanges[String(event.data['change'])];
  if (event.type !== 'case.follow-update' || !change || !c) throw new Skip(`no follower text for ${event.type}`);
  const [kind, id] = recipientKey.split(':');
  const [who] =
    kind === 'resident'
      ? await ctx.db.select({ phone: residents.phoneEncrypted, erasedAt: residents.erasedAt }).from(residents).where(eq(residents.id, id!))
      : await ctx.db.select({ phone: reporters.phoneEncrypted, erasedAt: reporters.erasedAt }).from(reporters).where(eq(reporters.id, id!));
  if (!who?.phone || who.erasedAt) throw new Skip('the follower left no phone (or it was erased)');
  const link = `${publicBaseUrlOf(ctx.config)}/r/cases`;
  await ctx.sms.send(ctx.secrets.decrypt(who.phone), 'case_follow_update', { number: c.number, change, link });
}

async function sendToStaff(ctx: AppContext, channel: 'email' | 'sms', staffId: string, deliveryId: string, event: NotificationEventRow, c: CaseRow | undefined): Promise<void> {
  const [person] = await ctx.db.select({ email: staff.email, phone: staff.phoneEncrypted, isActive: staff.isActive }).from(staff).where(eq(staff.id, staffId));
  if (!person?.isActive) throw new Skip('account inactive');
  const lang = (await localesOf(ctx.db, [staffId])).get(staffId) ?? 'zh';
  const text = renderEvent(ctx, event, c, lang);
  if (channel === 'email') {
    const mailer = mailerFor(ctx.config);
    if (!mailer) throw new Skip('email channel disabled (WANGGE_SMTP_URL unset)');
    if (!person.email) throw new Skip('no email address on the staff profile');
    await mailer.send({ to: person.email, subject: text.title, text: `${text.body}\n`, messageId: `<${deliveryId}@wangge>` });
    return;
  }
  if (!person.phone) throw new Skip('no phone on the staff profile');
  await ctx.sms.send(ctx.secrets.decrypt(person.phone), 'staff_notice', { text: text.body });
}

/**
 * Sends one email or SMS delivery and records the attempt. A delivery already `sent` is not sent
 * again (a re-run after a crash between the send and the job's completion finds it so); a failed
 * send is retried by the job's back-off and marked `failed` after the last attempt.
 */
export const sendJob = defineJob<{ deliveryId: string }>({
  kind: sendJobKind,
  maxAttempts: 5,
  leaseSeconds: 120,
  async run(ctx, { deliveryId }, job) {
    const [d] = await ctx.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, deliveryId));
    if (!d || d.status === 'sent' || d.status === 'skipped') return;
    const [event] = await ctx.db.select().from(notificationEvents).where(eq(notificationEvents.id, d.eventId));
    if (!event) return;
    let c: CaseRow | undefined;
    if (event.caseId) [c] = await ctx.db.select().from(cases).where(eq(cases.id, event.caseId));
    const record = (patch: Partial<typeof notificationDeliveries.$inferInsert>) =>
      ctx.db
        .update(notificationDeliveries)
        .set({ ...patch, attempts: sql`${notificationDeliveries.attempts} + 1`, updatedAt: ctx.clock.now() })
        .where(eq(notificationDeliveries.id, d.id));
    try {
      if (d.staffId) await sendToStaff(ctx, d.channel, d.staffId, d.id, event, c);
      else if (d.recipientKey.includes(':')) await sendToFollower(ctx, d.recipientKey, event, c);
      else await sendToReporter(ctx, event, c);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      if (error instanceof Skip) return void (await record({ status: 'skipped', lastError: message }));
      await record({ status: job.attempt >= job.maxAttempts ? 'failed' : 'pending', lastError: message });
      throw error;
    }
    await record({ status: 'sent', sentAt: ctx.clock.now(), lastError: null });
  },
});
