import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit, systemActor } from '../../platform/audit/audit.record.js';
import { syncDeadlineTimers } from '../case-timers/deadline-timers.js';
import { categories, type CaseLevel } from '../categories/categories.tables.js';
import { actionEffects } from '../cases/case-action-effects.js';
import { transitions } from '../cases/case-machine.js';
import { nextLevel } from '../cases/cases.policy.js';
import { caseEvents, cases, type CaseRow } from '../cases/cases.tables.js';
import { notify } from '../notifications/notify.js';
import type { AutoEscalationOutcome } from './supervision.tables.js';

export interface AutoEscalationResult {
  outcome: AutoEscalationOutcome;
  toLevel: CaseLevel | null;
  /** Why it did not escalate (printed on the notice). */
  reason: string | null;
  row: CaseRow;
}

/**
 * Escalates a case one level as the system (policy `autoEscalate`), inside the sweep's
 * transaction. The new level, assignee and fresh limits come from the same `escalate` effect a
 * person's escalation uses (case-action-effects.ts); only the actor differs: the event says
 * `system`, the audit row is the system actor's. Department level needs a unit: the category's
 * default unit, or no escalation (the notice says why). Runs in a savepoint, so a refused
 * escalation leaves the notice standing.
 */
export async function escalateBySystem(ctx: AppContext, tx: Database, row: CaseRow, reason: string, now: Date): Promise<AutoEscalationResult> {
  const to = nextLevel[row.level];
  if (!transitions.escalate.from.includes(row.status)) return { outcome: 'not_escalatable', toLevel: null, reason: `案件状态(${row.status})不能上提`, row };
  if (!to) return { outcome: 'top_level', toLevel: null, reason: '案件已在部门层级，无法继续上提', row };
  let targetUnitId: string | undefined;
  if (to === 'department') {
    const [category] = row.categoryCode ? await tx.select({ unitId: categories.defaultUnitId }).from(categories).where(eq(categories.code, row.categoryCode)) : [];
    if (!category?.unitId) return { outcome: 'no_unit', toLevel: null, reason: '上提至部门须指定承办部门，该小类未设默认承办部门，未自动上提', row };
    targetUnitId = category.unitId;
  }
  try {
    const updated = await tx.transaction(async (sp) => {
      // The escalate effect reads the case, the body and the time — not the actor or the policy facts.
      const effectInput = { ctx, tx: sp, row, body: { version: row.version, reason, targetUnitId }, now } as unknown as Parameters<typeof actionEffects.escalate>[0];
      const effect = await actionEffects.escalate(effectInput);
      const [next] = await sp
        .update(cases)
        .set({ ...effect.patch, updatedAt: now, version: sql`${cases.version} + 1` })
        .where(eq(cases.id, row.id))
        .returning();
      await syncDeadlineTimers(sp, next!, now);
      const eventId = newId();
      const data = { ...effect.data, auto: true };
      await sp.insert(caseEvents).values({ id: eventId, caseId: row.id, action: 'escalate', fromStatus: row.status, toStatus: null, actorId: null, actorRole: 'system', note: effect.note, data, createdAt: now });
      await recordAudit(sp, systemActor, { action: 'case.escalate', entityType: 'case', entityId: row.id, data: { number: row.number, fromStatus: row.status, toStatus: row.status, version: next!.version, eventId, ...data } }, now);
      await notify(sp, { type: 'case.escalated', caseId: row.id, to: [{ kind: 'assignee' }], data: { caseNumber: row.number, fromLevel: row.level, toLevel: to, auto: true }, at: now });
      return next!;
    });
    return { outcome: 'escalated', toLevel: to, reason: null, row: updated };
  } catch (error) {
    // E.g. the case's place has no town above it: no escalation, and the notice says why.
    if (!(error instanceof AppError)) throw error;
    const detail = error.detail?.zh ?? error.fieldErrors[0]?.message.zh ?? error.message;
    return { outcome: 'not_escalatable', toLevel: null, reason: `未能自动上提：${detail}`, row };
  }
}
