import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { actorFacts } from '../../platform/actor.js';
import { recordAudit, systemActor } from '../../platform/audit/audit.record.js';
import { actionEffects } from './case-action-effects.js';
import type { ActionEffects, CaseActor, EffectFn } from './case-extension.js';
import { factsOfCases } from './case-facts.js';
import { automaticSteps, type CaseAction } from './case-machine.js';
import { decide, type DecidingActor } from './cases.policy.js';
import { findCaseInScope } from './cases.queries.js';
import type { ActionBodies } from './cases.schema.js';
import { caseEvents, cases, type CaseRow } from './cases.tables.js';

export const caseNotFound = () => notFound({ zh: '找不到该案件', en: 'No such case' });

/**
 * The one way a case changes, whoever changes it (staff, the system, the reporter), in one
 * transaction (a savepoint when `ctx.db` already is one):
 * lock → facts → `decide` (403/409) → version (409, staff) → effect → the case row, its event,
 * the automatic step that follows (an inquiry closes on answer), the audit row → the extensions'
 * listeners (deadline timers, the notification outbox).
 * Staff only see the cases in their scope (404 outside); the system and the reporter act on a case
 * their caller already found.
 */
export async function commitCaseChange<A extends CaseAction>(ctx: AppContext, actor: CaseActor, caseId: string, action: A, body: ActionBodies[A]): Promise<CaseRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, actor, caseId);
    if (!row) throw caseNotFound();
    const now = ctx.clock.now();
    const facts = (await factsOfCases(tx, [row], now, ctx.caseExtensions)).get(row.id)!;
    const decision = decide(facts, action, decidingActor(actor));
    if (!decision.allowed) throw new AppError(decision.error, { detail: decision.reason });
    if (actor.kind === 'staff' && row.version !== body.version) {
      throw new AppError('STALE_VERSION', {
        detail: { zh: `案件已更新(当前版本 ${row.version})，请刷新后重试`, en: `The case is at version ${row.version}; reload and retry` },
        extra: { currentVersion: row.version },
      });
    }
    const effect = await effectOf(ctx.caseExtensions.map((e) => e.effects ?? {}), action)({ ctx, tx, row, facts, actor, body, now });
    const step = decision.then ? automaticSteps[decision.then] : null;
    const actionStatus = effect.status ?? decision.to;
    const finalStatus = step?.to ?? actionStatus ?? row.status;
    const [updated] = await tx
      .update(cases)
      .set({ ...effect.patch, ...(step?.to === 'closed' ? { closedAt: now } : {}), status: finalStatus, updatedAt: now, version: sql`${cases.version} + 1` })
      .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
      .returning();
    if (!updated) throw new AppError('STALE_VERSION');
    const staff = actor.kind === 'staff' ? actor : null;
    const actorRole = staff?.role ?? actor.kind;
    // A change by the system is marked as such in its event and audit row.
    const data = actor.kind === 'system' ? { ...effect.data, auto: true } : effect.data;
    const eventId = newId();
    await tx.insert(caseEvents).values({ id: eventId, caseId: row.id, action, fromStatus: row.status, toStatus: actionStatus, actorId: staff?.id ?? null, actorRole, note: effect.note, data, createdAt: now });
    if (decision.then && step) {
      await tx.insert(caseEvents).values({ id: newId(), caseId: row.id, action: decision.then, fromStatus: actionStatus ?? row.status, toStatus: step.to, actorId: null, actorRole: 'system', data: {}, createdAt: now });
    }
    // References and codes only: notes, reasons and where the handler stood stay in the event.
    const { location: _location, ...auditData } = data;
    const auditActor = actor.kind === 'system' ? systemActor : actor.kind === 'reporter' ? actor.audit : actor;
    await recordAudit(
      tx,
      auditActor,
      { action: `case.${action}`, entityType: 'case', entityId: row.id, data: { number: row.number, fromStatus: row.status, toStatus: finalStatus, version: updated.version, eventId, ...auditData } },
      now,
    );
    for (const extension of ctx.caseExtensions) {
      await extension.afterChange?.(tx, { action, actor, before: row, after: updated, caseEventId: eventId, at: now });
    }
    return updated;
  });
}

async function lockCase(tx: Database, actor: CaseActor, caseId: string): Promise<CaseRow | undefined> {
  if (actor.kind === 'staff') return findCaseInScope(tx, actor, caseId, { forUpdate: true });
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  return row;
}

function decidingActor(actor: CaseActor): DecidingActor {
  return actor.kind === 'staff' ? actorFacts(actor) : { kind: actor.kind };
}

/** The action's effect: the lifecycle's own (case-action-effects.ts) or the one an extension provides. */
function effectOf<A extends CaseAction>(provided: readonly ActionEffects[], action: A): EffectFn<A> {
  for (const effects of [actionEffects, ...provided]) {
    const effect = effects[action];
    if (effect) return effect;
  }
  throw new Error(`No effect for the case action ${action}: is the module providing it listed in feature-modules.ts?`);
}
