import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { staff, units } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { CaseFacts, PartyFacts } from '../cases/cases.policy.js';
import { reporters, type CaseRow } from '../cases/cases.tables.js';
import type { Role } from '../../platform/roles.js';
import { rolesThatMayWhistle } from './whistle-settings.js';
import { caseRatings, whistleParties, type WhistlePartyRow } from './whistles.tables.js';

/** A closing round: grows with every rework and reopen, so each closing can be rated once. */
export const ratingRound = (row: Pick<CaseRow, 'reopenCount' | 'reworkCount'>) => row.reopenCount + row.reworkCount;

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

export interface LoopFacts {
  parties: PartyFacts[];
  ratedThisRound: boolean;
  hasReporter: boolean;
}

/** What the policy needs about whistles and ratings of these cases, in four small queries. */
export async function loopFactsOf(db: Database, rows: CaseRow[]): Promise<{ byCase: Map<string, LoopFacts>; whistleRoles: Role[] }> {
  const ids = rows.map((r) => r.id);
  const reporterIds = rows.map((r) => r.reporterId).filter((id): id is string => !!id);
  const [parties, ratings, liveReporters, whistleRoles] = await Promise.all([
    partiesOfCases(db, ids),
    ids.length ? db.select({ caseId: caseRatings.caseId, round: caseRatings.round }).from(caseRatings).where(inArray(caseRatings.caseId, ids)) : [],
    reporterIds.length
      ? db.select({ id: reporters.id }).from(reporters).where(and(inArray(reporters.id, reporterIds), isNull(reporters.erasedAt)))
      : [],
    rolesThatMayWhistle(db),
  ]);
  const live = new Set(liveReporters.map((r) => r.id));
  const byCase = new Map<string, LoopFacts>();
  for (const row of rows) {
    byCase.set(row.id, {
      parties: parties.filter((p) => p.party.caseId === row.id).map(partyFacts),
      ratedThisRound: ratings.some((r) => r.caseId === row.id && r.round === ratingRound(row)),
      hasReporter: row.reporterId !== null && live.has(row.reporterId),
    });
  }
  return { byCase, whistleRoles };
}

/** The facts this module adds to the policy's (case-extension.ts `facts`): parties, whistle roles, rating round, reporter. */
export async function whistleFactsOf(db: Database, rows: CaseRow[]): Promise<Map<string, Partial<CaseFacts>>> {
  const { byCase, whistleRoles } = await loopFactsOf(db, rows);
  return new Map([...byCase].map(([id, facts]) => [id, { ...facts, whistleRoles }]));
}
