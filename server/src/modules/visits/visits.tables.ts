import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.js';
import { households } from '../households/households.tables.js';
import { staff } from '../people/people.tables.js';
import { photos } from '../photos/photos.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Cadence rules (走访节奏): "每日走七户、两月一循环" by default. One row per node (county, town or
 * village); the most specific row on a household's path applies, the county row is the default.
 */
export const visitCadences = pgTable(
  'visit_cadences',
  {
    id: uuid('id').primaryKey(),
    nodeId: uuid('node_id')
      .notNull()
      .unique()
      .references(() => territoryNodes.id),
    householdsPerDay: integer('households_per_day').notNull().default(7),
    cycleDays: integer('cycle_days').notNull().default(60),
    workingDaysOnly: boolean('working_days_only').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedById: uuid('updated_by').references(() => staff.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('visit_cadences_per_day_check', sql`${t.householdsPerDay} between 1 and 50`),
    check('visit_cadences_cycle_check', sql`${t.cycleDays} between 7 and 366`),
  ],
);

/** 民情日记: one visit to one household by one staff member. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey(),
    /** Chosen by the phone before sending, so a visit queued offline and sent twice is stored once. */
    clientId: text('client_id').notNull(),
    /** SHA-256 of the canonical body: the same client id with another body is refused (422). */
    requestHash: text('request_hash').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    /** The household's grid and path at the time of the visit (coverage and scope read these). */
    gridId: uuid('grid_id')
      .notNull()
      .references(() => territoryNodes.id),
    territoryPath: text('territory_path').notNull(),
    visitedAt: ts('visited_at').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    notes: text('notes').notNull().default(''),
    /** What residents raised (诉求/意见), short texts; a case may be raised from any of them. */
    raised: jsonb('raised').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('visits_client').on(t.staffId, t.clientId),
    index('visits_household').on(t.householdId, t.visitedAt),
    index('visits_staff').on(t.staffId, t.visitedAt),
    index('visits_territory_path').using('btree', t.territoryPath.op('text_pattern_ops')),
    check('visits_lat_lng_check', sql`(${t.lat} is null) = (${t.lng} is null)`),
  ],
);

/** Photos taken on a visit (uploaded through modules/photos, then linked here). */
export const visitPhotos = pgTable(
  'visit_photos',
  {
    photoId: uuid('photo_id')
      .primaryKey()
      .references(() => photos.id),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('visit_photos_visit').on(t.visitId)],
);

/** Cases raised from a visit's findings (channel `visit`). */
export const visitCases = pgTable(
  'visit_cases',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId] }), index('visit_cases_visit').on(t.visitId), index('visit_cases_household').on(t.householdId)],
);

export const planItemStatuses = ['planned', 'visited', 'skipped'] as const;
export type PlanItemStatus = (typeof planItemStatuses)[number];

/**
 * The stored plan: one household on one cadre's list for one day. Re-planning replaces the
 * `planned` items from today on; past days and visited items stay as they were (the record of
 * what was asked, for "behind schedule").
 */
export const visitPlanItems = pgTable(
  'visit_plan_items',
  {
    id: uuid('id').primaryKey(),
    planDate: date('plan_date', { mode: 'string' }).notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The town the plan was made for: re-planning works town by town. */
    townNodeId: uuid('town_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    position: integer('position').notNull(),
    status: text('status', { enum: planItemStatuses }).notNull().default('planned'),
    visitId: uuid('visit_id').references(() => visits.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('visit_plan_items_staff_date').on(t.staffId, t.planDate),
    index('visit_plan_items_town_date').on(t.townNodeId, t.planDate),
    index('visit_plan_items_household').on(t.householdId),
    check('visit_plan_items_status_check', sql`${t.status} in ('planned','visited','skipped')`),
    check('visit_plan_items_visit_check', sql`(${t.status} = 'visited') = (${t.visitId} is not null)`),
  ],
);

export type VisitCadenceRow = typeof visitCadences.$inferSelect;
export type VisitRow = typeof visits.$inferSelect;
export type VisitPlanItemRow = typeof visitPlanItems.$inferSelect;
