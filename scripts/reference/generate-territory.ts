/**
 * Generates the demo county's territory: town, village and grid outlines for 贾汪区.
 *
 *   npx tsx scripts/reference/generate-territory.ts
 *
 * Only the county outline and the names/codes are real (outline.geojson, divisions.json, both
 * committed). Nobody publishes town or village boundaries, and grids are drawn by each county, so
 * the demo needs plausible stand-ins: each level is a set of Voronoi cells, evened out with a few
 * Lloyd relaxation steps, clipped to its parent. A seeded PRNG makes the output identical on every
 * run, so the committed file only changes when this script or its inputs do.
 *
 * Everything is verified before writing (validity, containment, no overlaps, full coverage): the
 * file is test data for the very checks the server performs on imported grids, so it must pass them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as turf from '@turf/turf';
import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { DivisionTown, DivisionVillage } from '../../server/src/modules/territory/division-codes.js';
import { REFERENCE_DIR, REPO_ROOT } from './packages.js';
import { mulberry32 } from '../../server/src/platform/prng.js';

const SEED = 320305;
/** Lloyd steps per level: enough to even out cell sizes without making a regular honeycomb. */
const LLOYD_STEPS = { town: 12, village: 6, grid: 3 } as const;
const GRIDS_PER_VILLAGE: [number, number] = [3, 8];
/** Special grids are rectangles of 200–400 m a side. */
const SPECIAL_SIDE_M: [number, number] = [200, 400];
/** Coordinates are stored with 6 decimals (~0.1 m); geometry is handled as integer micro-degrees. */
const SCALE = 1e6;
/**
 * Rounding moves each vertex by up to ~0.7 units, so a vertex that lay exactly on a neighbour's
 * edge (a T-junction) can end up ~1.5 units off it. Vertices that close to an edge are inserted
 * into it (see nodeBoundaries).
 */
const NODING_EPSILON = 2;
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

type Geom = Polygon | MultiPolygon;
type Level = 'town' | 'village' | 'grid';
type SpecialType = 'school' | 'hospital' | 'market' | 'industrial_park';

interface TerritoryNode {
  code: string;
  name: string;
  level: Level;
  villageKind?: DivisionVillage['kind'];
  gridKind?: 'basic' | 'special';
  specialType?: SpecialType;
  parentCode: string;
  isGenerated: true;
  geometry: Geom;
}

interface DivisionsFile {
  source: { package: string; dataYear: string | null };
  county: { code: string; name: string };
  towns: DivisionTown[];
}

// ---------------------------------------------------------------------------------------------
// Inputs: the committed files, not the source packages, so anyone can re-run this.

const divisions = JSON.parse(readFileSync(join(REFERENCE_DIR, 'divisions.json'), 'utf8')) as DivisionsFile;
const outlineFeature = JSON.parse(readFileSync(join(REFERENCE_DIR, 'outline.geojson'), 'utf8')) as Feature<Polygon> & {
  properties: { source: string };
};
const county = turf.polygon(outlineFeature.geometry.coordinates);

// ---------------------------------------------------------------------------------------------
// Seeded randomness. Math.random would make every run a different file.

const random = mulberry32(SEED);
const randomBetween = (min: number, max: number): number => min + (max - min) * random();
const randomInt = (min: number, max: number): number => Math.floor(randomBetween(min, max + 1));

// ---------------------------------------------------------------------------------------------
// Voronoi partition. Cells are computed in a locally equal-scaled plane (longitude shrunk by
// cos(latitude)); in raw degrees they would be stretched ~20 % east–west at this latitude.

const [, countyMinLat, , countyMaxLat] = turf.bbox(county);
const LNG_SCALE = Math.cos((((countyMinLat + countyMaxLat) / 2) * Math.PI) / 180);
const project = ([lng, lat]: Position): [number, number] => [(lng ?? 0) * LNG_SCALE, lat ?? 0];
const unproject = ([x, y]: Position): Position => [(x ?? 0) / LNG_SCALE, y ?? 0];

function randomPointInside(area: Feature<Geom>): Position {
  const [minX, minY, maxX, maxY] = turf.bbox(area);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const p = [randomBetween(minX, maxX), randomBetween(minY, maxY)];
    if (turf.booleanPointInPolygon(p, area)) return p;
  }
  throw new Error('could not sample a point inside a polygon (degenerate parent?)');
}

