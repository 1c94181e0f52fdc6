import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';

/**
 * 值班表: who is on duty for a town, from `starts_at` to `ends_at` (an instant range, half-open).
 * Cancelling keeps the row (`cancelled_at/by`) so the roster's history stays readable.
 */
export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: uuid('id').primaryKey(),
    townNodeId: uuid('town_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdById: uuid('created_by_id').references(() => staff.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledById: uuid('cancelled_by_id').references(() => staff.id),
  },
  (t) => [
    index('duty_shifts_town_time').on(t.townNodeId, t.startsAt),
    index('duty_shifts_staff_time').on(t.staffId, t.startsAt),
    check('duty_shifts_range_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export type DutyShiftRow = typeof dutyShifts.$inferSelect;
