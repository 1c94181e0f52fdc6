import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { StaffActor } from '../../platform/actor.js';
import { loginThrottles, staff, staffNodes, units } from './people.tables.js';
import type { Role } from '../../platform/roles.js';

/** `expr LIKE p1% OR expr LIKE p2% …` — false when there are no paths. Paths hold only codes and slashes. */
function coveredBy(paths: string[], pathExpr: SQL): SQL {
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`${pathExpr} like ${p + '%'}`),
    sql` or `,
  )})`;
}

function isCountyWide(admin: StaffActor): SQL {
  return sql.raw(admin.nodes.some((n) => n.level === 'county') ? 'true' : 'false');
}

/**
 * The accounts an administrator manages: every node of the account lies under one of the
 * administrator's nodes. An account without nodes (department staff) is placed by its unit's node,
 * and one whose unit has no node (a county department) only by a county-wide administrator.
 * Everything else does not exist for this administrator.
 */
export function managedStaff(admin: StaffActor): SQL {
  const paths = admin.nodes.map((n) => n.path);
  const unitPath = sql`(select utn.path from units u join territory_nodes utn on utn.id = u.territory_node_id where u.id = ${staff.unitId})`;
  return sql`(
    not exists (select 1 from staff_nodes msn join territory_nodes mtn on mtn.id = msn.node_id
                where msn.staff_id = ${staff.id} and not ${coveredBy(paths, sql`mtn.path`)})
    and (exists (select 1 from staff_nodes msn2 where msn2.staff_id = ${staff.id})
         or ${coveredBy(paths, unitPath)}
         or (${isCountyWide(admin)} and ${unitPath} is null)))`;
}

/** The units an administrator manages: under one of their nodes, or county-wide ones for a county administrator. */
export function managedUnit(admin: StaffActor): SQL {
  const paths = admin.nodes.map((n) => n.path);
  const nodePath = sql`(select utn.path from territory_nodes utn where utn.id = ${units.territoryNodeId})`;
  return sql`(${coveredBy(paths, nodePath)} or (${isCountyWide(admin)} and ${units.territoryNodeId} is null))`;
}

export interface UserFilters {
  role?: Role | undefined;
  nodePath?: string | undefined;
  unitId?: string | undefined;
  isActive?: boolean | undefined;
  q?: string | undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function userConditions(admin: StaffActor, filters: UserFilters): SQL {
  const conditions: Array<SQL | undefined> = [managedStaff(admin)];
  if (filters.role) conditions.push(eq(staff.role, filters.role));
  if (filters.unitId) conditions.push(eq(staff.unitId, filters.unitId));
  if (filters.isActive !== undefined) conditions.push(eq(staff.isActive, filters.isActive));
  if (filters.nodePath) {
    conditions.push(sql`exists (select 1 from staff_nodes fsn join territory_nodes ftn on ftn.id = fsn.node_id
                               where fsn.staff_id = ${staff.id} and ftn.path like ${filters.nodePath + '%'})`);
  }
  if (filters.q) {
    const needle = `%${escapeLike(filters.q.toLowerCase())}%`;
    conditions.push(sql`(lower(${staff.username}) like ${needle} or lower(${staff.displayName}) like ${needle})`);
  }
  return and(...conditions)!;
}

export async function listManagedStaff(db: Database, admin: StaffActor, filters: UserFilters, page: { limit: number; offset: number }) {
  const where = userConditions(admin, filters);
  const [rows, [count]] = await Promise.all([
    db.select().from(staff).where(where).orderBy(asc(staff.username)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(staff).where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** One managed account, optionally locked for update; undefined outside the administrator's scope. */
export async function findManagedStaff(db: Database, admin: StaffActor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(staff).where(and(eq(staff.id, id), managedStaff(admin))).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findManagedUnit(db: Database, admin: StaffActor, id: string) {
  const [row] = await db.select().from(units).where(and(eq(units.id, id), managedUnit(admin))).limit(1);
  return row;
}

/** Territory nodes by code, only those under the administrator's nodes. */
export async function managedNodesByCode(db: Database, admin: StaffActor, codes: string[]) {
  if (codes.length === 0) return [];
  const paths = admin.nodes.map((n) => n.path);
  return db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level, path: territoryNodes.path })
    .from(territoryNodes)
    .where(and(inArray(territoryNodes.code, codes), coveredBy(paths, sql`${territoryNodes.path}`)));
}

export async function nodeIdsOf(db: Database, staffId: string): Promise<string[]> {
  const rows = await db.select({ nodeId: staffNodes.nodeId }).from(staffNodes).where(eq(staffNodes.staffId, staffId));
  return rows.map((r) => r.nodeId).sort();
}

/** Which of these username hashes are locked right now. */
export async function lockedKeys(db: Database, keys: string[], now: Date): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: loginThrottles.keyHash })
    .from(loginThrottles)
    .where(and(inArray(loginThrottles.keyHash, keys), sql`${loginThrottles.lockedUntil} > ${now.toISOString()}::timestamptz`));
  return new Set(rows.map((r) => r.key));
}

/** Active administrators, locked (PostgreSQL) so two concurrent demotions cannot both pass the last-admin check. */
export async function activeAdminIds(db: Database): Promise<string[]> {
  const rows = await db.select({ id: staff.id }).from(staff).where(and(eq(staff.role, 'admin'), eq(staff.isActive, true))).for('update');
  return rows.map((r) => r.id);
}
