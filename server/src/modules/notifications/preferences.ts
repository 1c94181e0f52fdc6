import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { Lang } from '../../platform/i18n.js';
import { defaultChannels } from './event-types.js';
import { notificationPreferences, notificationSettings, type NotificationChannel } from './notifications.tables.js';

/** Each person's channels for one event type: their own choice, else the type's default. */
export async function channelsFor(db: Database, staffIds: string[], type: string): Promise<Map<string, readonly NotificationChannel[]>> {
  const out = new Map<string, readonly NotificationChannel[]>(staffIds.map((id) => [id, defaultChannels(type)]));
  if (staffIds.length === 0) return out;
  const rows = await db
    .select({ staffId: notificationPreferences.staffId, channels: notificationPreferences.channels })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.staffId, staffIds), eq(notificationPreferences.eventType, type)));
  for (const r of rows) out.set(r.staffId, r.channels as NotificationChannel[]);
  return out;
}

/** The language each person reads email and SMS in ('zh' unless they chose English). */
export async function localesOf(db: Database, staffIds: string[]): Promise<Map<string, Lang>> {
  const out = new Map<string, Lang>(staffIds.map((id) => [id, 'zh']));
  if (staffIds.length === 0) return out;
  const rows = await db
    .select({ staffId: notificationSettings.staffId, locale: notificationSettings.locale })
    .from(notificationSettings)
    .where(inArray(notificationSettings.staffId, staffIds));
  for (const r of rows) out.set(r.staffId, r.locale === 'en' ? 'en' : 'zh');
  return out;
}
