import { createHash } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { bboxOf, type BBox, type Geometry, type Position } from './geometry.js';
import { labelPoint } from './label-point.js';
import type { BBoxQuery } from './outlines.schema.js';
import { degreesPerPixel, simplifyGeometry } from './simplify.js';
import { territoryNodes, type TerritoryLevel } from './territory.tables.js';

export interface OutlineFeature {
  type: 'Feature';
  properties: { code: string; name: string; level: TerritoryLevel; kind: 'basic' | 'special' | null; label: Position };
  geometry: Geometry;
}

interface Source {
  code: string;
  name: string;
  level: TerritoryLevel;
  kind: 'basic' | 'special' | null;
  geometry: Geometry;
  bbox: BBox;
  label: Position;
}

/** Outlines change only when territory is imported or grids are edited: cache per database state. */
interface Cache {
  stamp: string;
  sources: Map<TerritoryLevel, Source[]>;
  simplified: Map<string, Array<{ feature: OutlineFeature; bbox: BBox }>>;
}
const caches = new WeakMap<Database, Cache>();

/** Changes whenever a node is added, removed or edited (edits bump `version` and `updated_at`). */
export async function territoryStamp(db: Database): Promise<string> {
  const [row] = await db
    .select({
      count: sql<string>`count(*)::text`,
      versions: sql<string>`coalesce(sum(${territoryNodes.version}), 0)::text`,
      updated: sql<string>`coalesce(max(${territoryNodes.updatedAt})::text, '')`,
    })
    .from(territoryNodes);
  return `${row?.count}:${row?.versions}:${row?.updated}`;
}

async function sourcesOf(db: Database, cache: Cache, level: TerritoryLevel): Promise<Source[]> {
  const cached = cache.sources.get(level);
  if (cached) return cached;
  const rows = await db
    .select({ code: territoryNodes.code, name: territoryNodes.name, gridKind: territoryNodes.gridKind, geometry: territoryNodes.geometry })
    .from(territoryNodes)
    .where(and(eq(territoryNodes.level, level), isNotNull(territoryNodes.geometry)))
    .orderBy(territoryNodes.code);
  const sources = rows.map((r) => {
    const geometry = r.geometry as Geometry;
    return { code: r.code, name: r.name, level, kind: r.gridKind, geometry, bbox: bboxOf(geometry), label: labelPoint(geometry) };
  });
  cache.sources.set(level, sources);
  return sources;
}

function overlaps(a: BBox, b: BBoxQuery): boolean {
  return a.minLng <= b.maxLng && a.maxLng >= b.minLng && a.minLat <= b.maxLat && a.maxLat >= b.minLat;
}

/** Coordinates rounded to what the zoom can show (about a tenth of a pixel). */
function decimalsFor(zoom: number): number {
  return Math.min(6, Math.max(3, Math.ceil(-Math.log10(degreesPerPixel(zoom) / 10))));
}

export interface OutlinesInput {
  level: TerritoryLevel;
  zoom: number;
  bbox?: BBoxQuery;
}

/** A validator for the response: same stamp + same query → same body. */
export function outlinesEtag(stamp: string, input: OutlinesInput): string {
  const key = [stamp, input.level, input.zoom, input.bbox ? Object.values(input.bbox).join(',') : 'all'].join('|');
  return `W/"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
}

/**
 * Territory outlines of one level with their names and label points, simplified to about a pixel at
 * `zoom` (Douglas–Peucker) and limited to those touching `bbox`. Boundaries and names only: the
 * base map of every map in the app, residents' included.
 */
export async function territoryOutlines(db: Database, stamp: string, input: OutlinesInput) {
  let cache = caches.get(db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, sources: new Map(), simplified: new Map() };
    caches.set(db, cache);
  }
  const key = `${input.level}|${input.zoom}`;
  let simplified = cache.simplified.get(key);
  if (!simplified) {
    const tolerance = degreesPerPixel(input.zoom) * 0.75;
    const decimals = decimalsFor(input.zoom);
    simplified = [];
    for (const s of await sourcesOf(db, cache, input.level)) {
      const geometry = simplifyGeometry(s.geometry, tolerance, decimals);
      if (!geometry) continue; // smaller than a pixel at this zoom
      simplified.push({
        bbox: s.bbox,
        feature: { type: 'Feature', properties: { code: s.code, name: s.name, level: s.level, kind: s.kind, label: s.label }, geometry },
      });
    }
    cache.simplified.set(key, simplified);
  }
  const { bbox } = input;
  const features = (bbox ? simplified.filter((s) => overlaps(s.bbox, bbox)) : simplified).map((s) => s.feature);
  return { type: 'FeatureCollection' as const, level: input.level, zoom: input.zoom, features };
}
