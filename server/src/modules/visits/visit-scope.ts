import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { activeAssignments } from '../assignments/index.js';
import { households } from '../households/households.tables.js';
import type { StaffActor } from '../../platform/actor.js';

/**
 * Where a staff member may record visits: the villages and grids of their assignments (包联) in
 * force that day. A cadre visits only there; grid workers and community staff also visit anywhere
 * under their own territory nodes (their grid, their village) — that is their everyday work.
 */
export async function visitPaths(db: Database, actor: StaffActor, on: string): Promise<string[]> {
  const assigned = await activeAssignments(db, { staffIds: [actor.id], on });
  const paths = assigned.map((a) => a.nodePath);
  if (actor.role !== 'cadre') paths.push(...actor.nodes.map((n) => n.path));
  return [...new Set(paths)].sort();
}

/** `territory_path` under one of the paths (false for none). */
export function underPaths(column: SQL | AnyPgColumn, paths: readonly string[]): SQL {
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`${column} like ${p + '%'}`),
    sql` or `,
  )})`;
}

export const householdNotFound = () => notFound({ zh: '找不到该户，或不在您的走访范围内', en: 'No such household in your visiting area' });

/** The household when it lies under one of the paths; 404 otherwise (it does not exist for this caller). */
export async function householdUnder(db: Database, id: string, paths: readonly string[]) {
  const [row] = await db
    .select()
    .from(households)
    .where(and(eq(households.id, id), underPaths(households.territoryPath, paths)))
    .limit(1);
  if (!row) throw householdNotFound();
  return row;
}
