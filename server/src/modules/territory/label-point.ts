import { polygonsOf, type Geometry, type Position } from './geometry.js';
import { geometryContains } from './grid-index.js';

/** Signed area and area centroid of a closed ring (shoelace). */
function ringCentroid(ring: readonly Position[]): { area: number; x: number; y: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  if (area === 0) return { area: 0, x: ring[0]?.[0] ?? 0, y: ring[0]?.[1] ?? 0 };
  return { area, x: cx / (6 * area), y: cy / (6 * area) };
}

/** Midpoint of the widest stretch of the ring's inside along the horizontal line at `y`, if any. */
function widestCrossing(ring: readonly Position[], y: number): Position | null {
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
  }
  xs.sort((a, b) => a - b);
  let best: Position | null = null;
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const w = xs[k + 1]! - xs[k]!;
    if (w > width) {
      width = w;
      best = [(xs[k]! + xs[k + 1]!) / 2, y];
    }
  }
  return best;
}

/**
 * Where to put a region's name: the centroid of its largest polygon when that lies inside,
 * otherwise the middle of the widest horizontal stretch through the centroid (always inside).
 */
export function labelPoint(geometry: Geometry): Position {
  let best: { area: number; x: number; y: number; ring: readonly Position[] } | null = null;
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const c = ringCentroid(outer);
    if (!best || Math.abs(c.area) > Math.abs(best.area)) best = { ...c, ring: outer };
  }
  if (!best) return [0, 0];
  const round = (p: Position): Position => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  if (geometryContains(geometry, best.x, best.y)) return round([best.x, best.y]);
  return round(widestCrossing(best.ring, best.y) ?? best.ring[0]!);
}
