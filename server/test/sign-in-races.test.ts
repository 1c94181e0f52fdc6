import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSmsGateway } from '../src/platform/sms.js';
import { createTestApp, type TestApp } from './test-app.js';
import { demoPassword } from './test-config.js';

/**
 * Lock-outs under concurrency: many sign-ins fired at once must not check more passwords (or codes)
 * than the limit allows, and the right one afterwards is refused while the lock holds.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const parallel = 28;

function login(username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

async function staffId(username: string): Promise<string> {
  const [row] = await t.rows(sql`select id from staff where username = ${username}`);
  return row!.id as string;
}

/** Password checks that ran for an account: every audited outcome except "refused, locked". */
async function passwordChecks(id: string, failedAction = 'auth.login_failed'): Promise<number> {
  const [row] = await t.rows(
    sql`select count(*)::int as n from audit_log where entity_id = ${id} and action = ${failedAction} and coalesce(data->>'reason', '') <> 'locked'`,
  );
  return row!.n as number;
}

describe('staff sign-in lock-out under concurrency', () => {
  it(`checks at most 5 passwords of ${parallel} parallel wrong sign-ins, then refuses the right one`, async () => {
    const id = await staffId('grid-worker');
    const answers = await Promise.all(Array.from({ length: parallel }, (_, i) => login('grid-worker', `wrong-${i}`)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(parallel - 4);
    expect(await passwordChecks(id)).toBe(5);
    const [throttle] = await t.rows(sql`select failures, locked_until from login_throttles where locked_until is not null`);
    expect(throttle!.failures).toBe(5);
    const right = await login('grid-worker', demoPassword);
    expect(right.statusCode, right.body).toBe(423);
    expect(right.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(await passwordChecks(id)).toBe(5);
  });

  it('counts an unknown name the same way', async () => {
    const answers = await Promise.all(Array.from({ length: parallel }, (_, i) => login('nobody-here', `wrong-${i}`)));
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(4);
    const [row] = await t.rows(sql`select count(*)::int as n from audit_log where action = 'auth.login_failed' and data->>'reason' = 'unknown_user'`);
    expect(row!.n).toBe(5);
  });

  it('checks at most 5 current passwords of parallel password changes', async () => {
    const token = await t.login('cadre');
    const id = await staffId('cadre');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          headers: { authorization: `Bearer ${token}` },
          payload: { currentPassword: `wrong-${i}`, newPassword: 'Ganyu-Grid-2026!' },
        }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 423)).toHaveLength(12 - 4);
    expect(await passwordChecks(id, 'auth.password_change_failed')).toBe(5);
    expect((await login('cadre', demoPassword)).statusCode).toBe(423);
  });
});

describe('resident one-time code under concurrency', () => {
  it(`counts ${parallel} parallel wrong codes one by one: 5 tries, then the right code is dead`, async () => {
    const phone = '13700009999';
    expect((await t.request('POST', '/api/v1/resident/otp', { body: { phone } })).statusCode).toBe(202);
    const code = (t.ctx.sms as LogSmsGateway).lastSentTo(phone, 'resident_otp')!.params.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: parallel }, () => t.app.inject({ method: 'POST', url: '/api/v1/resident/login', payload: { phone, code: wrong } })),
    );
    expect(answers.every((a) => a.statusCode === 401)).toBe(true);
    expect(answers.map((a) => a.json().attemptsLeft).filter((left) => left > 0).sort()).toEqual([1, 2, 3, 4]);
    const [challenge] = await t.rows(sql`select attempts from otp_challenges order by created_at desc limit 1`);
    expect(challenge!.attempts).toBe(5);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/resident/login', payload: { phone, code } });
    expect(right.statusCode).toBe(401);
  });
});