/** Area centroid when it falls inside the shape; otherwise a point guaranteed to be inside. */
function interiorCenter(area: Feature<Geom>): Position {
  const c = turf.centerOfMass(area).geometry.coordinates;
  return turf.booleanPointInPolygon(c, area) ? c : turf.pointOnFeature(area).geometry.coordinates;
}

function clippedVoronoi(parent: Feature<Geom>, seeds: Position[]): Feature<Geom>[] {
  const [minX, minY, maxX, maxY] = turf.bbox(parent);
  const pad = 0.01;
  const [x0, y0] = project([minX - pad, minY - pad]);
  const [x1, y1] = project([maxX + pad, maxY + pad]);
  const voronoi = Delaunay.from(seeds.map(project)).voronoi([x0, y0, x1, y1]);
  return seeds.map((seed, i) => {
    const ring = voronoi.cellPolygon(i);
    if (ring === null || ring === undefined) throw new Error(`no Voronoi cell for seed ${seed.join(',')}`);
    const cell = turf.polygon([ring.map((p) => unproject(p))]);
    const clipped = turf.intersect(turf.featureCollection<Geom>([cell, parent]));
    if (clipped === null) throw new Error(`Voronoi cell of seed ${seed.join(',')} misses its parent`);
    return clipped;
  });
}

/**
 * A Voronoi cell clipped to a concave parent can come out in several pieces: the seed's own piece
 * plus crumbs cut off behind a bend of the parent's boundary. Real units are contiguous and the
 * crumbs (some only tens of m²) look like data errors on a map, so each crumb is handed to a
 * touching sibling whenever that merges cleanly into a single polygon.
 */
function absorbFragments(cells: Feature<Geom>[], seeds: Position[]): Feature<Geom>[] {
  const result = [...cells];
  result.forEach((cell, i) => {
    if (cell.geometry.type !== 'MultiPolygon') return;
    const seed = seeds[i] ?? [0, 0];
    const parts = cell.geometry.coordinates.map((p) => turf.polygon(p));
    const own = parts.find((p) => turf.booleanPointInPolygon(seed, p)) ?? parts.sort((a, b) => turf.area(b) - turf.area(a))[0];
    if (own === undefined) return;
    const kept: Feature<Polygon>[] = [own];
    for (const crumb of parts) {
      if (crumb === own) continue;
      let absorbed = false;
      for (let j = 0; j < result.length && !absorbed; j++) {
        const sibling = result[j] as Feature<Geom>;
        if (j === i || sibling.geometry.type !== 'Polygon' || !turf.booleanIntersects(crumb, sibling)) continue;
        const merged = turf.union(turf.featureCollection<Geom>([sibling, crumb]));
        if (merged?.geometry.type === 'Polygon' && merged.geometry.coordinates.length === 1) {
          result[j] = merged;
          absorbed = true;
        }
      }
      if (!absorbed) kept.push(crumb);
    }
    result[i] =
      kept.length === 1 ? (kept[0] as Feature<Polygon>) : turf.multiPolygon(kept.map((k) => k.geometry.coordinates));
  });
  return result;
}

/**
 * Splits `parent` into `count` cells of similar size. Cells are returned north to south so that
 * serial numbers (第一网格, 第二网格, ...) read roughly like a page.
 */
function partition(parent: Feature<Geom>, count: number, lloydSteps: number): Feature<Geom>[] {
  let seeds = Array.from({ length: count }, () => randomPointInside(parent));
  if (count === 1) return [parent];
  for (let step = 0; step < lloydSteps; step++) {
    seeds = clippedVoronoi(parent, seeds).map(interiorCenter);
  }
  const cells = absorbFragments(clippedVoronoi(parent, seeds), seeds);
  const order = seeds.map((s, i) => ({ i, y: Math.round((s[1] ?? 0) * 200), x: s[0] ?? 0 }));
  order.sort((a, b) => b.y - a.y || a.x - b.x);
  return order.map(({ i }) => cells[i] as Feature<Geom>);
}

// ---------------------------------------------------------------------------------------------
// Build the hierarchy in floating point.

interface Draft {
  node: Omit<TerritoryNode, 'geometry'>;
  feature: Feature<Geom>;
}

const drafts: Draft[] = [];
const skippedTowns = divisions.towns.filter((t) => t.villages.length === 0);
// A town with no real village-level unit (a state farm whose only child is a 虚拟生活区) cannot
// hold grids: every grid belongs to a village. Leave it out rather than invent a village.
const towns = divisions.towns.filter((t) => t.villages.length > 0);

