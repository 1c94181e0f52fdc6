import { eq } from 'drizzle-orm';
import { defineTimerHandler } from '../case-timers/index.js';
import { notify } from '../notifications/index.js';
import { recordAudit, systemActor } from '../../platform/audit/audit.record.js';
import { issueSupervisionNotice } from '../supervision/index.js';
import { checkInTimerKind } from './whistle-effects.js';
import { memberStaffIds } from './whistle-members.js';
import { whistleParties } from './whistles.tables.js';

/**
 * A summoned party's check-in window passed (`whistle.checkin`, refId = party id). Runs in the
 * sweep's transaction with the case locked: marks the party overdue, urges its members and issues
 * a supervision notice (督办单) of kind `checkin_overdue`. A party that checked in meanwhile had its
 * timer cancelled, but the check is repeated here in case both raced.
 */
export const checkInOverdueHandler = defineTimerHandler({
  kind: checkInTimerKind,
  async run({ tx, timer, caseRow, now }) {
    if (!timer.refId) return;
    const [party] = await tx.select().from(whistleParties).where(eq(whistleParties.id, timer.refId)).limit(1);
    if (!party || party.checkedInAt || party.completedAt || party.overdueAt) return;
    await tx.update(whistleParties).set({ overdueAt: now }).where(eq(whistleParties.id, party.id));
    const members = await memberStaffIds(tx, [{ kind: party.partyKind, id: party.partyId }]);
    const data = { number: caseRow.number, partyId: party.id, whistleId: party.whistleId, checkInBy: party.checkInBy.toISOString() };
    await notify(tx, { type: 'case.checkin-overdue', caseId: caseRow.id, to: [{ kind: 'staff', ids: members }, { kind: 'assignee' }], data, at: now });
    const notice = await issueSupervisionNotice(tx, {
      caseRow,
      kind: 'checkin_overdue',
      now,
      dueAt: party.checkInBy,
      timerId: timer.id,
      note: '吹哨召集的报到单位未在时限内报到 / A summoned party missed its check-in window',
    });
    await recordAudit(
      tx,
      systemActor,
      { action: 'whistle.checkin-overdue', entityType: 'case', entityId: caseRow.id, data: { ...data, noticeId: notice.id, noticeNumber: notice.number } },
      now,
    );
  },
});
