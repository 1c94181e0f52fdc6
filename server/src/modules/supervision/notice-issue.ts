import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { shanghaiCompactDate } from '../../platform/shanghai-time.js';
import { supervisionRecipients } from '../assignments/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { notify } from '../notifications/index.js';
import { supervisionNotices, supervisionSerials, type AutoEscalationOutcome, type NoticeKind, type NoticeVia, type SupervisionNoticeRow } from './supervision.tables.js';

export interface IssueNoticeInput {
  caseRow: CaseRow;
  kind: NoticeKind;
  now: Date;
  /** The deadline that was missed (or, for a manual notice, the reply deadline). */
  dueAt?: Date | null;
  /** The due timer issuing it: one notice per timer, enforced by a unique column. */
  timerId?: string | null;
  /** Null or absent: the system. */
  issuedById?: string | null;
  /** Absent: one step up the ladder (supervisionRecipients). */
  recipients?: { staffIds: string[]; via: NoticeVia };
  note?: string | null;
  autoEscalation?: AutoEscalationOutcome | null;
  escalatedToLevel?: string | null;
}

/** `DB-320305-20261122-0001`: the day's next serial, taken under the day row's lock (gapless; rolled back with the notice). */
async function nextNoticeNumber(tx: Database, countyCode: string, now: Date): Promise<string> {
  const day = shanghaiCompactDate(now);
  const [counter] = await tx
    .insert(supervisionSerials)
    .values({ countyCode, day, last: 1 })
    .onConflictDoUpdate({ target: [supervisionSerials.countyCode, supervisionSerials.day], set: { last: sql`${supervisionSerials.last} + 1` } })
    .returning({ last: supervisionSerials.last });
  const serial = counter!.last;
  return `DB-${countyCode}-${day}-${String(serial).padStart(4, '0')}`;
}

/**
 * Issues a supervision notice (督办单) in the caller's transaction and notifies its addressees
 * (`case.supervision`). Used by the deadline sweep (respond/resolve overdue), by the whistles module
 * (missed check-ins) and by leaders and centers (manual). The audit row is the caller's.
 */
export async function issueSupervisionNotice(tx: Database, input: IssueNoticeInput): Promise<SupervisionNoticeRow> {
  const { caseRow, now } = input;
  const recipients = input.recipients ?? (await supervisionRecipients(tx, caseRow, now));
  const dueAt = input.dueAt ?? null;
  const overdueMinutes = dueAt && input.kind !== 'manual' ? Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / 60_000)) : 0;
  const [notice] = await tx
    .insert(supervisionNotices)
    .values({
      id: newId(),
      number: await nextNoticeNumber(tx, caseRow.countyCode, now),
      caseId: caseRow.id,
      kind: input.kind,
      timerId: input.timerId ?? null,
      issuedAt: now,
      issuedById: input.issuedById ?? null,
      addressedTo: recipients.staffIds,
      via: recipients.via,
      level: caseRow.level,
      dueAt,
      overdueMinutes,
      note: input.note ?? null,
      autoEscalation: input.autoEscalation ?? null,
      escalatedToLevel: input.escalatedToLevel ?? null,
      createdAt: now,
    })
    .returning();
  if (recipients.staffIds.length > 0) {
    await notify(tx, {
      type: 'case.supervision',
      caseId: caseRow.id,
      to: [{ kind: 'staff', ids: recipients.staffIds }],
      data: { noticeId: notice!.id, noticeNumber: notice!.number, noticeKind: input.kind, caseNumber: caseRow.number, overdueMinutes },
      at: now,
    });
  }
  return notice!;
}
