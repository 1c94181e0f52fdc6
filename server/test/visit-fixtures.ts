import { sql } from 'drizzle-orm';
import { assignments } from '../src/modules/assignments/assignments.tables.js';
import { householdMembers, households } from '../src/modules/households/households.tables.js';
import { workingCalendar } from '../src/modules/calendar/working-calendar.js';
import { addDays } from '../src/modules/visits/visit-planner.js';
import { ManualClock } from '../src/platform/clock.js';
import { newId } from '../src/platform/ids.js';
import { shanghaiDate } from '../src/platform/shanghai-time.js';
import type { TestApp } from './test-app.js';

/** Sets the app's clock to 10:00 on the latest working day, so today's visit list exists and whistle windows run. */
export async function workingMorningClock(t: TestApp): Promise<ManualClock> {
  const calendar = await workingCalendar(t.ctx.db);
  let today = shanghaiDate(new Date());
  while (!calendar.isWorkingDay(today)) today = addDays(today, -1);
  const clock = new ManualClock(new Date(`${today}T10:00:00+08:00`));
  t.ctx.clock = clock;
  return clock;
}

/** 江庄村 (the community login's village), its first basic grid and its town, and the demo cadre. */
export async function visitPlaces(t: TestApp) {
  const [row] = await t.rows(sql`
    select v.id as village_id, v.path as village_path, tw.id as town_id, g.id as grid_id, g.path as grid_path, g.code as grid_code,
      (select id from staff where username = 'cadre') as cadre_id
    from staff s join staff_nodes sn on sn.staff_id = s.id join territory_nodes v on v.id = sn.node_id
    join territory_nodes tw on tw.id = v.parent_id
    join lateral (select * from territory_nodes g where g.parent_id = v.id and g.grid_kind = 'basic' order by g.code limit 1) g on true
    where s.username = 'community'`);
  const [other] = await t.rows(sql`
    select g.id as grid_id, g.path as grid_path from staff s join staff_nodes sn on sn.staff_id = s.id
    join territory_nodes g on g.parent_id = sn.node_id and g.grid_kind = 'basic'
    where s.username = 'community2' order by g.code limit 1`);
  return {
    villageId: String(row!.village_id),
    villagePath: String(row!.village_path),
    townId: String(row!.town_id),
    gridId: String(row!.grid_id),
    gridPath: String(row!.grid_path),
    gridCode: String(row!.grid_code),
    cadreId: String(row!.cadre_id),
    otherGridId: String(other!.grid_id),
    otherGridPath: String(other!.grid_path),
  };
}

/** Assigns the demo cadre (包联, tier town_cadre) to a village, unless an open assignment exists. */
export async function assignCadre(t: TestApp, cadreId: string, villageId: string) {
  await t.ctx.db
    .insert(assignments)
    .values({ id: newId(), staffId: cadreId, nodeId: villageId, tier: 'town_cadre', startsOn: '2020-01-01' })
    .onConflictDoNothing();
}

/** Adds households to a grid; `tags[i]` tags the i-th one; the first gets a head of household named `headName`. */
export async function addHouseholds(t: TestApp, grid: { gridId: string; gridPath: string }, count: number, options: { tags?: string[][]; headName?: string; lat?: number; lng?: number } = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId();
    ids.push(id);
    await t.ctx.db.insert(households).values({
      id,
      gridId: grid.gridId,
      territoryPath: grid.gridPath,
      address: `走访测试路${i + 1}号`,
      building: null,
      unit: null,
      room: null,
      lat: i === 0 ? (options.lat ?? null) : null,
      lng: i === 0 ? (options.lng ?? null) : null,
      tags: options.tags?.[i] ?? [],
      dedupeKey: `visits-test:${id}`,
      memberCount: i === 0 && options.headName ? 1 : 0,
      // Registered long ago: coverage counts households that existed on the day it is measured.
      createdAt: new Date('2020-01-01T00:00:00Z'),
    });
    if (i === 0 && options.headName) {
      await t.ctx.db.insert(householdMembers).values({ id: newId(), householdId: id, position: 0, nameEncrypted: t.ctx.secrets.encrypt(options.headName), relation: 'head' });
    }
  }
  return ids;
}

/**
 * For the access matrix: the fixture village's id, the demo cadre assigned to it, a household in the
 * fixture grid and a visit to it by the grid worker (raise-a-case probes start from it).
 */
export async function visitMatrixFixture(t: TestApp, gridId: string, gridPath: string, villageCode: string) {
  const [village] = await t.rows(sql`select id from territory_nodes where code = ${villageCode}`);
  const [cadre] = await t.rows(sql`select id from staff where username = 'cadre'`);
  await assignCadre(t, String(cadre!.id), String(village!.id));
  const [householdId] = await addHouseholds(t, { gridId, gridPath }, 1);
  const res = await t.request('POST', '/api/v1/visits', {
    as: 'grid-worker',
    body: { clientId: 'matrix-fixture-visit', householdId, visitedAt: new Date().toISOString(), notes: '矩阵测试走访', raised: ['矩阵测试诉求'] },
  });
  if (res.statusCode !== 201) throw new Error(`visit fixture: ${res.body}`);
  return { villageId: String(village!.id), visitHouseholdId: householdId!, visitId: String(res.json().id) };
}
