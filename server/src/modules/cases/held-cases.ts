import { and, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { ScopedActor } from '../../platform/actor.js';
import { caseScope } from './cases.queries.js';
import { cases } from './cases.tables.js';

/**
 * Whether the actor holds a case (in its case scope) located in this grid or village — how a
 * department, which has no territory, sees where the cases dispatched to it are (territory-extension.ts).
 */
export async function holdsCaseIn(db: Database, actor: ScopedActor, node: { id: string; level: string; path: string }): Promise<boolean> {
  if (node.level !== 'grid' && node.level !== 'village') return false;
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(caseScope(actor), or(sql`${cases.territoryPath} like ${node.path + '%'}`, eq(cases.basicGridId, node.id))))
    .limit(1);
  return !!row;
}
