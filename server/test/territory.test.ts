import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../src/modules/territory/coordinates.js';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

// Demo county 贾汪区: 江庄镇 → 江庄村 with seven basic grids and two special grids (a school, a hospital).
const county = { code: '320305', name: '贾汪区' };
const jiangzhuangTown = { code: '320305107', name: '江庄镇' };
const jiangzhuang = { code: '320305107205', name: '江庄村' };
const schoolGridName = '江庄中学专属网格';

type GridProperties = { code: string; name: string; villageCode: string; townCode: string; kind: 'basic' | 'special'; specialType: string | null; isGenerated: boolean };
type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;
type GridCollection = FeatureCollection<Polygon | MultiPolygon, GridProperties>;

async function exportGrids(under?: string): Promise<GridCollection> {
  const res = await t.request('GET', `/api/v1/grids/export${under ? `?under=${under}` : ''}`, { as: 'admin' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function byName(collection: GridCollection, name: string): GridFeature {
  const feature = collection.features.find((f) => f.properties.name === name);
  if (!feature) throw new Error(`no grid named ${name}`);
  return feature;
}

function interiorPoint(feature: Feature<Polygon | MultiPolygon>): { lng: number; lat: number } {
  const [lng, lat] = turf.pointOnFeature(feature).geometry.coordinates as [number, number];
  return { lng, lat };
}

/** A square polygon of side 2 × `halfMetres` centred on a point. */
function squareAround(centre: { lng: number; lat: number }, halfMetres: number): Polygon {
  const dLat = halfMetres / 111_320;
  const dLng = halfMetres / (111_320 * Math.cos((centre.lat * Math.PI) / 180));
  const { lng, lat } = centre;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng - dLng, lat - dLat],
        [lng + dLng, lat - dLat],
        [lng + dLng, lat + dLat],
        [lng - dLng, lat + dLat],
        [lng - dLng, lat - dLat],
      ],
    ],
  };
}

/** A basic grid (matching `where`) that no special grid touches, so a point in it locates to it alone. */
function plainBasicGrid(collection: GridCollection, where: (f: GridFeature) => boolean = () => true): GridFeature {
  const specials = collection.features.filter((f) => f.properties.kind === 'special');
  const plain = collection.features.find((f) => f.properties.kind === 'basic' && where(f) && specials.every((s) => !turf.booleanIntersects(f, s)));
  if (!plain) throw new Error('no basic grid clear of special grids');
  return plain;
}

function locate(query: string) {
  return t.request('GET', `/api/v1/territories/locate?${query}`);
}

function gridFeature(properties: Record<string, unknown>, geometry: unknown) {
  return { type: 'Feature', properties, geometry };
}

function importGrids(body: unknown, options: { as?: string; query?: string } = {}) {
  return t.request('POST', `/api/v1/grids/import${options.query ?? ''}`, {
    as: options.as ?? 'admin',
    body,
    headers: { 'accept-language': 'en' },
  });
}

