import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { workingCalendar } from '../src/modules/calendar/working-calendar.js';
import { replanTown } from '../src/modules/visits/replan.service.js';
import { addDays } from '../src/modules/visits/visit-planner.js';
import { ManualClock } from '../src/platform/clock.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { shanghaiDate } from '../src/platform/shanghai-time.js';
import { createTestApp, type TestApp } from './test-app.js';
import { addHouseholds, assignCadre, visitPlaces } from './visit-fixtures.js';
import { pointInGrid } from './factories.js';

let t: TestApp;
let clock: ManualClock;
let places: Awaited<ReturnType<typeof visitPlaces>>;
let mine: string[];
let outside: string[];
let today: string;

/** 10:00 in Shanghai on a day. */
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

async function nextWorkingDay(from: string): Promise<string> {
  const calendar = await workingCalendar(t.ctx.db);
  let day = addDays(from, 1);
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

const visitBody = (overrides: Record<string, unknown> = {}) => ({
  clientId: `c-${Math.random().toString(36).slice(2, 12)}`,
  householdId: mine[0],
  visitedAt: clock.now().toISOString(),
  location: { lat: 34.4, lng: 117.4 },
  notes: '老人身体尚好，反映楼道灯不亮',
  raised: ['楼道灯坏了', '希望增加助餐点'],
  ...overrides,
});

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await t.rows(query);
  return Number(row!.n);
}

beforeAll(async () => {
  t = await createTestApp();
  // A working day in the recent past (today when today is one), so "today's list" is never a holiday.
  const calendar = await workingCalendar(t.ctx.db);
  today = shanghaiDate(new Date());
  while (!calendar.isWorkingDay(today)) today = addDays(today, -1);
  clock = new ManualClock(at(today));
  t.ctx.clock = clock;
  places = await visitPlaces(t);
  await assignCadre(t, places.cadreId, places.villageId);
  const point = pointInGrid(t);
  mine = await addHouseholds(t, places, 12, { tags: [[], ['elderly_alone'], [], ['dibao']], headName: '张桂英', lat: point.lat, lng: point.lng });
  outside = await addHouseholds(t, { gridId: places.otherGridId, gridPath: places.otherGridPath }, 2);
  await replanTown(t.ctx, places.townId);
});
afterAll(async () => t?.close());

