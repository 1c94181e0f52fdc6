import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/database.js';
import { newId } from '../platform/ids.js';
import { childPath } from '../platform/territory-path.js';
import { categories, categoryGroups, demandTypes } from '../modules/categories/categories.tables.js';
import { units } from '../modules/people/people.tables.js';
import { bboxOf } from '../modules/territory/index.js';
import { territoryNodes } from '../modules/territory/territory.tables.js';
import { readReferenceCategories, readReferenceTerritory, readReferenceUnits } from './reference-files.js';

async function insertInChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Demand types, the category taxonomy and the county's units (departments and partners). */
export async function seedTaxonomyAndUnits(tx: Database): Promise<void> {
  const reference = readReferenceCategories();
  await tx.insert(demandTypes).values(reference.demandTypes.map((d, i) => ({ ...d, sortOrder: i }))).onConflictDoNothing();
  const unitRows = readReferenceUnits().map((u) => ({ id: newId(), code: u.code, name: u.name, shortName: u.shortName ?? null, kind: u.kind }));
  await tx.insert(units).values(unitRows).onConflictDoNothing();
  const unitIds = new Map((await tx.select({ id: units.id, code: units.code }).from(units)).map((u) => [u.code, u.id]));
  await tx
    .insert(categoryGroups)
    .values(reference.groups.map((g, i) => ({ code: g.code, nameZh: g.nameZh, nameEn: g.nameEn, sortOrder: i })))
    .onConflictDoNothing();
  const categoryRows = reference.groups.flatMap((g) =>
    g.categories.map(({ defaultUnitCode, ...c }, i) => ({
      ...c,
      groupCode: g.code,
      sortOrder: i,
      defaultUnitId: defaultUnitCode ? (unitIds.get(defaultUnitCode) ?? null) : null,
    })),
  );
  await tx.insert(categories).values(categoryRows).onConflictDoNothing();
}

/**
 * The demo county's territory: real county outline, names and codes; generated town, village
 * and grid outlines (the file's `note` says so). Also one office unit per town (its 治理中心).
 */
export async function seedReferenceTerritory(tx: Database, countyCode: string): Promise<void> {
  const reference = readReferenceTerritory(countyCode);
  const paths = new Map<string, { id: string; path: string }>();
  const countyId = newId();
  const countyPath = childPath(null, reference.county.code);
  paths.set(reference.county.code, { id: countyId, path: countyPath });
  await tx.insert(territoryNodes).values({
    id: countyId,
    code: reference.county.code,
    name: reference.county.name,
    level: 'county',
    parentId: null,
    path: countyPath,
    geometry: reference.county.geometry,
    ...bboxOf(reference.county.geometry),
    isGenerated: false,
  });
  const rows = reference.nodes.map((n) => {
    const parent = paths.get(n.parentCode);
    if (!parent) throw new Error(`Reference node ${n.code} comes before its parent ${n.parentCode}`);
    const row = {
      id: newId(),
      code: n.code,
      name: n.name,
      level: n.level,
      parentId: parent.id,
      path: childPath(parent.path, n.code),
      villageKind: n.level === 'village' ? (n.villageKind ?? (n.name.endsWith('社区') ? 'community' : 'village')) : null,
      gridKind: n.level === 'grid' ? (n.gridKind ?? 'basic') : null,
      specialType: n.specialType ?? null,
      geometry: n.geometry,
      ...bboxOf(n.geometry),
      isGenerated: n.isGenerated ?? true,
    };
    paths.set(n.code, { id: row.id, path: row.path });
    return row;
  });
  await insertInChunks(rows, 200, (chunk) => tx.insert(territoryNodes).values(chunk));
  const towns = rows.filter((r) => r.level === 'town');
  await tx.insert(units).values(
    towns.map((t) => ({
      id: newId(),
      code: `OFFICE-${t.code}`,
      name: `${t.name}社会治理服务中心`,
      shortName: `${t.name}治理中心`,
      kind: 'office' as const,
      territoryNodeId: t.id,
    })),
  );
}

export async function isDatabaseSeeded(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(demandTypes);
  return Number(row?.n ?? 0) > 0;
}
