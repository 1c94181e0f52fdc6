import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { staff, staffNodes } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { dutyShifts } from './duty.tables.js';

/**
 * Who is on duty for a town at an instant: the staff of the town's shifts (not cancelled) that
 * contain `at` (starts_at <= at < ends_at), active accounts only. When nobody is rostered, the
 * town's center operators (role center_operator with the town, or the county above it, among
 * their nodes — town operators first) answer instead, so a red case at 3 a.m. always has someone.
 * Shared contract: notify's `{ kind: 'duty' }` recipient reads this.
 */
export async function dutyOfficersAt(db: Database, townNodeId: string, at: Date): Promise<string[]> {
  return (await dutyOfficersWithSource(db, townNodeId, at)).staffIds;
}

/** dutyOfficersAt, saying whether the answer came from the roster or the fallback. */
export async function dutyOfficersWithSource(db: Database, townNodeId: string, at: Date): Promise<{ staffIds: string[]; via: 'roster' | 'fallback' }> {
  const rostered = await db
    .selectDistinct({ id: dutyShifts.staffId })
    .from(dutyShifts)
    .innerJoin(staff, eq(staff.id, dutyShifts.staffId))
    .where(
      and(
        eq(dutyShifts.townNodeId, townNodeId),
        isNull(dutyShifts.cancelledAt),
        lte(dutyShifts.startsAt, at),
        gt(dutyShifts.endsAt, at),
        eq(staff.isActive, true),
      ),
    )
    .orderBy(asc(dutyShifts.staffId));
  if (rostered.length > 0) return { staffIds: rostered.map((r) => r.id), via: 'roster' };
  return { staffIds: await townCenterOperators(db, townNodeId), via: 'fallback' };
}

/** Active center operators over the town: those of the town itself, else those of the county. */
export async function townCenterOperators(db: Database, townNodeId: string): Promise<string[]> {
  const [town] = await db.select({ path: territoryNodes.path }).from(territoryNodes).where(eq(territoryNodes.id, townNodeId));
  if (!town) return [];
  const rows = await db
    .selectDistinct({ id: staff.id, depth: sql<number>`length(${territoryNodes.path})` })
    .from(staff)
    .innerJoin(staffNodes, eq(staffNodes.staffId, staff.id))
    .innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
    .where(and(eq(staff.role, 'center_operator'), eq(staff.isActive, true), sql`${town.path} like ${territoryNodes.path} || '%'`))
    .orderBy(sql`length(${territoryNodes.path}) desc`, staff.id);
  const deepest = rows[0]?.depth;
  return [...new Set(rows.filter((r) => r.depth === deepest).map((r) => r.id))];
}
