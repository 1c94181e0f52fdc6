import Flatbush from 'flatbush';
import { bboxOf, polygonsOf, type Geometry } from './geometry.js';

export interface NodeRef {
  id: string;
  code: string;
  name: string;
  level: string;
}

export interface TerritoryNodeSummary extends NodeRef {
  path: string;
  parentId: string | null;
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

/** A polygon as flat coordinate rings ([x0, y0, x1, y1, …]), outer ring first, then holes. */
type FlatPolygon = Float64Array[];

/** Flattens a geometry once, at index build, so lookups allocate nothing. */
export function flattenGeometry(geometry: Geometry): FlatPolygon[] {
  return polygonsOf(geometry).map((polygon) => polygon.map((ring) => Float64Array.from(ring.flat())));
}

/**
 * Exact point-in-polygon by crossing number over all rings of a polygon (even–odd: inside the
 * outer ring and not inside a hole). A point exactly on an edge counts as inside, so a point on a
 * shared border is found in one of the neighbours rather than in neither.
 */
function flatPolygonContains(rings: FlatPolygon, x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    let xj = ring[n - 2]!;
    let yj = ring[n - 1]!;
    for (let k = 0; k < n; k += 2) {
      const xi = ring[k]!;
      const yi = ring[k + 1]!;
      if (yi > y !== yj > y) {
        const crossX = xi + ((y - yi) * (xj - xi)) / (yj - yi);
        if (crossX === x) return true;
        if (x < crossX) inside = !inside;
      } else if (yi === y && yj === y && (x - xi) * (x - xj) <= 0) {
        return true; // on a horizontal edge
      } else if (xi === x && yi === y) {
        return true; // on a vertex
      }
      xj = xi;
      yj = yi;
    }
  }
  return inside;
}

function flatContains(polygons: FlatPolygon[], x: number, y: number): boolean {
  for (const polygon of polygons) if (flatPolygonContains(polygon, x, y)) return true;
  return false;
}

export function geometryContains(geometry: Geometry, lng: number, lat: number): boolean {
  return flatContains(flattenGeometry(geometry), lng, lat);
}

/**
 * Point → grid in process: an R-tree (flatbush) over bounding boxes, then an exact
 * point-in-polygon test on the few candidates. A special grid wins over the basic grid under it.
 */
export class GridIndex {
  private readonly tree: Flatbush | null;
  private readonly hits: number[] = [];
  private readonly shapes: FlatPolygon[][];
  readonly nodesByCode: ReadonlyMap<string, TerritoryNodeSummary>;

  /**
   * @param nodes every territory node (county, towns, villages, grids) by id, without geometry:
   *   names and paths that presenters look up instead of querying.
   */
  constructor(
    readonly grids: readonly IndexedGrid[],
    readonly nodes: ReadonlyMap<string, TerritoryNodeSummary> = new Map(),
  ) {
    this.shapes = grids.map((g) => flattenGeometry(g.geometry));
    this.nodesByCode = new Map([...nodes.values()].map((n) => [n.code, n]));
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
      if (!flatContains(this.shapes[i]!, lng, lat)) continue;
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

declare module '../../platform/context.js' {
  interface ModuleContext {
    /** The grid index of this process (rebuilt when grids change). */
    grids: GridIndexHolder;
  }
}
