import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { households } from '../households/households.tables.js';
import { visitCases } from '../visits/visits.tables.js';

/** The visit and household a case was raised from (一键上报 on a visit), or null. */
export async function visitOriginOf(db: Database, caseId: string) {
  const [row] = await db
    .select({ visitId: visitCases.visitId, householdId: visitCases.householdId, address: households.address })
    .from(visitCases)
    .innerJoin(households, eq(households.id, visitCases.householdId))
    .where(eq(visitCases.caseId, caseId))
    .limit(1);
  return row ?? null;
}
