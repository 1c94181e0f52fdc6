import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { Bilingual } from '../../platform/i18n.js';
import type { ScopedActor } from '../../platform/actor.js';
import { staff, staffNodes, units } from '../people/people.tables.js';
import type { Role } from '../../platform/roles.js';
import { isUnder } from '../../platform/territory-path.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { ancestorPaths } from './ladder.js';

/** `expr LIKE p1% OR …` over the actor's node paths — false without nodes. Paths hold only codes and slashes. */
export function underActor(actor: ScopedActor, pathExpr: SQL | typeof territoryNodes.path): SQL {
  if (actor.nodes.length === 0) return sql`false`;
  return sql`(${sql.join(actor.nodes.map((n) => sql`${pathExpr} like ${n.path + '%'}`), sql` or `)})`;
}

/** A territory node by code, only when it lies under one of the actor's nodes (else undefined → 404). */
export async function nodeInScope(db: Database, actor: ScopedActor, code: string) {
  const [row] = await db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level, path: territoryNodes.path, gridKind: territoryNodes.gridKind })
    .from(territoryNodes)
    .where(and(eq(territoryNodes.code, code), underActor(actor, territoryNodes.path)))
    .limit(1);
  return row;
}

/** What decides whether someone may be assigned to a place (docs/assignments.md, "Who can be assigned"). */
export interface StaffFacts {
  id: string;
  username: string;
  role: Role;
  isActive: boolean;
  nodePaths: string[];
  unitKind: string | null;
  unitPath: string | null;
}

export async function staffFacts(db: Database, where: { ids?: string[]; usernames?: string[] }): Promise<StaffFacts[]> {
  const filter = where.ids ? inArray(staff.id, where.ids) : inArray(staff.username, where.usernames ?? []);
  if ((where.ids ?? where.usernames ?? []).length === 0) return [];
  const rows = await db
    .select({ id: staff.id, username: staff.username, role: staff.role, isActive: staff.isActive, unitKind: units.kind, unitPath: territoryNodes.path })
    .from(staff)
    .leftJoin(units, eq(units.id, staff.unitId))
    .leftJoin(territoryNodes, eq(territoryNodes.id, units.territoryNodeId))
    .where(filter);
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db.select({ staffId: staffNodes.staffId, path: territoryNodes.path }).from(staffNodes).innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId)).where(inArray(staffNodes.staffId, ids))
    : [];
  return rows.map((r) => ({ ...r, nodePaths: links.filter((l) => l.staffId === r.id).map((l) => l.path) }));
}

/**
 * Null when the person may be assigned to the node at `nodePath`, else why not. The rule: an active
 * account (not an administrator) that belongs to the node's town — one of its territory nodes lies
 * in the town, or its unit works there (the town office) — or a county department's staff
 * (干部下沉 from county departments to any village).
 */
export function assignmentRefusal(facts: StaffFacts, nodePath: string): Bilingual | null {
  if (!facts.isActive) return { zh: '该账号已停用', en: 'this account is deactivated' };
  if (facts.role === 'admin') return { zh: '管理员账号不能包联', en: 'administrator accounts cannot be assigned' };
  const town = ancestorPaths(nodePath).town;
  if (!town) return { zh: '只能包联村(社区)或网格', en: 'only villages and grids can be assigned' };
  const inTown = (p: string | null) => !!p && isUnder(p, town);
  if (facts.nodePaths.some(inTown) || inTown(facts.unitPath)) return null;
  if (facts.unitKind === 'department' && facts.unitPath === null) return null;
  return { zh: '此人不属于该镇(街道)，也不是区直部门下沉干部', en: "this person belongs neither to the node's town nor to a county department" };
}
