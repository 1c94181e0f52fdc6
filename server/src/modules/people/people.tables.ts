import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { territoryNodes } from '../territory/territory.tables.js';
import { roles, unitKinds } from './roles.js';

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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
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

/** Server-side sessions; only a SHA-256 of the bearer token is stored. */
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
  },
  (t) => [index('sessions_staff').on(t.staffId)],
);