describe("today's list", () => {
  it('lists the cadre’s households for today, tagged first, with the head of household masked', async () => {
    const res = await t.request('GET', '/api/v1/visits/today', { as: 'cadre' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.date).toBe(today);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBeLessThanOrEqual(7);
    // Among the households still to visit (visited ones keep their places), the tagged come first.
    const open = body.items.filter((i: { status: string }) => i.status === 'planned');
    const tagged = open.filter((i: { household: { tags: unknown[] } }) => i.household.tags.length > 0);
    expect(open.slice(0, tagged.length)).toEqual(tagged);
    expect(body.items.map((i: { position: number }) => i.position)).toEqual(body.items.map((_: unknown, n: number) => n + 1));
    expect(res.body).not.toContain('张桂英');
    for (const item of body.items) expect(item.household.address).toBeTruthy();
  });

  it('shows a household masked, and nothing outside the caller’s area', async () => {
    const res = await t.request('GET', `/api/v1/visits/households/${mine[0]}`, { as: 'cadre' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().household.headName).toBe('张**');
    expect(res.json().members[0].name).toBe('张**');
    expect(res.body).not.toContain('张桂英');
    expect((await t.request('GET', `/api/v1/visits/households/${outside[0]}`, { as: 'cadre' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/visits/households/${mine[0]}`, { as: 'community2' })).statusCode).toBe(404);
  });
});

describe('recording a visit', () => {
  it('records it, marks the plan item visited, sets the household’s last visit and writes an audit row', async () => {
    const [item] = await t.rows(sql`select id, household_id from visit_plan_items where staff_id = ${places.cadreId} and plan_date = ${today} and status = 'planned' order by position limit 1`);
    const householdId = String(item!.household_id);
    const doneBefore = (await t.request('GET', '/api/v1/visits/today', { as: 'cadre' })).json().done;
    const res = await t.request('POST', '/api/v1/visits', { as: 'cadre', body: visitBody({ householdId }) });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json();
    expect(visit.raised).toEqual(['楼道灯坏了', '希望增加助餐点']);
    const [planItem] = await t.rows(sql`select status, visit_id from visit_plan_items where id = ${item!.id}`);
    expect(planItem).toEqual({ status: 'visited', visit_id: visit.id });
    const [household] = await t.rows(sql`select last_visited_at from households where id = ${householdId}`);
    expect(new Date(household!.last_visited_at as string).toISOString()).toBe(clock.now().toISOString());
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'visit.record' and entity_id = ${visit.id}`)).toBe(1);
    const list = (await t.request('GET', '/api/v1/visits/today', { as: 'cadre' })).json();
    expect(list.done).toBe(doneBefore + 1);
  });

  it('is idempotent per clientId: the same body returns the first visit, another body is 422', async () => {
    const body = visitBody({ householdId: mine[2] });
    const first = await t.request('POST', '/api/v1/visits', { as: 'cadre', body });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.request('POST', '/api/v1/visits', { as: 'cadre', body });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const changed = await t.request('POST', '/api/v1/visits', { as: 'cadre', body: { ...body, notes: '另一次走访' } });
    expect(changed.statusCode, changed.body).toBe(422);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(await count(sql`select count(*)::int as n from visits where client_id = ${body.clientId}`)).toBe(1);
  });

  it('answers 404 for a household outside the cadre’s assignments, and changes nothing', async () => {
    const before = await count(sql`select count(*)::int as n from visits`);
    const res = await t.request('POST', '/api/v1/visits', { as: 'cadre', body: visitBody({ householdId: outside[0] }) });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const unknown = await t.request('POST', '/api/v1/visits', { as: 'cadre', body: visitBody({ householdId: '0190a000-0000-7000-8000-000000000003' }) });
    expect(unknown.statusCode).toBe(404);
    expect(await count(sql`select count(*)::int as n from visits`)).toBe(before);
  });

  it('refuses a time in the future or older than 7 days, naming the field', async () => {
    for (const visitedAt of [new Date(clock.now().getTime() + 3_600_000), new Date(clock.now().getTime() - 8 * 86_400_000)]) {
      const res = await t.request('POST', '/api/v1/visits', { as: 'cadre', body: visitBody({ visitedAt: visitedAt.toISOString() }) });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json())).toContain('visitedAt');
    }
  });

  it('is refused to roles without visit:record', async () => {
    expect((await t.request('POST', '/api/v1/visits', { as: 'leader', body: visitBody() })).statusCode).toBe(403);
    expect((await t.request('POST', '/api/v1/visits', { body: visitBody() })).statusCode).toBe(401);
  });
});

describe('raising a case from a visit', () => {
  it('goes through intake with channel visit, located at the household, linked to the visit and the household', async () => {
    const visit = (await t.request('POST', '/api/v1/visits', { as: 'cadre', body: visitBody({ householdId: mine[0] }) })).json();
    const res = await t.request('POST', `/api/v1/visits/${visit.id}/cases`, {
      as: 'cadre',
      headers: { 'idempotency-key': `visit-case-${visit.id}` },
      body: { description: '走访发现楼道灯损坏，老人夜间出行不便', demandType: 'help' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const raised = res.json();
    const [row] = await t.rows(sql`select channel, grid_id, territory_path, lat from cases where id = ${raised.caseId}`);
    expect(row!.channel).toBe('visit');
    expect(row!.grid_id).toBe(places.gridId);
    expect(String(row!.territory_path).startsWith(places.gridPath)).toBe(true);
    expect(row!.lat).not.toBeNull();
    expect(await t.rows(sql`select visit_id, household_id from visit_cases where case_id = ${raised.caseId}`)).toEqual([{ visit_id: visit.id, household_id: mine[0] }]);
    // A double tap raises one case.
    const again = await t.request('POST', `/api/v1/visits/${visit.id}/cases`, {
      as: 'cadre',
      headers: { 'idempotency-key': `visit-case-${visit.id}` },
      body: { description: '走访发现楼道灯损坏，老人夜间出行不便', demandType: 'help' },
    });
    expect(again.json().caseId).toBe(raised.caseId);
    const detail = (await t.request('GET', `/api/v1/visits/households/${mine[0]}`, { as: 'cadre' })).json();
    expect(detail.visits.find((v: { id: string }) => v.id === visit.id).caseNumbers).toEqual([{ id: raised.caseId, number: raised.number }]);
    expect((await t.request('POST', `/api/v1/visits/${visit.id}/cases`, { as: 'community2', body: { description: '越权上报测试描述文字' } })).statusCode).toBe(404);
  });
});

describe('coverage', () => {
  it('counts a household once visited within the cycle, per node, child and cadre', async () => {
    const url = `/api/v1/visits/coverage?node=${places.villageId}&pageSize=200`;
    const before = (await t.request('GET', url, { as: 'center' })).json();
    const unvisited = mine.find((id) => before.notVisited.items.some((i: { householdId: string }) => i.householdId === id))!;
    expect(unvisited, JSON.stringify(before).slice(0, 1500)).toBeTruthy();
    const res = await t.request('POST', '/api/v1/visits', { as: 'cadre', body: visitBody({ householdId: unvisited }) });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await t.request('GET', url, { as: 'center' })).json();
    expect(after.node.visited).toBe(before.node.visited + 1);
    expect(after.node.total).toBe(before.node.total);
    const grid = (c: { children: Array<{ id: string; visited: number }> }) => c.children.find((g) => g.id === places.gridId)!;
    expect(grid(after).visited).toBe(grid(before).visited + 1);
    const cadre = after.cadres.find((c: { staffId: string }) => c.staffId === places.cadreId);
    expect(cadre.visits).toBeGreaterThanOrEqual(3);
    expect(cadre.plannedToDate).toBeGreaterThan(0);
    expect(cadre.behind).toBe(cadre.plannedToDate - cadre.visitedOfPlanned);
    expect(after.notVisited.items.some((i: { householdId: string }) => i.householdId === unvisited)).toBe(false);
    expect((await t.request('GET', url, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', url, { as: 'department' })).statusCode).toBe(403);
  });
});

describe('re-planning', () => {
  it('keeps past days and visited items as they were and plans from the new day', async () => {
    const pastBefore = await t.rows(sql`select id, status, visit_id, plan_date::text as d from visit_plan_items where town_node_id = ${places.townId} and plan_date <= ${today} order by id`);
    const visitedBefore = pastBefore.filter((r) => r.status === 'visited');
    expect(visitedBefore.length).toBeGreaterThan(0);
    const tomorrow = await nextWorkingDay(today);
    clock.set(at(tomorrow, '07:00'));
    await replanTown(t.ctx, places.townId);
    const pastAfter = await t.rows(sql`select id, status, visit_id, plan_date::text as d from visit_plan_items where town_node_id = ${places.townId} and plan_date <= ${today} order by id`);
    expect(pastAfter).toEqual(pastBefore);
    const visitedIds = new Set(visitedBefore.map((r) => r.visit_id));
    const next = await t.rows(sql`select household_id from visit_plan_items where staff_id = ${places.cadreId} and plan_date = ${tomorrow}`);
    expect(next.length).toBeGreaterThan(0);
    const visitedHouseholds = await t.rows(sql`select household_id from visits where id in ${sql`(${sql.join([...visitedIds].map((id) => sql`${id}`), sql`, `)})`}`);
    for (const h of visitedHouseholds) expect(next.some((n) => n.household_id === h.household_id)).toBe(false);
    clock.set(at(today));
  });

  it('runs as a durable job from the 重新生成计划 button (visit:plan, in scope only)', async () => {
    expect((await t.request('POST', '/api/v1/visits/plans/replan', { as: 'cadre', body: { nodeId: places.villageId } })).statusCode).toBe(403);
    const res = await t.request('POST', '/api/v1/visits/plans/replan', { as: 'center', body: { nodeId: places.villageId } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().towns).toEqual([{ townNodeId: places.townId, jobId: expect.any(String) }]);
    // Jobs are stamped with the real time when queued: run them with the clock no earlier than that.
    clock.set(new Date(Math.max(Date.now() + 1000, clock.now().getTime())));
    const ran = await runDueJobs(t.ctx, jobDefinitions.filter((d) => d.kind === 'visits.replan'));
    clock.set(at(today));
    expect(ran.outcomes.filter((o) => o.kind === 'visits.replan').map((o) => o.outcome)).toContain('done');
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'visit.replan' and entity_id = ${places.townId}`)).toBeGreaterThanOrEqual(2);
  });
});

describe('cadences', () => {
  it('lets the center set its town’s rule with a version check, and re-plans the town', async () => {
    const res = await t.request('PUT', '/api/v1/visits/cadences', { as: 'center', body: { nodeId: places.townId, householdsPerDay: 5, cycleDays: 30, workingDaysOnly: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ householdsPerDay: 5, cycleDays: 30, version: 1 });
    const stale = await t.request('PUT', '/api/v1/visits/cadences', { as: 'center', body: { nodeId: places.townId, householdsPerDay: 6, cycleDays: 30, workingDaysOnly: true } });
    expect(stale.statusCode).toBe(409);
    const ok = await t.request('PUT', '/api/v1/visits/cadences', { as: 'center', body: { nodeId: places.townId, householdsPerDay: 6, cycleDays: 30, workingDaysOnly: true, version: 1 } });
    expect(ok.json().version).toBe(2);
    expect(await count(sql`select count(*)::int as n from jobs where kind = 'visits.replan' and payload->>'townNodeId' = ${places.townId} and status = 'queued'`)).toBeGreaterThanOrEqual(1);
    const list = (await t.request('GET', '/api/v1/visits/cadences', { as: 'cadre' })).json();
    expect(list.items.some((c: { nodeId: string }) => c.nodeId === places.townId)).toBe(true);
    expect((await t.request('PUT', '/api/v1/visits/cadences', { as: 'cadre', body: { nodeId: places.townId, householdsPerDay: 5, cycleDays: 30, workingDaysOnly: true } })).statusCode).toBe(403);
    const bad = await t.request('PUT', '/api/v1/visits/cadences', { as: 'center', body: { nodeId: places.townId, householdsPerDay: 0, cycleDays: 3, workingDaysOnly: true, version: 2 } });
    expect(bad.statusCode).toBe(400);
  });
});
