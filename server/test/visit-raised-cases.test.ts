import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../src/platform/clock.js';
import { act, actOk, getCase, pointInGrid, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';
import { addHouseholds, assignCadre, visitPlaces, workingMorningClock } from './visit-fixtures.js';

let t: TestApp;
let clock: ManualClock;
let places: Awaited<ReturnType<typeof visitPlaces>>;
let household: string;

beforeAll(async () => {
  t = await createTestApp();
  clock = await workingMorningClock(t);
  places = await visitPlaces(t);
  await assignCadre(t, places.cadreId, places.villageId);
  // A household imported without coordinates (the usual case): only the visit knows where it is.
  household = (await addHouseholds(t, places, 1))[0]!;
});
afterAll(async () => t.close());

async function visitWithGps(location?: { lat: number; lng: number }) {
  const res = await t.request('POST', '/api/v1/visits', {
    as: 'cadre',
    body: { clientId: `raise-${Math.random().toString(36).slice(2, 12)}`, householdId: household, visitedAt: clock.now().toISOString(), ...(location ? { location } : {}), notes: '入户走访' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function raise(visitId: string, body: Record<string, unknown>) {
  const res = await t.request('POST', `/api/v1/visits/${visitId}/cases`, { as: 'cadre', body: { demandType: 'help', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('a case raised from a visit', () => {
  it('is located at the visit’s GPS point in its grid, carries the chosen category and links the household', async () => {
    const point = pointInGrid(t);
    const visit = await visitWithGps({ lat: point.lat, lng: point.lng });
    const raised = await raise(visit.id, { description: '走访发现门前下水道堵塞，污水外溢', categoryCode: '0506' });
    const [row] = await t.rows(sql`select category_code, grid_id, lat, lng from cases where id = ${raised.caseId}`);
    expect(row).toMatchObject({ category_code: '0506', grid_id: places.gridId });
    expect(Number(row!.lat)).toBeCloseTo(point.lat, 6);
    expect(Number(row!.lng)).toBeCloseTo(point.lng, 6);
    const detail = (await getCase(t, 'cadre', raised.caseId)).json();
    expect(detail.visitOrigin).toMatchObject({ visitId: visit.id, householdId: household });
    expect(detail.grid.id).toBe(places.gridId);
  });

  it('gets a suggested category when the visitor chose none', async () => {
    const visit = await visitWithGps();
    const raised = await raise(visit.id, { description: '村口路灯不亮已经一周，老人晚上出门不便' });
    const [row] = await t.rows(sql`select category_code, grid_id from cases where id = ${raised.caseId}`);
    expect(row).toMatchObject({ category_code: '0105', grid_id: places.gridId });
  });
});

describe('category and location at acceptance', () => {
  it('accept with a category changes it and recomputes the deadline from it, audited', async () => {
    const created = await reportCase(t, { description: '验收测试：燃气管道附近有异味', categoryCode: '0105' });
    const accepted = await actOk(t, 'community', created.id, 'accept', { categoryCode: '0503' });
    expect(accepted).toMatchObject({ category: { code: '0503' }, colour: 'red' });
    // 燃气泄漏: 2 hours on the continuous clock (路灯照明 would have been 72 working-day hours).
    expect(new Date(accepted.resolveBy).getTime() - clock.now().getTime()).toBe(2 * 3_600_000);
    expect(accepted.timeline.at(-1).data).toMatchObject({ categoryCode: '0503', fromCategoryCode: '0105' });
    const [audit] = await t.rows(sql`select data from audit_log where entity_id = ${created.id} and action = 'case.accept'`);
    expect(audit!.data).toMatchObject({ categoryCode: '0503', fromCategoryCode: '0105' });
  });

  it('accept with a location moves a case from its village into a grid; a place outside the territory is 400 and changes nothing', async () => {
    const [village] = await t.rows(sql`select name from territory_nodes where id = ${places.villageId}`);
    const created = await reportCase(t, { description: '验收测试：只说了村名的路面坑洼', categoryCode: '0301', location: { address: `${String(village!.name)}村口` } });
    expect(created.grid).toBeNull();
    const [other] = await t.rows(sql`select code from territory_nodes where id = ${places.otherGridId}`);
    const outside = await act(t, 'community', created.id, 'accept', { location: { gridCode: String(other!.code) } });
    expect(outside.statusCode, outside.body).toBe(400);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect((await getCase(t, 'community', created.id)).json()).toMatchObject({ status: 'reported', grid: null });

    const point = pointInGrid(t);
    const accepted = await actOk(t, 'community', created.id, 'accept', { location: { lat: point.lat, lng: point.lng } });
    expect(accepted.grid.id).toBe(places.gridId);
    expect(accepted.lat).toBeCloseTo(point.lat, 6);
    const [audit] = await t.rows(sql`select data from audit_log where entity_id = ${created.id} and action = 'case.accept'`);
    expect(audit!.data).toMatchObject({ territoryNodeId: places.gridId });
  });
});
