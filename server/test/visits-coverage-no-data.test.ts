import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { addHouseholds, visitPlaces } from './visit-fixtures.js';

/** 走访覆盖率 over no households is "no data" (null), never 100 %. */
let t: TestApp;
let places: Awaited<ReturnType<typeof visitPlaces>>;

beforeAll(async () => {
  t = await createTestApp();
  places = await visitPlaces(t);
});
afterAll(async () => t?.close());

type Rate = { id: string; name: string; visited: number; total: number; rate: number | null };

describe('coverage with a zero denominator', () => {
  it('gives rate null for a node, a child and a cadre with nothing to count', async () => {
    // A special grid (an overlay: households live in the basic grids) has no households at all.
    const [school] = await t.rows(sql`select id from territory_nodes where parent_id = ${places.villageId} and grid_kind = 'special' order by code limit 1`);
    const empty = await t.request('GET', `/api/v1/visits/coverage?node=${String(school!.id)}`, { as: 'center' });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().node).toMatchObject({ visited: 0, total: 0, rate: null });

    const village = (await t.request('GET', `/api/v1/visits/coverage?node=${places.villageId}`, { as: 'center' })).json();
    const children = village.children as Rate[];
    expect(children.some((c) => c.total === 0)).toBe(true);
    for (const c of children) {
      if (c.total === 0) expect(c.rate, c.name).toBeNull();
      else expect(c.rate, c.name).toBeCloseTo(c.visited / c.total, 3);
    }

    // A visit nobody planned: the visitor shows with visits but no plan to measure against.
    const [household] = await addHouseholds(t, places, 1);
    const visit = await t.request('POST', '/api/v1/visits', {
      as: 'grid-worker',
      body: { clientId: 'no-data-visit-1', householdId: household, visitedAt: new Date().toISOString(), notes: '未列入计划的走访' },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const after = (await t.request('GET', `/api/v1/visits/coverage?node=${places.villageId}`, { as: 'center' })).json();
    const unplanned = (after.cadres as Array<{ plannedToDate: number; visits: number; rate: number | null }>).filter((c) => c.plannedToDate === 0);
    expect(unplanned.length).toBeGreaterThan(0);
    for (const c of unplanned) expect(c.rate).toBeNull();
  });
});
