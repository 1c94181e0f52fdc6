import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { CaseChange } from '../cases/index.js';
import { caseEvents, type CaseRow } from '../cases/cases.tables.js';
import { townCenterOperators } from '../duty/index.js';
import { staff, staffNodes } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { notify, type Recipient } from './notify.js';
import { townOfPath } from './recipients.js';

/** Who verifies a handled case: the village's community staff (not the handler), else the town center. */
async function verifiers(tx: Database, c: CaseRow): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: staff.id })
    .from(staff)
    .innerJoin(staffNodes, eq(staffNodes.staffId, staff.id))
    .innerJoin(territoryNodes, eq(territoryNodes.id, staffNodes.nodeId))
    .where(
      and(
        eq(staff.isActive, true),
        eq(staff.role, 'community_staff'),
        c.handlerId ? ne(staff.id, c.handlerId) : undefined,
        sql`${c.territoryPath} like ${territoryNodes.path} || '%'`,
      ),
    );
  if (rows.length > 0) return rows.map((r) => r.id);
  const town = await townOfPath(tx, c.territoryPath);
  return town ? townCenterOperators(tx, town) : [];
}

/** Whoever dispatched the case last (a return goes back to them). */
async function lastDispatcher(tx: Database, caseId: string): Promise<string[]> {
  const [row] = await tx
    .select({ actorId: caseEvents.actorId })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'dispatch')))
    .orderBy(desc(caseEvents.id))
    .limit(1);
  return row?.actorId ? [row.actorId] : [];
}

type Plan = { type: string; to: Recipient[] } | null;

/** Which event a lifecycle action makes, and for whom. Actions not listed here notify nobody. */
async function planFor(tx: Database, f: CaseChange): Promise<Plan> {
  const c = f.after;
  switch (f.action) {
    case 'dispatch':
      return { type: 'case.dispatched', to: [{ kind: 'assignee' }] };
    case 'return':
      return { type: 'case.returned', to: [{ kind: 'staff', ids: await lastDispatcher(tx, c.id) }] };
    case 'handle':
      // An inquiry closes as soon as it is answered: the reporter hears that it is closed.
      if (c.status === 'closed') return { type: 'case.closed', to: [{ kind: 'reporter' }] };
      return { type: 'case.handled', to: [{ kind: 'staff', ids: await verifiers(tx, c) }] };
    case 'close':
      return { type: 'case.closed', to: [{ kind: 'reporter' }] };
    case 'reject':
      return { type: 'case.rejected', to: [{ kind: 'reporter' }] };
    case 'rework':
      return { type: 'case.rework', to: [{ kind: 'assignee' }] };
    case 'reopen':
      return { type: 'case.reopened', to: [{ kind: 'assignee' }] };
    case 'escalate':
      return { type: 'case.escalated', to: [{ kind: 'assignee' }, { kind: 'supervisors' }] };
    case 'request-extension':
      return { type: 'case.extension-requested', to: [{ kind: 'supervisors' }] };
    default:
      return null;
  }
}

/**
 * Listens to every case change (case-extension.ts `afterChange`), in its transaction, after the
 * event row: turns a lifecycle action into a notification event (nothing is sent here; notify()
 * only writes the outbox).
 */
export async function notifyCaseAction(tx: Database, f: CaseChange): Promise<void> {
  if (f.actor.kind === 'system' && f.action === 'escalate') {
    // Escalated by itself (overdue): the new assignee hears of it; the notice goes up the ladder on its own.
    const data = { caseNumber: f.before.number, fromLevel: f.before.level, toLevel: f.after.level, auto: true };
    await notify(tx, { type: 'case.escalated', caseId: f.after.id, to: [{ kind: 'assignee' }], data, at: f.at });
    return;
  }
  const actorId = f.actor.kind === 'staff' ? f.actor.id : null;
  const plan = await planFor(tx, f);
  if (!plan) return;
  await notify(tx, {
    type: plan.type,
    caseId: f.after.id,
    to: plan.to,
    at: f.at,
    data: {
      number: f.after.number,
      action: f.action,
      caseEventId: f.caseEventId,
      ...(actorId ? { actorId } : {}),
      ...(f.action === 'escalate' ? { fromLevel: f.before.level, toLevel: f.after.level } : {}),
    },
  });
}

/**
 * Called after intake's insert (case-extension.ts `afterIntake`), in its transaction, for every new case (staff-entered, hotline, anonymous,
 * visit-raised alike): `case.reported` — webhook subscribers get it always, the reporter an SMS (number +
 * tracking code) when there is one — and red cases to the duty roster out of hours.
 */
export async function notifyCaseReported(tx: Database, c: Pick<CaseRow, 'id' | 'number' | 'colour' | 'reporterId'>, at: Date): Promise<void> {
  await notify(tx, { type: 'case.reported', caseId: c.id, to: c.reporterId ? [{ kind: 'reporter' }] : [], at, data: { number: c.number } });
  // The fan-out adds the duty officers when this happens outside working hours (recipients.ts).
  if (c.colour === 'red') await notify(tx, { type: 'case.red', caseId: c.id, to: [], at, data: { number: c.number } });
}
