import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geometryContains } from '../src/modules/territory/grid-index.js';
import type { Geometry } from '../src/modules/territory/geometry.js';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

interface Outline {
  type: 'Feature';
  properties: { code: string; name: string; level: string; kind: 'basic' | 'special' | null; label: [number, number] };
  geometry: Geometry;
}
interface Outlines {
  type: 'FeatureCollection';
  level: string;
  zoom: number;
  features: Outline[];
}

async function outlines(query: string, headers?: Record<string, string>) {
  // No sign-in: the resident report page draws the same base map.
  return t.request('GET', `/api/v1/territories/outlines?${query}`, { headers });
}

function pointCount(collection: Outlines): number {
  return collection.features.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
}

// 江庄村 (320305107205) lies around 117.37°E 34.49°N in the demo county 贾汪区.
describe('GET /api/v1/territories/outlines', () => {
  it('gives village outlines with names and label points inside them, publicly and cacheably', async () => {
    const res = await outlines('level=village&zoom=12');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(res.headers.etag).toMatch(/^W\/".+"$/);
    const body = res.json<Outlines>();
    expect(body).toMatchObject({ type: 'FeatureCollection', level: 'village', zoom: 12 });
    expect(body.features.length).toBe(133);
    const jiangzhuang = body.features.find((f) => f.properties.code === '320305107205')!;
    expect(jiangzhuang.properties).toMatchObject({ name: '江庄村', level: 'village', kind: null });
    const [lng, lat] = jiangzhuang.properties.label;
    expect(geometryContains(jiangzhuang.geometry, lng, lat)).toBe(true);
    // Boundaries and names only.
    expect(Object.keys(jiangzhuang.properties).sort()).toEqual(['code', 'kind', 'label', 'level', 'name']);
  });

  it('answers 304 to a matching If-None-Match and a new ETag for another query', async () => {
    const first = await outlines('level=town&zoom=10');
    const etag = String(first.headers.etag);
    const again = await outlines('level=town&zoom=10', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await outlines('level=town&zoom=11');
    expect(other.headers.etag).not.toBe(etag);
  });

  it('changes the ETag when the territory changes', async () => {
    const before = String((await outlines('level=town&zoom=10')).headers.etag);
    await t.rows(sql`update territory_nodes set name = name, version = version + 1, updated_at = now() where code = '320305107'`);
    const after = await outlines('level=town&zoom=10', { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
  });

  it('simplifies more when zoomed out, so the payload stays small', async () => {
    const farResponse = await outlines('level=grid&zoom=9');
    const nearResponse = await outlines('level=grid&zoom=17');
    const far = farResponse.json<Outlines>();
    const near = nearResponse.json<Outlines>();
    // The generated demo outlines are already coarse, so fewer points and shorter coordinates.
    expect(pointCount(far)).toBeLessThan(pointCount(near) * 0.85);
    const geometryLength = (c: Outlines) => JSON.stringify(c.features.map((f) => f.geometry)).length;
    expect(geometryLength(far)).toBeLessThan(geometryLength(near) * 0.75);
    // Even zoomed out every village is still there.
    expect((await outlines('level=village&zoom=8')).json<Outlines>().features).toHaveLength(133);
  });

  it('limits grids to the bounding box and marks special grids', async () => {
    const all = (await outlines('level=grid&zoom=15')).json<Outlines>();
    const near = (await outlines('level=grid&zoom=15&bbox=117.36,34.48,117.39,34.50')).json<Outlines>();
    expect(near.features.length).toBeGreaterThan(0);
    expect(near.features.length).toBeLessThan(all.features.length / 4);
    const names = near.features.map((f) => f.properties.name);
    expect(names).toContain('江庄村第一网格');
    expect(near.features.find((f) => f.properties.name === '江庄中学专属网格')?.properties.kind).toBe('special');
    expect(near.features.find((f) => f.properties.name === '江庄村第一网格')?.properties.kind).toBe('basic');
    // A box far from the county holds nothing.
    const empty = (await outlines('level=grid&bbox=100,20,100.1,20.1')).json<Outlines>();
    expect(empty.features).toEqual([]);
  });

  it.each([
    ['bbox=nonsense', 'bbox'],
    ['bbox=117,34,118', 'bbox'],
    ['bbox=118,34,117,35', 'bbox'],
    ['bbox=117,34,,35', 'bbox'],
    ['bbox=-200,34,117,35', 'bbox'],
    ['zoom=99', 'zoom'],
    ['zoom=abc', 'zoom'],
  ])('rejects %s with 400 naming the field', async (query, field) => {
    const res = await outlines(`level=village&${query}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toContain(field);
  });

  it('rejects a missing or unknown level with 400', async () => {
    expect((await outlines('')).statusCode).toBe(400);
    expect((await outlines('level=planet')).statusCode).toBe(400);
  });
});
