import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { actorFacts, requirePermission, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { notifyCaseAction } from '../notifications/case-events.js';
import { syncDeadlineTimers } from '../case-timers/deadline-timers.js';
import { actionEffects } from './case-action-effects.js';
import { factsOfCases } from './case-facts.js';
import type { CaseAction } from './case-machine.js';
import { decide } from './cases.policy.js';
import { findCaseInScope } from './cases.queries.js';
import type { ActionBodies } from './cases.schema.js';
import { caseEvents, cases, type CaseRow } from './cases.tables.js';

export const caseNotFound = () => notFound({ zh: '找不到该案件', en: 'No such case' });

/**
 * Performs one lifecycle action: scope (404), policy (403/409), version (409), then the
 * change and its event row in one transaction. Every route, job and import comes through here.
 */
export async function performCaseAction<A extends CaseAction>(
  ctx: AppContext,
  actorInput: Actor,
  caseId: string,
  action: A,
  body: ActionBodies[A],
): Promise<CaseRow> {
  const actor = requirePermission(actorInput, 'case:read');
  return ctx.db.transaction(async (tx) => {
    const row = await findCaseInScope(tx, actor, caseId, { forUpdate: true });
    if (!row) throw caseNotFound();
    const now = ctx.clock.now();
    const facts = (await factsOfCases(tx, [row], now)).get(row.id)!;
    const decision = decide(facts, action, actorFacts(actor));
    if (!decision.allowed) throw new AppError(decision.error, { detail: decision.reason });
    if (row.version !== body.version) {
      throw new AppError('STALE_VERSION', {
        detail: { zh: `案件已更新(当前版本 ${row.version})，请刷新后重试`, en: `The case is at version ${row.version}; reload and retry` },
        extra: { currentVersion: row.version },
      });
    }
    const effect = await actionEffects[action]({ ctx, tx, row, facts, actor, body, now });
    let toStatus = effect.status ?? decision.to ?? row.status;
    const autoClose = action === 'handle' && facts.verification === 'none';
    const patch = { ...effect.patch, ...(autoClose ? { closedAt: now } : {}) };
    const [updated] = await tx
      .update(cases)
      .set({ ...patch, status: autoClose ? 'closed' : toStatus, updatedAt: now, version: sql`${cases.version} + 1` })
      .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
      .returning();
    if (!updated) throw new AppError('STALE_VERSION');
    await syncDeadlineTimers(tx, updated);
    const eventId = newId();
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId: row.id,
      action,
      fromStatus: row.status,
      toStatus: effect.status ?? decision.to,
      actorId: actor.id,
      actorRole: actor.role,
      note: effect.note,
      data: effect.data,
      createdAt: now,
    });
    if (autoClose) {
      // An inquiry (verification "none") closes when answered: a second, system event says so.
      await tx.insert(caseEvents).values({
        id: newId(),
        caseId: row.id,
        action: 'auto-close',
        fromStatus: toStatus,
        toStatus: 'closed',
        actorId: null,
        actorRole: 'system',
        data: {},
        createdAt: now,
      });
      toStatus = 'closed';
    }
    await notifyCaseAction(tx, { action, before: row, after: updated, actorId: actor.id, caseEventId: eventId, at: now });
    // References and codes only: notes, reasons and where the handler stood stay in the event.
    const { location: _location, ...auditData } = effect.data;
    await recordAudit(
      tx,
      actor,
      {
        action: `case.${action}`,
        entityType: 'case',
        entityId: row.id,
        data: { number: row.number, fromStatus: row.status, toStatus, version: updated.version, eventId, ...auditData },
      },
      now,
    );
    return updated;
  });
}
