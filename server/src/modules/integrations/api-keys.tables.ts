import { sql } from 'drizzle-orm';
import { check, index, inet, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** What an API key may be granted: a subset of the staff permissions, nothing administrative. */
export const apiKeyPermissions = ['case:create', 'case:read', 'territory:read'] as const;
export type ApiKeyPermission = (typeof apiKeyPermissions)[number];

/**
 * Keys for integrations (hotline import, Open311 clients). The key is shown once at creation;
 * only its SHA-256 is kept (the secret is 256 random bits, so a plain hash is enough), plus a
 * short prefix that lets people tell keys apart in lists. Revoked keys stay, for the record.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** The key's first characters (`wgk_ab12cd`), shown in lists; not secret, not unique. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    permissions: text('permissions').array().notNull(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => staff.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    revokedById: uuid('revoked_by_id').references(() => staff.id),
    /** Updated at most once a minute, so busy integrations do not write on every call. */
    lastUsedAt: ts('last_used_at'),
    lastUsedIp: inet('last_used_ip'),
  },
  (t) => [
    check('api_keys_permissions_check', sql`${t.permissions} <@ array['case:create','case:read','territory:read']::text[] and cardinality(${t.permissions}) > 0`),
    check('api_keys_revoked_check', sql`(${t.revokedAt} is null) = (${t.revokedById} is null)`),
    index('api_keys_created').on(t.createdAt),
  ],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** The territory nodes a key is scoped to: it sees and reports cases under these only. */
export const apiKeyNodes = pgTable(
  'api_key_nodes',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    nodeId: uuid('node_id')
      .notNull()
      .references(() => territoryNodes.id),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.nodeId] })],
);
