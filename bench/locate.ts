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
import { GridIndex, geometryContains, type IndexedGrid } from '../server/src/modules/territory/grid-index.js';
import { generateLattice } from './lib/grid-lattice.js';
import { fmt, loadAverage, machine, median, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    'grids-per-side': { type: 'string', default: '100' },
    'special-share': { type: 'string', default: '0.05' },
    'edge-points': { type: 'string', default: '2' },
    points: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '7' },
  },
});

/** Checks the index against a brute-force scan on a sample, so the figures are for correct answers. */
function verify(index: GridIndex, grids: readonly IndexedGrid[], points: Float64Array, sample: number): { special: number; basic: number; miss: number; wrong: number } {
  const tally = { special: 0, basic: 0, miss: 0, wrong: 0 };
  // The first points: the same 9 : 1 mix of uniform and special-grid points as the whole set.
  for (let p = 0; p < Math.min(sample, points.length / 2); p++) {
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
  const pointCount = Number(args.points);
  const rounds = Number(args.rounds);
  const { basics, specials, points } = generateLattice({
    side: Number(args['grids-per-side']),
    specialShare: Number(args['special-share']),
    edgePoints: Number(args['edge-points']),
    pointCount,
  });
  const grids = [...basics, ...specials];
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
  console.log(`at the end: ${loadAverage()}`);
  await warnIfBusy();
  if (check.wrong > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
