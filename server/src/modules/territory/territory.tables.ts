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
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Geometry } from './geometry.js';

export const territoryLevels = ['county', 'town', 'village', 'grid'] as const;
export type TerritoryLevel = (typeof territoryLevels)[number];
export const gridKinds = ['basic', 'special'] as const;
export type GridKind = (typeof gridKinds)[number];

/**
 * County → town → village → grid, one table. `path` holds the ancestor codes
 * (`/320305/320305100/320305100201/`) so "everything under X" is one indexed prefix match.
 */
export const territoryNodes = pgTable(
  'territory_nodes',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level', { enum: territoryLevels }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => territoryNodes.id),
    path: text('path').notNull().unique(),
    villageKind: text('village_kind', { enum: ['village', 'community'] }),
    gridKind: text('grid_kind', { enum: gridKinds }),
    specialType: text('special_type'),
    geometry: jsonb('geometry').$type<Geometry>(),
    minLng: doublePrecision('min_lng'),
    minLat: doublePrecision('min_lat'),
    maxLng: doublePrecision('max_lng'),
    maxLat: doublePrecision('max_lat'),
    isGenerated: boolean('is_generated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('territory_nodes_path_prefix').using('btree', t.path.op('text_pattern_ops')),
    index('territory_nodes_parent').on(t.parentId),
    index('territory_nodes_level').on(t.level),
    check('territory_nodes_level_check', sql`${t.level} in ('county','town','village','grid')`),
    check('territory_nodes_root_check', sql`(${t.level} = 'county') = (${t.parentId} is null)`),
    check('territory_nodes_grid_kind_check', sql`(${t.level} = 'grid') = (${t.gridKind} is not null)`),
    check(
      'territory_nodes_bbox_check',
      sql`${t.geometry} is null or (${t.minLng} <= ${t.maxLng} and ${t.minLat} <= ${t.maxLat})`,
    ),
  ],
);

export type TerritoryNodeRow = typeof territoryNodes.$inferSelect;
