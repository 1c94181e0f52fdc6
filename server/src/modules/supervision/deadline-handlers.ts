import { supervisionRecipients } from '../assignments/index.js';
import { recordAudit, systemActor } from '../../platform/audit/audit.record.js';
import { defineTimerHandler, type CaseTimerHandler, type TimerHandlerInput, syncDeadlineTimers } from '../case-timers/index.js';
import { caseLimits } from '../deadlines/index.js';
import { notify } from '../notifications/index.js';
import { escalateBySystem } from './auto-escalate.js';
import { issueSupervisionNotice } from './notice-issue.js';

/**
 * What happens when a deadline timer fires (docs/supervision.md). Each runs in the sweep's
 * transaction with the case locked; the timer is already marked fired in it, so everything here
 * happens once per timer or not at all.
 */
function warning(kind: 'respond.warn' | 'resolve.warn'): CaseTimerHandler {
  return defineTimerHandler({
    kind,
    async run({ tx, timer, caseRow, now }) {
      const deadline = kind === 'respond.warn' ? caseRow.respondBy : caseRow.resolveBy;
      await notify(tx, {
        type: 'case.deadline-warning',
        caseId: caseRow.id,
        to: [{ kind: 'assignee' }],
        data: { caseNumber: caseRow.number, deadline: kind === 'respond.warn' ? 'respond' : 'resolve', dueAt: deadline?.toISOString() ?? null, timerId: timer.id },
        at: now,
      });
    },
  });
}

/** Overdue: a notice one step up the ladder, the assignee told, and (policy) one level up by itself. */
function overdue(kind: 'respond.due' | 'resolve.due'): CaseTimerHandler {
  return defineTimerHandler({
    kind,
    async run({ ctx, tx, timer, caseRow, now }: TimerHandlerInput) {
      const noticeKind = kind === 'respond.due' ? 'respond_overdue' : 'resolve_overdue';
      const limits = await caseLimits(tx, { categoryCode: caseRow.categoryCode, colour: caseRow.colour, level: caseRow.level });
      // The ladder is read before escalating: the notice goes above whoever missed the deadline.
      const recipients = await supervisionRecipients(tx, caseRow, now);
      const escalation = limits.autoEscalate ? await escalateBySystem(ctx, tx, caseRow, `逾期自动上提(${kind === 'respond.due' ? '受理' : '办结'}时限已过)`) : null;
      const notice = await issueSupervisionNotice(tx, {
        caseRow,
        kind: noticeKind,
        now,
        dueAt: timer.dueAt,
        timerId: timer.id,
        recipients,
        note: escalation?.reason ?? null,
        autoEscalation: escalation?.outcome ?? null,
        escalatedToLevel: escalation?.toLevel ?? null,
      });
      await notify(tx, {
        type: 'case.overdue',
        caseId: caseRow.id,
        to: [{ kind: 'assignee' }],
        data: { caseNumber: caseRow.number, deadline: kind === 'respond.due' ? 'respond' : 'resolve', dueAt: timer.dueAt.toISOString(), noticeNumber: notice.number },
        at: now,
      });
      await recordAudit(
        tx,
        systemActor,
        { action: 'supervision.issue', entityType: 'supervision_notice', entityId: notice.id, data: { number: notice.number, caseId: caseRow.id, caseNumber: caseRow.number, kind: noticeKind, timerId: timer.id, via: notice.via, autoEscalation: notice.autoEscalation } },
        now,
      );
    },
  });
}

/** The long-term (挂账) review date came: the paused resolve clock runs again. */
const longTermReview = defineTimerHandler({
  kind: 'longterm.review',
  async run({ tx, caseRow, now }) {
    await syncDeadlineTimers(tx, caseRow, now);
    await notify(tx, { type: 'case.deadline-warning', caseId: caseRow.id, to: [{ kind: 'assignee' }], data: { caseNumber: caseRow.number, deadline: 'longterm-review' }, at: now });
  },
});

export const deadlineTimerHandlers: readonly CaseTimerHandler[] = [warning('respond.warn'), warning('resolve.warn'), overdue('respond.due'), overdue('resolve.due'), longTermReview];