describe('GET /api/v1/territories/locate', () => {
  it('finds the basic grid under a point with its village, town and county', async () => {
    const village = await exportGrids(jiangzhuang.code);
    const grid = plainBasicGrid(village);
    const point = interiorPoint(grid);
    const res = await locate(`lat=${point.lat}&lng=${point.lng}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.grid).toMatchObject({ code: grid.properties.code, name: grid.properties.name, level: 'grid', kind: 'basic' });
    expect(body.basicGrid).toBeNull();
    expect(body.ancestors.map((a: { code: string; name: string; level: string }) => [a.level, a.code, a.name])).toEqual([
      ['village', jiangzhuang.code, jiangzhuang.name],
      ['town', jiangzhuangTown.code, jiangzhuangTown.name],
      ['county', county.code, county.name],
    ]);
    expect(body.point).toEqual({ lat: point.lat, lng: point.lng, crs: 'wgs84' });
  });

  it('finds a grid in another town with that town as ancestor', async () => {
    const all = await exportGrids();
    const elsewhere = plainBasicGrid(all, (f) => f.properties.townCode !== jiangzhuangTown.code);
    const point = interiorPoint(elsewhere);
    const res = await locate(`lat=${point.lat}&lng=${point.lng}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().grid.code).toBe(elsewhere.properties.code);
    expect(res.json().ancestors.map((a: { code: string }) => a.code)).toEqual([elsewhere.properties.villageCode, elsewhere.properties.townCode, county.code]);
  });

  it('gives the special grid 江庄中学专属网格 with the basic grid under it', async () => {
    const village = await exportGrids(jiangzhuang.code);
    const school = byName(village, schoolGridName);
    const point = interiorPoint(school);
    const underneath = village.features.find((f) => f.properties.kind === 'basic' && turf.booleanPointInPolygon([point.lng, point.lat], f))!;
    const res = await locate(`lat=${point.lat}&lng=${point.lng}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.grid).toMatchObject({ code: school.properties.code, name: schoolGridName, kind: 'special', specialType: 'school' });
    expect(body.basicGrid).toMatchObject({ code: underneath.properties.code, kind: 'basic' });
    expect(body.ancestors[0]).toMatchObject({ code: jiangzhuang.code, level: 'village' });
  });

  it('converts GCJ-02 and BD-09 input to the same grid', async () => {
    const village = await exportGrids(jiangzhuang.code);
    const school = byName(village, schoolGridName);
    const point = interiorPoint(school);
    for (const crs of ['gcj02', 'bd09'] as const) {
      const shifted = fromWgs84(point.lng, point.lat, crs);
      const res = await locate(`lat=${shifted.lat}&lng=${shifted.lng}&crs=${crs}`);
      expect(res.statusCode, `${crs}: ${res.body}`).toBe(200);
      expect(res.json().grid.code).toBe(school.properties.code);
      const answered = res.json().point;
      expect(answered.crs).toBe('wgs84');
      expect(turf.distance([answered.lng, answered.lat], [point.lng, point.lat], { units: 'meters' })).toBeLessThan(1);
    }
  });

  it('answers 404 problem+json for a point outside every grid', async () => {
    const res = await locate('lat=39.9&lng=116.4');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it.each([
    ['lat=abc&lng=117.4', 'query.lat'],
    ['lat=100&lng=117.4', 'query.lat'],
    ['lat=34.5&lng=200', 'query.lng'],
    ['lat=34.5', 'query.lng'],
    ['lat=34.5&lng=117.4&crs=mercator', 'query.crs'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await locate(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('GET /api/v1/territories/search', () => {
  type Found = { matches: string[]; nodes: Array<{ code: string; name: string; level: string; parentCode: string | null }> };
  it('finds a grid deep in the tree by part of its name, with its chain up to the caller\'s own node', async () => {
    const res = await t.request('GET', `/api/v1/territories/search?q=${encodeURIComponent('江庄村第二网格')}`, { as: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    const body: Found = res.json();
    const grid = body.nodes.find((n) => n.name === '江庄村第二网格')!;
    expect(body.matches).toContain(grid.code);
    expect(grid).toMatchObject({ level: 'grid', parentCode: jiangzhuang.code });
    expect(body.nodes.map((n) => n.code)).toEqual(expect.arrayContaining([county.code, jiangzhuangTown.code, jiangzhuang.code, grid.code]));
    expect(body.nodes[0]!.code).toBe(county.code);
  });

  it('stays inside the caller\'s territory and starts the chain at their node', async () => {
    const outside: Found = (await t.request('GET', `/api/v1/territories/search?q=${encodeURIComponent('江庄村')}`, { as: 'community2' })).json();
    expect(outside.nodes.filter((n) => n.name.startsWith('江庄村'))).toEqual([]);
    const own: Found = (await t.request('GET', `/api/v1/territories/search?q=${encodeURIComponent('第二网格')}`, { as: 'community' })).json();
    expect(own.matches.length).toBeGreaterThan(0);
    expect(own.nodes.every((n) => n.level === 'village' || n.level === 'grid')).toBe(true);
  });

  it('answers 400 without text and 401 without sign-in', async () => {
    const empty = await t.request('GET', '/api/v1/territories/search?q=', { as: 'admin' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toMatch(/^query\.q/);
    expect((await t.request('GET', '/api/v1/territories/search?q=x')).statusCode).toBe(401);
  });
});

describe('GET /api/v1/territories/:code', () => {
  it('shows community staff their village with its grids, ancestors root first', async () => {
    const res = await t.request('GET', `/api/v1/territories/${jiangzhuang.code}`, { as: 'community' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: jiangzhuang.code, name: jiangzhuang.name, level: 'village', villageKind: 'village', geometry: null });
    expect(body.ancestors.map((a: { code: string }) => a.code)).toEqual([county.code, jiangzhuangTown.code]);
    const children = body.children as Array<{ name: string; level: string; gridKind: string; geometry: unknown }>;
    expect(children.filter((c) => c.gridKind === 'basic')).toHaveLength(7);
    expect(children.map((c) => c.name)).toEqual(expect.arrayContaining(['江庄村第一网格', schoolGridName, '江庄镇卫生院专属网格']));
    expect(children.every((c) => c.level === 'grid' && c.geometry === null)).toBe(true);
  });

  it('includes outlines with ?geometry=true', async () => {
    const res = await t.request('GET', `/api/v1/territories/${jiangzhuang.code}?geometry=true`, { as: 'community' });
    expect(res.statusCode).toBe(200);
    expect(res.json().geometry.type).toMatch(/Polygon/);
    expect(res.json().children.every((c: { geometry: { type: string } | null }) => c.geometry?.type.endsWith('Polygon'))).toBe(true);
  });

  it('shows a grid worker the chain above their grid, without the siblings', async () => {
    const res = await t.request('GET', `/api/v1/territories/${jiangzhuang.code}`, { as: 'grid-worker' });
    expect(res.statusCode).toBe(200);
    expect(res.json().children).toEqual([]);
  });

  it('answers 404 outside the caller’s territory, exactly as for a code that does not exist', async () => {
    const outside = await t.request('GET', `/api/v1/territories/${jiangzhuang.code}`, { as: 'community2' });
    const unknown = await t.request('GET', '/api/v1/territories/320305999999', { as: 'community2' });
    expect(outside.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(outside.headers['content-type']).toBe(unknown.headers['content-type']);
    // Same body apart from the code the caller typed in.
    const anonymise = (body: Record<string, unknown>, code: string) => JSON.parse(JSON.stringify(body).replaceAll(code, '<code>'));
    expect(anonymise(outside.json(), jiangzhuang.code)).toEqual(anonymise(unknown.json(), '320305999999'));
    expect(JSON.stringify(outside.json())).not.toContain(jiangzhuang.name);
  });

  it('answers 401 without sign-in', async () => {
    const res = await t.request('GET', `/api/v1/territories/${jiangzhuang.code}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('grid import and export', () => {
  it('exports application/geo+json that re-imports as is (round trip)', async () => {
    const res = await t.request('GET', `/api/v1/grids/export?under=${jiangzhuang.code}`, { as: 'admin' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(res.headers['content-disposition']).toContain(`grids-${jiangzhuang.code}.geojson`);
    const before = res.json() as GridCollection;
    expect(before.features).toHaveLength(9);
    expect(before.features.every((f) => f.properties.villageCode === jiangzhuang.code && f.properties.townCode === jiangzhuangTown.code)).toBe(true);

    const imported = await importGrids(before);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ dryRun: false, created: 0, updated: 9 });
    expect(imported.json().grids.every((g: { action: string }) => g.action === 'update')).toBe(true);

    expect(await exportGrids(jiangzhuang.code)).toEqual(before);
  });

  it('re-imports another village’s grids unchanged: all updated, none created', async () => {
    const all = await exportGrids();
    const villageCode = all.features.find((f) => f.properties.townCode !== jiangzhuangTown.code)!.properties.villageCode;
    const village = await exportGrids(villageCode);
    expect(village.features.length).toBeGreaterThan(1);
    const res = await importGrids(village);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: village.features.length });
    expect((await exportGrids()).features).toHaveLength(all.features.length);
  });

  it('checks a file with ?dryRun=true and changes nothing', async () => {
    const countBefore = (await exportGrids()).features.length;
    const village = await exportGrids(jiangzhuang.code);
    const centre = interiorPoint(plainBasicGrid(village));
    const file = {
      type: 'FeatureCollection',
      features: [gridFeature({ code: 'DRYRUN-1', name: '演练专属网格', villageCode: jiangzhuang.code, kind: 'special', specialType: 'market' }, squareAround(centre, 30))],
    };
    const res = await importGrids(file, { query: '?dryRun=true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      dryRun: true,
      created: 1,
      updated: 0,
      grids: [{ code: 'DRYRUN-1', name: '演练专属网格', villageCode: jiangzhuang.code, kind: 'special', action: 'create' }],
    });
    expect((await t.request('GET', '/api/v1/territories/DRYRUN-1', { as: 'admin' })).statusCode).toBe(404);
    expect((await locate(`lat=${centre.lat}&lng=${centre.lng}`)).json().grid.code).not.toBe('DRYRUN-1');
    expect((await exportGrids()).features).toHaveLength(countBefore);
  });

  it('rejects a file with any bad feature as a whole, naming every offending feature and why', async () => {
    const all = await exportGrids();
    const village = await exportGrids(jiangzhuang.code);
    const first = byName(village, '江庄村第一网格');
    const plain = plainBasicGrid(village);
    const inFirst = interiorPoint(first);
    const inPlain = interiorPoint(plain);
    // A grid of another town, kilometres from 江庄村, claimed for 江庄村.
    const villageOutline = (await t.request('GET', `/api/v1/territories/${jiangzhuang.code}?geometry=true`, { as: 'admin' })).json().geometry;
    const far = all.features.find(
      (f) => f.properties.townCode !== jiangzhuangTown.code && turf.distance(turf.centroid(f), turf.centroid(villageOutline), { units: 'kilometers' }) > 3,
    )!;
    const farPoint = interiorPoint(far);
    const overlapping = squareAround(inFirst, 60);
    expect(turf.booleanWithin(turf.feature(overlapping), first)).toBe(true); // precondition: overlaps 第一网格 fully

    const props = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: `测试网格 ${code}`, villageCode: jiangzhuang.code, kind: 'special', ...extra });
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [inPlain.lng - 0.001, inPlain.lat - 0.001],
          [inPlain.lng + 0.001, inPlain.lat + 0.001],
          [inPlain.lng + 0.001, inPlain.lat - 0.001],
          [inPlain.lng - 0.001, inPlain.lat + 0.001],
          [inPlain.lng - 0.001, inPlain.lat - 0.001],
        ],
      ],
    };
    const unclosed = squareAround(inPlain, 20);
    unclosed.coordinates[0]!.pop();
    const file = {
      type: 'FeatureCollection',
      features: [
        gridFeature(props('BAD-BOWTIE', { kind: 'basic' }), bowTie), // 1
        gridFeature(props('BAD-VILLAGE', { villageCode: '320305999999' }), squareAround(inPlain, 20)), // 2
        gridFeature(props('BAD-FAR'), squareAround(farPoint, 50)), // 3
        gridFeature(props('BAD-OVERLAP', { kind: 'basic' }), overlapping), // 4
        gridFeature(props('DUP-1'), squareAround(inPlain, 10)), // 5 — fine on its own
        gridFeature(props('DUP-1'), squareAround(inPlain, 15)), // 6 — repeats 5
        gridFeature(props('BAD-UNCLOSED'), unclosed), // 7
        gridFeature(props('BAD-POINT'), { type: 'Point', coordinates: [inPlain.lng, inPlain.lat] }), // 8
        gridFeature(props('GOOD-1'), squareAround(inPlain, 25)), // 9 — valid
      ],
    };

    const res = await importGrids(file);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('GRID_IMPORT_REJECTED');
    const reported = body.features as Array<{ feature: number; code: string | null; reasons: string[] }>;
    expect(reported.map((f) => [f.feature, f.code])).toEqual([
      [1, 'BAD-BOWTIE'],
      [2, 'BAD-VILLAGE'],
      [3, 'BAD-FAR'],
      [4, 'BAD-OVERLAP'],
      [6, 'DUP-1'],
      [7, 'BAD-UNCLOSED'],
      [8, 'BAD-POINT'],
    ]);
    const reasonsOf = (n: number) => reported.find((f) => f.feature === n)!.reasons.join(' | ');
    expect(reasonsOf(1)).toMatch(/intersects itself/);
    expect(reasonsOf(2)).toMatch(/parent village 320305999999 does not exist/);
    expect(reasonsOf(3)).toMatch(new RegExp(`lie outside village ${jiangzhuang.code}`));
    expect(reasonsOf(4)).toMatch(new RegExp(`overlaps grid ${first.properties.code}`));
    expect(reasonsOf(6)).toMatch(/code DUP-1 repeats feature #5/);
    expect(reasonsOf(7)).toMatch(/not closed/);
    expect(reasonsOf(8)).toMatch(/Polygon or MultiPolygon/);
    expect(body.detail).toMatch(/^7 feature/);

    // Nothing changed: not even the valid feature was written.
    expect((await t.request('GET', '/api/v1/territories/GOOD-1', { as: 'admin' })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/territories/DUP-1', { as: 'admin' })).statusCode).toBe(404);
    expect((await exportGrids()).features).toHaveLength(all.features.length);
    expect(await exportGrids(jiangzhuang.code)).toEqual(village);
  });

  it('gives the reasons in Chinese by default', async () => {
    const res = await t.request('POST', '/api/v1/grids/import', {
      as: 'admin',
      body: { type: 'FeatureCollection', features: [gridFeature({ code: 'BAD-ZH', name: '坏网格', villageCode: '320305999999' }, { type: 'Point', coordinates: [117.3, 34.5] })] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().features[0].reasons.join(' ')).toMatch(/所属村\(社区\) 320305999999 不存在/);
  });

  it('rejects a file with no features', async () => {
    const res = await importGrids({ type: 'FeatureCollection', features: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'GRID_IMPORT_REJECTED', features: [] });
  });

  it('creates a new special grid and locates points in it at once (the index is rebuilt)', async () => {
    const countBefore = (await exportGrids()).features.length;
    const village = await exportGrids(jiangzhuang.code);
    const basic = plainBasicGrid(village);
    const centre = interiorPoint(basic);
    const outline = squareAround(centre, 40);
    expect(turf.booleanWithin(turf.feature(outline), basic)).toBe(true);
    expect((await locate(`lat=${centre.lat}&lng=${centre.lng}`)).json().grid.code).toBe(basic.properties.code);

    const res = await importGrids({
      type: 'FeatureCollection',
      features: [gridFeature({ code: '320305107205S9', name: '江庄农贸市场专属网格', villageCode: jiangzhuang.code, kind: 'special', specialType: 'market' }, outline)],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, created: 1, updated: 0 });

    const located = await locate(`lat=${centre.lat}&lng=${centre.lng}`);
    expect(located.statusCode).toBe(200);
    expect(located.json().grid).toMatchObject({ code: '320305107205S9', kind: 'special', specialType: 'market' });
    expect(located.json().basicGrid).toMatchObject({ code: basic.properties.code });
    expect(located.json().ancestors[0].code).toBe(jiangzhuang.code);

    const node = await t.request('GET', '/api/v1/territories/320305107205S9', { as: 'community' });
    expect(node.statusCode).toBe(200);
    expect(node.json()).toMatchObject({ level: 'grid', gridKind: 'special', specialType: 'market', isGenerated: false });
    expect(node.json().ancestors.map((a: { code: string }) => a.code)).toEqual([county.code, jiangzhuangTown.code, jiangzhuang.code]);
    expect((await exportGrids()).features).toHaveLength(countBefore + 1);
  });

  it('refuses non-admins (403) and anonymous callers (401), changing nothing', async () => {
    const village = await exportGrids(jiangzhuang.code);
    const forbidden = await importGrids(village, { as: 'community' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/grids/import', payload: village });
    expect(anonymous.statusCode).toBe(401);
  });

  it.each([
    ['a single Feature', { type: 'Feature', properties: {}, geometry: null }],
    ['features that are not a list', { type: 'FeatureCollection', features: {} }],
    ['a bare list', []],
  ])('answers 400 for a body that is not a FeatureCollection: %s', async (_label, body) => {
    const res = await importGrids(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('exports only inside the caller’s territory', async () => {
    const own = await t.request('GET', '/api/v1/grids/export', { as: 'community' });
    expect(own.statusCode).toBe(200);
    expect(own.json().features.length).toBeGreaterThanOrEqual(9);
    expect(own.json().features.every((f: GridFeature) => f.properties.villageCode === jiangzhuang.code)).toBe(true);
    const outside = await t.request('GET', `/api/v1/grids/export?under=${jiangzhuang.code}`, { as: 'community2' });
    expect(outside.statusCode).toBe(404);
  });
});
