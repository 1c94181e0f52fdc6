/**
 * Point → grid lookups over 10,000 grids, beside the raw R-tree candidate search alone.
 *
 *   npm run -w bench locate
 *   npm run -w bench locate -- --grids-per-side 100 --points 200000 --rounds 7
 *
 * The grids are generated deterministically: a 100 × 100 lattice of irregular polygons (jittered
 * corners, wiggly shared edges, so neighbours tile without gaps or overlaps) plus ~5 % special grids
 * (small irregular polygons over the basic ones, so the "special grid wins" path runs). Query points are
 * fixed too: 90 % uniform over the area, 10 % inside special grids.
 */
import { parseArgs } from 'node:util';
import { bboxOf, type Geometry, type Position } from '../server/src/modules/territory/geometry.js';
import { GridIndex, geometryContains, type IndexedGrid, type NodeRef } from '../server/src/modules/territory/grid-index.js';
import { fmt, machine, median, mulberry32, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    'grids-per-side': { type: 'string', default: '100' },
    'special-share': { type: 'string', default: '0.05' },
    'edge-points': { type: 'string', default: '2' },
    points: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '7' },
  },
});

const side = Number(args['grids-per-side']);
const specialCount = Math.round(side * side * Number(args['special-share']));
const edgePoints = Number(args['edge-points']);

// Around 贾汪 (Xuzhou), cells of ~0.004° × 0.003° (≈ 370 m × 330 m): 10,000 grids ≈ 37 km × 33 km.
const origin = { lng: 117.2, lat: 34.3 };
const cell = { lng: 0.004, lat: 0.003 };

const county: NodeRef = { id: 'county', code: '320305', name: '贾汪区', level: 'county' };

/** The lattice of basic grids: jittered corners, and every edge a wiggly polyline shared by both neighbours. */
function basicGrids(random: () => number): IndexedGrid[] {
  const corner: Position[][] = [];
  for (let i = 0; i <= side; i++) {
    corner.push([]);
    for (let j = 0; j <= side; j++) {
      const interior = i > 0 && j > 0 && i < side && j < side;
      const jx = interior ? (random() - 0.5) * 0.6 : 0;
      const jy = interior ? (random() - 0.5) * 0.6 : 0;
      corner[i]!.push([origin.lng + (i + jx) * cell.lng, origin.lat + (j + jy) * cell.lat]);
    }
  }
  // Points strictly between a and b, pushed sideways a little; the same for both cells sharing the edge.
  const edges = new Map<string, Position[]>();
  const edge = (key: string, a: Position, b: Position): Position[] => {
    let between = edges.get(key);
    if (!between) {
      between = [];
      for (let k = 1; k <= edgePoints; k++) {
        const t = k / (edgePoints + 1);
        const off = (random() - 0.5) * 0.16;
        const dx = b[0] - a[0];
        const dy = b[1] - a[1];
        // Perpendicular offset in cell units, so wiggles stay small beside the cell.
        between.push([a[0] + t * dx - off * dy * (cell.lng / cell.lat), a[1] + t * dy + off * dx * (cell.lat / cell.lng)]);
      }
      edges.set(key, between);
    }
    return between;
  };
  const grids: IndexedGrid[] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const c00 = corner[i]![j]!;
      const c10 = corner[i + 1]![j]!;
      const c11 = corner[i + 1]![j + 1]!;
      const c01 = corner[i]![j + 1]!;
      const ring: Position[] = [
        c00,
        ...edge(`h${i},${j}`, c00, c10),
        c10,
        ...edge(`v${i + 1},${j}`, c10, c11),
        c11,
        ...[...edge(`h${i},${j + 1}`, c01, c11)].reverse(),
        c01,
        ...[...edge(`v${i},${j}`, c00, c01)].reverse(),
        c00,
      ];
      grids.push(grid(`basic-${i}-${j}`, 'basic', { type: 'Polygon', coordinates: [ring] }, i, j));
    }
  }
  return grids;
}

