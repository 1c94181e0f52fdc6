import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { staff, units } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { CaseFacts, PartyFacts } from '../cases/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { rolesThatMayWhistle } from './whistle-settings.js';
import { whistleParties, type WhistlePartyRow } from './whistles.tables.js';

/** The summoned parties of some cases with a display name each (unit, person or village). */
export async function partiesOfCases(db: Database, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      party: whistleParties,
      name: sql<string>`coalesce(${units.name}, ${staff.displayName}, ${territoryNodes.name}, '')`,
      nodePath: territoryNodes.path,
    })
    .from(whistleParties)
    .leftJoin(units, and(eq(whistleParties.partyKind, 'unit'), eq(units.id, whistleParties.partyId)))
    .leftJoin(staff, and(eq(whistleParties.partyKind, 'user'), eq(staff.id, whistleParties.partyId)))
    .leftJoin(territoryNodes, and(eq(whistleParties.partyKind, 'node'), eq(territoryNodes.id, whistleParties.partyId)))
    .where(inArray(whistleParties.caseId, caseIds))
    .orderBy(whistleParties.id);
}

export function partyFacts(p: { party: WhistlePartyRow; name: string; nodePath: string | null }): PartyFacts {
  return {
    id: p.party.id,
    kind: p.party.partyKind,
    partyId: p.party.partyId,
    nodePath: p.nodePath,
    name: p.name,
    checkedIn: p.party.checkedInAt !== null,
    completed: p.party.completedAt !== null,
  };
}

/** What the policy needs about the whistles of these cases: their parties, and who may blow one. */
export async function whistleFactsOf(db: Database, rows: CaseRow[]): Promise<Map<string, Partial<CaseFacts>>> {
  const [parties, whistleRoles] = await Promise.all([partiesOfCases(db, rows.map((r) => r.id)), rolesThatMayWhistle(db)]);
  return new Map(rows.map((row) => [row.id, { parties: parties.filter((p) => p.party.caseId === row.id).map(partyFacts), whistleRoles }]));
}