// Town cells differ in size (the county is long and ragged), and towns differ in how many villages
// they hold (6 to 18): give the biggest cells to the towns with most villages, so that villages
// come out of similar size across the county.
const townCells = partition(county, towns.length, LLOYD_STEPS.town).sort((a, b) => turf.area(b) - turf.area(a));
const townsBySize = [...towns].sort((a, b) => b.villages.length - a.villages.length || a.code.localeCompare(b.code));
const cellOfTown = new Map(townsBySize.map((town, i) => [town.code, townCells[i] as Feature<Geom>]));
towns.forEach((town) => {
  const townFeature = cellOfTown.get(town.code) as Feature<Geom>;
  drafts.push({
    node: { code: town.code, name: town.name, level: 'town', parentCode: divisions.county.code, isGenerated: true },
    feature: townFeature,
  });
  const villageCells = partition(townFeature, town.villages.length, LLOYD_STEPS.village);
  town.villages.forEach((village, vi) => {
    const villageFeature = villageCells[vi] as Feature<Geom>;
    drafts.push({
      node: {
        code: village.code,
        name: village.name,
        level: 'village',
        villageKind: village.kind,
        parentCode: town.code,
        isGenerated: true,
      },
      feature: villageFeature,
    });
    const gridCount = randomInt(...GRIDS_PER_VILLAGE);
    partition(villageFeature, gridCount, LLOYD_STEPS.grid).forEach((gridFeature, gi) => {
      drafts.push({
        node: {
          code: `${village.code}${String(gi + 1).padStart(2, '0')}`,
          name: `${village.name}第${ORDINALS[gi] ?? gi + 1}网格`,
          level: 'grid',
          gridKind: 'basic',
          parentCode: village.code,
          isGenerated: true,
        },
        feature: gridFeature,
      });
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Round to integer micro-degrees and make shared boundaries identical.

type IntRing = [number, number][];
type IntPolygon = IntRing[];

function toIntPolygons(g: Geom): IntPolygon[] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.map((polygon) =>
    polygon.map((ring) => ring.map(([x, y]) => [Math.round((x ?? 0) * SCALE), Math.round((y ?? 0) * SCALE)])),
  );
}

function dedupeRing(ring: IntRing): IntRing {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]?.[0] || p[1] !== ring[i - 1]?.[1]);
}

/**
 * Neighbouring cells share boundaries, but clipping puts a vertex where a Voronoi edge meets the
 * parent's boundary into the child and not into the parent (nor into the cousin across it): a
 * T-junction. Exact in floating point, it turns into a ~0.1 m overlap or gap once rounded, which
 * strict containment/overlap checks reject. So, after rounding, every vertex of every polygon is
 * inserted into any edge of any other polygon that passes within NODING_EPSILON of it. Shared
 * boundaries then have identical vertex sequences on both sides.
 */
function nodeBoundaries(all: IntPolygon[][]): number {
  const pool = new Map<string, [number, number]>();
  for (const polygons of all)
    for (const polygon of polygons) for (const ring of polygon) for (const p of ring) pool.set(`${p[0]},${p[1]}`, p);
  const points = [...pool.values()];
  const index = new Flatbush(points.length);
  for (const [x, y] of points) index.add(x, y, x, y);
  index.finish();

  let inserted = 0;
  for (const polygons of all) {
    for (const polygon of polygons) {
      polygon.forEach((ring, ri) => {
        const out: IntRing = [];
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i] as [number, number];
          const b = ring[i + 1] as [number, number];
          out.push(a);
          const dx = b[0] - a[0];
          const dy = b[1] - a[1];
          const len2 = dx * dx + dy * dy;
          if (len2 === 0) continue;
          const hits: { t: number; p: [number, number] }[] = [];
          const minX = Math.min(a[0], b[0]) - NODING_EPSILON;
          const minY = Math.min(a[1], b[1]) - NODING_EPSILON;
          const maxX = Math.max(a[0], b[0]) + NODING_EPSILON;
          const maxY = Math.max(a[1], b[1]) + NODING_EPSILON;
          for (const k of index.search(minX, minY, maxX, maxY)) {
            const p = points[k] as [number, number];
            const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
            if (t <= 0 || t >= 1) continue;
            const ex = a[0] + t * dx - p[0];
            const ey = a[1] + t * dy - p[1];
            if (ex * ex + ey * ey <= NODING_EPSILON * NODING_EPSILON) hits.push({ t, p });
          }
          hits.sort((h1, h2) => h1.t - h2.t);
          for (const h of hits) out.push(h.p);
          inserted += hits.length;
        }
        out.push(ring[ring.length - 1] as [number, number]);
        polygon[ri] = dedupeRing(out);
      });
    }
  }
  return inserted;
}

function toGeom(polygons: IntPolygon[]): Geom {
  const coords = polygons.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [x / SCALE, y / SCALE])));
  return coords.length === 1 ? { type: 'Polygon', coordinates: coords[0] ?? [] } : { type: 'MultiPolygon', coordinates: coords };
}

