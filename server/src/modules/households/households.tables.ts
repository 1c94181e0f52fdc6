import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Household tags (户的标签), stored by English code; the import and the console accept the Chinese
 * label too. 独居老人 … 重点关注 come from the issue; 空巢老人, 特困, 退役军人 are the other groups
 * county registries commonly keep. Visit plans put tagged households first.
 */
export const householdTags = [
  'elderly_alone',
  'dibao',
  'disabled',
  'left_behind_child',
  'key_attention',
  'empty_nest',
  'extreme_poverty',
  'veteran',
] as const;
export type HouseholdTag = (typeof householdTags)[number];

export const householdTagLabels: Record<HouseholdTag, { zh: string; en: string }> = {
  elderly_alone: { zh: '独居老人', en: 'Elderly living alone' },
  dibao: { zh: '低保', en: 'Minimum living allowance (dibao)' },
  disabled: { zh: '残疾', en: 'Disability' },
  left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
  key_attention: { zh: '重点关注', en: 'Needs close attention' },
  empty_nest: { zh: '空巢老人', en: 'Empty-nest elderly' },
  extreme_poverty: { zh: '特困', en: 'Extreme poverty support' },
  veteran: { zh: '退役军人', en: 'Veteran' },
};

/** A member's relation to the head of household (与户主关系). */
export const memberRelations = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'in_law', 'other'] as const;
export type MemberRelation = (typeof memberRelations)[number];

export const memberRelationLabels: Record<MemberRelation, { zh: string; en: string }> = {
  head: { zh: '户主', en: 'Head of household' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandparent: { zh: '祖父母', en: 'Grandparent' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  in_law: { zh: '儿媳/女婿', en: 'Child-in-law' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * 户: one dwelling in a basic grid. The address is not personal data on its own (it is what visits
 * and cases are located by) and stays in clear; who lives there is in household_members, sealed.
 * `dedupe_key` identifies the dwelling across imports (see households.dedupe.ts): re-importing
 * the same grid + address + building + unit + room updates the row instead of adding another.
 */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey(),
    /** The basic grid the household belongs to. */
    gridId: uuid('grid_id')
      .notNull()
      .references(() => territoryNodes.id),
    /** The grid's path, copied so "households under X" is one indexed prefix match. */
    territoryPath: text('territory_path').notNull(),
    address: text('address').notNull(),
    building: text('building'),
    unit: text('unit'),
    room: text('room'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    dedupeKey: text('dedupe_key').notNull().unique(),
    memberCount: integer('member_count').notNull().default(0),
    /** Set by the visits module when a visit is recorded. */
    lastVisitedAt: ts('last_visited_at'),
    /** The import that last wrote the row (null when made by hand). */
    lastImportId: uuid('last_import_id'),
    createdById: uuid('created_by_id').references(() => staff.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    /** False once the household moved away (kept for history: visits and cases point at it). */
    isActive: boolean('is_active').notNull().default(true),
    deactivatedAt: ts('deactivated_at'),
  },
  (t) => [
    index('households_territory_path').using('btree', t.territoryPath.op('text_pattern_ops')),
    index('households_grid').on(t.gridId),
    index('households_tags').using('gin', t.tags),
    index('households_last_visited').on(t.lastVisitedAt),
    check('households_lat_lng_check', sql`(${t.lat} is null) = (${t.lng} is null)`),
  ],
);

/**
 * 居民: a member of a household. Name, phone and ID number are sealed with the keyring; phone and
 * ID number also have keyed hashes so they can be found (search, erasure) without decrypting.
 * Registered in privacy/pii-registry.ts: rotation re-seals them, erasure by phone empties them.
 */
export const householdMembers = pgTable(
  'household_members',
  {
    id: uuid('id').primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    /** Order within the household (the file's order; the head first when entered by hand). */
    position: integer('position').notNull().default(0),
    nameEncrypted: text('name_encrypted'),
    phoneEncrypted: text('phone_encrypted'),
    phoneHash: text('phone_hash'),
    idNumberEncrypted: text('id_number_encrypted'),
    idNumberHash: text('id_number_hash'),
    relation: text('relation', { enum: memberRelations }).notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** From the ID number (digits 7–10), so age groups need no decryption. */
    birthYear: integer('birth_year'),
    /** Set when the person's data was erased on request (PIPL); the row stays. */
    erasedAt: ts('erased_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('household_members_household').on(t.householdId, t.position),
    index('household_members_phone_hash').on(t.phoneHash),
    index('household_members_id_number_hash').on(t.idNumberHash),
  ],
);

export const householdImportStatuses = ['uploaded', 'invalid', 'valid', 'applied', 'failed'] as const;
export type HouseholdImportStatus = (typeof householdImportStatuses)[number];

/**
 * One upload of a household file and what became of it. The file itself lies in the data folder
 * (`<dataDir>/imports/households/<id>`), never in the database; the report holds line numbers,
 * column names and reasons, never the cell values (they may be personal data).
 */
export const householdImports = pgTable(
  'household_imports',
  {
    id: uuid('id').primaryKey(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    /** CSV only: utf-8 or gb18030, detected at upload. */
    encoding: text('encoding'),
    byteSize: integer('byte_size').notNull(),
    status: text('status', { enum: householdImportStatuses }).notNull(),
    /** The file's header row, as read. */
    headers: jsonb('headers').$type<string[]>().notNull(),
    /** Field → header column index, proposed at upload and confirmed by the importer. */
    mapping: jsonb('mapping').$type<Record<string, number | null>>(),
    totalRows: integer('total_rows'),
    badRows: integer('bad_rows'),
    householdsCreated: integer('households_created'),
    householdsUpdated: integer('households_updated'),
    membersWritten: integer('members_written'),
    /** Line-numbered problems (capped; `badRows` is the full count). */
    report: jsonb('report').$type<unknown>(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => staff.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    validatedAt: ts('validated_at'),
    appliedAt: ts('applied_at'),
  },
  (t) => [index('household_imports_created').on(t.createdById, t.createdAt.desc())],
);

export type HouseholdRow = typeof households.$inferSelect;
export type HouseholdMemberRow = typeof householdMembers.$inferSelect;
export type HouseholdImportRow = typeof householdImports.$inferSelect;
