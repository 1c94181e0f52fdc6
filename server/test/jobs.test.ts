import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { ManualClock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { claimDueJobs, completeJob, defineJob, enqueueJob, scheduleRecurringJobs, type AnyJobDefinition } from '../src/platform/jobs/jobs.js';
import { runDueJobs, startJobWorker } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './test-app.js';
import { testConfig } from './test-config.js';

let t: TestApp;
let clock: ManualClock;
let ctx: AppContext;

/** What each test job kind was asked to do, in order. */
let runs: Array<{ kind: string; key: unknown; attempt: number }> = [];
const failuresLeft = new Map<string, number>();

const flaky = defineJob<{ key: string }>({
  kind: 'test.flaky',
  maxAttempts: 4,
  async run(_ctx, payload, job) {
    runs.push({ kind: job.kind, key: payload.key, attempt: job.attempt });
    const left = failuresLeft.get(payload.key) ?? 0;
    if (left > 0) {
      failuresLeft.set(payload.key, left - 1);
      throw new Error(`planned failure ${left}`);
    }
  },
});
const steady = defineJob<{ key: string }>({
  kind: 'test.steady',
  leaseSeconds: 60,
  async run(_ctx, payload, job) {
    runs.push({ kind: job.kind, key: payload.key, attempt: job.attempt });
  },
});
const ticker = defineJob({
  kind: 'test.ticker',
  everySeconds: 30,
  async run(_ctx, _payload, job) {
    runs.push({ kind: job.kind, key: null, attempt: job.attempt });
  },
});
const definitions: AnyJobDefinition[] = [flaky, steady];

async function job(key: string) {
  const [row] = await t.rows(sql`select status, attempts, run_at, last_error, finished_at, locked_by from jobs where payload->>'key' = ${key}`);
  return row as { status: string; attempts: number; run_at: Date | string; last_error: string | null; finished_at: unknown; locked_by: string | null };
}
const seconds = (from: Date, to: Date | string) => Math.round((new Date(to).getTime() - from.getTime()) / 1000);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(() => {
  runs = [];
  // Jobs are enqueued at the real time, so the test clock starts there and is moved by hand.
  clock = new ManualClock(new Date(Date.now() + 1000));
  ctx = { ...t.ctx, clock };
});

describe('durable jobs', () => {
  it('a failing job is retried after 10 s, then 20 s, and is done when it succeeds', async () => {
    failuresLeft.set('retry', 2);
    await enqueueJob(t.ctx.db, flaky, { key: 'retry' });

    expect((await runDueJobs(ctx, definitions)).outcomes).toEqual([expect.objectContaining({ kind: 'test.flaky', outcome: 'retry' })]);
    let row = await job('retry');
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'planned failure 2', locked_by: null });
    expect(seconds(clock.now(), row.run_at)).toBe(10);

    clock.advanceMinutes(9 / 60);
    expect((await runDueJobs(ctx, definitions)).ran).toBe(0); // not due yet
    clock.advanceMinutes(1 / 60);
    expect((await runDueJobs(ctx, definitions)).outcomes[0]!.outcome).toBe('retry');
    row = await job('retry');
    expect(seconds(clock.now(), row.run_at)).toBe(20);

    clock.advanceMinutes(20 / 60);
    expect((await runDueJobs(ctx, definitions)).outcomes[0]!.outcome).toBe('done');
    expect(await job('retry')).toMatchObject({ status: 'done', attempts: 3, last_error: null });
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
  });

  it('a job that keeps failing is given up after its last attempt, keeping the error', async () => {
    failuresLeft.set('hopeless', 99);
    await enqueueJob(t.ctx.db, flaky, { key: 'hopeless' }, { maxAttempts: 2 });
    await runDueJobs(ctx, definitions);
    clock.advanceMinutes(1);
    expect((await runDueJobs(ctx, definitions)).outcomes[0]!.outcome).toBe('failed');
    expect(await job('hopeless')).toMatchObject({ status: 'failed', attempts: 2, last_error: 'planned failure 98' });
    clock.advanceMinutes(600);
    expect((await runDueJobs(ctx, definitions)).ran).toBe(0);
  });

  it('a job whose worker died runs again once its lease expires — exactly once', async () => {
    await enqueueJob(t.ctx.db, steady, { key: 'orphan' });
    // A worker claims it and dies before running it.
    const [claimed] = await claimDueJobs(t.ctx.db, new Map([[steady.kind, steady]]), 'dead-worker', clock.now(), 1);
    expect(claimed).toMatchObject({ kind: 'test.steady', attempts: 1 });

    expect((await runDueJobs(ctx, definitions)).ran).toBe(0); // still leased to the dead worker
    clock.advanceMinutes(61 / 60);
    expect((await runDueJobs(ctx, definitions)).outcomes).toEqual([expect.objectContaining({ kind: 'test.steady', outcome: 'done' })]);
    expect((await runDueJobs(ctx, definitions)).ran).toBe(0);
    expect(runs).toEqual([{ kind: 'test.steady', key: 'orphan', attempt: 2 }]);
    expect(await job('orphan')).toMatchObject({ status: 'done', attempts: 2 });
    // Had the first worker come back, its completion would be refused: the lease is no longer its.
    expect(await completeJob(t.ctx.db, claimed!, 'dead-worker', clock.now())).toBe(false);
  });

  it('a job whose worker dies on every attempt is given up instead of being retried forever', async () => {
    await enqueueJob(t.ctx.db, steady, { key: 'poison' }, { maxAttempts: 1 });
    await claimDueJobs(t.ctx.db, new Map([[steady.kind, steady]]), 'dead-worker', clock.now(), 1);
    clock.advanceMinutes(2);
    expect((await runDueJobs(ctx, definitions)).ran).toBe(0);
    expect(await job('poison')).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await job('poison')).last_error).toContain('lease expired');
  });

  it('a dedupe key makes enqueueing idempotent, and a job enqueued in a rolled-back transaction never exists', async () => {
    expect(await enqueueJob(t.ctx.db, steady, { key: 'once' }, { dedupeKey: 'steady:once' })).not.toBeNull();
    expect(await enqueueJob(t.ctx.db, steady, { key: 'once' }, { dedupeKey: 'steady:once' })).toBeNull();
    await t.ctx.db
      .transaction(async (tx) => {
        await enqueueJob(tx, steady, { key: 'rolled-back' });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await job('rolled-back')).toBeUndefined();
    await runDueJobs(ctx, definitions);
    expect(runs.filter((r) => r.key === 'once')).toHaveLength(1);
    // Done, the key still holds: the same work is not enqueued again.
    expect(await enqueueJob(t.ctx.db, steady, { key: 'once' }, { dedupeKey: 'steady:once' })).toBeNull();
  });

  it('a job for later waits for its time; a kind this worker does not know is left alone', async () => {
    await enqueueJob(t.ctx.db, steady, { key: 'later' }, { runAt: new Date(clock.now().getTime() + 3600_000) });
    await enqueueJob(t.ctx.db, 'test.unknown', { key: 'unknown' });
    expect((await runDueJobs(ctx, definitions)).ran).toBe(0);
    clock.advanceMinutes(60);
    expect((await runDueJobs(ctx, definitions)).outcomes.map((o) => o.kind)).toEqual(['test.steady']);
    expect(await job('unknown')).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('a recurring job is one row, rescheduled after each run', async () => {
    const withTicker = [...definitions, ticker];
    await scheduleRecurringJobs(t.ctx.db, withTicker, clock.now());
    await scheduleRecurringJobs(t.ctx.db, withTicker, clock.now());
    const rows = () => t.rows(sql`select status, run_at, attempts from jobs where kind = 'test.ticker'`);
    expect(await rows()).toHaveLength(1);
    await runDueJobs(ctx, withTicker);
    await runDueJobs(ctx, withTicker);
    expect(runs.filter((r) => r.kind === 'test.ticker')).toHaveLength(1);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 0 });
    expect(seconds(clock.now(), row!['run_at'] as string)).toBe(30);
    clock.advanceMinutes(0.5);
    await runDueJobs(ctx, withTicker);
    expect(runs.filter((r) => r.kind === 'test.ticker')).toHaveLength(2);
    expect(await rows()).toHaveLength(1);
  });

  it('the background worker picks up a new job on its own and stops cleanly', async () => {
    const worker = await startJobWorker(t.ctx, [steady], { pollMs: 50 });
    try {
      await enqueueJob(t.ctx.db, steady, { key: 'background' });
      for (let i = 0; i < 100 && (await job('background'))?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await job('background')).toMatchObject({ status: 'done', attempts: 1 });
    } finally {
      await worker.stop();
    }
    await enqueueJob(t.ctx.db, steady, { key: 'after-stop' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await job('after-stop')).toMatchObject({ status: 'queued' });
  });
});

// SKIP LOCKED only matters with several connections: PostgreSQL.
describe.runIf(process.env.TEST_DATABASE_URL)('several workers (PostgreSQL)', () => {
  let other: OpenedContext;
  beforeAll(async () => {
    other = await openContext(testConfig({ databaseUrl: t.databaseUrl }), { migrate: false });
  });
  afterAll(async () => other?.close());

  it('three workers draining one queue run every job exactly once', async () => {
    for (let i = 0; i < 60; i++) await enqueueJob(t.ctx.db, steady, { key: `crowd-${i}` });
    const otherCtx = { ...other.ctx, clock };
    await Promise.all([runDueJobs(ctx, definitions), runDueJobs(otherCtx, definitions), runDueJobs(otherCtx, definitions)]);
    const crowd = runs.filter((r) => String(r.key).startsWith('crowd-'));
    expect(crowd).toHaveLength(60);
    expect(new Set(crowd.map((r) => r.key)).size).toBe(60);
    const n = Number((await t.rows(sql`select count(*)::int as n from jobs where payload->>'key' like 'crowd-%' and status = 'done' and attempts = 1`))[0]!['n']);
    expect(n).toBe(60);
  });
});
