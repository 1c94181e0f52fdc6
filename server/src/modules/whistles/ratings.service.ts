import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.record.js';
import type { Actor } from '../../platform/actor.js';
import { syncDeadlineTimers } from '../case-timers/deadline-timers.js';
import { actionEffects } from '../cases/case-action-effects.js';
import { factsOfCases } from '../cases/case-facts.js';
import { caseEvents, cases, type CaseRow } from '../cases/cases.tables.js';
import { applyRating } from './ratings.js';
import type { RatingValue } from './whistles.tables.js';

export interface ReporterRating {
  rating: RatingValue;
  comment?: string | undefined;
  channel: 'tracking' | 'resident';
  residentId?: string;
}

/**
 * The reporter rates the result (from the tracking page with number + code, or signed in on
 * 我的诉求). The caller has already proved who they are and found the case; this locks it and
 * applies the same rules as the staff `rate` action: once per closing round, after handling when
 * the reporter verifies, otherwise after closing. One transaction: rating, case change, event, audit.
 */
export async function rateAsReporter(ctx: AppContext, caseId: string, input: ReporterRating, actor: Actor | AuditActor): Promise<CaseRow> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    const now = ctx.clock.now();
    const facts = (await factsOfCases(tx, [row], now)).get(row.id)!;
    const canRate = row.status === 'closed' || (row.status === 'handled' && facts.verification === 'reporter');
    if (!canRate) throw new AppError('INVALID_TRANSITION', { detail: { zh: '诉求办结后才能评价', en: 'You can rate once the case is resolved' } });
    if (facts.ratedThisRound) throw new AppError('INVALID_TRANSITION', { detail: { zh: '您已评价过本次办理结果', en: 'You have already rated this result' } });
    // The reopen effect reads the case, not who asks for it.
    const reopen = (reason: string) =>
      actionEffects.reopen({ ctx, tx, row, facts, actor: undefined as never, body: { version: row.version, reason }, now });
    const effect = await applyRating(ctx, tx, row, facts, { ...input, comment: input.comment ?? null, now }, reopen);
    const toStatus = effect.status ?? row.status;
    const [updated] = await tx
      .update(cases)
      .set({ ...effect.patch, status: toStatus, updatedAt: now, version: sql`${cases.version} + 1` })
      .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
      .returning();
    if (!updated) throw new AppError('STALE_VERSION');
    await syncDeadlineTimers(tx, updated);
    const eventId = newId();
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId: row.id,
      action: 'rate',
      fromStatus: row.status,
      toStatus: effect.status ?? null,
      actorId: null,
      actorRole: 'reporter',
      note: effect.note,
      data: effect.data,
      createdAt: now,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'case.rate', entityType: 'case', entityId: row.id, data: { number: row.number, fromStatus: row.status, toStatus, version: updated.version, eventId, ...effect.data } },
      now,
    );
    return updated;
  });
}