/** Small irregular polygons (a school, a market…) laid over random cells. */
function specialGrids(random: () => number, basics: IndexedGrid[]): IndexedGrid[] {
  const specials: IndexedGrid[] = [];
  for (let s = 0; s < specialCount; s++) {
    const under = basics[Math.floor(random() * basics.length)]!;
    const b = bboxOf(under.geometry);
    const cx = (b.minLng + b.maxLng) / 2 + (random() - 0.5) * 0.3 * cell.lng;
    const cy = (b.minLat + b.maxLat) / 2 + (random() - 0.5) * 0.3 * cell.lat;
    const n = 8 + Math.floor(random() * 6);
    const ring: Position[] = [];
    for (let k = 0; k < n; k++) {
      const angle = (k / n) * 2 * Math.PI;
      const r = 0.12 + random() * 0.1;
      ring.push([cx + Math.cos(angle) * r * cell.lng, cy + Math.sin(angle) * r * cell.lat]);
    }
    ring.push(ring[0]!);
    specials.push(grid(`special-${s}`, 'special', { type: 'Polygon', coordinates: [ring] }, s, 0));
  }
  return specials;
}

function grid(id: string, kind: 'basic' | 'special', geometry: Geometry, i: number, j: number): IndexedGrid {
  const town: NodeRef = { id: `town-${Math.floor(i / 20)}`, code: `320305${String(100 + Math.floor(i / 20))}`, name: `镇${Math.floor(i / 20)}`, level: 'town' };
  const village: NodeRef = { id: `village-${i}-${Math.floor(j / 10)}`, code: `${town.code}${String(i * 10 + Math.floor(j / 10)).padStart(3, '0')}`, name: `村${i}-${j}`, level: 'village' };
  return {
    id,
    code: `${village.code}-${id}`,
    name: id,
    level: 'grid',
    gridKind: kind,
    specialType: kind === 'special' ? 'school' : null,
    path: `/${county.code}/${town.code}/${village.code}/${id}/`,
    ancestors: [village, town, county],
    geometry,
  };
}

function queryPoints(random: () => number, specials: IndexedGrid[], count: number): Float64Array {
  const points = new Float64Array(count * 2);
  for (let p = 0; p < count; p++) {
    let lng: number;
    let lat: number;
    if (p % 10 === 9 && specials.length) {
      const special = specials[Math.floor(random() * specials.length)]!;
      const b = bboxOf(special.geometry);
      do {
        lng = b.minLng + random() * (b.maxLng - b.minLng);
        lat = b.minLat + random() * (b.maxLat - b.minLat);
      } while (!geometryContains(special.geometry, lng, lat));
    } else {
      // Inside the lattice, away from its straight outer edge.
      lng = origin.lng + (0.01 + random() * (side - 0.02)) * cell.lng;
      lat = origin.lat + (0.01 + random() * (side - 0.02)) * cell.lat;
    }
    points[2 * p] = lng;
    points[2 * p + 1] = lat;
  }
  return points;
}

/** Checks the index against a brute-force scan on a sample, so the figures are for correct answers. */
function verify(index: GridIndex, grids: readonly IndexedGrid[], points: Float64Array, sample: number): { special: number; basic: number; miss: number; wrong: number } {
  const tally = { special: 0, basic: 0, miss: 0, wrong: 0 };
  const step = Math.max(1, Math.floor(points.length / 2 / sample));
  for (let p = 0; p < points.length / 2; p += step) {
    const lng = points[2 * p]!;
    const lat = points[2 * p + 1]!;
    const hit = index.locate(lng, lat);
    const containing = grids.filter((g) => geometryContains(g.geometry, lng, lat));
    const special = containing.find((g) => g.gridKind === 'special');
    const basic = containing.find((g) => g.gridKind === 'basic');
    if (!hit) {
      tally.miss++;
      if (containing.length) tally.wrong++;
      continue;
    }
    if (hit.grid.gridKind === 'special') tally.special++;
    else tally.basic++;
    // A special grid must win; with several specials or basics on a shared edge either one is right.
    const expectedKind = special ? 'special' : 'basic';
    if (hit.grid.gridKind !== expectedKind || !containing.includes(hit.grid)) tally.wrong++;
    if (special && basic && (!hit.basicGrid || hit.basicGrid.gridKind !== 'basic' || !containing.includes(hit.basicGrid))) tally.wrong++;
  }
  return tally;
}

