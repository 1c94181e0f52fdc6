import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
