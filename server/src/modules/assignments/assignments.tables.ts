import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';

/**
 * The three tiers of 包联/包挂, lowest first: 村(社区)班子成员 → 镇(街道)机关包挂人员 → 镇(街道)领导.
 * The order is the supervision ladder (ladder.ts).
 */
export const assignmentTiers = ['village_member', 'town_cadre', 'town_leader'] as const;
export type AssignmentTier = (typeof assignmentTiers)[number];

/**
 * One staff member assigned to one village or grid in one tier, for a date range. Rows are never
 * deleted: ending sets `ends_on` (+ `ended_at/by`), so the history of who covered a village stays.
 * Active on a day D: starts_on <= D and (ends_on is null or ends_on >= D).
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    /** A village or a grid (checked by the service: territory levels live in another table). */
    nodeId: uuid('node_id')
      .notNull()
      .references(() => territoryNodes.id),
    tier: text('tier', { enum: assignmentTiers }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdById: uuid('created_by_id').references(() => staff.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedById: uuid('ended_by_id').references(() => staff.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assignments_node').on(t.nodeId, t.tier),
    index('assignments_staff').on(t.staffId),
    // Open-ended duplicates are refused by the database; dated overlaps by the service (under a lock).
    uniqueIndex('assignments_open_unique')
      .on(t.staffId, t.nodeId, t.tier)
      .where(sql`${t.endsOn} is null`),
    check('assignments_tier_check', sql`${t.tier} in ('village_member','town_cadre','town_leader')`),
    check('assignments_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

export type AssignmentRow = typeof assignments.$inferSelect;
