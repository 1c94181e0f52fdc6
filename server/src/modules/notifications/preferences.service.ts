import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { invalidField } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import type { StaffActor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { defaultChannels, isKnownEventType, knownEventTypes } from './event-types.js';
import { mailerFor } from './mailer.js';
import type { UpdatePreferencesInput } from './notifications.schema.js';
import { notificationPreferences, notificationSettings, type NotificationChannel } from './notifications.tables.js';

/** The caller's matrix: every known event type × channel, their choice or the default, and their language. */
export async function getMyPreferences(ctx: AppContext, actor: StaffActor) {
  const rows = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.staffId, actor.id));
  const chosen = new Map(rows.map((r) => [r.eventType, r.channels as NotificationChannel[]]));
  const [settings] = await ctx.db.select().from(notificationSettings).where(eq(notificationSettings.staffId, actor.id));
  const [person] = await ctx.db.select({ email: staff.email, phone: staff.phoneEncrypted }).from(staff).where(eq(staff.id, actor.id));
  return {
    locale: settings?.locale === 'en' ? ('en' as const) : ('zh' as const),
    email: { enabled: mailerFor(ctx.config) !== null, hasAddress: Boolean(person?.email) },
    sms: { hasPhone: Boolean(person?.phone) },
    items: knownEventTypes.map((eventType) => ({
      eventType,
      channels: chosen.get(eventType) ?? [...defaultChannels(eventType)],
      isDefault: !chosen.has(eventType),
      defaultChannels: [...defaultChannels(eventType)],
    })),
  };
}

/** Saves the caller's choices (only the event types sent; the rest keep theirs) in one transaction with its audit row. */
export async function updateMyPreferences(ctx: AppContext, actor: StaffActor, input: UpdatePreferencesInput) {
  const unknown = input.items.filter((i) => !isKnownEventType(i.eventType)).map((i) => i.eventType);
  if (unknown.length) throw invalidField('items', { zh: `未知的通知类型：${unknown.join('、')}`, en: `unknown event types: ${unknown.join(', ')}` });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const item of input.items) {
      const channels = [...new Set(item.channels)];
      await tx
        .insert(notificationPreferences)
        .values({ staffId: actor.id, eventType: item.eventType, channels, updatedAt: now })
        .onConflictDoUpdate({ target: [notificationPreferences.staffId, notificationPreferences.eventType], set: { channels, updatedAt: now } });
    }
    if (input.locale) {
      await tx
        .insert(notificationSettings)
        .values({ staffId: actor.id, locale: input.locale, updatedAt: now })
        .onConflictDoUpdate({ target: notificationSettings.staffId, set: { locale: input.locale, updatedAt: now } });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'notification.preferences',
        entityType: 'staff',
        entityId: actor.id,
        data: { locale: input.locale ?? null, items: input.items.map((i) => ({ eventType: i.eventType, channels: i.channels })) },
      },
      now,
    );
  });
  return getMyPreferences(ctx, actor);
}
