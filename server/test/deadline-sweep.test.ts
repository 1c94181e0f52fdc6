import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { timerHandlers } from '../src/app.js';
import { claimDueJobs, scheduleRecurringJobs } from '../src/platform/jobs/jobs.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { supervisionRecipients } from '../src/modules/assignments/ladder.js';
import { caseTimersSweepJob } from '../src/modules/case-timers/case-timers.sweep.js';
import { syncDeadlineTimers } from '../src/modules/case-timers/deadline-timers.js';
import { cases } from '../src/modules/cases/cases.tables.js';
import { count, expectIso, Pinned, setPolicy, sh, silenceDemoTimers, timersOf } from './deadline-fixtures.js';
import { createTestApp, type TestApp } from './test-app.js';
import { testConfig } from './test-config.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await silenceDemoTimers(t);
});
afterAll(async () => t?.close());

const noticesOf = (caseId: string) => t.rows(sql`select * from supervision_notices where case_id = ${caseId} order by issued_at`);
const caseRow = async (id: string) => (await t.ctx.db.select().from(cases).where(eq(cases.id, id)))[0]!;

/** Moves the case's resolve deadline to a known instant, as a change at `changedAt` would (then syncs its timers). */
async function setResolveBy(id: string, resolveBy: Date, changedAt: Date) {
  await t.ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(cases).set({ resolveBy, updatedAt: changedAt }).where(eq(cases.id, id)).returning();
    await syncDeadlineTimers(tx, row!);
  });
}

