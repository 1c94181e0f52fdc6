import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { ActorNode, StaffActor } from '../../platform/actor.js';
import type { Role } from '../../platform/roles.js';
import { sessions, staff, staffNodes, units } from './people.tables.js';

export async function findStaffByUsername(db: Database, username: string) {
  const [row] = await db.select().from(staff).where(eq(staff.username, username)).limit(1);
  return row;
}

export async function nodesOfStaff(db: Database, staffIds: string[]): Promise<Map<string, ActorNode[]>> {
  const out = new Map<string, ActorNode[]>();
  if (staffIds.length === 0) return out;
  const rows = await db
    .select({
      staffId: staffNodes.staffId,
      id: territoryNodes.id,
      code: territoryNodes.code,
      name: territoryNodes.name,
      level: territoryNodes.level,
      path: territoryNodes.path,
    })
    .from(staffNodes)
    .innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
    .where(inArray(staffNodes.staffId, staffIds))
    .orderBy(territoryNodes.path);
  for (const { staffId, ...node } of rows) {
    const list = out.get(staffId) ?? [];
    list.push(node);
    out.set(staffId, list);
  }
  return out;
}

export async function loadStaffActor(db: Database, staffId: string): Promise<StaffActor | undefined> {
  const [row] = await db.select().from(staff).where(and(eq(staff.id, staffId), eq(staff.isActive, true))).limit(1);
  if (!row) return undefined;
  const nodes = (await nodesOfStaff(db, [row.id])).get(row.id) ?? [];
  return {
    kind: 'staff',
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitId: row.unitId,
    nodes,
    mustChangePassword: row.mustChangePassword,
  };
}

/** A session that is neither revoked, past its absolute expiry, nor idle since `idleSince`. */
export async function findLiveSession(db: Database, tokenHash: string, now: Date, idleSince: Date) {
  const [row] = await db
    .select({ id: sessions.id, staffId: sessions.staffId, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince), isNull(sessions.revokedAt)))
    .limit(1);
  return row;
}

export async function unitsById(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, typeof units.$inferSelect>();
  const rows = await db.select().from(units).where(inArray(units.id, ids));
  return new Map(rows.map((u) => [u.id, u]));
}

/** Staff whose territory lies under one of `paths` (for assignee pickers), optionally by role. */
export async function staffUnderPaths(db: Database, paths: string[], roles?: readonly Role[]) {
  if (paths.length === 0) return [];
  const pathFilter = sql.join(
    paths.map((p) => sql`${territoryNodes.path} like ${p + '%'}`),
    sql` or `,
  );
  const rows = await db
    .selectDistinct({ id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role, unitId: staff.unitId })
    .from(staff)
    .innerJoin(staffNodes, eq(staffNodes.staffId, staff.id))
    .innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
    .where(and(eq(staff.isActive, true), sql`(${pathFilter})`, roles ? inArray(staff.role, [...roles]) : undefined))
    .orderBy(staff.displayName);
  return rows;
}
