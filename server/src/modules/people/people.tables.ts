import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory/territory.tables.js';
import { roles, unitKinds } from '../../platform/roles.js';

/** Departments, town offices, communities and partner organisations. A unit is not a territory node. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind', { enum: unitKinds }).notNull(),
    territoryNodeId: uuid('territory_node_id').references(() => territoryNodes.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped by every edit; an edit sent with a stale version gets 409. */
    version: integer('version').notNull().default(1),
  },
  (t) => [check('units_kind_check', sql`${t.kind} in ('department','office','community','partner')`)],
);

export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    isActive: boolean('is_active').notNull().default(true),
    /** Set when an administrator chose or generated the password: the next sign-in must replace it. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** Profile (干部信息): work email, job title (职务) and duties (分工) as free text. */
    email: text('email'),
    title: text('title'),
    duties: text('duties'),
    /** Mobile phone, sealed with the keyring; `phoneHash` = lookupHash(normalizePhone(phone)) finds it. */
    phoneEncrypted: text('phone_encrypted'),
    phoneHash: text('phone_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped by every administrative edit; an edit sent with a stale version gets 409. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('staff_phone_hash').on(t.phoneHash),
    check(
      'staff_role_check',
      sql`${t.role} in ('grid_worker','cadre','community_staff','center_operator','department_staff','leader','admin')`,
    ),
  ],
);

/** A staff account covers a *set* of territory nodes (a cadre may cover several villages). */
export const staffNodes = pgTable(
  'staff_nodes',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    nodeId: uuid('node_id')
      .notNull()
      .references(() => territoryNodes.id),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.nodeId] }), index('staff_nodes_node').on(t.nodeId)],
);

/**
 * Server-side sessions; only a SHA-256 of the bearer token is stored. A session ends at `expiresAt`
 * (absolute), when idle past the configured limit (`lastSeenAt`, refreshed at most once a minute),
 * or when revoked (sign-out, sign-out everywhere, password change, deactivation).
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Shown to the owner in "my sessions" so they can tell their devices apart (truncated). */
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_staff').on(t.staffId)],
);

/**
 * Failed sign-ins per account name, for the temporary lock-out. Keyed by a hash of the lower-cased
 * username — whether or not such an account exists, so a locked answer reveals nothing, and a
 * password typed into the username box is never stored.
 */
export const loginThrottles = pgTable('login_throttles', {
  keyHash: text('key_hash').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
