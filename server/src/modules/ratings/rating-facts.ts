import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { RatingState, CaseFacts } from '../cases/index.js';
import { reporters, type CaseRow } from '../cases/cases.tables.js';
import type { VerificationRule } from '../categories/categories.tables.js';
import { caseRatings } from '../whistles/whistles.tables.js';

/** A closing round: grows with every rework and reopen, so each closing can be rated once. */
export const ratingRound = (row: Pick<CaseRow, 'reopenCount' | 'reworkCount'>) => row.reopenCount + row.reworkCount;

/** What the policy needs about rating these cases (case-extension.ts `facts`): rated this round, a reporter to ask. */
export async function ratingFactsOf(db: Database, rows: CaseRow[]): Promise<Map<string, Partial<CaseFacts>>> {
  const ids = rows.map((r) => r.id);
  const reporterIds = rows.map((r) => r.reporterId).filter((id): id is string => !!id);
  const [ratings, liveReporters] = await Promise.all([
    ids.length ? db.select({ caseId: caseRatings.caseId, round: caseRatings.round }).from(caseRatings).where(inArray(caseRatings.caseId, ids)) : [],
    reporterIds.length
      ? db.select({ id: reporters.id }).from(reporters).where(and(inArray(reporters.id, reporterIds), isNull(reporters.erasedAt)))
      : [],
  ]);
  const live = new Set(liveReporters.map((r) => r.id));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ratedThisRound: ratings.some((r) => r.caseId === row.id && r.round === ratingRound(row)),
        hasReporter: row.reporterId !== null && live.has(row.reporterId),
      },
    ]),
  );
}

/** What the reporter's page shows about rating: whether they may rate now, and their last rating. */
export async function ratingStateOf(db: Database, row: CaseRow, verification: VerificationRule): Promise<RatingState> {
  const [last] = await db.select().from(caseRatings).where(eq(caseRatings.caseId, row.id)).orderBy(desc(caseRatings.createdAt)).limit(1);
  const ratedThisRound = last !== undefined && last.round === ratingRound(row);
  const ready = row.status === 'closed' || (row.status === 'handled' && verification === 'reporter');
  return {
    canRate: ready && !ratedThisRound && row.reporterId !== null,
    /** True when a rating here closes the case (the reporter verifies the result). */
    confirmsClosing: row.status === 'handled' && verification === 'reporter',
    last: last ? { rating: last.rating, comment: last.comment, at: last.createdAt.toISOString() } : null,
  };
}
