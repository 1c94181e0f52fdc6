import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { recordAudit, systemActor } from '../../platform/audit/audit.record.js';
import type { CaseChange } from '../cases/index.js';
import { cases, reporters } from '../cases/cases.tables.js';
import { notify } from '../notifications/index.js';
import { residents } from '../residents/residents.tables.js';
import { caseFollowers } from './duplicates.tables.js';

/** Who the reporter of a case is, as a follower: their resident account when they have one, else their reporter row (with a phone). */
async function reporterAsFollower(tx: Database, reporterId: string): Promise<{ residentId: string } | { reporterId: string } | null> {
  const [rep] = await tx.select().from(reporters).where(eq(reporters.id, reporterId)).limit(1);
  if (!rep || rep.erasedAt) return null;
  if (rep.residentId) return { residentId: rep.residentId };
  if (rep.phoneHash) {
    const [account] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.phoneHash, rep.phoneHash)).limit(1);
    if (account) return { residentId: account.id };
  }
  return rep.phoneEncrypted ? { reporterId: rep.id } : null;
}

/** True when `who` is already the reporter of the surviving case (they hear of it as its reporter). */
async function reportsAlready(tx: Database, survivorReporterId: string | null, who: { residentId: string } | { reporterId: string }, phoneHash: string | null) {
  if (!survivorReporterId) return false;
  if ('reporterId' in who && who.reporterId === survivorReporterId) return true;
  const [rep] = await tx.select().from(reporters).where(eq(reporters.id, survivorReporterId)).limit(1);
  if (!rep) return false;
  if ('residentId' in who && rep.residentId === who.residentId) return true;
  return phoneHash !== null && rep.phoneHash === phoneHash;
}

/**
 * A case merged into another (the `merge` action, decided by a person): its reporter follows the surviving
 * case, and so do its own followers, so they are told of its progress and may rate it. In the merge's transaction.
 */
async function followSurvivor(tx: Database, change: CaseChange): Promise<void> {
  const merged = change.after;
  const survivorId = merged.mergedIntoId;
  if (!survivorId) return;
  const [survivor] = await tx.select({ id: cases.id, reporterId: cases.reporterId }).from(cases).where(eq(cases.id, survivorId)).limit(1);
  if (!survivor) return;
  const newcomers: ({ residentId: string } | { reporterId: string })[] = [];
  if (merged.reporterId) {
    const who = await reporterAsFollower(tx, merged.reporterId);
    const [rep] = await tx.select({ phoneHash: reporters.phoneHash }).from(reporters).where(eq(reporters.id, merged.reporterId));
    if (who && !(await reportsAlready(tx, survivor.reporterId, who, rep?.phoneHash ?? null))) newcomers.push(who);
  }
  const carried = await tx.select().from(caseFollowers).where(and(eq(caseFollowers.caseId, merged.id), isNull(caseFollowers.unfollowedAt)));
  for (const f of carried) newcomers.push(f.residentId ? { residentId: f.residentId } : { reporterId: f.reporterId! });
  for (const who of newcomers) {
    const inserted = await tx
      .insert(caseFollowers)
      .values({ id: newId(), caseId: survivor.id, ...who, source: 'merge', mergedFromCaseId: merged.id, createdAt: change.at })
      .onConflictDoNothing()
      .returning({ id: caseFollowers.id });
    // Someone who had unfollowed the survivor is not signed up again by a merge.
    if (inserted.length === 0) continue;
    const actor = change.actor.kind === 'staff' ? change.actor : systemActor;
    await recordAudit(tx, actor, { action: 'case.follow', entityType: 'case', entityId: survivor.id, data: { source: 'merge', mergedFromCaseId: merged.id } }, change.at);
  }
}

/** What a change means to a follower (the same moments a reporter hears of, plus dispatch and handling), or null. */
export function followerChangeOf(change: CaseChange): 'dispatched' | 'handled' | 'closed' | 'reopened' | null {
  const { action, before, after } = change;
  if (action === 'dispatch') return 'dispatched';
  if (action === 'handle') return after.status === 'closed' ? 'closed' : 'handled';
  if (action === 'close') return 'closed';
  if (action === 'reopen') return 'reopened';
  // The reporter's rating may close the case or reopen it.
  if (action === 'rate' && before.status !== after.status) {
    if (after.status === 'closed') return 'closed';
    if (after.status === 'in_progress') return 'reopened';
  }
  return null;
}

/** Tells the followers of a case (SMS, through the notification outbox) of the moments a reporter would hear of. */
async function tellFollowers(tx: Database, change: CaseChange): Promise<void> {
  const what = followerChangeOf(change);
  if (!what) return;
  const rows = await tx
    .select({ residentId: caseFollowers.residentId, reporterId: caseFollowers.reporterId })
    .from(caseFollowers)
    .where(and(eq(caseFollowers.caseId, change.after.id), isNull(caseFollowers.unfollowedAt)));
  if (rows.length === 0) return;
  const residentIds = rows.flatMap((r) => (r.residentId ? [r.residentId] : []));
  const reporterIds = rows.flatMap((r) => (r.reporterId ? [r.reporterId] : []));
  await notify(tx, {
    type: 'case.follow-update',
    caseId: change.after.id,
    to: [{ kind: 'followers', residentIds, reporterIds }],
    at: change.at,
    data: { number: change.after.number, change: what, caseEventId: change.caseEventId },
  });
}

/** The duplicates module's listener on every case change (case-extension.ts `afterChange`). */
export async function afterCaseChange(tx: Database, change: CaseChange): Promise<void> {
  if (change.action === 'merge') await followSurvivor(tx, change);
  await tellFollowers(tx, change);
}

