import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../people/people.tables.js';

/** How a limit is counted (the business clock): round the clock, working hours only, or whole working days. */
export const clockKinds = ['continuous', 'working_hours', 'working_days'] as const;
export type ClockKind = (typeof clockKinds)[number];

export const holidayKinds = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof holidayKinds)[number];
export const holidaySources = ['reference', 'import', 'manual'] as const;
export type HolidaySource = (typeof holidaySources)[number];

/**
 * The statutory holiday calendar: only the exceptions to "Monday–Friday work, weekends off".
 * `holiday` is a day off (法定节假日, also when it falls on a weekday); `workday` is a 调休
 * make-up working day (usually a Saturday or Sunday). A year with no rows at all has no data:
 * the coverage warning (calendar/status) says so, and weekends alone decide meanwhile.
 */
export const holidays = pgTable(
  'holidays',
  {
    /** A Shanghai calendar day, `YYYY-MM-DD`. */
    date: text('date').primaryKey(),
    kind: text('kind', { enum: holidayKinds }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    source: text('source', { enum: holidaySources }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for rows loaded from the reference file (no person made them). */
    updatedById: uuid('updated_by').references(() => staff.id),
  },
  (t) => [
    check('holidays_date_check', sql`${t.date} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    check('holidays_kind_check', sql`${t.kind} in ('holiday','workday')`),
    check('holidays_source_check', sql`${t.source} in ('reference','import','manual')`),
  ],
);

export type HolidayRow = typeof holidays.$inferSelect;
