import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { staff, staffNodes, units } from '../people/people.tables.js';
import type { Role } from '../../platform/roles.js';
import { ancestorPath, isUnder, type PathLevel } from '../../platform/territory-path.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { activeAssignments } from './assignments.queries.js';
import { assignmentTiers, type AssignmentTier } from './assignments.tables.js';

/** What the ladder reads of a case (cases sit above assignments, so the case row is described, not imported). */
export interface LadderCase {
  territoryPath: string;
  level: string;
  assigneeKind: string | null;
  assigneeUserId: string | null;
  assigneeNodeId: string | null;
  assigneeUnitId: string | null;
  basicGridId: string | null;
  gridId: string | null;
}

/**
 * The supervision ladder of a village (docs/assignments.md): village_member → town_cadre →
 * town_leader. When a village has no assignment in the tier asked for, the ladder falls back to
 * territory: the roles holding scope over the next territory node up.
 */
export interface SupervisionRecipients {
  staffIds: string[];
  via: 'assignment' | 'territory';
}

/** The territory fallback of each tier: who, over which ancestor level, stands in for it. */
export const tierFallback: Record<AssignmentTier, { role: Role; level: 'village' | 'town' | 'county' }[]> = {
  village_member: [
    { role: 'community_staff', level: 'village' },
    { role: 'center_operator', level: 'town' },
    { role: 'leader', level: 'town' },
  ],
  town_cadre: [
    { role: 'center_operator', level: 'town' },
    { role: 'leader', level: 'town' },
  ],
  town_leader: [{ role: 'leader', level: 'town' }],
};

/** Path prefixes of the case's ancestors: `/county/`, `/county/town/`, `/county/town/village/`. */
export function ancestorPaths(path: string): Record<PathLevel, string | undefined> {
  return { county: ancestorPath(path, 'county'), town: ancestorPath(path, 'town'), village: ancestorPath(path, 'village'), grid: ancestorPath(path, 'grid') };
}

/** The tier one step above whoever holds the case now (null: above the ladder; leaders answer). */
async function tierAbove(db: Database, c: LadderCase, villageId: string | null, on: string): Promise<AssignmentTier | null> {
  const byLevel: Record<string, AssignmentTier | null> = { grid: 'village_member', village: 'town_cadre', town: 'town_leader', county: null, department: null };
  if (c.assigneeKind === 'user' && c.assigneeUserId) {
    const [user] = await db.select({ role: staff.role }).from(staff).where(eq(staff.id, c.assigneeUserId));
    // A cadre is placed by their own assignment in this village: the ladder climbs from there.
    if (villageId) {
      const own = await activeAssignments(db, { staffIds: [c.assigneeUserId], on });
      const village = await db.select({ path: territoryNodes.path }).from(territoryNodes).where(eq(territoryNodes.id, villageId));
      const here = own.filter((a) => village[0] && isUnder(a.nodePath, village[0].path));
      const top = Math.max(-1, ...here.map((a) => assignmentTiers.indexOf(a.tier)));
      if (top >= 0) return assignmentTiers[top + 1] ?? null;
    }
    const byRole: Partial<Record<Role, AssignmentTier | null>> = {
      grid_worker: 'village_member',
      cadre: 'town_cadre',
      community_staff: 'town_cadre',
      center_operator: 'town_leader',
    };
    return user ? (byRole[user.role] ?? null) : byLevel[c.level]!;
  }
  if (c.assigneeKind === 'node' && c.assigneeNodeId) {
    const [node] = await db.select({ level: territoryNodes.level }).from(territoryNodes).where(eq(territoryNodes.id, c.assigneeNodeId));
    return node ? byLevel[node.level]! : byLevel[c.level]!;
  }
  if (c.assigneeKind === 'unit' && c.assigneeUnitId) {
    const [unit] = await db.select({ kind: units.kind }).from(units).where(eq(units.id, c.assigneeUnitId));
    return unit?.kind === 'community' ? 'town_cadre' : unit?.kind === 'office' ? 'town_leader' : null;
  }
  return byLevel[c.level]!;
}

/**
 * Active staff of `role` whose nodes contain the ancestor of `path` at `level`: the nearest ones
 * only (a town's own center operators before the county's, a town leader before county leaders).
 */
export async function staffOver(db: Database, role: Role, path: string, level: 'village' | 'town' | 'county'): Promise<string[]> {
  const target = ancestorPaths(path)[level];
  if (!target) return [];
  const rows = await db
    .selectDistinct({ id: staff.id, depth: sql<number>`length(${territoryNodes.path})` })
    .from(staff)
    .innerJoin(staffNodes, eq(staffNodes.staffId, staff.id))
    .innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
    .where(and(eq(staff.role, role), eq(staff.isActive, true), sql`${target} like ${territoryNodes.path} || '%'`));
  const nearest = Math.max(...rows.map((r) => Number(r.depth)));
  return [...new Set(rows.filter((r) => Number(r.depth) === nearest).map((r) => r.id))].sort();
}

/**
 * One step up the ladder from the case's current holder. The tier above, in the assignments of
 * the case's village (its grid's assignments too for the village_member tier), when any are in
 * force; otherwise the staff with scope over the parent territory node (community staff of the
 * village → center operators of the town → leaders). Never includes the assignee themself.
 */
export async function supervisionRecipients(db: Database, caseRow: LadderCase, at: Date = new Date()): Promise<SupervisionRecipients> {
  const on = shanghaiDate(at);
  const paths = ancestorPaths(caseRow.territoryPath);
  const [village] = paths.village
    ? await db.select({ id: territoryNodes.id }).from(territoryNodes).where(eq(territoryNodes.path, paths.village))
    : [];
  const tier = await tierAbove(db, caseRow, village?.id ?? null, on);
  const notAssignee = (ids: string[]) => ids.filter((id) => id !== caseRow.assigneeUserId);

  if (tier && village) {
    const nodeIds = [village.id];
    const grid = caseRow.basicGridId ?? caseRow.gridId;
    if (tier === 'village_member' && grid) nodeIds.push(grid);
    const rows = await activeAssignments(db, { nodeIds, on });
    const ids = notAssignee([...new Set(rows.filter((r) => r.tier === tier).map((r) => r.staffId))].sort());
    if (ids.length > 0) return { staffIds: ids, via: 'assignment' };
  }
  for (const step of tierFallback[tier ?? 'town_leader']) {
    const ids = notAssignee(await staffOver(db, step.role, caseRow.territoryPath, step.level));
    if (ids.length > 0) return { staffIds: ids, via: 'territory' };
  }
  return { staffIds: [], via: 'territory' };
}

