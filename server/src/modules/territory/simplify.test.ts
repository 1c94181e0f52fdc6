import { describe, expect, it } from 'vitest';
import type { Position } from './geometry.js';
import { geometryContains } from './grid-index.js';
import { labelPoint } from './label-point.js';
import { degreesPerPixel, simplifyGeometry, simplifyLine, simplifyRing } from './simplify.js';

describe('simplifyLine (Douglas–Peucker)', () => {
  it('drops points closer than the tolerance to the line and keeps the ends', () => {
    const line: Position[] = [[0, 0], [1, 0.05], [2, -0.05], [3, 0.02], [4, 0]];
    expect(simplifyLine(line, 0.1)).toEqual([[0, 0], [4, 0]]);
  });

  it('keeps a corner farther than the tolerance, and the corners of the parts on each side', () => {
    const line: Position[] = [[0, 0], [1, 1.01], [2, 2], [3, 1.01], [4, 0]];
    expect(simplifyLine(line, 0.1)).toEqual([[0, 0], [2, 2], [4, 0]]);
    // A smaller tolerance keeps the small bumps as well.
    expect(simplifyLine(line, 0.001)).toHaveLength(5);
  });

  it('returns a copy for a zero tolerance or fewer than three points', () => {
    const line: Position[] = [[0, 0], [1, 1], [2, 0]];
    const copy = simplifyLine(line, 0);
    expect(copy).toEqual(line);
    expect(copy).not.toBe(line);
    expect(simplifyLine([[0, 0], [1, 1]], 5)).toEqual([[0, 0], [1, 1]]);
  });

  it('handles a long wiggly line without recursion limits', () => {
    const line: Position[] = Array.from({ length: 200_000 }, (_, i) => [i / 1000, Math.sin(i / 50) * 0.001]);
    const out = simplifyLine(line, 0.01);
    expect(out.length).toBeLessThan(10);
    expect(out[0]).toEqual(line[0]);
    expect(out.at(-1)).toEqual(line.at(-1));
  });
});

describe('simplifyRing and simplifyGeometry', () => {
  // A square with many points along each side and a notch too small to see at the tolerance.
  const square: Position[] = [];
  for (let i = 0; i < 10; i++) square.push([i / 10, 0]);
  for (let i = 0; i < 10; i++) square.push([1, i / 10]);
  square.push([1, 1], [0.5, 1.0004], [0, 1], [0, 0.5], [0, 0]);

  it('keeps a closed ring closed, down to its corners', () => {
    const ring = simplifyRing(square, 0.01)!;
    expect(ring[0]).toEqual(ring.at(-1));
    expect(ring).toHaveLength(5);
    expect(new Set(ring.map((p) => p.join(',')))).toEqual(new Set(['0,0', '1,0', '1,1', '0,1']));
  });

  it('drops a ring that collapses below a triangle, and the geometry when nothing is left', () => {
    const sliver: Position[] = [[0, 0], [1, 0.0001], [2, 0], [1, -0.0001], [0, 0]];
    expect(simplifyRing(sliver, 0.01)).toBeNull();
    expect(simplifyGeometry({ type: 'Polygon', coordinates: [sliver] }, 0.01)).toBeNull();
  });

  it('rounds coordinates, drops vanished parts and returns a Polygon when one part is left', () => {
    const tiny: Position[] = [[5, 5], [5.0001, 5], [5.0001, 5.0001], [5, 5]];
    const out = simplifyGeometry({ type: 'MultiPolygon', coordinates: [[square], [tiny]] }, 0.01, 2);
    expect(out?.type).toBe('Polygon');
    expect(out?.coordinates[0]).toHaveLength(5);
  });

  it('uses a tolerance of about one screen pixel per zoom level', () => {
    expect(degreesPerPixel(0)).toBeCloseTo(360 / 256);
    expect(degreesPerPixel(10) / degreesPerPixel(11)).toBeCloseTo(2);
  });
});

describe('labelPoint', () => {
  it('is the centroid of a convex polygon', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual([1, 1]);
  });

  it('lies inside a C-shaped polygon whose centroid is outside', () => {
    const c: Position[] = [[0, 0], [3, 0], [3, 1], [1, 1], [1, 2], [3, 2], [3, 3], [0, 3], [0, 0]];
    const geometry = { type: 'Polygon' as const, coordinates: [c] };
    const [x, y] = labelPoint(geometry);
    expect(geometryContains(geometry, x, y)).toBe(true);
  });
});
