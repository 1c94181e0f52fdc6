import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { act, actOk, getCase, gridId, reportCase } from './factories.js';

let t: TestApp;
let jiangzhuangCase: { id: string; number: string; version: number };

async function snapshot(id: string) {
  const rows = { rows: await t.rows(sql`select status, version, updated_at, (select count(*)::int from case_events e where e.case_id = c.id) as events from cases c where c.id = ${id}`) };
  return JSON.stringify(rows.rows);
}

beforeAll(async () => {
  t = await createTestApp();
  jiangzhuangCase = await reportCase(t);
});
afterAll(async () => t.close());

describe('scope: outside it a case does not exist', () => {
  it('community2 (another town) gets 404 on read, the same as for an id that does not exist', async () => {
    const outside = await getCase(t, 'community2', jiangzhuangCase.id);
    const missing = await getCase(t, 'community2', '01900000-0000-7000-8000-000000000000');
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect(outside.json().detail).toBe(missing.json().detail);
  });

  it('community2 gets 404 on every action and nothing changes', async () => {
    const before = await snapshot(jiangzhuangCase.id);
    for (const [action, body] of [
      ['accept', {}],
      ['reject', { reason: '越权尝试' }],
      ['dispatch', { target: { kind: 'grid', id: gridId(t) } }],
      ['merge', { intoCaseId: jiangzhuangCase.id }],
    ] as const) {
      const res = await t.request('POST', `/api/v1/cases/${jiangzhuangCase.id}/actions/${action}`, { as: 'community2', body: { version: 1, ...body } });
      expect(res.statusCode, action).toBe(404);
    }
    expect(await snapshot(jiangzhuangCase.id)).toBe(before);
  });

  it('community2 never sees 江庄 cases in lists, text search or by number', async () => {
    const list = (await t.request('GET', `/api/v1/cases?limit=200&q=${encodeURIComponent(jiangzhuangCase.number)}`, { as: 'community2' })).json();
    expect(list.items).toHaveLength(0);
    const all = (await t.request('GET', '/api/v1/cases?limit=200', { as: 'community2' })).json();
    expect(all.items.some((c: { territory: { code: string } }) => c.territory.code.startsWith('320305107205'))).toBe(false);
  });

  it('a grid worker sees only their grid; the cadre sees both assigned villages; the leader sees the county', async () => {
    const worker = (await t.request('GET', '/api/v1/cases?limit=200', { as: 'grid-worker' })).json().items;
    expect(worker.length).toBeGreaterThan(0);
    expect(worker.every((c: { territory: { name: string } }) => c.territory.name === '江庄村第一网格')).toBe(true);
    const cadreMe = (await t.request('GET', '/api/v1/auth/me', { as: 'cadre' })).json();
    const cadreCases = (await t.request('GET', '/api/v1/cases?limit=200', { as: 'cadre' })).json().items;
    const villageCodes = cadreMe.nodes.map((n: { code: string }) => n.code);
    expect(cadreCases.every((c: { territory: { code: string } }) => villageCodes.some((v: string) => c.territory.code.startsWith(v)))).toBe(true);
    const leader = (await t.request('GET', '/api/v1/cases?limit=200', { as: 'leader' })).json().items;
    expect(leader.length).toBeGreaterThan(cadreCases.length);
  });

  it('the department sees only cases dispatched to its unit', async () => {
    const before = (await t.request('GET', '/api/v1/cases?limit=200', { as: 'department' })).json().items;
    expect((await getCase(t, 'department', jiangzhuangCase.id)).statusCode).toBe(404);
    await actOk(t, 'community', jiangzhuangCase.id, 'accept');
    const units = (await t.request('GET', '/api/v1/units', { as: 'community' })).json().items;
    await actOk(t, 'community', jiangzhuangCase.id, 'dispatch', { target: { kind: 'unit', id: units.find((u: { code: string }) => u.code === 'JW-CG').id } });
    expect((await getCase(t, 'department', jiangzhuangCase.id)).statusCode).toBe(200);
    const after = (await t.request('GET', '/api/v1/cases?limit=200', { as: 'department' })).json().items;
    expect(after.length).toBe(before.length + 1);
  });

  it('403 for a role without the permission inside scope, 409 for a wrong state or a stale version, 401 signed out', async () => {
    const created = await reportCase(t);
    expect((await act(t, 'leader', created.id, 'accept')).statusCode).toBe(403);
    expect((await act(t, 'grid-worker', created.id, 'accept')).statusCode).toBe(403);
    const wrongState = await act(t, 'community', created.id, 'close');
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().code).toBe('INVALID_TRANSITION');
    const stale = await t.request('POST', `/api/v1/cases/${created.id}/actions/accept`, { as: 'community', body: { version: 99 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });
    expect((await t.request('GET', `/api/v1/cases/${created.id}`)).statusCode).toBe(401);
    expect((await t.request('POST', `/api/v1/cases/${created.id}/actions/accept`, { body: { version: 1 } })).statusCode).toBe(401);
  });

  it('two dispatchers racing on the same version: exactly one wins', async () => {
    const created = await reportCase(t);
    const [a, b] = await Promise.all([
      t.request('POST', `/api/v1/cases/${created.id}/actions/accept`, { as: 'community', body: { version: 1 } }),
      t.request('POST', `/api/v1/cases/${created.id}/actions/accept`, { as: 'center', body: { version: 1 } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = { rows: await t.rows(sql`select count(*)::int as n from case_events where case_id = ${created.id} and action = 'accept'`) };
    expect(Number((events.rows[0] as { n: number }).n)).toBe(1);
  });

  it('dispatch targets outside the dispatcher\'s territory are refused', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    const farGrid = t.ctx.grids.current.grids.find((g) => !g.path.includes('/320305107/'))!;
    const res = await act(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: farGrid.id } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('target');
    expect((await getCase(t, 'community', created.id)).json().status).toBe('accepted');
  });

  it('guessed ids, injection-shaped strings and malformed ids are answered with 4xx problem+json', async () => {
    for (const url of [
      "/api/v1/cases/1' or '1'='1",
      '/api/v1/cases/not-a-uuid',
      `/api/v1/cases?q=${encodeURIComponent("'; drop table cases; --")}`,
      `/api/v1/cases?status=${encodeURIComponent("reported' or 1=1")}`,
      '/api/v1/cases?cursor=%%%',
      '/api/v1/cases?limit=100000',
    ]) {
      const res = await t.request('GET', url, { as: 'community' });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    const q = await t.request('GET', `/api/v1/cases?q=${encodeURIComponent("'; drop table cases; --")}`, { as: 'community' });
    expect(q.statusCode).toBe(200);
    expect(q.json().items).toEqual([]);
  });
});
