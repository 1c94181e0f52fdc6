import type { AppContext } from '../../platform/context.js';
import type { AuditActor } from '../../platform/audit/audit.record.js';
import type { Actor } from '../../platform/actor.js';
import { commitCaseChange } from '../cases/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
import type { RatingValue } from '../whistles/whistles.tables.js';

export interface ReporterRating {
  rating: RatingValue;
  comment?: string | undefined;
  channel: 'tracking' | 'resident';
  residentId?: string;
}

/**
 * The reporter rates the result (from the tracking page with number + code, or signed in on
 * 我的诉求). The caller has already proved who they are and found the case; the change goes the one
 * way every case change goes (commitCaseChange), with the reporter as the actor: once per closing
 * round, after handling when the reporter verifies, otherwise after closing (cases.policy.ts).
 */
export async function rateAsReporter(ctx: AppContext, caseId: string, input: ReporterRating, actor: Actor | AuditActor): Promise<CaseRow> {
  const reporter = { kind: 'reporter', channel: input.channel, residentId: input.residentId ?? null, audit: actor } as const;
  // The reporter acts on the case as it is now: no version to compare (only staff send one).
  return commitCaseChange(ctx, reporter, caseId, 'rate', { version: 0, rating: input.rating, comment: input.comment });
}
