import { and, eq, inArray, like, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/shanghai-time.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { townCodeOf, villageCodeOf } from '../../platform/territory-path.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { activeAssignments } from './assignments.queries.js';
import type { coverageQuery } from './assignments.schema.js';
import { nodeInScope } from './assignments.scope.js';

/**
 * 包联覆盖 on a day (docs/assignments.md, "Coverage"):
 * - a village has a cadre when an assignment in force, of tier village_member or town_cadre, is on
 *   the village itself or on one of its grids;
 * - a basic grid has a contact when an assignment in force (any tier) is on the grid itself;
 * - cadres: distinct active staff holding any assignment in force under the node.
 * Only active accounts count. Special grids (overlays) are not counted.
 */
export async function assignmentCoverage(ctx: AppContext, actor: Actor, query: z.infer<typeof coverageQuery>) {
  const reader = requirePermission(actor, 'staff:read');
  const widest = [...reader.nodes].sort((a, b) => a.path.length - b.path.length)[0];
  const code = query.node ?? widest?.code;
  const node = code ? await nodeInScope(ctx.db, reader, code) : undefined;
  if (!node) throw notFound({ zh: '找不到该区划', en: 'No such territory node' });
  const on = query.on ?? shanghaiDate(ctx.clock.now());

  const places = await ctx.db
    .select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name, level: territoryNodes.level, path: territoryNodes.path, gridKind: territoryNodes.gridKind })
    .from(territoryNodes)
    .where(
      and(
        like(territoryNodes.path, `${node.path}%`),
        or(eq(territoryNodes.level, 'village'), and(eq(territoryNodes.level, 'grid'), eq(territoryNodes.gridKind, 'basic'))),
      ),
    )
    .orderBy(territoryNodes.path);
  // Towns named in the paths (the node's own town when it is a village or grid).
  const townCodes = [...new Set(places.map((p) => townCodeOf(p.path)!).concat(node.level === 'town' ? [node.code] : []))];
  const towns = townCodes.length
    ? await ctx.db.select({ code: territoryNodes.code, name: territoryNodes.name }).from(territoryNodes).where(inArray(territoryNodes.code, townCodes)).orderBy(territoryNodes.code)
    : [];
  const nameOf = new Map([...towns.map((t) => [t.code, t.name] as const), ...places.map((p) => [p.code, p.name] as const)]);

  const held = await activeAssignments(ctx.db, { nodeIds: places.map((p) => p.id), on });
  const villageCovered = new Set<string>();
  const gridCovered = new Set<string>();
  const cadresByTown = new Map<string, Set<string>>();
  for (const a of held) {
    const [town, village] = [townCodeOf(a.nodePath), villageCodeOf(a.nodePath)];
    if (a.nodeLevel === 'grid') gridCovered.add(a.nodeId);
    if (a.tier !== 'town_leader' && village) villageCovered.add(village);
    cadresByTown.set(town!, (cadresByTown.get(town!) ?? new Set()).add(a.staffId));
  }

  const ref = (p: (typeof places)[number]) => {
    const [town, village] = [townCodeOf(p.path), villageCodeOf(p.path)];
    return { id: p.id, code: p.code, name: p.name, townName: nameOf.get(town!) ?? '', villageName: p.level === 'grid' ? (nameOf.get(village!) ?? null) : null };
  };
  const villagesWithoutCadre = places.filter((p) => p.level === 'village' && !villageCovered.has(p.code)).map(ref);
  const gridsWithoutContact = places.filter((p) => p.level === 'grid' && !gridCovered.has(p.id)).map(ref);

  const count = (townCode: string | null) => {
    const mine = places.filter((p) => townCode === null || townCodeOf(p.path) === townCode);
    const villages = mine.filter((p) => p.level === 'village');
    const grids = mine.filter((p) => p.level === 'grid');
    const cadres = townCode === null ? new Set(held.map((a) => a.staffId)) : (cadresByTown.get(townCode) ?? new Set());
    return {
      villages: villages.length,
      villagesCovered: villages.filter((v) => villageCovered.has(v.code)).length,
      grids: grids.length,
      gridsCovered: grids.filter((g) => gridCovered.has(g.id)).length,
      cadres: cadres.size,
    };
  };
  return {
    on,
    node: { code: node.code, name: node.name, level: node.level },
    totals: count(null),
    towns: towns.map((t) => ({ code: t.code, name: t.name, ...count(t.code) })),
    villagesWithoutCadre,
    gridsWithoutContact,
  };
}
