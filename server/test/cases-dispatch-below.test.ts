import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { act, actOk, getCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * A case is located where its address says (a village, a town) and may be dispatched further down
 * (a grid, a village, a person there): it must then exist for those who cover its assignee.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await runDueJobs(t.ctx, jobDefinitions); // the demo seed's own notifications
});
afterAll(async () => t?.close());

/** A hotline call entered by `as` with an address only (no point, no grid code). */
async function hotlineCall(as: string, address: string) {
  const res = await t.request('POST', '/api/v1/cases', {
    as,
    body: { channel: 'hotline', description: `热线来电：${address}门口污水外溢`, demandType: 'complaint', location: { address }, reporter: { name: '李桂兰', phone: '13800020188' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

/** The dispatch target of `kind` named `name` the server offers `as` for this case. */
async function offeredTarget(as: string, caseId: string, kind: string, name: string) {
  const detail = (await getCase(t, as, caseId)).json();
  const dispatch = detail.allowedActions.find((a: { action: string }) => a.action === 'dispatch');
  expect(dispatch, JSON.stringify(detail.allowedActions)).toBeDefined();
  const target = dispatch.targets.find((x: { kind: string; name: string }) => x.kind === kind && x.name === name);
  expect(target, `${kind} ${name} among ${JSON.stringify(dispatch.targets.map((x: { name: string }) => x.name))}`).toBeDefined();
  return target as { kind: string; id: string };
}

async function inboxCaseIds(username: string): Promise<string[]> {
  const res = await t.request('GET', '/api/v1/notifications?limit=50', { as: username });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((n: { caseId: string | null }) => n.caseId);
}

async function listIds(username: string, query = ''): Promise<string[]> {
  const res = await t.request('GET', `/api/v1/cases?limit=200${query}`, { as: username });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((c: { id: string }) => c.id);
}

describe('a case dispatched below where it is located', () => {
  it('village → grid: the grid worker notified of it reads it, finds it in lists and takes it', async () => {
    const call = await hotlineCall('community', '江庄镇江庄村东组 12 号');
    expect((await getCase(t, 'community', call.id)).json().territory.name).toBe('江庄村');
    expect((await getCase(t, 'grid-worker', call.id)).statusCode).toBe(404); // not theirs yet
    await actOk(t, 'community', call.id, 'accept');
    const grid = await offeredTarget('community', call.id, 'grid', '江庄村第一网格');
    await actOk(t, 'community', call.id, 'dispatch', { target: grid });
    await runDueJobs(t.ctx, jobDefinitions);

    expect(await inboxCaseIds('grid-worker')).toContain(call.id);
    const read = await getCase(t, 'grid-worker', call.id);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().allowedActions.map((a: { action: string }) => a.action)).toContain('take');
    expect(await listIds('grid-worker')).toContain(call.id);
    expect(await listIds('grid-worker', '&assignee=me')).toContain(call.id);
    expect((await t.request('GET', `/api/v1/cases/${call.id}/loop`, { as: 'grid-worker' })).statusCode).toBe(200);

    await actOk(t, 'grid-worker', call.id, 'take');
    const taken = (await getCase(t, 'grid-worker', call.id)).json();
    expect(taken.status).toBe('in_progress');
    // Still theirs (now in person), and still the village's.
    expect((await getCase(t, 'community', call.id)).statusCode).toBe(200);
    // Outside both, nothing changed: another town's community staff and the department still get 404.
    expect((await getCase(t, 'community2', call.id)).statusCode).toBe(404);
    expect((await getCase(t, 'department', call.id)).statusCode).toBe(404);
    expect((await act(t, 'community2', call.id, 'handle', { result: '越权' })).statusCode).toBe(404);
  });

  it('town → village: the village\'s community staff reads it, is notified and can dispatch it on to a grid', async () => {
    const call = await hotlineCall('center', '江庄镇政府东侧路口');
    expect((await getCase(t, 'center', call.id)).json().territory.name).toBe('江庄镇');
    expect((await getCase(t, 'community', call.id)).statusCode).toBe(404);
    await actOk(t, 'center', call.id, 'accept');
    const village = await offeredTarget('center', call.id, 'village', '江庄村');
    await actOk(t, 'center', call.id, 'dispatch', { target: village });
    await runDueJobs(t.ctx, jobDefinitions);

    expect(await inboxCaseIds('community')).toContain(call.id);
    expect((await getCase(t, 'community', call.id)).statusCode).toBe(200);
    expect(await listIds('community')).toContain(call.id);
    expect((await getCase(t, 'cadre', call.id)).statusCode).toBe(200); // 包村干部 of 江庄村
    expect((await getCase(t, 'community2', call.id)).statusCode).toBe(404);

    const grid = await offeredTarget('community', call.id, 'grid', '江庄村第一网格');
    await actOk(t, 'community', call.id, 'dispatch', { target: grid });
    expect((await getCase(t, 'grid-worker', call.id)).statusCode).toBe(200);
    await actOk(t, 'grid-worker', call.id, 'take');
    expect((await getCase(t, 'community2', call.id)).statusCode).toBe(404);
  });

  it('town → a person: those who cover the person\'s grid see it too, nobody else', async () => {
    const call = await hotlineCall('center', '江庄镇农贸市场北门');
    await actOk(t, 'center', call.id, 'accept');
    const [worker] = await t.rows(sql`select id from staff where username = 'grid-worker'`);
    await actOk(t, 'center', call.id, 'dispatch', { target: { kind: 'user', id: String(worker!.id) } });
    expect((await getCase(t, 'grid-worker', call.id)).statusCode).toBe(200);
    expect((await getCase(t, 'community', call.id)).statusCode).toBe(200);
    expect(await listIds('community')).toContain(call.id);
    expect((await getCase(t, 'community2', call.id)).statusCode).toBe(404);
    expect(await listIds('community2')).not.toContain(call.id);
  });
});
