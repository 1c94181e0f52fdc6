import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { households } from '../households/households.tables.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { visitCases } from './visits.tables.js';

/** The visit and household a case was raised from (一键上报 on a visit), or null (case-extension.ts `originOf`). */
export async function visitOriginOf(db: Database, row: CaseRow) {
  if (row.channel !== 'visit') return null;
  const [origin] = await db
    .select({ visitId: visitCases.visitId, householdId: visitCases.householdId, address: households.address })
    .from(visitCases)
    .innerJoin(households, eq(households.id, visitCases.householdId))
    .where(eq(visitCases.caseId, row.id))
    .limit(1);
  return origin ?? null;
}
