import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Lang } from '../../platform/i18n.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { childPath, isUnder, townCodeOf, villageCodeOf } from '../../platform/territory-path.js';
import { bboxOf, type Geometry } from './geometry.js';
import type { ExistingGrid, ExistingGridCode, VillageInfo } from './grid-import.validate.js';
import { announceGridChange, canSeeNode } from './territory.service.js';
import { territoryNodes } from './territory.tables.js';
import { countyNode, findNodeByCode, nodesUnderPath } from './territory.queries.js';

export interface GridImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  grids: Array<{ code: string; name: string; villageCode: string; kind: 'basic' | 'special'; action: 'create' | 'update' }>;
}

/**
 * Imports grids from a GeoJSON FeatureCollection, all or nothing: any problem rejects the
 * whole file with every offending feature and why. Grids are matched by code (create or update).
 */
export async function importGrids(
  ctx: AppContext,
  actorInput: Actor,
  collection: { features: unknown[] },
  options: { dryRun: boolean; lang: Lang },
): Promise<GridImportResult> {
  requirePermission(actorInput, 'grid:import');
  // turf is heavy (~0.4 s to load): only imports pay for it, not every start-up.
  const { readFeatures, validateGridFile } = await import('./grid-import.validate.js');
  const { items, problems: shapeProblems } = readFeatures(collection.features);
  if (items.length === 0) {
    throw new AppError('GRID_IMPORT_REJECTED', { detail: { zh: '文件中没有任何网格要素', en: 'The file holds no features' }, extra: { features: [] } });
  }

  const villageCodes = [...new Set(items.map((i) => i.villageCode).filter((c): c is string => !!c))];
  const villageRows = villageCodes.length
    ? await ctx.db.select().from(territoryNodes).where(and(inArray(territoryNodes.code, villageCodes), eq(territoryNodes.level, 'village')))
    : [];
  const villages = new Map<string, VillageInfo & { id: string; path: string }>(
    villageRows.map((v) => [v.code, { code: v.code, geometry: v.geometry, id: v.id, path: v.path }]),
  );
  const codes = items.map((i) => i.code).filter((c): c is string => !!c);
  const existingRows = codes.length
    ? await ctx.db
        .select({ id: territoryNodes.id, code: territoryNodes.code, level: territoryNodes.level, parentId: territoryNodes.parentId })
        .from(territoryNodes)
        .where(inArray(territoryNodes.code, codes))
    : [];
  const villageCodeById = new Map<string, string>();
  if (existingRows.length) {
    const parentIds = [...new Set(existingRows.map((r) => r.parentId).filter((p): p is string => !!p))];
    const parents = parentIds.length ? await ctx.db.select({ id: territoryNodes.id, code: territoryNodes.code }).from(territoryNodes).where(inArray(territoryNodes.id, parentIds)) : [];
    for (const p of parents) villageCodeById.set(p.id, p.code);
  }
  const existingCodes = new Map<string, ExistingGridCode & { id: string }>(
    existingRows.map((r) => [r.code, { id: r.id, code: r.code, level: r.level, villageCode: r.parentId ? (villageCodeById.get(r.parentId) ?? null) : null }]),
  );
  const storedBasics: ExistingGrid[] = [];
  for (const village of villages.values()) {
    const rows = await ctx.db
      .select({ code: territoryNodes.code, geometry: territoryNodes.geometry })
      .from(territoryNodes)
      .where(and(eq(territoryNodes.parentId, village.id), eq(territoryNodes.gridKind, 'basic')));
    for (const r of rows) if (r.geometry) storedBasics.push({ code: r.code, villageCode: village.code, geometry: r.geometry });
  }

  const problems = validateGridFile(items, shapeProblems, villages, existingCodes, storedBasics);
  if (problems.length > 0) {
    throw new AppError('GRID_IMPORT_REJECTED', {
      detail: {
        zh: `${problems.length} 个要素未通过校验，整个文件未导入`,
        en: `${problems.length} feature(s) failed validation; nothing was imported`,
      },
      extra: {
        features: problems.map((p) => ({
          feature: p.index + 1,
          code: p.code,
          reasons: p.reasons.map((r) => r[options.lang]),
        })),
      },
    });
  }

  const planned = items.map((item) => ({
    item: item as typeof item & { code: string; name: string; villageCode: string; geometry: Geometry },
    existingId: existingCodes.get(item.code!)?.id ?? null,
  }));
  const result: GridImportResult = {
    dryRun: options.dryRun,
    created: planned.filter((p) => !p.existingId).length,
    updated: planned.filter((p) => p.existingId).length,
    grids: planned.map(({ item, existingId }) => ({
      code: item.code,
      name: item.name,
      villageCode: item.villageCode,
      kind: item.gridKind,
      action: existingId ? 'update' : 'create',
    })),
  };
  if (options.dryRun) return result;

  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const { item, existingId } of planned) {
      const village = villages.get(item.villageCode)!;
      const values = {
        name: item.name,
        gridKind: item.gridKind,
        specialType: item.gridKind === 'special' ? (item.specialType ?? null) : null,
        geometry: item.geometry,
        ...bboxOf(item.geometry),
        isGenerated: item.isGenerated,
        updatedAt: now,
      };
      if (existingId) {
        await tx
          .update(territoryNodes)
          .set({ ...values, version: sql`${territoryNodes.version} + 1` })
          .where(eq(territoryNodes.id, existingId));
      } else {
        await tx.insert(territoryNodes).values({
          id: newId(),
          code: item.code,
          level: 'grid',
          parentId: village.id,
          path: childPath(village.path, item.code),
          createdAt: now,
          ...values,
        });
      }
    }
    await recordAudit(
      tx,
      actorInput,
      {
        action: 'grid.import',
        entityType: 'grid_import',
        data: {
          created: result.grids.filter((g) => g.action === 'create').map((g) => g.code),
          updated: result.grids.filter((g) => g.action === 'update').map((g) => g.code),
        },
      },
      now,
    );
  });
  await announceGridChange(ctx);
  return result;
}

/** Grids under a node (default: the actor's whole territory) as a FeatureCollection that re-imports as is. */
export async function exportGrids(ctx: AppContext, actorInput: Actor, underCode: string | undefined) {
  const actor = requirePermission(actorInput, 'territory:read');
  let roots: string[];
  if (underCode) {
    const node = await findNodeByCode(ctx.db, underCode);
    if (!node || !actor.nodes.some((n) => isUnder(node.path, n.path))) {
      throw notFound({ zh: `找不到区划 ${underCode}`, en: `No territory node ${underCode}` });
    }
    roots = [node.path];
  } else {
    roots = actor.nodes.map((n) => n.path);
    if (roots.length === 0) {
      const county = await countyNode(ctx.db);
      if (county && canSeeNode(actor, county.path)) roots = [county.path];
    }
  }
  const features = [];
  const parentCodes = new Map<string, string>();
  for (const root of roots) {
    const nodes = await nodesUnderPath(ctx.db, root);
    for (const n of nodes) parentCodes.set(n.id, n.code);
    for (const grid of nodes.filter((n) => n.level === 'grid' && n.geometry)) {
      features.push({
        type: 'Feature' as const,
        properties: {
          code: grid.code,
          name: grid.name,
          villageCode: villageCodeOf(grid.path) ?? null,
          townCode: townCodeOf(grid.path) ?? null,
          kind: grid.gridKind,
          specialType: grid.specialType,
          isGenerated: grid.isGenerated,
        },
        geometry: grid.geometry,
      });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}
