import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { roleLabels, type Role } from '../../platform/roles.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { activeAssignments } from './assignments.queries.js';
import { presentNodesByIds, presentStaffByIds } from './assignments.present.js';
import { tierLabels, type ladderQuery } from './assignments.schema.js';
import { nodeInScope } from './assignments.scope.js';
import { assignmentTiers } from './assignments.tables.js';
import { ancestorPaths, staffOver, tierFallback } from './ladder.js';

/**
 * The ladder of a village (or of a grid: its village's ladder, with the grid's own contacts in the
 * first tier), as the console shows it: who holds each tier, and for an empty tier who the
 * supervision ladder turns to instead — the same fallback `supervisionRecipients` uses.
 */
export async function villageLadder(ctx: AppContext, actor: Actor, query: z.infer<typeof ladderQuery>, lang: Lang) {
  const reader = requirePermission(actor, 'staff:read');
  const node = await nodeInScope(ctx.db, reader, query.node);
  const villagePath = node ? ancestorPaths(node.path).village : undefined;
  if (!node || !villagePath) throw notFound({ zh: '找不到该村(社区)或网格', en: 'No such village or grid' });
  const [village] = await ctx.db.select({ id: territoryNodes.id }).from(territoryNodes).where(eq(territoryNodes.path, villagePath));
  const grid = node.level === 'grid' ? node : null;
  const on = query.on ?? shanghaiDate(ctx.clock.now());
  const held = await activeAssignments(ctx.db, { nodeIds: grid ? [village!.id, grid.id] : [village!.id], on });

  const fallbackIds = new Map<string, { role: Role; ids: string[] }>();
  for (const tier of assignmentTiers) {
    if (held.some((a) => a.tier === tier)) continue;
    for (const step of tierFallback[tier]) {
      const ids = await staffOver(ctx.db, step.role, node.path, step.level);
      if (ids.length > 0) {
        fallbackIds.set(tier, { role: step.role, ids });
        break;
      }
    }
  }
  const people = await presentStaffByIds(ctx, [...held.map((a) => a.staffId), ...[...fallbackIds.values()].flatMap((f) => f.ids)], reader, lang);
  const nodes = await presentNodesByIds(ctx.db, grid ? [village!.id, grid.id] : [village!.id]);
  const byName = (a: { displayName: string }, b: { displayName: string }) => a.displayName.localeCompare(b.displayName, 'zh');
  return {
    village: nodes.get(village!.id)!,
    grid: grid ? nodes.get(grid.id)! : null,
    on,
    steps: assignmentTiers.map((tier) => {
      const fb = fallbackIds.get(tier);
      return {
        tier,
        tierLabel: tierLabels[tier][lang],
        staff: [...new Set(held.filter((a) => a.tier === tier).map((a) => a.staffId))].map((id) => people.get(id)!).sort(byName),
        fallback: fb ? { role: fb.role, roleLabel: roleLabels[fb.role][lang], staff: fb.ids.map((id) => people.get(id)!).sort(byName) } : null,
      };
    }),
  };
}
