import Flatbush from 'flatbush';
import classifyPoint from 'robust-point-in-polygon';
import { bboxOf, polygonsOf, type Geometry, type Position } from './geometry.js';

export interface NodeRef {
  id: string;
  code: string;
  name: string;
  level: string;
}

export interface IndexedGrid extends NodeRef {
  gridKind: 'basic' | 'special';
  specialType: string | null;
  path: string;
  /** village, town, county — nearest first. */
  ancestors: NodeRef[];
  geometry: Geometry;
}

export interface LocateHit {
  grid: IndexedGrid;
  /** The basic grid under a special grid (null when `grid` is itself basic or none lies under it). */
  basicGrid: IndexedGrid | null;
}

/** Point in polygon with holes: inside the outer ring (or on it) and not strictly inside a hole. */
function polygonContains(polygon: Position[][], point: [number, number]): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || classifyPoint(outer, point) === 1) return false;
  return holes.every((hole) => classifyPoint(hole, point) !== -1);
}

export function geometryContains(geometry: Geometry, lng: number, lat: number): boolean {
  const point: [number, number] = [lng, lat];
  return polygonsOf(geometry).some((polygon) => polygonContains(polygon, point));
}

/**
 * Point → grid in process: an R-tree (flatbush) over bounding boxes, then an exact
 * point-in-polygon test on the few candidates. A special grid wins over the basic grid under it.
 */
export class GridIndex {
  private readonly tree: Flatbush | null;
  private readonly hits: number[] = [];

  constructor(readonly grids: readonly IndexedGrid[]) {
    if (grids.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(grids.length);
    for (const grid of grids) {
      const b = bboxOf(grid.geometry);
      tree.add(b.minLng, b.minLat, b.maxLng, b.maxLat);
    }
    tree.finish();
    this.tree = tree;
  }

  get size(): number {
    return this.grids.length;
  }

  locate(lng: number, lat: number): LocateHit | null {
    if (!this.tree) return null;
    let special: IndexedGrid | null = null;
    let basic: IndexedGrid | null = null;
    const candidates = this.tree.search(lng, lat, lng, lat, undefined);
    for (const i of candidates) {
      const grid = this.grids[i]!;
      if (grid.gridKind === 'special' ? special : basic) continue;
      if (!geometryContains(grid.geometry, lng, lat)) continue;
      if (grid.gridKind === 'special') special = grid;
      else basic = grid;
      if (special && basic) break;
    }
    if (special) return { grid: special, basicGrid: basic };
    if (basic) return { grid: basic, basicGrid: null };
    return null;
  }

  /** Raw candidate search only, for benchmarks that compare against the full lookup. */
  candidates(lng: number, lat: number): number[] {
    if (!this.tree) return this.hits;
    return this.tree.search(lng, lat, lng, lat);
  }
}

/**
 * The current index of this process. Every process rebuilds it when grids change:
 * the writer NOTIFYs `gridsChangedChannel` and each process reloads (see territory.service.ts).
 */
export class GridIndexHolder {
  private index = new GridIndex([]);
  private loadedAt: Date | null = null;

  get current(): GridIndex {
    return this.index;
  }

  get lastLoadedAt(): Date | null {
    return this.loadedAt;
  }

  replace(index: GridIndex): void {
    this.index = index;
    this.loadedAt = new Date();
  }
}

export const gridsChangedChannel = 'wangge_grids_changed';
