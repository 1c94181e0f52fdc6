import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { invalidField } from '../../platform/errors.js';
import { isUnder } from '../../platform/territory-path.js';
import { toWgs84, countyNode, findNodeByCode } from '../territory/index.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { CreateCaseInput } from './cases.schema.js';

export interface ResolvedLocation {
  territoryNodeId: string;
  territoryPath: string;
  gridId: string | null;
  basicGridId: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  /** Level of the most specific node found; `county` means the triage queue. */
  precision: 'grid' | 'village' | 'town' | 'county';
}

/**
 * Turns what the caller knows — a point, a grid code or an address — into the most specific
 * territory node. A point outside every grid is an error (the caller can fix it); an address
 * that names no village or town lands in the county's triage queue.
 */
export async function resolveCaseLocation(ctx: AppContext, location: CreateCaseInput['location']): Promise<ResolvedLocation> {
  const address = location?.address ?? null;
  if (location?.lat !== undefined && location.lng !== undefined) {
    const wgs = toWgs84(location.lng, location.lat, location.crs);
    const hit = ctx.grids.current.locate(wgs.lng, wgs.lat);
    if (!hit) {
      throw invalidField('location', {
        zh: '该位置不在本区县的任何网格内，请重新选点或填写地址',
        en: 'The point is outside every grid of the county; pick another point or give an address',
      });
    }
    return {
      territoryNodeId: hit.grid.id,
      territoryPath: hit.grid.path,
      gridId: hit.grid.id,
      basicGridId: hit.basicGrid?.id ?? null,
      lat: wgs.lat,
      lng: wgs.lng,
      address,
      precision: 'grid',
    };
  }
  if (location?.gridCode) {
    const node = await findNodeByCode(ctx.db, location.gridCode);
    if (!node) {
      throw invalidField('location.gridCode', { zh: `网格或区划编码 ${location.gridCode} 不存在`, en: `no grid or territory with code ${location.gridCode}` });
    }
    return {
      territoryNodeId: node.id,
      territoryPath: node.path,
      gridId: node.level === 'grid' ? node.id : null,
      basicGridId: null,
      lat: null,
      lng: null,
      address,
      precision: node.level,
    };
  }
  if (address) {
    const matched = await matchAddress(ctx, address);
    if (matched) return { ...matched, gridId: matched.level === 'grid' ? matched.id : null, basicGridId: null, lat: null, lng: null, address };
  }
  const county = await countyNode(ctx.db);
  if (!county) throw invalidField('location', { zh: '系统尚未导入区划', en: 'No territory has been set up yet' });
  return { territoryNodeId: county.id, territoryPath: county.path, gridId: null, basicGridId: null, lat: null, lng: null, address, precision: 'county' };
}

/**
 * Finds the most specific territory named in an address ("江庄镇江庄村东组…" → 江庄村).
 * A village name alone can repeat across towns, so a town named too narrows the match.
 */
async function matchAddress(ctx: AppContext, address: string) {
  const candidates = await ctx.db
    .select({ id: territoryNodes.id, name: territoryNodes.name, level: territoryNodes.level, path: territoryNodes.path, territoryPath: territoryNodes.path })
    .from(territoryNodes)
    .where(and(inArray(territoryNodes.level, ['town', 'village', 'grid']), sql`strpos(${address}, ${territoryNodes.name}) > 0`));
  if (candidates.length === 0) return null;
  const towns = candidates.filter((c) => c.level === 'town');
  const rank = { grid: 3, village: 2, town: 1 } as Record<string, number>;
  const ordered = candidates
    .filter((c) => towns.length === 0 || c.level === 'town' || towns.some((t) => isUnder(c.path, t.path)))
    .sort((a, b) => (rank[b.level] ?? 0) - (rank[a.level] ?? 0) || b.name.length - a.name.length);
  const best = ordered[0];
  if (!best) return null;
  // Ambiguous village names (two 王庄村 in different towns, no town given) fall back to triage.
  const sameRank = ordered.filter((c) => c.level === best.level && c.name === best.name);
  if (sameRank.length > 1) return null;
  return { territoryNodeId: best.id, territoryPath: best.path, id: best.id, level: best.level, precision: best.level as 'grid' | 'village' | 'town' };
}

export async function nodeById(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(territoryNodes).where(eq(territoryNodes.id, id)).limit(1);
  return row;
}
