import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from './geometry.js';
import { geometryContains, GridIndex, type IndexedGrid } from './grid-index.js';

/** A closed, counter-clockwise square ring from (minLng, minLat) to (maxLng, maxLat). */
function square(minLng: number, minLat: number, maxLng: number, maxLat: number): Position[] {
  return [
    [minLng, minLat],
    [maxLng, minLat],
    [maxLng, maxLat],
    [minLng, maxLat],
    [minLng, minLat],
  ];
}

const village = { id: 'v1', code: '320305107205', name: '江庄村', level: 'village' };
const town = { id: 't1', code: '320305107', name: '江庄镇', level: 'town' };
const county = { id: 'c1', code: '320305', name: '贾汪区', level: 'county' };

function grid(code: string, geometry: Geometry, kind: 'basic' | 'special' = 'basic'): IndexedGrid {
  return {
    id: `id-${code}`,
    code,
    name: `网格 ${code}`,
    level: 'grid',
    gridKind: kind,
    specialType: kind === 'special' ? 'school' : null,
    path: `/320305/320305107/320305107205/${code}/`,
    ancestors: [village, town, county],
    geometry,
  };
}

// Two basic grids side by side: west [0,1]×[0,1] with a hole [0.4,0.6]², east [1,2]×[0,1].
// A special grid (a school) sits inside the west grid; a MultiPolygon grid has two islands far away.
const west = grid('W', { type: 'Polygon', coordinates: [square(0, 0, 1, 1), square(0.4, 0.4, 0.6, 0.6)] });
const east = grid('E', { type: 'Polygon', coordinates: [square(1, 0, 2, 1)] });
const school = grid('S', { type: 'Polygon', coordinates: [square(0.1, 0.1, 0.3, 0.3)] }, 'special');
const islands = grid('M', {
  type: 'MultiPolygon',
  coordinates: [[square(10, 10, 11, 11)], [square(20, 20, 21, 21)]],
});
const index = new GridIndex([west, east, school, islands]);

describe('GridIndex.locate', () => {
  it('finds the basic grid containing a point, with its ancestors', () => {
    const hit = index.locate(1.5, 0.5);
    expect(hit?.grid.code).toBe('E');
    expect(hit?.basicGrid).toBeNull();
    expect(hit?.grid.ancestors.map((a) => a.level)).toEqual(['village', 'town', 'county']);
  });

  it('does not place a point inside a hole in the grid', () => {
    expect(index.locate(0.5, 0.5)).toBeNull();
    // Just outside the hole the grid is back.
    expect(index.locate(0.35, 0.5)?.grid.code).toBe('W');
  });

  it('counts a point on the outer boundary or on a hole boundary as inside', () => {
    expect(index.locate(0, 0.5)?.grid.code).toBe('W');
    expect(index.locate(0.4, 0.5)?.grid.code).toBe('W');
    // On the edge shared by two grids, one of them answers (never null).
    expect(['W', 'E']).toContain(index.locate(1, 0.5)?.grid.code);
  });

  it('returns null outside every grid, including inside the bounding box of a MultiPolygon', () => {
    expect(index.locate(5, 5)).toBeNull();
    expect(index.locate(-0.001, 0.5)).toBeNull();
    // (15, 15) lies in the MultiPolygon's bounding box but in neither of its islands.
    expect(index.locate(15, 15)).toBeNull();
  });

  it('lets a special grid win over the basic grid under it and reports that basic grid', () => {
    const hit = index.locate(0.2, 0.2);
    expect(hit?.grid.code).toBe('S');
    expect(hit?.grid.gridKind).toBe('special');
    expect(hit?.basicGrid?.code).toBe('W');
  });

  it('gives the special grid regardless of the order the grids were indexed in', () => {
    const reversed = new GridIndex([school, islands, east, west]);
    const hit = reversed.locate(0.2, 0.2);
    expect(hit?.grid.code).toBe('S');
    expect(hit?.basicGrid?.code).toBe('W');
  });

  it('reports a special grid with no basic grid under it with basicGrid null', () => {
    const alone = new GridIndex([grid('S2', { type: 'Polygon', coordinates: [square(50, 50, 51, 51)] }, 'special')]);
    const hit = alone.locate(50.5, 50.5);
    expect(hit?.grid.code).toBe('S2');
    expect(hit?.basicGrid).toBeNull();
  });

  it('finds points in every polygon of a MultiPolygon', () => {
    expect(index.locate(10.5, 10.5)?.grid.code).toBe('M');
    expect(index.locate(20.5, 20.5)?.grid.code).toBe('M');
  });

  it('answers null from an empty index', () => {
    const empty = new GridIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.locate(0.5, 0.5)).toBeNull();
    expect(empty.candidates(0.5, 0.5)).toEqual([]);
  });

  it('reports its size', () => {
    expect(index.size).toBe(4);
  });
});

describe('geometryContains', () => {
  it('follows the even-odd rule of holes for each polygon of a MultiPolygon', () => {
    const donutAndDot: Geometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 4, 4), square(1, 1, 3, 3)], [square(1.5, 1.5, 2.5, 2.5)]],
    };
    expect(geometryContains(donutAndDot, 0.5, 0.5)).toBe(true); // in the ring
    expect(geometryContains(donutAndDot, 1.2, 1.2)).toBe(false); // in the hole
    expect(geometryContains(donutAndDot, 2, 2)).toBe(true); // on the island inside the hole
    expect(geometryContains(donutAndDot, 5, 5)).toBe(false);
  });
});
