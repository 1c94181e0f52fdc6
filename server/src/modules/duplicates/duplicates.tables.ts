import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases, reporters } from '../cases/cases.tables.js';
import { staff } from '../people/people.tables.js';
import { residents } from '../residents/residents.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * How near and how recent an open case must be to count as a possible duplicate of a new report:
 * one row per category (小类 code) that differs from the county default (`scope = '*'`). Without a
 * default row the county default is 250 m / 30 days (duplicate-rules.ts).
 */
export const duplicateRules = pgTable(
  'duplicate_rules',
  {
    /** `*` for the county default, else a category code. */
    scope: text('scope').primaryKey(),
    radiusM: integer('radius_m').notNull(),
    windowDays: integer('window_days').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => staff.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('duplicate_rules_radius', sql`${t.radiusM} between 10 and 5000`),
    check('duplicate_rules_window', sql`${t.windowDays} between 1 and 365`),
  ],
);
export type DuplicateRuleRow = typeof duplicateRules.$inferSelect;

export const followSources = ['resident', 'merge'] as const;
export type FollowSource = (typeof followSources)[number];

/**
 * 附议: someone following a case they did not report — a signed-in resident who chose to, or the
 * reporter of a case merged into this one (their resident account when they have one, else their
 * reporter row). References only: the phone stays sealed on the resident or reporter row, so erasure
 * and key rotation need nothing here. Unfollowing sets `unfollowed_at`; following again clears it.
 * A follower may rate the result once (it never changes the case: only the reporter's rating does).
 */
export const caseFollowers = pgTable(
  'case_followers',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    residentId: uuid('resident_id').references(() => residents.id),
    reporterId: uuid('reporter_id').references(() => reporters.id),
    source: text('source', { enum: followSources }).notNull(),
    /** For `merge`: the case that was merged into this one. */
    mergedFromCaseId: uuid('merged_from_case_id').references(() => cases.id),
    createdAt: ts('created_at').notNull(),
    unfollowedAt: ts('unfollowed_at'),
    rating: text('rating', { enum: ['satisfied', 'fairlySatisfied', 'dissatisfied'] }),
    ratingComment: text('rating_comment'),
    ratedAt: ts('rated_at'),
  },
  (t) => [
    uniqueIndex('case_followers_resident').on(t.caseId, t.residentId).where(sql`${t.residentId} is not null`),
    uniqueIndex('case_followers_reporter').on(t.caseId, t.reporterId).where(sql`${t.reporterId} is not null`),
    index('case_followers_of_resident').on(t.residentId),
    check('case_followers_who', sql`num_nonnulls(${t.residentId}, ${t.reporterId}) = 1`),
    check('case_followers_source', sql`${t.source} in ('resident','merge')`),
    check('case_followers_rating', sql`(${t.rating} is null) = (${t.ratedAt} is null)`),
  ],
);
export type CaseFollowerRow = typeof caseFollowers.$inferSelect;
