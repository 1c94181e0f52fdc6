import type { Geometry, PolygonCoordinates, Position } from './geometry.js';

/** Squared distance from p to the segment a–b (planar; fine for outlines a few kilometres wide). */
function segmentDistanceSquared(p: Position, a: Position, b: Position): number {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/**
 * Douglas–Peucker: keeps the first and last point and every point farther than `tolerance`
 * (same unit as the coordinates) from the simplified line. Iterative, so long rings cannot
 * overflow the stack. A tolerance ≤ 0 returns a copy of the line.
 */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2 || !(tolerance > 0)) return points.slice();
  const keep = new Uint8Array(points.length);
  const last = points.length - 1;
  keep[0] = 1;
  keep[last] = 1;
  const limit = tolerance * tolerance;
  const stack: Array<[number, number]> = [[0, last]];
  while (stack.length > 0) {
    const [first, end] = stack.pop()!;
    let farthest = -1;
    let maxDistance = limit;
    for (let i = first + 1; i < end; i++) {
      const d = segmentDistanceSquared(points[i]!, points[first]!, points[end]!);
      if (d > maxDistance) {
        maxDistance = d;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, end]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * A closed ring simplified; null when it collapses below a triangle. The ring is split at the point
 * farthest from its start, so a ring whose start and end coincide still keeps its shape.
 */
export function simplifyRing(ring: readonly Position[], tolerance: number): Position[] | null {
  if (ring.length < 4) return null;
  const start = ring[0]!;
  let split = 1;
  let best = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i]![0] - start[0]) ** 2 + (ring[i]![1] - start[1]) ** 2;
    if (d > best) {
      best = d;
      split = i;
    }
  }
  const head = simplifyLine(ring.slice(0, split + 1), tolerance);
  const tail = simplifyLine(ring.slice(split), tolerance);
  const out = [...head, ...tail.slice(1)];
  return out.length >= 4 ? out : null;
}

function roundPosition(p: Position, decimals: number): Position {
  const f = 10 ** decimals;
  return [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
}

/**
 * A polygon geometry simplified for display: rings simplified, coordinates rounded to `decimals`,
 * holes and polygons that collapse dropped. Null when nothing visible is left.
 */
export function simplifyGeometry(geometry: Geometry, tolerance: number, decimals = 6): Geometry | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept: PolygonCoordinates[] = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon;
    const simplifiedOuter = outer ? simplifyRing(outer, tolerance) : null;
    if (!simplifiedOuter) continue;
    const rings = [simplifiedOuter, ...holes.map((h) => simplifyRing(h, tolerance)).filter((h): h is Position[] => h !== null)];
    kept.push(rings.map((ring) => ring.map((p) => roundPosition(p, decimals))));
  }
  if (kept.length === 0) return null;
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0]! } : { type: 'MultiPolygon', coordinates: kept };
}

/** Degrees per screen pixel at a web-map zoom level (256 px tiles, at the equator: an upper bound). */
export function degreesPerPixel(zoom: number): number {
  return 360 / (256 * 2 ** zoom);
}
