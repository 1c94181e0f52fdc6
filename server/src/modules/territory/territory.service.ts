import type { AppContext } from '../../platform/context.js';
import type { DatabaseHandle, Database } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import type { ScopedActor } from '../../platform/actor.js';
import { isUnder, parentCodeOf, pathCodes } from '../../platform/territory-path.js';
import { toWgs84, type Crs } from './coordinates.js';
import type { Geometry } from './geometry.js';
import { GridIndex, gridsChangedChannel, type GridIndexHolder, type IndexedGrid, type NodeRef, type TerritoryNodeSummary } from './grid-index.js';
import { allGridsWithGeometry, allNonGridNodes, ancestorsOf, childrenOf, findNodeByCode, nodesByCodes, searchNodesUnder, type NodeSummary } from './territory.queries.js';

/** Builds a fresh point → grid index from the database. */
export async function buildGridIndex(db: Database): Promise<GridIndex> {
  const parents = new Map((await allNonGridNodes(db)).map((n) => [n.id, n]));
  const grids = await allGridsWithGeometry(db);
  const indexed: IndexedGrid[] = grids.map((g) => {
    const ancestors: NodeRef[] = [];
    let parent = g.parentId ? parents.get(g.parentId) : undefined;
    while (parent) {
      ancestors.push({ id: parent.id, code: parent.code, name: parent.name, level: parent.level });
      parent = parent.parentId ? parents.get(parent.parentId) : undefined;
    }
    return {
      id: g.id,
      code: g.code,
      name: g.name,
      level: 'grid',
      gridKind: g.gridKind ?? 'basic',
      specialType: g.specialType,
      path: g.path,
      ancestors,
      geometry: g.geometry as Geometry,
    };
  });
  const nodes = new Map<string, TerritoryNodeSummary>();
  for (const n of [...parents.values(), ...grids]) {
    nodes.set(n.id, { id: n.id, code: n.code, name: n.name, level: n.level, path: n.path, parentId: n.parentId });
  }
  return new GridIndex(indexed, nodes);
}

export async function reloadGridIndex(db: Database, holder: GridIndexHolder): Promise<void> {
  holder.replace(await buildGridIndex(db));
}

/** Keeps this process's index current: reload whenever any process announces a grid change. */
export async function followGridChanges(database: DatabaseHandle, holder: GridIndexHolder): Promise<() => Promise<void>> {
  return database.listen(gridsChangedChannel, () => {
    reloadGridIndex(database.db, holder).catch(() => undefined);
  });
}

/** Announce a committed grid change to every process (including this one). */
export async function announceGridChange(ctx: AppContext): Promise<void> {
  await ctx.database.notify(gridsChangedChannel, new Date().toISOString());
  // Do not wait for our own notification to come back: callers expect the change to be visible now.
  await reloadGridIndex(ctx.database.db, ctx.grids);
}

function ref(n: NodeRef) {
  return { id: n.id, code: n.code, name: n.name, level: n.level };
}

export interface LocateInput {
  lat: number;
  lng: number;
  crs: Crs;
}

/** The grid containing a point and its ancestors; 404 outside every grid. */
export function locatePoint(ctx: AppContext, input: LocateInput) {
  const wgs = toWgs84(input.lng, input.lat, input.crs);
  const hit = ctx.grids.current.locate(wgs.lng, wgs.lat);
  if (!hit) {
    throw notFound({
      zh: '该位置不在任何网格内，请检查坐标或坐标系(wgs84/gcj02/bd09)',
      en: 'The point is outside every grid; check the coordinates and the crs (wgs84/gcj02/bd09)',
    });
  }
  const grid = hit.grid;
  return {
    point: { lat: wgs.lat, lng: wgs.lng, crs: 'wgs84' as const },
    grid: { ...ref(grid), kind: grid.gridKind, specialType: grid.specialType },
    basicGrid: hit.basicGrid ? { ...ref(hit.basicGrid), kind: hit.basicGrid.gridKind, specialType: null } : null,
    ancestors: grid.ancestors.map(ref),
  };
}

/** A node is visible to staff whose territory contains it, or lies under it (they see their chain upwards). */
export function canSeeNode(actor: ScopedActor, path: string): boolean {
  return actor.nodes.some((n) => isUnder(path, n.path) || isUnder(n.path, path));
}

function summary(n: NodeSummary) {
  return {
    id: n.id,
    code: n.code,
    name: n.name,
    level: n.level,
    villageKind: n.villageKind,
    gridKind: n.gridKind,
    specialType: n.specialType,
    isGenerated: n.isGenerated,
  };
}

/** Whether an extension lets the actor see a node outside their territory (cases: they hold a case there). */
async function mayAlsoSee(ctx: AppContext, actor: ScopedActor, node: { id: string; level: string; path: string }): Promise<boolean> {
  for (const extension of ctx.territoryExtensions) {
    if (await extension.mayAlsoSee?.(ctx.db, actor, node)) return true;
  }
  return false;
}

/** One node with its ancestors and children, inside the actor's territory or one an extension opens (404 otherwise). */
export async function getTerritoryNode(ctx: AppContext, actor: ScopedActor, code: string, withGeometry: boolean) {
  const node = await findNodeByCode(ctx.db, code);
  if (!node || !(canSeeNode(actor, node.path) || (await mayAlsoSee(ctx, actor, node)))) {
    throw notFound({ zh: `找不到区划或网格 ${code}`, en: `No territory node ${code}` });
  }
  const inside = actor.nodes.some((n) => isUnder(node.path, n.path));
  const ancestors = await ancestorsOf(ctx.db, node.path);
  // Above the actor's own nodes only the chain is shown, not the siblings.
  const children = inside ? await childrenOf(ctx.db, node.id, withGeometry) : [];
  return {
    ...summary(node),
    geometry: withGeometry ? node.geometry : null,
    ancestors: ancestors.map(summary),
    children: children.map((c) => ({ ...summary(c), geometry: withGeometry ? (c.geometry as Geometry | null) : null })),
  };
}

/**
 * Nodes of the actor's territory whose name contains `text`, each with its chain up to the actor's own
 * node, so a picker can show a match deep in the tree without opening it level by level.
 */
export async function searchTerritory(ctx: AppContext, actor: ScopedActor, text: string, limit: number) {
  const roots = actor.nodes.map((n) => n.path);
  const matches = await searchNodesUnder(ctx.db, roots, text, limit);
  const chainCodes = new Set(matches.flatMap((m) => pathCodes(m.path)));
  const chain = await nodesByCodes(ctx.db, [...chainCodes]);
  const inScope = chain.filter((n) => roots.some((r) => isUnder(n.path, r)));
  return {
    matches: matches.map((m) => m.code),
    nodes: inScope
      .sort((a, b) => a.path.length - b.path.length || a.code.localeCompare(b.code))
      .map((n) => ({ code: n.code, name: n.name, level: n.level, parentCode: parentCodeOf(n.path) })),
  };
}

