import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { pathCodes } from '../../platform/territory-path.js';
import { territoryNodes, type TerritoryLevel } from './territory.tables.js';

const summaryColumns = {
  id: territoryNodes.id,
  code: territoryNodes.code,
  name: territoryNodes.name,
  level: territoryNodes.level,
  parentId: territoryNodes.parentId,
  path: territoryNodes.path,
  villageKind: territoryNodes.villageKind,
  gridKind: territoryNodes.gridKind,
  specialType: territoryNodes.specialType,
  isGenerated: territoryNodes.isGenerated,
};

export type NodeSummary = {
  id: string;
  code: string;
  name: string;
  level: TerritoryLevel;
  parentId: string | null;
  path: string;
  villageKind: 'village' | 'community' | null;
  gridKind: 'basic' | 'special' | null;
  specialType: string | null;
  isGenerated: boolean;
};

export async function findNodeByCode(db: Database, code: string) {
  const [row] = await db.select().from(territoryNodes).where(eq(territoryNodes.code, code)).limit(1);
  return row;
}

export async function findNodeById(db: Database, id: string) {
  const [row] = await db.select().from(territoryNodes).where(eq(territoryNodes.id, id)).limit(1);
  return row;
}

export async function nodesByIds(db: Database, ids: string[]): Promise<Map<string, NodeSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(summaryColumns).from(territoryNodes).where(inArray(territoryNodes.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function nodesByCodes(db: Database, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select().from(territoryNodes).where(inArray(territoryNodes.code, codes));
}

/** Ancestors of a path (`/a/b/c/` → nodes a and b; with `includeSelf` also c), root first. */
export async function ancestorsOf(db: Database, path: string, includeSelf = false): Promise<NodeSummary[]> {
  const all = pathCodes(path);
  const codes = includeSelf ? all : all.slice(0, -1);
  if (codes.length === 0) return [];
  const rows = await db.select(summaryColumns).from(territoryNodes).where(inArray(territoryNodes.code, codes));
  return rows.sort((a, b) => a.path.length - b.path.length);
}

export async function childrenOf(db: Database, parentId: string, withGeometry: boolean) {
  return db
    .select({ ...summaryColumns, geometry: withGeometry ? territoryNodes.geometry : sql<null>`null` })
    .from(territoryNodes)
    .where(eq(territoryNodes.parentId, parentId))
    .orderBy(territoryNodes.code);
}

export async function nodesUnderPath(db: Database, path: string, level?: TerritoryLevel) {
  const filters: SQL[] = [sql`${territoryNodes.path} like ${path + '%'}`];
  if (level) filters.push(eq(territoryNodes.level, level));
  return db.select().from(territoryNodes).where(and(...filters)).orderBy(territoryNodes.path);
}

/** Every node of the levels above grids, without geometry: enough to name a grid's ancestors. */
export async function allNonGridNodes(db: Database) {
  return db.select(summaryColumns).from(territoryNodes).where(sql`${territoryNodes.level} <> 'grid'`);
}

export async function allGridsWithGeometry(db: Database) {
  return db
    .select({ ...summaryColumns, geometry: territoryNodes.geometry })
    .from(territoryNodes)
    .where(and(eq(territoryNodes.level, 'grid'), isNotNull(territoryNodes.geometry)));
}

export async function countyNode(db: Database) {
  const [row] = await db.select().from(territoryNodes).where(eq(territoryNodes.level, 'county')).orderBy(territoryNodes.code).limit(1);
  return row;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Nodes under any of `paths` whose name contains `text`, the highest levels first. */
export async function searchNodesUnder(db: Database, paths: readonly string[], text: string, limit: number): Promise<NodeSummary[]> {
  if (paths.length === 0) return [];
  const under = sql.join(paths.map((p) => sql`${territoryNodes.path} like ${escapeLike(p) + '%'}`), sql` or `);
  return db
    .select(summaryColumns)
    .from(territoryNodes)
    .where(and(sql`(${under})`, sql`${territoryNodes.name} ilike ${'%' + escapeLike(text) + '%'}`))
    .orderBy(sql`length(${territoryNodes.path})`, territoryNodes.code)
    .limit(limit);
}