function timeRounds(rounds: number, run: () => number): { perSecond: number[]; sink: number } {
  const perSecond: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    sink += run();
    perSecond.push(1000 / (performance.now() - started));
  }
  return { perSecond, sink };
}

async function main(): Promise<void> {
  await warnIfBusy();
  const random = mulberry32(7_320_305);
  const basics = basicGrids(random);
  const specials = specialGrids(random, basics);
  const grids = [...basics, ...specials];
  const pointCount = Number(args.points);
  const rounds = Number(args.rounds);
  const points = queryPoints(random, specials, pointCount);
  const vertices = grids.reduce((n, g) => n + (g.geometry.type === 'Polygon' ? g.geometry.coordinates[0]!.length - 1 : 0), 0);

  const buildMs: number[] = [];
  let index = new GridIndex(grids);
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    index = new GridIndex(grids);
    buildMs.push(performance.now() - started);
  }

  console.log(`Point → grid lookups — ${machine()}`);
  console.log(
    `${fmt(grids.length)} grids (${fmt(basics.length)} basic + ${fmt(specials.length)} special), ${fmt(vertices / grids.length)} vertices each on average; ` +
      `${fmt(pointCount)} fixed query points (10 % inside special grids), ${rounds} rounds each`,
  );
  const check = verify(index, grids, points, 5000);
  console.log(`checked against a brute-force scan on a sample: ${check.special} special, ${check.basic} basic, ${check.miss} outside, ${check.wrong} wrong`);

  const locateRound = () => {
    let found = 0;
    for (let p = 0; p < pointCount; p++) if (index.locate(points[2 * p]!, points[2 * p + 1]!)) found++;
    return found;
  };
  let candidatesSeen = 0;
  const candidatesRound = () => {
    let n = 0;
    for (let p = 0; p < pointCount; p++) n += index.candidates(points[2 * p]!, points[2 * p + 1]!).length;
    candidatesSeen = n;
    return n;
  };
  // Warm-up, then alternate so both see the same machine conditions.
  locateRound();
  candidatesRound();
  const locate: number[] = [];
  const raw: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const a = timeRounds(1, locateRound);
    const b = timeRounds(1, candidatesRound);
    locate.push(a.perSecond[0]! * pointCount);
    raw.push(b.perSecond[0]! * pointCount);
    sink += a.sink + b.sink;
  }

  const row = (label: string, values: number[]) => [label, fmt(median(values)), fmt(Math.min(...values)), fmt(Math.max(...values))];
  console.log(
    '\n' +
      table([
        ['', 'median /s', 'min /s', 'max /s'],
        row('GridIndex.locate() (R-tree + point-in-polygon)', locate),
        row('GridIndex.candidates() (raw flatbush search)', raw),
      ]),
  );
  const ratio = median(locate) / median(raw);
  console.log(`\nlocate / raw index = ${ratio.toFixed(2)}; ${(candidatesSeen / pointCount).toFixed(2)} candidate boxes per point on average`);
  console.log(`target ≥ 500,000 lookups/s over 10,000 grids → ${median(locate) >= 500_000 ? 'met' : 'NOT met'}`);
  console.log(`index build for ${fmt(grids.length)} grids: median ${fmt(median(buildMs))} ms`);
  if (sink === -1) console.log(sink); // keeps the loops observable
  if (check.wrong > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
