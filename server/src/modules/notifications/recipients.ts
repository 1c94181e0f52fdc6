import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { ancestorPath } from '../../platform/territory-path.js';
import { supervisionRecipients } from '../assignments/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { nodeHandlerRoles } from '../cases/index.js';
import { isWorkingTime, workingCalendar } from '../calendar/index.js';
import { dutyOfficersAt } from '../duty/index.js';
import { staff, staffNodes } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { NotificationEventRow, Recipient } from './notifications.tables.js';

export interface ResolvedRecipients {
  /** Active staff, without duplicates. */
  staffIds: string[];
  /** The case's reporter gets an SMS (reporters have no inbox). */
  reporter: boolean;
  /** Followers of the case (附议) to text, as delivery keys `resident:<id>` / `reporter:<id>`. */
  followers: string[];
  /** True when the duty roster was added because a red case or emergency came in out of hours. */
  dutyAdded: boolean;
}

/** Event types that reach the duty officer when they happen outside working hours. */
const outOfHoursTypes = new Set(['case.red', 'case.whistle-emergency']);
/** …and these too when the case is red (a red case dispatched or overdue at night needs someone awake). */
const redCaseTypes = new Set(['case.dispatched', 'case.escalated', 'case.overdue', 'case.supervision']);

/** Who handles the case now: the user, the unit's active staff, or the handler roles covering the node. */
export async function assigneeStaff(db: Database, c: CaseRow): Promise<string[]> {
  if (c.assigneeKind === 'user' && c.assigneeUserId) return [c.assigneeUserId];
  if (c.assigneeKind === 'unit' && c.assigneeUnitId) {
    const rows = await db.select({ id: staff.id }).from(staff).where(and(eq(staff.unitId, c.assigneeUnitId), eq(staff.isActive, true)));
    return rows.map((r) => r.id);
  }
  if (c.assigneeKind === 'node' && c.assigneeNodeId) {
    const [node] = await db.select({ path: territoryNodes.path, level: territoryNodes.level }).from(territoryNodes).where(eq(territoryNodes.id, c.assigneeNodeId));
    const roles = node ? (nodeHandlerRoles[node.level] ?? []) : [];
    if (!node || roles.length === 0) return [];
    // The same rule as cases.policy isAssignee: a handler role whose nodes contain the assignee node.
    const rows = await db
      .selectDistinct({ id: staff.id })
      .from(staff)
      .innerJoin(staffNodes, eq(staffNodes.staffId, staff.id))
      .innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
      .where(and(eq(staff.isActive, true), inArray(staff.role, [...roles]), sql`${node.path} like ${territoryNodes.path} || '%'`));
    return rows.map((r) => r.id);
  }
  return [];
}

/** The town above a territory path, or null for county-level paths. */
export async function townOfPath(db: Database, path: string): Promise<string | null> {
  const townPath = ancestorPath(path, 'town');
  if (!townPath) return null;
  const [town] = await db.select({ id: territoryNodes.id }).from(territoryNodes).where(eq(territoryNodes.path, townPath));
  return town?.id ?? null;
}

async function resolveOne(db: Database, r: Recipient, c: CaseRow | undefined, at: Date): Promise<string[]> {
  switch (r.kind) {
    case 'staff':
      return r.ids;
    case 'assignee':
      return c ? assigneeStaff(db, c) : [];
    case 'supervisors':
      return c ? (await supervisionRecipients(db, c, at)).staffIds : [];
    case 'duty': {
      const town = r.townNodeId ?? (c ? await townOfPath(db, c.territoryPath) : null);
      return town ? dutyOfficersAt(db, town, at) : [];
    }
    case 'reporter':
    case 'followers':
      return [];
  }
}

/**
 * Turns the event's recipient list into people. Red cases and emergency whistles outside
 * working hours also go to the town's duty officers, whatever the caller listed.
 */
export async function resolveRecipients(db: Database, event: NotificationEventRow, c: CaseRow | undefined): Promise<ResolvedRecipients> {
  const ids = new Set<string>();
  for (const r of event.recipients) for (const id of await resolveOne(db, r, c, event.at)) ids.add(id);
  let dutyAdded = false;
  const urgent = outOfHoursTypes.has(event.type) || (c?.colour === 'red' && redCaseTypes.has(event.type));
  if (urgent && c && !event.recipients.some((r) => r.kind === 'duty') && !isWorkingTime(event.at, await workingCalendar(db))) {
    const town = await townOfPath(db, c.territoryPath);
    if (town) for (const id of await dutyOfficersAt(db, town, event.at)) ids.add(id);
    dutyAdded = true;
  }
  // Nobody is told about their own action.
  const actorId = typeof event.data['actorId'] === 'string' ? event.data['actorId'] : null;
  const candidates = [...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id) && id !== actorId);
  const active =
    candidates.length === 0 ? [] : await db.select({ id: staff.id }).from(staff).where(and(inArray(staff.id, candidates), eq(staff.isActive, true)));
  const activeIds = new Set(active.map((r) => r.id));
  return {
    staffIds: candidates.filter((id) => activeIds.has(id)),
    reporter: event.recipients.some((r) => r.kind === 'reporter') && Boolean(c?.reporterId),
    followers: [
      ...new Set(
        event.recipients.flatMap((r) => (r.kind === 'followers' ? [...r.residentIds.map((id) => `resident:${id}`), ...r.reporterIds.map((id) => `reporter:${id}`)] : [])),
      ),
    ],
    dutyAdded,
  };
}
