import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { categories, type CaseLevel } from '../categories/categories.tables.js';
import { commitCaseChange, systemCaseActor, transitions, nextLevel } from '../cases/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
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
 * transaction, through commitCaseChange like a person's escalation; only the actor differs: the
 * event says `system` (marked `auto`), the audit row is the system actor's. Department level needs a unit: the category's
 * default unit, or no escalation (the notice says why). Runs in a savepoint, so a refused
 * escalation leaves the notice standing.
 */
export async function escalateBySystem(ctx: AppContext, tx: Database, row: CaseRow, reason: string): Promise<AutoEscalationResult> {
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
    // The same change a person's escalation makes (new level, assignee, fresh limits), by the system:
    // in a savepoint, so a refused escalation leaves the notice standing.
    const updated = await commitCaseChange({ ...ctx, db: tx }, systemCaseActor, row.id, 'escalate', { version: row.version, reason, targetUnitId });
    return { outcome: 'escalated', toLevel: to, reason: null, row: updated };
  } catch (error) {
    // E.g. the case's place has no town above it: no escalation, and the notice says why.
    if (!(error instanceof AppError)) throw error;
    const detail = error.detail?.zh ?? error.fieldErrors[0]?.message.zh ?? error.message;
    return { outcome: 'not_escalatable', toLevel: null, reason: `未能自动上提：${detail}`, row };
  }
}
