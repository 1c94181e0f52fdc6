/**
 * Deterministic synthetic grids for the lookup benchmark: a side × side lattice of irregular polygons
 * (jittered corners, wiggly shared edges, so neighbours tile without gaps or overlaps; the outer
 * boundary stays straight) plus special grids (small irregular polygons over the basic ones), and
 * fixed query points: 90 % uniform over the area, 10 % inside special grids.
 */
import { bboxOf, type Geometry, type Position } from '../../server/src/modules/territory/geometry.js';
import { geometryContains, type IndexedGrid, type NodeRef } from '../../server/src/modules/territory/grid-index.js';
import { mulberry32 } from './stats.js';

export interface LatticeOptions {
  side: number;
  specialShare: number;
  /** Extra points on each edge between two corners (0 → quadrilaterals). */
  edgePoints: number;
  pointCount: number;
  seed?: number;
}

export interface Lattice {
  basics: IndexedGrid[];
  specials: IndexedGrid[];
  /** Query points as lng, lat pairs. */
  points: Float64Array;
}

export function generateLattice(options: LatticeOptions): Lattice {
  const { side, edgePoints } = options;
  const specialCount = Math.round(side * side * options.specialShare);
  const random = mulberry32(options.seed ?? 7_320_305);
  const basics = basicGrids(random, side, edgePoints);
  const specials = specialGrids(random, basics, specialCount);
  const points = queryPoints(random, specials, side, options.pointCount);
  return { basics, specials, points };
}

// Around 贾汪 (Xuzhou), cells of ~0.004° × 0.003° (≈ 370 m × 330 m): 10,000 grids ≈ 37 km × 33 km.
const origin = { lng: 117.2, lat: 34.3 };
const cell = { lng: 0.004, lat: 0.003 };

const county: NodeRef = { id: 'county', code: '320305', name: '贾汪区', level: 'county' };

/** The lattice of basic grids: jittered corners, and every edge a wiggly polyline shared by both neighbours. */
function basicGrids(random: () => number, side: number, edgePoints: number): IndexedGrid[] {
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
        // The outer boundary stays straight, so every point inside the lattice lies in some grid.
        const outer = (key.startsWith('h') && (key.endsWith(',0') || key.endsWith(`,${side}`))) || (key.startsWith('v') && (key.startsWith('v0,') || key.startsWith(`v${side},`)));
        const off = outer ? 0 : (random() - 0.5) * 0.16;
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
function specialGrids(random: () => number, basics: IndexedGrid[], specialCount: number): IndexedGrid[] {
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

function queryPoints(random: () => number, specials: IndexedGrid[], side: number, count: number): Float64Array {
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

