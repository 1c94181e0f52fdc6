import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.js';
import { staff } from '../people/people.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Who an event is for, as the caller of `notify()` names them; resolved to people by the fan-out job. */
export type Recipient =
  | { kind: 'assignee' }
  | { kind: 'staff'; ids: string[] }
  | { kind: 'reporter' }
  | { kind: 'supervisors' }
  | { kind: 'duty'; townNodeId?: string }
  /** People following the case (附议, modules/duplicates): resident accounts and reporter rows, told by SMS like a reporter. */
  | { kind: 'followers'; residentIds: string[]; reporterIds: string[] };

export const notificationChannels = ['in_app', 'email', 'sms'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/**
 * The outbox: one row per event, written in the transaction of the change that caused it.
 * A durable job fans it out to inboxes, email, SMS and webhooks after the commit.
 * `data` holds references only (ids, numbers, codes), never names or phones.
 */
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    recipients: jsonb('recipients').$type<Recipient[]>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** When it happened (the caller's clock). */
    at: ts('at').notNull(),
    createdAt: ts('created_at').notNull(),
    /** Set by the fan-out job once inbox rows and delivery jobs exist. */
    fannedOutAt: ts('fanned_out_at'),
  },
  (t) => [index('notification_events_case').on(t.caseId), index('notification_events_type').on(t.type, t.id)],
);
export type NotificationEventRow = typeof notificationEvents.$inferSelect;

/** A staff member's in-app inbox. One row per event and person, whatever the channels. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => notificationEvents.id),
    type: text('type').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_event_staff').on(t.eventId, t.staffId),
    index('notifications_staff').on(t.staffId, t.id),
    index('notifications_staff_unread').on(t.staffId).where(sql`${t.readAt} is null`),
  ],
);
export type NotificationRow = typeof notifications.$inferSelect;

/** The channels a person chose for one event type; no row means the event type's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    eventType: text('event_type').notNull(),
    channels: text('channels').array().notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.eventType] }),
    check('notification_preferences_channels', sql`${t.channels} <@ array['in_app','email','sms']::text[]`),
  ],
);

/** Per-person notification settings beyond channels: the language of email and SMS texts. */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    staffId: uuid('staff_id')
      .primaryKey()
      .references(() => staff.id),
    locale: text('locale').notNull().default('zh'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [check('notification_settings_locale', sql`${t.locale} in ('zh','en')`)],
);

export const deliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * Email and SMS sends, one row per event × recipient × channel (`recipient_key` is the staff id,
 * `reporter`, or a follower as `resident:<id>` / `reporter:<id>`): the unique key is what makes a re-run job find "already sent" instead of sending again.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => notificationEvents.id),
    recipientKey: text('recipient_key').notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('notification_deliveries_once').on(t.eventId, t.channel, t.recipientKey),
    index('notification_deliveries_status').on(t.status, t.id),
    check('notification_deliveries_channel', sql`${t.channel} in ('email','sms')`),
    check('notification_deliveries_status_check', sql`${t.status} in ('pending','sent','failed','skipped')`),
  ],
);

/** Outgoing webhooks: events of cases under `node_ids` (and of the chosen types) POSTed, signed, to `url`. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** The HMAC secret, sealed with the keyring (shown once at creation). */
    secretEncrypted: text('secret_encrypted').notNull(),
    eventTypes: text('event_types').array().notNull(),
    /** Territory scope: only events of cases under these nodes. */
    nodeIds: uuid('node_ids').array().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => staff.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [check('webhook_subscriptions_scope', sql`cardinality(${t.nodeIds}) > 0 and cardinality(${t.eventTypes}) > 0`)],
);
export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/**
 * One row per subscription × event (or per test ping). `request_body` is what was signed and sent,
 * kept so a replay sends the very same bytes under the same delivery id.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    eventId: uuid('event_id').references(() => notificationEvents.id),
    eventType: text('event_type').notNull(),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Incremented by each replay, so the replay's job has a key of its own. */
    round: integer('round').notNull().default(0),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at'),
    deliveredAt: ts('delivered_at'),
    requestBody: text('request_body').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once').on(t.subscriptionId, t.eventId).where(sql`${t.eventId} is not null`),
    index('webhook_deliveries_subscription').on(t.subscriptionId, t.id),
    index('webhook_deliveries_status').on(t.status, t.id),
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending','delivered','failed','dead')`),
  ],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
