import { and, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { assignments, type AssignmentTier } from './assignments.tables.js';

export interface ActiveAssignment {
  staffId: string;
  nodeId: string;
  nodeLevel: string;
  nodePath: string;
  tier: AssignmentTier;
}

/** Rows active on day `on`: started, and not ended before it. */
export function activeOn(on: string): SQL {
  return and(lte(assignments.startsOn, on), or(isNull(assignments.endsOn), gte(assignments.endsOn, on)))!;
}

/**
 * Assignments in force on `on` (default: today in Asia/Shanghai), of active staff accounts (or
 * of any, `ofInactiveStaff`: what a just deactivated account held), on exactly the given nodes
 * and/or of the given staff. Shared contract: notifications, visit plans and contact cards read
 * the ladder through this.
 */
export async function activeAssignments(
  db: Database,
  filter: { nodeIds?: string[]; staffIds?: string[]; on?: string; ofInactiveStaff?: boolean },
): Promise<ActiveAssignment[]> {
  if (filter.nodeIds?.length === 0 || filter.staffIds?.length === 0) return [];
  const on = filter.on ?? shanghaiDate(new Date());
  const rows = await db
    .selectDistinct({
      staffId: assignments.staffId,
      nodeId: assignments.nodeId,
      nodeLevel: territoryNodes.level,
      nodePath: territoryNodes.path,
      tier: assignments.tier,
    })
    .from(assignments)
    .innerJoin(territoryNodes, eq(territoryNodes.id, assignments.nodeId))
    .innerJoin(staff, eq(staff.id, assignments.staffId))
    .where(
      and(
        activeOn(on),
        filter.ofInactiveStaff ? undefined : eq(staff.isActive, true),
        filter.nodeIds ? inArray(assignments.nodeId, filter.nodeIds) : undefined,
        filter.staffIds ? inArray(assignments.staffId, filter.staffIds) : undefined,
      ),
    )
    .orderBy(territoryNodes.path, assignments.tier, assignments.staffId);
  return rows;
}
