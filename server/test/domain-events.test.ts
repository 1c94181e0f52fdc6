import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssignment } from '../src/modules/assignments/assignments.service.js';
import { createAssignmentBody } from '../src/modules/assignments/assignments.schema.js';
import { createHousehold } from '../src/modules/households/households.service.js';
import { createHouseholdBody } from '../src/modules/households/households.schema.js';
import { loadStaffActor } from '../src/modules/people/people.queries.js';
import { withDb, type AppContext } from '../src/platform/context.js';
import { domainEventBus, emit } from '../src/platform/events.js';
import { gridCodeOf } from './household-helpers.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Households and assignments do not know the visits module: they announce their changes
 * (`households.changed`, `assignments.changed`) and the visits manifest's `on` handlers ask for the
 * re-plan, in the change's transaction. Called here as the CLI or the seed would: services on the
 * context openContext built, no HTTP app.
 */
let t: TestApp;
let townId: string;
let gridCode: string;
let gridPath: string;

const replanJobsOfTown = async () =>
  Number((await t.rows(sql`select count(*)::int as n from jobs where kind = 'visits.replan' and payload->>'townNodeId' = ${townId}`))[0]!.n);

async function actorOf(username: string) {
  const [row] = await t.rows(sql`select id from staff where username = ${username}`);
  return (await loadStaffActor(t.ctx.db, String(row!.id)))!;
}

/** The same context without any module's reactions. */
const withoutSubscribers = (): AppContext => ({ ...t.ctx, events: domainEventBus([]) });

beforeAll(async () => {
  t = await createTestApp();
  gridCode = gridCodeOf(t, '江庄村第一网格');
  gridPath = t.ctx.grids.current.grids.find((g) => g.code === gridCode)!.path;
  const [town] = await t.rows(sql`select t.id from territory_nodes g join territory_nodes t on g.path like t.path || '%' and t.level = 'town' where g.code = ${gridCode}`);
  townId = String(town!.id);
});
afterAll(() => t.close());

describe('domain events', () => {
  it('a household created by a service call asks for a re-plan through households.changed', async () => {
    await t.rows(sql`delete from jobs where kind = 'visits.replan'`);
    const community = await actorOf('community');
    await createHousehold(withoutSubscribers(), community, createHouseholdBody.parse({ gridCode, address: '事件路1号', members: [] }));
    expect(await replanJobsOfTown()).toBe(0);
    await createHousehold(t.ctx, community, createHouseholdBody.parse({ gridCode, address: '事件路2号', members: [] }));
    expect(await replanJobsOfTown()).toBe(1);
  });

  it('an assignment created by a service call asks for a re-plan through assignments.changed', async () => {
    await t.rows(sql`delete from jobs where kind = 'visits.replan'`);
    const center = await actorOf('center');
    const [worker] = await t.rows(sql`select id from staff where username = 'grid-worker'`);
    const body = (startsOn: string, endsOn: string) => createAssignmentBody.parse({ staffId: String(worker!.id), nodeCode: gridCode, tier: 'village_member', startsOn, endsOn });
    await createAssignment(withoutSubscribers(), center, body('2025-01-01', '2025-01-31'), 'zh');
    expect(await replanJobsOfTown()).toBe(0);
    await createAssignment(t.ctx, center, body('2025-02-01', '2025-02-28'), 'zh');
    expect(await replanJobsOfTown()).toBe(1);
  });

  it("reactions run in the caller's transaction: rolled back with it", async () => {
    await t.rows(sql`delete from jobs where kind = 'visits.replan'`);
    const failed = t.ctx.db.transaction(async (tx) => {
      await emit(withDb(t.ctx, tx), 'households.changed', { territoryPaths: [gridPath], at: t.ctx.clock.now() });
      const { rows } = (await tx.execute(sql`select count(*)::int as n from jobs where kind = 'visits.replan'`)) as unknown as { rows: Array<{ n: number }> };
      expect(rows[0]!.n).toBe(1);
      throw new Error('the change fails after announcing');
    });
    await expect(failed).rejects.toThrow('the change fails after announcing');
    expect(await replanJobsOfTown()).toBe(0);
  });

  it('every subscriber of an event runs, in module order, with the emitting context', async () => {
    const calls: string[] = [];
    const events = domainEventBus([
      { 'households.changed': async (ctx, p) => void calls.push(`first ${p.territoryPaths.join()} ${ctx === context}`) },
      {},
      { 'households.changed': async () => void calls.push('second'), 'staff.deactivated': async () => void calls.push('never') },
    ]);
    const context: AppContext = { ...t.ctx, events };
    await emit(context, 'households.changed', { territoryPaths: ['/a/'], at: new Date() });
    expect(calls).toEqual(['first /a/ true', 'second']);
  });
});
