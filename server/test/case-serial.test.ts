import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDaySequence } from '../src/modules/cases/case-insert.js';
import { ManualClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db/database.js';
import { createTestApp, type TestApp } from './test-app.js';
import { pointInGrid } from './factories.js';

// The day's case numbers come from a sequence per county and Shanghai day, created by the day's first
// intake. Each test moves the clock to a day no intake has seen yet (in this process or the database).
let t: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  t = await createTestApp();
  clock = new ManualClock(new Date());
  t.ctx.clock = clock;
});
afterAll(async () => t.close());

let nextDay = 0;
/** 02:00 UTC (10:00 in Shanghai) on a day far in the future, a different one each call. */
function freshDay(): string {
  const at = new Date(Date.UTC(2031, 2, 2 + nextDay++, 2, 0, 0));
  clock.set(at);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at).replaceAll('-', '');
}

const report = (description = '江庄村第一网格路灯坏了三天，晚上出行不便') =>
  t.request('POST', '/api/v1/cases', {
    body: { channel: 'resident_app', description, demandType: 'help', location: pointInGrid(t), isAnonymous: true },
  });

describe("the day's case-number sequence", () => {
  it('a first intake of the day refused with NUL in its text does not break the next intakes', async () => {
    const day = freshDay();
    const refused = await report('路灯坏了\u0000');
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const next = await report();
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().number).toMatch(new RegExp(`^320305-${day}-\\d{4}$`));
    expect((await report()).statusCode).toBe(201);
  });

  it('a first intake of the day that fails inside its transaction does not break the next intakes', async () => {
    const day = freshDay();
    // A real failure inside the intake transaction, after the serial is taken: a trigger that refuses
    // one description (whatever the input validation lets through).
    await t.rows(sql`create or replace function wangge_test_refuse() returns trigger language plpgsql as $$
      begin if new.description = 'refuse-me' then raise exception 'refused by the test trigger'; end if; return new; end $$`);
    await t.rows(sql`create trigger wangge_test_refuse before insert on cases for each row execute function wangge_test_refuse()`);
    try {
      const failed = await report('refuse-me');
      expect(failed.statusCode).toBe(500);
      const next = await report();
      expect(next.statusCode, next.body).toBe(201);
      expect(next.json().number).toMatch(new RegExp(`^320305-${day}-\\d{4}$`));
    } finally {
      await t.rows(sql`drop trigger wangge_test_refuse on cases`);
      await t.rows(sql`drop function wangge_test_refuse()`);
    }
  });

  it('16 concurrent first intakes of the day all succeed with distinct numbers', async () => {
    const day = freshDay();
    const results = await Promise.all(Array.from({ length: 16 }, () => report()));
    expect(results.map((r) => r.statusCode)).toEqual(Array.from({ length: 16 }, () => 201));
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(16);
    for (const number of numbers) expect(number.startsWith(`320305-${day}-`)).toBe(true);
  });
});

// Several processes creating the same day's sequence at once (each process has its own memory of the
// sequences it made sure of): every one of them must succeed.
describe.runIf(process.env.TEST_DATABASE_URL)("the day's case-number sequence on PostgreSQL", () => {
  it('is created by many processes at once without an error', async () => {
    const handles = await Promise.all(Array.from({ length: 8 }, () => openDatabase({ kind: 'postgres', url: t.databaseUrl!, poolSize: 2 })));
    try {
      for (let round = 0; round < 5; round++) {
        const day = freshDay();
        const at = clock.now();
        await Promise.all(handles.flatMap((database) => [0, 1].map(() => ensureDaySequence({ db: database.db, database }, '320305', at))));
        const [exists] = await t.rows(sql`select count(*)::int as n from pg_class where relkind = 'S' and relname = ${`case_serial_320305_${day}`}`);
        expect(exists!.n).toBe(1);
      }
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
