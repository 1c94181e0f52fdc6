import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { visitCadences } from './visits.tables.js';
import { isUnder } from '../../platform/territory-path.js';

/*
 * Reading the cadence rules (走访节奏): what the planner, the visit log and coverage apply. Apart
 * from cadence.service.ts (editing them, which asks for re-plans) so the re-planner can read them
 * without a loop.
 */

export interface Cadence {
  householdsPerDay: number;
  cycleDays: number;
  workingDaysOnly: boolean;
}

/** "每日走七户、两月一循环": used where no row applies (e.g. before the county row is seeded). */
export const defaultCadence: Cadence = { householdsPerDay: 7, cycleDays: 60, workingDaysOnly: true };

/** Every cadence row with its node's path, most specific (longest path) first. */
export async function cadenceRows(db: Database) {
  return db
    .select({
      id: visitCadences.id,
      nodeId: visitCadences.nodeId,
      nodeName: territoryNodes.name,
      nodeLevel: territoryNodes.level,
      path: territoryNodes.path,
      householdsPerDay: visitCadences.householdsPerDay,
      cycleDays: visitCadences.cycleDays,
      workingDaysOnly: visitCadences.workingDaysOnly,
      version: visitCadences.version,
      updatedAt: visitCadences.updatedAt,
    })
    .from(visitCadences)
    .innerJoin(territoryNodes, eq(territoryNodes.id, visitCadences.nodeId))
    .orderBy(desc(sql`length(${territoryNodes.path})`), territoryNodes.path);
}

export type CadenceRow = Awaited<ReturnType<typeof cadenceRows>>[number];

/** The rule that applies at `path`: the most specific row on the way up, else the default. */
export function cadenceAt(rows: readonly CadenceRow[], path: string): Cadence {
  const row = rows.find((r) => isUnder(path, r.path));
  return row ? { householdsPerDay: row.householdsPerDay, cycleDays: row.cycleDays, workingDaysOnly: row.workingDaysOnly } : defaultCadence;
}
