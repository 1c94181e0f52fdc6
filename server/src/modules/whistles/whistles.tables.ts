import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.js';
import { staff } from '../people/people.tables.js';
import { residents } from '../residents/residents.tables.js';

/** 基础哨 / 提升哨 / 应急哨 (DOMAIN.md "Whistle and report"). */
export const whistleGrades = ['routine', 'raised', 'emergency'] as const;
export type WhistleGrade = (typeof whistleGrades)[number];

/**
 * Who a whistle summons: a unit (its staff report), one person, or a territory node (the village
 * committee: the community staff covering that village — there is no committee unit in every county).
 */
export const partyKinds = ['unit', 'user', 'node'] as const;
export type PartyKind = (typeof partyKinds)[number];

export const ratingValues = ['satisfied', 'fairlySatisfied', 'dissatisfied'] as const;
export type RatingValue = (typeof ratingValues)[number];
export const ratingChannels = ['tracking', 'resident', 'staff-on-behalf'] as const;
export type RatingChannel = (typeof ratingChannels)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** One whistle blown on a case. Never updated: its parties carry the progress. */
export const caseWhistles = pgTable(
  'case_whistles',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    grade: text('grade', { enum: whistleGrades }).notNull(),
    blownBy: uuid('blown_by')
      .notNull()
      .references(() => staff.id),
    blownAt: ts('blown_at').notNull(),
    reason: text('reason').notNull(),
    /** The check-in window and its clock as configured when blown (settings may change later). */
    windowMinutes: integer('window_minutes').notNull(),
    clock: text('clock', { enum: ['continuous', 'working_hours', 'working_days'] }).notNull(),
  },
  (t) => [
    index('case_whistles_case').on(t.caseId),
    check('case_whistles_grade_check', sql`${t.grade} in ('routine','raised','emergency')`),
  ],
);

/** A summoned party of a whistle: its check-in deadline, check-in, progress and completion. */
export const whistleParties = pgTable(
  'whistle_parties',
  {
    id: uuid('id').primaryKey(),
    whistleId: uuid('whistle_id')
      .notNull()
      .references(() => caseWhistles.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    partyKind: text('party_kind', { enum: partyKinds }).notNull(),
    partyId: uuid('party_id').notNull(),
    checkInBy: ts('check_in_by').notNull(),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: uuid('checked_in_by').references(() => staff.id),
    progressNote: text('progress_note'),
    progressAt: ts('progress_at'),
    completedAt: ts('completed_at'),
    completedBy: uuid('completed_by').references(() => staff.id),
    /** Set by the check-in timer when the window passed without a check-in. */
    overdueAt: ts('overdue_at'),
  },
  (t) => [
    index('whistle_parties_case').on(t.caseId),
    // The case scope looks summoned parties up by who they are.
    index('whistle_parties_party').on(t.partyId, t.caseId),
    uniqueIndex('whistle_parties_unique').on(t.whistleId, t.partyKind, t.partyId),
    check('whistle_parties_kind_check', sql`${t.partyKind} in ('unit','user','node')`),
  ],
);

/** Per grade: who may blow it, the check-in window and its clock. Missing rows use the DOMAIN defaults. */
export const whistleSettings = pgTable(
  'whistle_settings',
  {
    grade: text('grade', { enum: whistleGrades }).primaryKey(),
    roles: jsonb('roles').$type<string[]>().notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    clock: text('clock', { enum: ['continuous', 'working_hours', 'working_days'] }).notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => staff.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [check('whistle_settings_window_check', sql`${t.windowMinutes} > 0`)],
);

/**
 * Whether 不满意 reopens the case: `scope` is `*` (the default) or a category code (an override).
 * Missing `*` row: reopen (the DOMAIN default).
 */
export const ratingSettings = pgTable('rating_settings', {
  scope: text('scope').primaryKey(),
  reopenOnDissatisfied: boolean('reopen_on_dissatisfied').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => staff.id),
  version: integer('version').notNull().default(1),
});

/**
 * The reporter's rating of a result, once per closing: `round` is reopen_count + rework_count when
 * rated, which grows with every reopen or rework, so a reopened-then-closed case may be rated again.
 * The comment is free text the reporter wrote; it stays here (not in audit rows).
 */
export const caseRatings = pgTable(
  'case_ratings',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    round: integer('round').notNull(),
    rating: text('rating', { enum: ratingValues }).notNull(),
    comment: text('comment'),
    channel: text('channel', { enum: ratingChannels }).notNull(),
    residentId: uuid('resident_id').references(() => residents.id),
    recordedBy: uuid('recorded_by').references(() => staff.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('case_ratings_round').on(t.caseId, t.round),
    check('case_ratings_rating_check', sql`${t.rating} in ('satisfied','fairlySatisfied','dissatisfied')`),
    check('case_ratings_channel_check', sql`${t.channel} in ('tracking','resident','staff-on-behalf')`),
  ],
);

export type CaseWhistleRow = typeof caseWhistles.$inferSelect;
export type WhistlePartyRow = typeof whistleParties.$inferSelect;
export type CaseRatingRow = typeof caseRatings.$inferSelect;
