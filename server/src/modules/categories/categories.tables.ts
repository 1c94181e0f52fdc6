import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { units } from '../people/people.tables.js';
import { clockKinds, type ClockKind } from '../calendar/calendar.tables.js';

export const colours = ['red', 'yellow', 'green'] as const;
export type Colour = (typeof colours)[number];
export const caseLevels = ['grid', 'village', 'town', 'department'] as const;
export type CaseLevel = (typeof caseLevels)[number];
export { clockKinds, type ClockKind };
export const verificationRules = ['on_site', 'reporter', 'none'] as const;
export type VerificationRule = (typeof verificationRules)[number];

/** 诉求类型: inquiry / help / complaint / suggestion — orthogonal to the topic category. */
export const demandTypes = pgTable('demand_types', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** 大类 */
export const categoryGroups = pgTable('category_groups', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  version: integer('version').notNull().default(1),
});

/** 小类, with the defaults a new case takes from it. */
export const categories = pgTable(
  'categories',
  {
    code: text('code').primaryKey(),
    groupCode: text('group_code')
      .notNull()
      .references(() => categoryGroups.code),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    colour: text('colour', { enum: colours }).notNull(),
    level: text('level', { enum: caseLevels }).notNull(),
    respondMinutes: integer('respond_minutes').notNull(),
    resolveHours: integer('resolve_hours').notNull(),
    clock: text('clock', { enum: clockKinds }).notNull(),
    verification: text('verification', { enum: verificationRules }).notNull(),
    defaultUnitId: uuid('default_unit_id').references(() => units.id),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('categories_colour_check', sql`${t.colour} in ('red','yellow','green')`),
    check('categories_level_check', sql`${t.level} in ('grid','village','town','department')`),
    check('categories_clock_check', sql`${t.clock} in ('continuous','working_hours','working_days')`),
    check('categories_verification_check', sql`${t.verification} in ('on_site','reporter','none')`),
    check('categories_limits_check', sql`${t.respondMinutes} > 0 and ${t.resolveHours} > 0`),
  ],
);

export type CategoryRow = typeof categories.$inferSelect;