const intCounty = toIntPolygons(county.geometry);
const intDrafts = drafts.map((d) => toIntPolygons(d.feature.geometry));
// Repeat until nothing moves: an inserted vertex bends its edge by up to ε, which can bring it
// within ε of yet another vertex. Two passes suffice in practice.
let nodingPasses = 0;
let nodingInserted = 0;
for (;;) {
  const n = nodeBoundaries([intCounty, ...intDrafts]);
  nodingPasses++;
  nodingInserted += n;
  if (n === 0) break;
  if (nodingPasses > 5) throw new Error('boundary noding does not converge');
}

const countyGeometry = toGeom(intCounty);
const nodes: TerritoryNode[] = drafts.map((d, i) => ({ ...d.node, geometry: toGeom(intDrafts[i] ?? []) }));

// ---------------------------------------------------------------------------------------------
// Special grids (专属网格): small rectangles on top of basic grids.

interface SpecialPlan {
  townName: string;
  /** Preferred village; falls back on the first village of the wanted kind in the town. */
  villageName?: string;
  villageKind: DivisionVillage['kind'];
  specialType: SpecialType;
  /** `{v}` is replaced by the village name without its 村/社区 suffix. */
  name: string;
}

const SPECIAL_GRIDS: SpecialPlan[] = [
  { townName: '江庄镇', villageName: '江庄村', villageKind: 'village', specialType: 'school', name: '江庄中学专属网格' },
  { townName: '江庄镇', villageName: '江庄村', villageKind: 'village', specialType: 'hospital', name: '江庄镇卫生院专属网格' },
  { townName: '老矿街道', villageName: '广场社区', villageKind: 'community', specialType: 'market', name: '{v}农贸市场专属网格' },
  { townName: '大泉街道', villageName: '新泉社区', villageKind: 'community', specialType: 'school', name: '{v}小学专属网格' },
  {
    townName: '工业园区管委会',
    villageName: '泉河社区',
    villageKind: 'community',
    specialType: 'industrial_park',
    name: '{v}工业集中区专属网格',
  },
];

const byCode = new Map(nodes.map((n) => [n.code, n]));
const childrenOf = (code: string): TerritoryNode[] => nodes.filter((n) => n.parentCode === code);
const feature = (n: { geometry: Geom }): Feature<Geom> => turf.feature(n.geometry);
const roundDeg = (v: number): number => Math.round(v * SCALE) / SCALE;
const specials: TerritoryNode[] = [];

for (const plan of SPECIAL_GRIDS) {
  const town = divisions.towns.find((t) => t.name === plan.townName);
  if (town === undefined) throw new Error(`special grid ${plan.name}: town ${plan.townName} not found`);
  const village =
    town.villages.find((v) => v.name === plan.villageName) ?? town.villages.find((v) => v.kind === plan.villageKind);
  if (village === undefined) throw new Error(`special grid ${plan.name}: no ${plan.villageKind} in ${town.name}`);
  const serial = specials.filter((s) => s.parentCode === village.code).length + 1;
  // Host grids: largest basic grid first, and a different one for each special grid of a village
  // where possible, so that the demo has points that fall in special grids of different hosts.
  const hosts = childrenOf(village.code)
    .filter((n) => n.gridKind === 'basic')
    .sort((a, b) => turf.area(feature(b)) - turf.area(feature(a)));
  const host = hosts[(serial - 1) % hosts.length];
  if (host === undefined) throw new Error(`special grid ${plan.name}: village ${village.name} has no basic grids`);
  const hostFeature = feature(host);
  const [lngAtHost, latAtHost] = interiorCenter(hostFeature);
  const metresPerDegLat = 110_574;
  const metresPerDegLng = 111_320 * Math.cos(((latAtHost ?? 0) * Math.PI) / 180);
  let rectangle: Feature<Polygon> | undefined;
  for (let attempt = 0; attempt < 2_000 && rectangle === undefined; attempt++) {
    const [cx, cy] = attempt === 0 ? [lngAtHost ?? 0, latAtHost ?? 0] : randomPointInside(hostFeature);
    const halfW = randomBetween(...SPECIAL_SIDE_M) / 2 / metresPerDegLng;
    const halfH = randomBetween(...SPECIAL_SIDE_M) / 2 / metresPerDegLat;
    const candidate = turf.bboxPolygon([
      roundDeg((cx ?? 0) - halfW),
      roundDeg((cy ?? 0) - halfH),
      roundDeg((cx ?? 0) + halfW),
      roundDeg((cy ?? 0) + halfH),
    ]);
    const inside = turf.difference(turf.featureCollection<Geom>([candidate, hostFeature])) === null;
    const clear = specials.every((s) => !turf.booleanIntersects(candidate, feature(s)));
    if (inside && clear) rectangle = turf.rewind(candidate, { reverse: false }) as Feature<Polygon>;
  }
  if (rectangle === undefined) throw new Error(`special grid ${plan.name}: no room inside ${host.name}`);
  specials.push({
    code: `${village.code}S${serial}`,
    name: plan.name.replace('{v}', village.name.replace(/(?:社区|村)$/, '')),
    level: 'grid',
    gridKind: 'special',
    specialType: plan.specialType,
    parentCode: village.code,
    isGenerated: true,
    geometry: rectangle.geometry,
  });
}

