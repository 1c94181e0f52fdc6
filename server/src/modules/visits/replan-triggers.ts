import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { DomainEventSubscriptions } from '../../platform/events.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { activeAssignments } from '../assignments/index.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { townPathOf } from '../../platform/territory-path.js';
import { requestReplanAt } from './replan.service.js';

/** One (debounced) re-plan request per town the paths lie in: an import of 10,000 households asks once per town. */
async function replanTownsOf(ctx: AppContext, paths: readonly string[], at: Date) {
  for (const town of new Set(paths.map(townPathOf))) await requestReplanAt(ctx.db, town, at);
}

/**
 * Visit plans follow the people and households they are made of: these reactions run in the
 * announcing change's transaction, so the change and its re-plan request commit together.
 */
export const replanTriggers = {
  'households.changed': async (ctx, { territoryPaths, at }) => replanTownsOf(ctx, territoryPaths, at),
  'assignments.changed': async (ctx, { nodeIds, at }) => {
    const nodes = nodeIds.length ? await ctx.db.select({ path: territoryNodes.path }).from(territoryNodes).where(inArray(territoryNodes.id, [...nodeIds])) : [];
    await replanTownsOf(ctx, nodes.map((n) => n.path), at);
  },
  // Their households go to the colleagues who share the grids: the towns they walked in.
  'staff.deactivated': async (ctx, { staffId, at }) => {
    const walked = await activeAssignments(ctx.db, { staffIds: [staffId], on: shanghaiDate(at), ofInactiveStaff: true });
    for (const a of walked) await requestReplanAt(ctx.db, a.nodePath, at);
  },
} satisfies DomainEventSubscriptions;