describe('deadline timers', () => {
  beforeEach(async () => setPolicy(t, { resolveMinutes: 600, clock: 'working_hours', autoEscalate: false }));

  it('a report gets respond timers (warning at 80 %); accepting swaps them for resolve timers', async () => {
    const p = new Pinned(t, sh('2026-12-01T09:00'));
    const id = await p.report();
    expect(await timersOf(t, id)).toEqual([
      { kind: 'respond.warn', dueAt: sh('2026-12-01T09:12').toISOString(), fired: false },
      { kind: 'respond.due', dueAt: sh('2026-12-01T09:15').toISOString(), fired: false },
    ]);
    p.at('2026-12-01T09:05');
    const accepted = await p.act('community', id, 'accept');
    const timers = await timersOf(t, id);
    expect(timers.map((x) => x.kind)).toEqual(['resolve.warn', 'resolve.due']);
    expect(timers[1]!.dueAt).toBe(accepted.resolveBy!.toISOString());
    // Nothing fires for the respond deadline any more: the case was accepted in time.
    p.at('2026-12-01T09:30');
    expect((await p.sweep()).fired).toBe(0);
  });

  it('warns the assignee at 80 % of a working-hours limit — inside working hours, after the lunch break and the night', async () => {
    const p = new Pinned(t, sh('2026-12-01T09:00'));
    const id = await p.inProgress();
    // 10 working hours from Tuesday 09:00 end Wednesday 11:00; 8 of them end Wednesday 09:00.
    await setResolveBy(id, sh('2026-12-02T11:00'), sh('2026-12-01T09:00'));
    const warn = (await timersOf(t, id)).find((x) => x.kind === 'resolve.warn')!;
    expectIso(warn.dueAt, '2026-12-02T09:00');

    p.at('2026-12-02T08:59');
    expect((await p.sweep()).fired).toBe(0);
    p.at('2026-12-02T09:00');
    expect((await p.sweep()).fired).toBe(1);
    const events = await t.rows(sql`select type, recipients from notification_events where case_id = ${id} and type = 'case.deadline-warning'`);
    expect(events).toHaveLength(1);
    expect(events[0]!['recipients']).toEqual([{ kind: 'assignee' }]);
    expect(await noticesOf(id)).toHaveLength(0);
  });

  it('overdue: one supervision notice one step up the ladder, its addressees and the assignee notified — once', async () => {
    const p = new Pinned(t, sh('2026-12-01T09:00'));
    const id = await p.inProgress();
    await setResolveBy(id, sh('2026-12-02T11:00'), sh('2026-12-01T09:00'));
    const expected = await supervisionRecipients(t.ctx.db, await caseRow(id), sh('2026-12-02T11:30'));
    expect(expected.staffIds.length).toBeGreaterThan(0);

    p.at('2026-12-02T11:30');
    await p.sweep();
    expect((await timersOf(t, id)).filter((x) => !x.fired)).toEqual([]); // the warning (late) and the overdue
    const [notice] = await noticesOf(id);
    expect(notice).toMatchObject({ kind: 'resolve_overdue', addressed_to: expected.staffIds, via: expected.via, overdue_minutes: 30, issued_by: null, auto_escalation: null });
    expect(String(notice!['number'])).toMatch(/^DB-\d{6}-20261202-\d{4}$/);
    const supervision = await t.rows(sql`select recipients, data from notification_events where case_id = ${id} and type = 'case.supervision'`);
    expect(supervision).toHaveLength(1);
    expect(supervision[0]!['recipients']).toEqual([{ kind: 'staff', ids: expected.staffIds }]);
    expect(await count(t, sql`select count(*)::int as n from notification_events where case_id = ${id} and type = 'case.overdue'`)).toBe(1);
    expect(await count(t, sql`select count(*)::int as n from audit_log where entity_id = ${String(notice!['id'])} and action = 'supervision.issue' and actor_kind = 'system'`)).toBe(1);

    // Later sweeps, and any change that re-syncs the unchanged deadline, alarm nothing again.
    p.at('2026-12-03T11:30');
    expect((await p.sweep()).fired).toBe(0);
    await p.act('grid-worker', id, 'request-extension', { hours: 4, reason: '需要更换灯杆' });
    expect((await p.sweep()).fired).toBe(0);
    expect(await noticesOf(id)).toHaveLength(1);
  });

  it('auto-escalation (policy): the case climbs one level by itself, once, with a system event and audit row', async () => {
    await setPolicy(t, { resolveMinutes: 600, clock: 'working_hours', autoEscalate: true });
    const p = new Pinned(t, sh('2026-12-01T09:00'));
    const id = await p.inProgress();
    await setResolveBy(id, sh('2026-12-02T11:00'), sh('2026-12-01T09:00'));
    const before = await caseRow(id);

    p.at('2026-12-02T11:01');
    await p.sweep();
    const after = await caseRow(id);
    expect(after).toMatchObject({ level: 'village', escalationCount: before.escalationCount + 1, version: before.version + 1 });
    const escalations = await t.rows(sql`select actor_id, actor_role, data from case_events where case_id = ${id} and action = 'escalate'`);
    expect(escalations).toEqual([{ actor_id: null, actor_role: 'system', data: expect.objectContaining({ fromLevel: 'grid', toLevel: 'village', auto: true }) }]);
    expect(await count(t, sql`select count(*)::int as n from audit_log where entity_id = ${id} and action = 'case.escalate' and actor_kind = 'system'`)).toBe(1);
    const [notice] = await noticesOf(id);
    expect(notice).toMatchObject({ kind: 'resolve_overdue', auto_escalation: 'escalated', escalated_to_level: 'village', level: 'grid' });
    // The new level's clock: fresh resolve timers at the new deadline.
    const pending = (await timersOf(t, id)).filter((x) => !x.fired);
    expect(pending.map((x) => x.kind).sort()).toEqual(['resolve.due', 'resolve.warn']);
    expect(pending.find((x) => x.kind === 'resolve.due')!.dueAt).toBe(after.resolveBy!.toISOString());

    p.at('2026-12-02T11:05');
    expect((await p.sweep()).fired).toBe(0);
    expect(await count(t, sql`select count(*)::int as n from case_events where case_id = ${id} and action = 'escalate'`)).toBe(1);
    expect(await noticesOf(id)).toHaveLength(1);
  });

  it('escalating to department level needs a unit: without the category default unit, the notice says so and nothing escalates', async () => {
    await setPolicy(t, { resolveMinutes: 600, clock: 'working_hours', autoEscalate: true });
    const p = new Pinned(t, sh('2026-12-01T09:00'));
    const id = await p.inProgress();
    await t.ctx.db.execute(sql`update cases set level = 'town' where id = ${id}`);
    await t.ctx.db.execute(sql`update categories set default_unit_id = null where code = '0105'`);
    await setResolveBy(id, sh('2026-12-02T11:00'), sh('2026-12-01T09:00'));
    p.at('2026-12-02T11:01');
    await p.sweep();
    const [notice] = await noticesOf(id);
    expect(notice).toMatchObject({ auto_escalation: 'no_unit', escalated_to_level: null });
    expect(String(notice!['note'])).toContain('默认承办部门');
    expect((await caseRow(id)).level).toBe('town');
  });

  it('nothing due: a sweep finds nothing and writes nothing', async () => {
    const p = new Pinned(t, sh('2026-12-01T09:00'));
    await p.sweep(); // whatever earlier tests left due at this instant
    const fingerprint = () => t.rows(sql`select (select count(*) from supervision_notices) a, (select count(*) from notification_events) b, (select count(*) from case_events) c, (select count(*) from case_timers where fired_at is not null) d`);
    const before = await fingerprint();
    expect(await p.sweep()).toEqual({ fired: 0, failed: 0, busy: 0, hasMore: false });
    expect(await fingerprint()).toEqual(before);
  });

  it('a sweep worker that died holding its job: the lease expires, the next worker fires the timer — exactly one notice', async () => {
    const p = new Pinned(t, sh('2026-12-01T09:00'));
    const id = await p.inProgress();
    await setResolveBy(id, sh('2026-12-02T11:00'), sh('2026-12-01T09:00'));
    p.at('2026-12-02T11:01');
    const sweepJob = caseTimersSweepJob(timerHandlers);
    await scheduleRecurringJobs(t.ctx.db, [sweepJob], p.clock.now());
    await t.ctx.db.execute(sql`update jobs set run_at = ${p.clock.now()}, status = 'queued' where kind = 'case-timers.sweep'`);
    const claimed = await claimDueJobs(t.ctx.db, new Map([[sweepJob.kind, sweepJob]]), 'dead-worker', p.clock.now(), 10);
    expect(claimed.length).toBeGreaterThan(0);
    // The dead worker's transaction never committed: the timer is still due, nobody else runs the job yet.
    expect((await runDueJobs(p.ctx, [sweepJob])).ran).toBe(0);
    expect(await noticesOf(id)).toHaveLength(0);

    p.clock.advanceMinutes(11); // past the 600 s lease
    expect((await runDueJobs(p.ctx, [sweepJob])).outcomes.every((o) => o.outcome === 'done')).toBe(true);
    expect(await noticesOf(id)).toHaveLength(1);
    p.clock.advanceMinutes(1);
    await runDueJobs(p.ctx, [sweepJob]);
    expect(await noticesOf(id)).toHaveLength(1);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('several sweepers (PostgreSQL)', () => {
  let other: OpenedContext;
  beforeAll(async () => {
    other = await openContext(testConfig({ databaseUrl: t.databaseUrl }), { migrate: false });
  });
  afterAll(async () => other?.close());

  it('a sweeper killed inside its transaction: nothing of it remains, the next one fires the timer once', async () => {
    await setPolicy(t, { resolveMinutes: 600, clock: 'working_hours', autoEscalate: true });
    const p = new Pinned(t, sh('2026-12-07T09:00'));
    const id = await p.inProgress();
    await setResolveBy(id, sh('2026-12-08T11:00'), sh('2026-12-07T09:00'));
    p.at('2026-12-08T11:01');
    const victim = new pg.Client({ connectionString: t.databaseUrl });
    await victim.connect();
    // The victim is mid-run: case locked, timer marked fired, a notice half written.
    await victim.query('begin');
    await victim.query('select id from cases where id = $1 for update', [id]);
    await victim.query(`update case_timers set fired_at = now() where case_id = $1 and kind = 'resolve.due' and fired_at is null`, [id]);
    const pid = (await victim.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    expect((await p.sweep()).busy).toBeGreaterThan(0); // passed over while the victim holds the case
    victim.on('error', () => undefined);
    await t.ctx.db.execute(sql`select pg_terminate_backend(${pid})`);
    await p.sweep();
    expect(await noticesOf(id)).toHaveLength(1);
    expect(await count(t, sql`select count(*)::int as n from case_events where case_id = ${id} and action = 'escalate'`)).toBe(1);
    await victim.end().catch(() => undefined);
  });

  it('two sweepers at once: exactly one notice and one escalation per due timer', async () => {
    await setPolicy(t, { resolveMinutes: 600, clock: 'working_hours', autoEscalate: true });
    const p = new Pinned(t, sh('2026-12-14T09:00'));
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await p.inProgress());
    for (const id of ids) await setResolveBy(id, sh('2026-12-15T11:00'), sh('2026-12-14T09:00'));
    p.at('2026-12-15T11:01');
    const [a, b] = await Promise.all([p.sweep(), p.sweep(other.ctx)]);
    expect(a.failed + b.failed).toBe(0);
    const idList = sql.join(ids.map((i) => sql`${i}`), sql`, `);
    expect(await count(t, sql`select count(*)::int as n from supervision_notices where case_id in (${idList})`)).toBe(12);
    expect(await count(t, sql`select count(distinct case_id)::int as n from supervision_notices where case_id in (${idList})`)).toBe(12);
    expect(await count(t, sql`select count(*)::int as n from case_events where action = 'escalate' and case_id in (${idList})`)).toBe(12);
    expect(await count(t, sql`select count(*)::int as n from cases where escalation_count = 1 and level = 'village' and id in (${idList})`)).toBe(12);
    // Whatever one sweeper passed over, a later sweep finds nothing left to do.
    await p.sweep();
    expect(await count(t, sql`select count(*)::int as n from supervision_notices where case_id in (${idList})`)).toBe(12);
  });
});