// ---------------------------------------------------------------------------------------------
// Verification. Fail loudly: a broken file would surface later as baffling test failures.

const problems: string[] = [];
const OVERLAP_TOLERANCE_M2 = 0; // shared boundaries are identical after noding: demand exactness
const areaOf = (g: Feature<Geom> | null): number => (g === null ? 0 : turf.area(g));

function checkValid(code: string, g: Geom): void {
  const f = turf.feature(g);
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (polygons.length === 0 || polygons.some((p) => (p[0]?.length ?? 0) < 4)) problems.push(`${code}: empty geometry`);
  if (turf.area(f) <= 0) problems.push(`${code}: zero area`);
  const kinks = turf.kinks(f).features.length;
  if (kinks > 0) problems.push(`${code}: ${kinks} self-intersections`);
  if (!turf.booleanValid(f)) problems.push(`${code}: not valid (turf booleanValid)`);
}

function checkChildren(parentCode: string, parent: Geom, children: TerritoryNode[], mustCover: boolean): void {
  const parentFeature = turf.feature(parent);
  for (const child of children) {
    const outside = areaOf(turf.difference(turf.featureCollection<Geom>([feature(child), parentFeature])));
    if (outside > OVERLAP_TOLERANCE_M2) problems.push(`${child.code}: ${outside.toFixed(3)} m² outside ${parentCode}`);
  }
  const boxes = children.map((c) => turf.bbox(feature(c)));
  for (let i = 0; i < children.length; i++) {
    for (let j = i + 1; j < children.length; j++) {
      const [a, b] = [boxes[i] ?? [], boxes[j] ?? []];
      if ((a[2] ?? 0) < (b[0] ?? 0) || (b[2] ?? 0) < (a[0] ?? 0) || (a[3] ?? 0) < (b[1] ?? 0) || (b[3] ?? 0) < (a[1] ?? 0)) continue;
      const ci = children[i] as TerritoryNode;
      const cj = children[j] as TerritoryNode;
      const overlap = areaOf(turf.intersect(turf.featureCollection<Geom>([feature(ci), feature(cj)])));
      if (overlap > OVERLAP_TOLERANCE_M2) problems.push(`${ci.code} and ${cj.code} overlap by ${overlap.toFixed(3)} m²`);
    }
  }
  if (mustCover) {
    // Children of a Voronoi partition must tile the parent: compare areas (holes would show).
    const sum = children.reduce((s, c) => s + turf.area(feature(c)), 0);
    const whole = turf.area(parentFeature);
    if (Math.abs(sum - whole) > whole * 1e-9 + 1) {
      problems.push(`${parentCode}: children cover ${sum.toFixed(0)} of ${whole.toFixed(0)} m²`);
    }
  }
}

