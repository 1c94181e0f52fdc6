import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/platform/db/unavailable.js';
import { createTestApp, type TestApp } from './test-app.js';

// PostgreSQL only: PGlite runs in-process and has no connections to lose.
describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL connection pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('survives the server dropping idle connections and serves the next request', async () => {
    // Warm a few pool connections so some sit idle.
    await Promise.all(Array.from({ length: 4 }, () => t.request('GET', '/api/v1/categories')));
    const killed = await t.rows(
      sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    expect(killed.length).toBeGreaterThan(0);
    // Give the FATAL messages time to reach the idle clients: an unhandled pool 'error' fails the run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await t.request('GET', '/api/v1/categories');
    expect(res.statusCode).toBe(200);
  });

  it('LISTEN comes back after its connection is terminated: subscribers catch up, then get NOTIFYs again', async () => {
    const received: string[] = [];
    const unlisten = await t.ctx.database.listen('wangge_test_reconnect', (payload) => received.push(payload));
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(ok()).toBe(true);
    };
    await t.ctx.database.notify('wangge_test_reconnect', 'before');
    await until(() => received.includes('before'));
    const killed = await t.rows(sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and query like 'LISTEN %'`);
    expect(killed.length).toBe(1);
    // Reconnected: every subscriber is called once with '' (NOTIFYs meanwhile are lost, so catch up) …
    await until(() => received.includes(''));
    // … and NOTIFYs arrive again.
    await t.ctx.database.notify('wangge_test_reconnect', 'after');
    await until(() => received.includes('after'));
    await unlisten();
  });

  it('a connection lost inside a transaction fails that transaction as "unavailable" and does not end the process', async () => {
    const outcome = await t.ctx.db
      .transaction(async (tx) => {
        const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: Array<{ pid: number }> };
        // Another connection ends ours while the transaction holds it between two statements: node-postgres
        // emits 'error' on the checked-out client (fatal without a listener).
        await t.rows(sql`select pg_terminate_backend(${rows[0]!.pid}::int)`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`select 1`);
      })
      .then(
        () => 'committed',
        (error: unknown) => error,
      );
    expect(isDatabaseUnavailable(outcome)).toBe(true);
    expect((await t.request('GET', '/api/v1/categories')).statusCode).toBe(200);
  });
});
