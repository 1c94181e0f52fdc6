import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { staffUnderPaths } from '../people/index.js';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { PartyKind } from './whistles.tables.js';

/**
 * The staff accounts behind summoned parties (for notifications): a unit's active staff, the
 * person, or the community staff of a village. Ids only.
 */
export async function memberStaffIds(db: Database, parties: ReadonlyArray<{ kind: PartyKind; id: string }>): Promise<string[]> {
  const ids = (kind: PartyKind) => parties.filter((p) => p.kind === kind).map((p) => p.id);
  const out = new Set(ids('user'));
  if (ids('unit').length) {
    const rows = await db.select({ id: staff.id }).from(staff).where(and(inArray(staff.unitId, ids('unit')), eq(staff.isActive, true)));
    for (const r of rows) out.add(r.id);
  }
  if (ids('node').length) {
    const nodes = await db.select({ path: territoryNodes.path }).from(territoryNodes).where(inArray(territoryNodes.id, ids('node')));
    for (const p of await staffUnderPaths(db, nodes.map((n) => n.path), ['community_staff'])) out.add(p.id);
  }
  return [...out];
}
