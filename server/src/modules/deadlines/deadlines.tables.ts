import { sql } from 'drizzle-orm';
import { boolean, check, integer, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { categories, caseLevels, clockKinds, colours } from '../categories/categories.tables.js';
import { staff } from '../people/people.tables.js';

/**
 * Deadline policies (时限策略): respond and resolve limits per category × colour × level, each
 * column null meaning "any". The most specific row wins (deadline-policies.ts, docs/deadlines.md):
 * a matching category beats a matching colour, which beats a matching level.
 */
export const deadlinePolicies = pgTable(
  'deadline_policies',
  {
    id: uuid('id').primaryKey(),
    categoryCode: text('category_code').references(() => categories.code),
    colour: text('colour', { enum: colours }),
    level: text('level', { enum: caseLevels }),
    respondMinutes: integer('respond_minutes').notNull(),
    resolveMinutes: integer('resolve_minutes').notNull(),
    clock: text('clock', { enum: clockKinds }).notNull(),
    autoEscalate: boolean('auto_escalate').notNull().default(false),
    warnFraction: numeric('warn_fraction', { precision: 4, scale: 3, mode: 'number' }).notNull().default(0.8),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedById: uuid('updated_by').references(() => staff.id),
  },
  (t) => [
    // Nulls are "any": two rows for (any category, red, any level) would be ambiguous.
    unique('deadline_policies_match_unique').on(t.categoryCode, t.colour, t.level).nullsNotDistinct(),
    check('deadline_policies_colour_check', sql`${t.colour} is null or ${t.colour} in ('red','yellow','green')`),
    check('deadline_policies_level_check', sql`${t.level} is null or ${t.level} in ('grid','village','town','department')`),
    check('deadline_policies_clock_check', sql`${t.clock} in ('continuous','working_hours','working_days')`),
    check('deadline_policies_limits_check', sql`${t.respondMinutes} > 0 and ${t.resolveMinutes} > 0`),
    check('deadline_policies_warn_check', sql`${t.warnFraction} > 0 and ${t.warnFraction} < 1`),
  ],
);

export type DeadlinePolicyRow = typeof deadlinePolicies.$inferSelect;
