import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { ancestorPath } from '../../platform/territory-path.js';
import { notify } from '../notifications/index.js';
import { staffUnderPaths } from '../people/index.js';
import type { ActionEffect, CaseFacts } from '../cases/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { ratingRound } from './rating-facts.js';
import { reopensOnDissatisfied } from '../whistles/index.js';
import { caseRatings, type RatingChannel, type RatingValue } from '../whistles/whistles.tables.js';

export interface RatingInput {
  rating: RatingValue;
  comment: string | null;
  channel: RatingChannel;
  residentId?: string | null;
  recordedBy?: string | null;
  now: Date;
}

export type RatingOutcome = 'closed' | 'reworked' | 'reopened' | 'follow-up' | 'none';

/**
 * Stores a rating and applies what it means (docs/whistles.md "Rating"):
 * - on a handled case verified by the reporter, 满意/基本满意 closes it; 不满意 sends it back (rework);
 * - on a closed case, 不满意 reopens it (fresh resolveBy, counted as a reopen);
 * - when the settings say 不满意 does not reopen, the village's community staff are asked to follow up.
 * The comment goes to the rating row and the event's note — never into the audit row.
 */
export async function applyRating(
  _ctx: AppContext,
  tx: Database,
  row: CaseRow,
  facts: CaseFacts,
  input: RatingInput,
  reopen: (reason: string) => Promise<ActionEffect>,
): Promise<ActionEffect> {
  const ratingId = newId();
  await tx.insert(caseRatings).values({
    id: ratingId,
    caseId: row.id,
    round: ratingRound(row),
    rating: input.rating,
    comment: input.comment,
    channel: input.channel,
    residentId: input.residentId ?? null,
    recordedBy: input.recordedBy ?? null,
    createdAt: input.now,
  });
  const data = (outcome: RatingOutcome) => ({ ratingId, rating: input.rating, channel: input.channel, outcome });
  const confirmsClosing = row.status === 'handled' && facts.verification === 'reporter';
  if (input.rating !== 'dissatisfied') {
    if (!confirmsClosing) return { patch: {}, note: input.comment, data: data('none') };
    return { patch: { closedAt: input.now }, status: 'closed', note: input.comment, data: data('closed') };
  }
  if (await reopensOnDissatisfied(tx, row.categoryCode)) {
    if (row.status === 'handled') {
      return { patch: { reworkCount: row.reworkCount + 1, handledAt: null }, status: 'rework', note: input.comment, data: data('reworked') };
    }
    const reopened = await reopen('群众评价不满意，重新办理');
    return { ...reopened, status: 'in_progress', note: input.comment, data: data('reopened') };
  }
  await askForFollowUp(tx, row, input.now);
  return { patch: {}, note: input.comment, data: data('follow-up') };
}

/** 不满意 without reopening: the village's community staff are told to visit (回访). */
async function askForFollowUp(tx: Database, row: CaseRow, now: Date) {
  const basePath = ancestorPath(row.territoryPath, 'village') ?? row.territoryPath;
  const ids = (await staffUnderPaths(tx, [basePath], ['community_staff'])).map((p) => p.id);
  const to = ids.length ? [{ kind: 'staff' as const, ids }] : [{ kind: 'supervisors' as const }];
  await notify(tx, { type: 'case.follow-up-needed', caseId: row.id, to, data: { number: row.number }, at: now });
}
