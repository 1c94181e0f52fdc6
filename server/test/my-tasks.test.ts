import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replanTown } from '../src/modules/visits/replan.service.js';
import type { ManualClock } from '../src/platform/clock.js';
import { shanghaiDate } from '../src/platform/shanghai-time.js';
import { actOk, gridId, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';
import { addHouseholds, assignCadre, visitPlaces, workingMorningClock } from './visit-fixtures.js';

let t: TestApp;
let clock: ManualClock;
let places: Awaited<ReturnType<typeof visitPlaces>>;

interface Task {
  key: string;
  kind: 'case' | 'whistle' | 'notice' | 'visit';
  action: string;
  dueAt: string | null;
  isOverdue: boolean;
  target: { type: string; id: string };
  case: { id: string; version: number } | null;
}

beforeAll(async () => {
  t = await createTestApp();
  clock = await workingMorningClock(t);
  places = await visitPlaces(t);
  await assignCadre(t, places.cadreId, places.villageId);
  await addHouseholds(t, places, 8);
  await replanTown(t.ctx, places.townId);
});
afterAll(async () => t.close());

async function tasks(as: string): Promise<Task[]> {
  const res = await t.request('GET', '/api/v1/me/tasks', { as });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(Object.values(body.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(body.items.length);
  return body.items;
}

/** Every case and whistle item is an action the case detail offers this person now (the one policy). */
async function expectActionable(as: string, items: Task[]) {
  for (const item of items.filter((i) => i.kind === 'case' || i.kind === 'whistle')) {
    const detail = (await t.request('GET', `/api/v1/cases/${item.target.id}`, { as })).json();
    expect(detail.allowedActions.map((a: { action: string }) => a.action), `${as} ${item.key}`).toContain(item.action);
  }
}

function expectOrderedByDue(items: Task[]) {
  const dues = items.map((i) => i.dueAt);
  const withDue = dues.filter((d): d is string => d !== null);
  expect(withDue).toEqual([...withDue].sort());
  expect(dues.slice(withDue.length).every((d) => d === null)).toBe(true);
}

async function caseInProgress(description: string) {
  const created = await reportCase(t, { description });
  await actOk(t, 'community', created.id, 'accept');
  await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
  return actOk(t, 'grid-worker', created.id, 'take');
}

describe('我的任务 (GET /api/v1/me/tasks)', () => {
  it('lists for the grid worker the cases she can move, and not a result she cannot verify herself', async () => {
    const working = await caseInProgress('任务清单测试：江庄村第一网格路灯不亮');
    let mine = await tasks('grid-worker');
    expect(mine.find((i) => i.target.id === working.id)).toMatchObject({ kind: 'case', action: 'handle', case: { id: working.id, version: working.version } });

    await actOk(t, 'grid-worker', working.id, 'handle', { result: '已更换灯泡，恢复照明' });
    // The old 待核查 tab listed every handled case in her grid, this one included…
    const handledTab = (await t.request('GET', '/api/v1/cases?status=handled&limit=100', { as: 'grid-worker' })).json();
    expect(handledTab.items.some((c: { id: string }) => c.id === working.id)).toBe(true);
    // …but nobody verifies their own work: it is not her task any more; the village verifies it.
    mine = await tasks('grid-worker');
    expect(mine.some((i) => i.target.id === working.id)).toBe(false);
    expect((await tasks('community')).find((i) => i.target.id === working.id)).toMatchObject({ kind: 'case', action: 'close' });

    await expectActionable('grid-worker', mine);
    expectOrderedByDue(mine);
    // A grid worker has no cases to accept or dispatch; those belong to the village and the center.
    expect(mine.filter((i) => i.action === 'accept' || i.action === 'dispatch')).toEqual([]);
  });

  it('gives the cadre his whistle check-in, the 督办单 addressed to him and today’s visits; each leaves once done', async () => {
    const c = await caseInProgress('任务清单测试：路灯线路老化需要协调');
    await actOk(t, 'grid-worker', c.id, 'whistle', { grade: 'routine', reason: '需村委和包村干部协调电力公司' });
    const issued = await t.request('POST', '/api/v1/supervision-notices', { as: 'center', body: { caseId: c.id, note: '请包村干部三日内协调到位', addressedTo: [places.cadreId] } });
    expect(issued.statusCode, issued.body).toBe(201);
    const notice = issued.json();

    // Before: the phone asked for cases assigned to him, and he has none.
    const before = (await t.request('GET', '/api/v1/cases?assignee=me&status=dispatched,in_progress,rework,returned,accepted', { as: 'cadre' })).json();
    expect(before.items.some((x: { id: string }) => x.id === c.id)).toBe(false);

    let list = await tasks('cadre');
    const checkIn = list.find((i) => i.kind === 'whistle' && i.target.id === c.id);
    expect(checkIn).toMatchObject({ action: 'check-in', isOverdue: false });
    const [party] = await t.rows(sql`select check_in_by from whistle_parties where case_id = ${c.id} and party_id = ${places.cadreId}`);
    expect(new Date(checkIn!.dueAt!).getTime()).toBe(new Date(party!.check_in_by as string).getTime());
    expect(list.find((i) => i.kind === 'notice')).toMatchObject({ action: 'acknowledge', target: { type: 'notice', id: notice.id } });
    const planned = await t.rows(sql`select household_id from visit_plan_items where staff_id = ${places.cadreId} and plan_date = ${shanghaiDate(clock.now())} and status = 'planned'`);
    expect(planned.length).toBeGreaterThan(0);
    expect(list.filter((i) => i.kind === 'visit').map((i) => i.target.id).sort()).toEqual(planned.map((p) => String(p.household_id)).sort());
    await expectActionable('cadre', list);
    expectOrderedByDue(list);
    // Only the notice's addressee has it to sign; the grid worker sees the notice on the case but has nothing to do.
    expect((await tasks('grid-worker')).some((i) => i.kind === 'notice')).toBe(false);

    // Checked in: the duty becomes reporting completion; completed: it is gone.
    await actOk(t, 'cadre', c.id, 'check-in');
    list = await tasks('cadre');
    expect(list.find((i) => i.kind === 'whistle' && i.target.id === c.id)).toMatchObject({ action: 'report-progress' });
    await actOk(t, 'cadre', c.id, 'report-progress', { note: '已协调电力公司检修', completed: true });
    expect((await tasks('cadre')).some((i) => i.kind === 'whistle' && i.target.id === c.id)).toBe(false);

    const ack = await t.request('POST', `/api/v1/supervision-notices/${notice.id}/acknowledge`, { as: 'cadre', body: { reply: '已签收，三日内办结' } });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await tasks('cadre')).some((i) => i.kind === 'notice' && i.target.id === notice.id)).toBe(false);
  });

  it('is for staff only', async () => {
    expect((await t.request('GET', '/api/v1/me/tasks')).statusCode).toBe(401);
  });
});
