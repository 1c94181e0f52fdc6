import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { categories, demandTypes } from '../categories/categories.tables.js';
import { staff, units } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { residents } from '../residents/residents.tables.js';
import { caseStatuses } from './case-machine.js';

/** What a case's photo shows: the report (the problem) or evidence (the work done). */
export const photoKinds = ['report', 'evidence'] as const;
export type PhotoKind = (typeof photoKinds)[number];

export const channels = ['resident_app', 'visit', 'patrol', 'hotline', 'sms', 'email', 'open311', 'staff'] as const;
export type Channel = (typeof channels)[number];
export const assigneeKinds = ['node', 'unit', 'user'] as const;
export type AssigneeKind = (typeof assigneeKinds)[number];

/** Reporter identity lives here, encrypted; cases and events only point at it. */
export const reporters = pgTable(
  'reporters',
  {
    id: uuid('id').primaryKey(),
    nameEncrypted: text('name_encrypted'),
    phoneEncrypted: text('phone_encrypted'),
    /** Keyed hash (HMAC) so a phone can be found without decrypting every row. */
    phoneHash: text('phone_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The resident account that reported it while signed in (their list shows it even under another phone). */
    residentId: uuid('resident_id').references(() => residents.id),
    /** Set when the person's data was erased on request (PIPL): the row stays so cases still point at it. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [index('reporters_phone_hash').on(t.phoneHash), index('reporters_resident').on(t.residentId)],
);

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    countyCode: text('county_code').notNull(),
    channel: text('channel', { enum: channels }).notNull(),
    demandType: text('demand_type')
      .notNull()
      .references(() => demandTypes.code),
    categoryCode: text('category_code').references(() => categories.code),
    description: text('description').notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    colour: text('colour', { enum: ['red', 'yellow', 'green'] }).notNull(),
    level: text('level', { enum: ['grid', 'village', 'town', 'department'] }).notNull(),
    /** The most specific node known: a grid, or a village/town from an address, or the county (triage). */
    territoryNodeId: uuid('territory_node_id')
      .notNull()
      .references(() => territoryNodes.id),
    territoryPath: text('territory_path').notNull(),
    gridId: uuid('grid_id').references(() => territoryNodes.id),
    /** When the point fell in a special grid, the basic grid under it. */
    basicGridId: uuid('basic_grid_id').references(() => territoryNodes.id),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    address: text('address'),
    reporterId: uuid('reporter_id').references(() => reporters.id),
    isAnonymous: boolean('is_anonymous').notNull().default(false),
    /**
     * The tracking code, sealed like personal data (`k<id>.…`) at intake so that key rotation
     * never changes it. Null only for cases from before it was stored (derived from key 1).
     */
    trackingCodeEncrypted: text('tracking_code_encrypted'),
    assigneeKind: text('assignee_kind', { enum: assigneeKinds }),
    assigneeNodeId: uuid('assignee_node_id').references(() => territoryNodes.id),
    assigneeUnitId: uuid('assignee_unit_id').references(() => units.id),
    assigneeUserId: uuid('assignee_user_id').references(() => staff.id),
    handlerId: uuid('handler_id').references(() => staff.id),
    respondBy: ts('respond_by').notNull(),
    respondedAt: ts('responded_at'),
    resolveBy: ts('resolve_by'),
    acceptedAt: ts('accepted_at'),
    handledAt: ts('handled_at'),
    closedAt: ts('closed_at'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => cases.id),
    hasLeftGrid: boolean('has_left_grid').notNull().default(false),
    escalationCount: integer('escalation_count').notNull().default(0),
    reworkCount: integer('rework_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    extensionHours: integer('extension_hours').notNull().default(0),
    pendingExtensionHours: integer('pending_extension_hours'),
    pendingExtensionById: uuid('pending_extension_by_id').references(() => staff.id),
    longTermUntil: ts('long_term_until'),
    createdById: uuid('created_by_id').references(() => staff.id),
    idempotencyScope: text('idempotency_scope'),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('cases_territory_path').using('btree', t.territoryPath.op('text_pattern_ops')),
    index('cases_status').on(t.status),
    index('cases_assignee_unit').on(t.assigneeUnitId),
    index('cases_assignee_user').on(t.assigneeUserId),
    index('cases_grid').on(t.gridId),
    index('cases_category').on(t.categoryCode),
    // Open cases near a point (modules/duplicates: a bounding box on lat/lng and a time window), kept small
    // by leaving out the cases that can no longer be followed or merged into.
    index('cases_open_location')
      .on(t.lat, t.lng, t.createdAt)
      .where(sql`${t.lat} is not null and ${t.status} not in ('closed','rejected','merged')`),
    uniqueIndex('cases_idempotency')
      .on(t.idempotencyScope, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    check(
      'cases_status_check',
      sql`${t.status} in ('reported','accepted','rejected','merged','dispatched','returned','in_progress','handled','rework','closed')`,
    ),
    check('cases_colour_check', sql`${t.colour} in ('red','yellow','green')`),
    check('cases_level_check', sql`${t.level} in ('grid','village','town','department')`),
    check(
      'cases_assignee_check',
      sql`(${t.assigneeKind} is null and ${t.assigneeNodeId} is null and ${t.assigneeUnitId} is null and ${t.assigneeUserId} is null)
        or (${t.assigneeKind} = 'node' and ${t.assigneeNodeId} is not null and ${t.assigneeUserId} is null)
        or (${t.assigneeKind} = 'unit' and ${t.assigneeUnitId} is not null and ${t.assigneeUserId} is null)
        or (${t.assigneeKind} = 'user' and ${t.assigneeUserId} is not null)`,
    ),
    check('cases_anonymous_check', sql`not (${t.isAnonymous} and ${t.reporterId} is not null)`),
    check('cases_merged_check', sql`(${t.status} = 'merged') = (${t.mergedIntoId} is not null)`),
    check('cases_location_check', sql`(${t.lat} is null) = (${t.lng} is null)`),
  ],
);

export type CaseRow = typeof cases.$inferSelect;

/** Every action is one row here, written in the same transaction as the change. Never updated or deleted. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: uuid('actor_id').references(() => staff.id),
    actorRole: text('actor_role').notNull(),
    note: text('note'),
    /** References only (ids, codes, numbers) — never a name or phone. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.id)],
);

export type CaseEventRow = typeof caseEvents.$inferSelect;
