import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridCodeOf } from './household-helpers.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Visit plans follow the people and households they are made of: a change to a household or an
 * assignment asks for a (debounced) re-plan of its town in the same transaction.
 */
let t: TestApp;
let townId: string;
let gridCode: string;

const replanJobsOfTown = async () =>
  Number((await t.rows(sql`select count(*)::int as n from jobs where kind = 'visits.replan' and payload->>'townNodeId' = ${townId}`))[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  gridCode = gridCodeOf(t, '江庄村第一网格');
  const [town] = await t.rows(sql`select t.id from territory_nodes g join territory_nodes t on g.path like t.path || '%' and t.level = 'town' where g.code = ${gridCode}`);
  townId = String(town!.id);
  await t.rows(sql`delete from jobs where kind = 'visits.replan'`);
});
afterAll(() => t.close());

describe('re-planning after changes', () => {
  it('a household added by hand asks for a re-plan of its town', async () => {
    const res = await t.request('POST', '/api/v1/households', { as: 'community', body: { gridCode, address: '计划路1号', members: [] } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await replanJobsOfTown()).toBe(1);
  });

  it('an assignment created, then ended, asks again (requests in one window share a job)', async () => {
    await t.rows(sql`delete from jobs where kind = 'visits.replan'`);
    const [staff] = await t.rows(sql`select id from staff where username = 'grid-worker'`);
    const created = await t.request('POST', '/api/v1/assignments', {
      as: 'center',
      body: { staffId: String(staff!.id), nodeCode: gridCode, tier: 'village_member', startsOn: '2026-01-01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await replanJobsOfTown()).toBe(1);
    const ended = await t.request('POST', `/api/v1/assignments/${created.json().id}/end`, { as: 'center', body: { version: created.json().version } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await replanJobsOfTown()).toBeGreaterThanOrEqual(1);
  });

  it('a cadre deactivated asks for a re-plan of the towns they walked in', async () => {
    await t.rows(sql`delete from jobs where kind = 'visits.replan'`);
    const [cadre] = await t.rows(sql`select id from staff where username = 'cadre'`);
    const res = await t.request('POST', `/api/v1/users/${String(cadre!.id)}/deactivate`, { as: 'admin' });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await replanJobsOfTown()).toBe(1);
  });

  it('a refused change asks for nothing', async () => {
    await t.rows(sql`delete from jobs where kind = 'visits.replan'`);
    const res = await t.request('POST', '/api/v1/households', { as: 'community', body: { gridCode: 'nope', address: '计划路2号' } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await replanJobsOfTown()).toBe(0);
  });
});