checkValid(divisions.county.code, countyGeometry);
for (const n of [...nodes, ...specials]) checkValid(n.code, n.geometry);
checkChildren(divisions.county.code, countyGeometry, nodes.filter((n) => n.level === 'town'), true);
for (const n of nodes) {
  if (n.level === 'grid') continue;
  checkChildren(n.code, n.geometry, childrenOf(n.code), true);
}
for (const s of specials) {
  const village = byCode.get(s.parentCode);
  if (village === undefined) {
    problems.push(`${s.code}: parent ${s.parentCode} missing`);
    continue;
  }
  checkChildren(village.code, village.geometry, [s], false);
  const hosts = childrenOf(village.code).filter(
    (g) => g.gridKind === 'basic' && turf.difference(turf.featureCollection<Geom>([feature(s), feature(g)])) === null,
  );
  if (hosts.length !== 1) problems.push(`${s.code}: inside ${hosts.length} basic grids, expected exactly 1`);
}
checkChildren('special grids', countyGeometry, specials, false);
const jiangzhuang = nodes.find((n) => n.name === '江庄村' && byCode.get(n.parentCode)?.name === '江庄镇');
if (jiangzhuang === undefined) problems.push('江庄镇江庄村 missing');
const codes = new Set<string>();
for (const n of [...nodes, ...specials]) {
  if (codes.has(n.code)) problems.push(`duplicate code ${n.code}`);
  codes.add(n.code);
}
if (problems.length > 0) {
  console.error(`generate-territory: ${problems.length} problem(s):\n  ${problems.slice(0, 50).join('\n  ')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Write: parents before children, one node per line (readable diffs, no 10 MB of indentation).

const ordered: TerritoryNode[] = [];
for (const town of nodes.filter((n) => n.level === 'town')) {
  ordered.push(town);
  for (const village of childrenOf(town.code)) {
    ordered.push(village);
    ordered.push(...childrenOf(village.code), ...specials.filter((s) => s.parentCode === village.code));
  }
}
if (ordered.length !== nodes.length + specials.length) throw new Error('node ordering lost nodes');

const chinaDivision = divisions.source.package.replace('@', ' ');
const header = {
  generatedBy: 'scripts/reference/generate-territory.ts',
  seed: SEED,
  note:
    `County outline, town and village names and codes are real (统计用区划代码${divisions.source.dataYear === null ? '' : ` ${divisions.source.dataYear}`} via ${chinaDivision}); ` +
    'town, village and grid outlines are generated (Voronoi cells clipped to the county outline) and are not real boundaries. ' +
    'Grid names and the special grids (schools, hospitals, markets, industrial parks) are invented for the demo. ' +
    `County outline from ${outlineFeature.properties.source.split(' ')[0] ?? ''} (MIT), repaired and converted to WGS-84: see outline.geojson.` +
    (skippedTowns.length > 0
      ? ` Left out because all their village-level units are virtual: ${skippedTowns.map((t) => `${t.name} ${t.code}`).join(', ')}.`
      : ''),
  county: { code: divisions.county.code, name: divisions.county.name, geometry: countyGeometry },
};
const headerJson = JSON.stringify(header, null, 2);
const text = `${headerJson.slice(0, -2)},\n  "nodes": [\n${ordered.map((n) => `    ${JSON.stringify(n)}`).join(',\n')}\n  ]\n}\n`;
JSON.parse(text); // the hand-assembled JSON must still be JSON

const file = join(REFERENCE_DIR, 'territory.json');
writeFileSync(file, text);

const count = (pred: (n: TerritoryNode) => boolean): number => ordered.filter(pred).length;
const gridAreas = nodes.filter((n) => n.level === 'grid').map((n) => turf.area(feature(n)) / 1e6);
console.log(
  `${relative(REPO_ROOT, file)}: ${(text.length / 1024).toFixed(0)} KiB (${Buffer.byteLength(text)} bytes), ` +
    `sha256 ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`,
);
console.log(
  `  ${count((n) => n.level === 'town')} towns, ${count((n) => n.level === 'village')} villages/communities, ` +
    `${count((n) => n.gridKind === 'basic')} basic grids ` +
    `(${Math.min(...gridAreas).toFixed(2)}–${Math.max(...gridAreas).toFixed(2)} km²), ` +
    `${count((n) => n.gridKind === 'special')} special grids; ` +
    `${count((n) => n.geometry.type === 'MultiPolygon')} multi-part outlines; ` +
    `${nodingInserted} T-junction vertices inserted in ${nodingPasses} noding passes`,
);
for (const s of specials) console.log(`  ${s.code} ${s.name} (${s.specialType}) in ${byCode.get(s.parentCode)?.name}`);
if (skippedTowns.length > 0) console.log(`  left out (only virtual units): ${skippedTowns.map((t) => t.name).join(', ')}`);
console.log('  verified: valid, non-empty, children inside parents, siblings disjoint, children tile parents');
