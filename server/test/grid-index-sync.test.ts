import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createTestApp, type TestApp } from './test-app.js';
import { testConfig } from './test-config.js';

// Several server processes share one PostgreSQL; each keeps its own point → grid index.
describe.runIf(process.env.TEST_DATABASE_URL)('grid index across processes (PostgreSQL)', () => {
  let t: TestApp;
  let other: OpenedContext;
  beforeAll(async () => {
    t = await createTestApp();
    other = await openContext(testConfig({ databaseUrl: t.databaseUrl }), { migrate: false });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('a grid imported through one process is found by another, which rebuilt its index on NOTIFY', async () => {
    const basic = t.ctx.grids.current.grids.find((g) => g.name === '江庄村第三网格')!;
    const centre = turf.pointOnFeature(turf.feature(basic.geometry as never)).geometry.coordinates as [number, number];
    const square = turf.bboxPolygon([centre[0] - 0.0008, centre[1] - 0.0008, centre[0] + 0.0008, centre[1] + 0.0008]).geometry;
    const villageCode = basic.ancestors[0]!.code;
    expect(other.ctx.grids.current.locate(centre[0], centre[1])?.grid.code).toBe(basic.code);

    const res = await t.request('POST', '/api/v1/grids/import', {
      as: 'admin',
      body: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: `${villageCode}S9`, name: '江庄村敬老院专属网格', villageCode, kind: 'special', specialType: 'elderly_home' }, geometry: square }] },
    });
    expect(res.statusCode, res.body).toBe(200);

    let found: string | undefined;
    for (let attempt = 0; attempt < 50 && found !== `${villageCode}S9`; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      found = other.ctx.grids.current.locate(centre[0], centre[1])?.grid.code;
    }
    expect(found).toBe(`${villageCode}S9`);
    expect(other.ctx.grids.current.locate(centre[0], centre[1])?.basicGrid?.code).toBe(basic.code);
  });
});
