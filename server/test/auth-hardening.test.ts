import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createTestApp, type TestApp } from './test-app.js';
import { demoPassword } from './test-config.js';

let t: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  t = await createTestApp();
  // Services read ctx.clock on every call: moving this clock moves the server's "now".
  clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  t.ctx.clock = clock;
});
afterAll(async () => t.close());

async function loginRaw(username: string, password = demoPassword, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { username, password } });
}

async function tokenFor(username: string, password = demoPassword): Promise<string> {
  const res = await loginRaw(username, password);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** A browser session: the cookies the login answer set, and the CSRF token it handed out. */
async function browserLogin(username: string) {
  const res = await loginRaw(username);
  expect(res.statusCode, res.body).toBe(200);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c]));
  return { res, cookies, cookieHeader: `wangge_session=${cookies['wangge_session']!.value}; wangge_csrf=${cookies['wangge_csrf']!.value}`, csrf: res.json().csrfToken as string };
}

async function auditActions(entityId?: string) {
  const rows = await t.rows(
    entityId
      ? sql`select action, data, actor_kind, actor_id, ip from audit_log where entity_id = ${entityId} order by at, id`
      : sql`select action, data, actor_kind, actor_id, ip from audit_log order by at, id`,
  );
  return rows;
}

/** The admin, signed in now (these tests move the clock, so cached tokens would have expired). */
async function asAdmin() {
  return bearer(await tokenFor('admin'));
}

async function createAccount(username: string, role = 'grid_worker', nodeCodes = ['32030510720501']) {
  const created = await t.request('POST', '/api/v1/users', { headers: await asAdmin(), body: { username, displayName: `测试${username}`, role, nodeCodes } });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { user: { id: string }; oneTimePassword: string };
}

/** A fresh account, created by the admin through the API, with a known password it has already changed. */
async function freshAccount(username: string, role = 'grid_worker', nodeCodes = ['32030510720501']) {
  const created = await t.request('POST', '/api/v1/users', { headers: await asAdmin(), body: { username, displayName: `测试${username}`, role, nodeCodes } });
  expect(created.statusCode, created.body).toBe(201);
  const { user, oneTimePassword } = created.json();
  const token = await tokenFor(username, oneTimePassword);
  const password = 'Ganyu-Grid-2026!';
  const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: bearer(token), payload: { currentPassword: oneTimePassword, newPassword: password } });
  expect(changed.statusCode, changed.body).toBe(200);
  return { id: user.id as string, token, password };
}

describe('sign-in lock-out', () => {
  it('locks a name after 5 failures in 15 minutes, refuses even the right password, and unlocks after 15 minutes', async () => {
    const account = await freshAccount('lock-probe');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginRaw('lock-probe', `wrong-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const locked = await loginRaw('lock-probe', account.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', status: 423 });
    // The admin sees the lock.
    const seen = await t.request('GET', `/api/v1/users/${account.id}`, { headers: await asAdmin() });
    expect(seen.json().isLocked).toBe(true);

    clock.advanceMinutes(16);
    expect((await loginRaw('lock-probe', account.password)).statusCode).toBe(200);
    const actions = (await auditActions(account.id)).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(6);
    expect(actions).toContain('auth.locked');
    expect(actions.at(-1)).toBe('auth.login');
    const failed = (await auditActions(account.id)).find((r) => r.action === 'auth.login_failed')!;
    expect(failed.data).toEqual({ reason: 'bad_password' });
    expect(JSON.stringify(await auditActions(account.id))).not.toContain('wrong-');
  });

  it('answers an unknown name exactly like a real one, locked or not', async () => {
    const real: Array<{ status: number; body: Record<string, unknown> }> = [];
    const ghost: Array<{ status: number; body: Record<string, unknown> }> = [];
    for (let i = 0; i < 6; i++) {
      const a = await loginRaw('cadre', `nope-${i}`);
      const b = await loginRaw('no-such-person', `nope-${i}`);
      real.push({ status: a.statusCode, body: a.json() });
      ghost.push({ status: b.statusCode, body: b.json() });
    }
    expect(ghost.map((g) => g.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(ghost).toEqual(real);
    // Nothing of the typed name is kept: the throttle row is keyed by a hash.
    const stored = JSON.stringify(await t.rows(sql`select * from login_throttles`));
    expect(stored).not.toContain('no-such-person');
    expect(JSON.stringify(await auditActions())).not.toContain('no-such-person');
    clock.advanceMinutes(16);
  });

  it('resets the count after a successful sign-in', async () => {
    const account = await freshAccount('reset-probe');
    for (let i = 0; i < 4; i++) expect((await loginRaw('reset-probe', `bad-${i}`)).statusCode).toBe(401);
    expect((await loginRaw('reset-probe', account.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginRaw('reset-probe', `bad-${i}`)).statusCode).toBe(401);
    expect((await loginRaw('reset-probe', account.password)).statusCode).toBe(200);
  });

  it('keeps the demo accounts signing in with the demo password, community2 included', async () => {
    for (const username of ['admin', 'leader', 'center', 'community', 'community2', 'grid-worker', 'cadre', 'department']) {
      expect((await loginRaw(username)).statusCode, username).toBe(200);
    }
  });
});

describe('sessions', () => {
  it('ends a session left idle past WANGGE_SESSION_IDLE_MINUTES, and keeps a used one alive', async () => {
    const idle = await tokenFor('leader');
    const busy = await tokenFor('leader');
    for (let minutes = 0; minutes < 150; minutes += 30) {
      clock.advanceMinutes(30);
      expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(busy) })).statusCode).toBe(200);
    }
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(idle) })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(busy) })).statusCode).toBe(200);
  });

  it('ends a session at its absolute expiry however busy it is', async () => {
    const token = await tokenFor('leader');
    for (let hours = 0; hours < 12; hours++) {
      clock.advanceMinutes(60);
      const res = await t.request('GET', '/api/v1/auth/me', { headers: bearer(token) });
      expect(res.statusCode).toBe(hours < 11 ? 200 : 401);
    }
  });

  it('lists my sessions with the current one marked, and signs out another device', async () => {
    const phone = await tokenFor('center');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Desk' }, payload: { username: 'center', password: demoPassword } });
    const desk = await tokenFor('center');
    const list = await t.request('GET', '/api/v1/auth/sessions', { headers: bearer(desk) });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string; isCurrent: boolean; userAgent: string | null; ip: string | null }>;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.filter((s) => s.isCurrent)).toHaveLength(1);
    expect(items.some((s) => s.userAgent?.includes('Android'))).toBe(true);
    const phoneSession = (await t.request('GET', '/api/v1/auth/sessions', { headers: bearer(phone) })).json().items.find((s: { isCurrent: boolean }) => s.isCurrent);
    const removed = await t.request('DELETE', `/api/v1/auth/sessions/${phoneSession.id}`, { headers: bearer(desk) });
    expect(removed.statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(phone) })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(desk) })).statusCode).toBe(200);
    // Someone else's session does not exist for me.
    const leaderSession = (await t.request('GET', '/api/v1/auth/sessions', { headers: bearer(await tokenFor('leader')) })).json().items[0];
    expect((await t.request('DELETE', `/api/v1/auth/sessions/${leaderSession.id}`, { headers: bearer(desk) })).statusCode).toBe(404);
  });

  it('logout everywhere kills every token of mine, and only mine', async () => {
    const a = await tokenFor('community');
    const b = await tokenFor('community');
    const other = await tokenFor('community2');
    const res = await t.request('POST', '/api/v1/auth/logout-everywhere', { headers: bearer(a) });
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedSessions).toBeGreaterThanOrEqual(2);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(a) })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(b) })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(other) })).statusCode).toBe(200);
  });

  it('sets HttpOnly, SameSite=Lax session cookies, Secure over HTTPS behind a trusted proxy', async () => {
    const plain = await browserLogin('leader');
    const session = plain.cookies['wangge_session']!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.secure).toBeFalsy();
    expect(plain.cookies['wangge_csrf']!.httpOnly).toBeFalsy();
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const res = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'leader', password: demoPassword } });
      const cookie = res.cookies.find((c) => c.name === 'wangge_session')!;
      expect(cookie.secure).toBe(true);
      expect(cookie.httpOnly).toBe(true);
    } finally {
      await proxied.close();
    }
  });
});

describe('CSRF protection of cookie sessions', () => {
  it('refuses a state-changing request signed in by cookie without the header, accepts it with the header', async () => {
    const browser = await browserLogin('community');
    const body = { channel: 'staff', description: '村口垃圾堆放，需要清运', demandType: 'complaint', location: { address: '江庄镇江庄村' }, reporter: { name: '李四' } };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: browser.cookieHeader }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.headers['content-type']).toContain('application/problem+json');
    expect(without.json().code).toBe('CSRF_REJECTED');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: browser.cookieHeader, 'x-csrf-token': 'forged' }, payload: body });
    expect(wrong.statusCode).toBe(403);
    const withHeader = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: browser.cookieHeader, 'x-csrf-token': browser.csrf }, payload: body });
    expect(withHeader.statusCode, withHeader.body).toBe(201);
    // The readable cookie carries the same token, and /auth/me hands it out too.
    expect(browser.cookies['wangge_csrf']!.value).toBe(browser.csrf);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: browser.cookieHeader } });
    expect(me.json().csrfToken).toBe(browser.csrf);
    // Reads need no token.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: browser.cookieHeader } })).statusCode).toBe(200);
  });

  it('binds the token to its session', async () => {
    const one = await browserLogin('community');
    const two = await browserLogin('community');
    expect(one.csrf).not.toBe(two.csrf);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: one.cookieHeader, 'x-csrf-token': two.csrf } });
    expect(res.statusCode).toBe(403);
  });

  it('lets a browser still holding a session cookie sign in again (as someone else) without the header', async () => {
    const browser = await browserLogin('community');
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: browser.cookieHeader }, payload: { username: 'leader', password: demoPassword } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().user.username).toBe('leader');
  });

  it('needs no header with a bearer token, nor on public endpoints', async () => {
    const token = await tokenFor('community');
    const body = { channel: 'staff', description: '村口垃圾堆放，需要清运', demandType: 'complaint', location: { address: '江庄镇江庄村' }, reporter: { name: '李四' } };
    expect((await t.request('POST', '/api/v1/cases', { headers: bearer(token), body })).statusCode).toBe(201);
    // A resident's report carries no session at all; a stale cookie makes the caller nobody.
    expect((await t.request('POST', '/api/v1/cases', { body: { ...body, channel: 'resident_app' } })).statusCode).toBe(201);
    expect((await t.request('POST', '/api/v1/cases', { headers: { cookie: 'wangge_session=expired-or-made-up' }, body: { ...body, channel: 'resident_app' } })).statusCode).toBe(201);
    expect((await loginRaw('community')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('enforces the rules on new passwords, naming each broken rule', async () => {
    const token = await tokenFor('department');
    const attempt = (newPassword: string, currentPassword = demoPassword) =>
      t.request('POST', '/api/v1/auth/password', { headers: bearer(token), body: { currentPassword, newPassword } });
    const short = await attempt('Ab1!');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
    // 19 lower-case letters: too simple for a password, long enough for a passphrase.
    expect((await attempt('alllowercaseletters')).statusCode).toBe(200);
    const simple = await attempt('abcdefghij', 'alllowercaseletters');
    expect(simple.statusCode).toBe(400);
    expect(simple.json().errors[0].message).toMatch(/至少 3 类/);
    const withName = await attempt('Department-2026', 'alllowercaseletters');
    expect(withName.json().errors.map((e: { message: string }) => e.message).join()).toMatch(/用户名/);
    const common = await attempt('Wangge-Demo', 'alllowercaseletters');
    expect(common.statusCode).toBe(400);
    const demo = await attempt('wangge-demo', 'alllowercaseletters');
    expect(demo.json().errors.map((e: { message: string }) => e.message).join()).toMatch(/常见密码/);
    const wrongCurrent = await attempt('Very-Strong-Pass-42', 'not-my-password');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().errors[0].field).toBe('currentPassword');
    const english = await t.request('POST', '/api/v1/auth/password', {
      headers: { ...bearer(token), 'accept-language': 'en' },
      body: { currentPassword: 'alllowercaseletters', newPassword: 'short' },
    });
    expect(english.json().errors[0].message).toMatch(/at least 10 characters/);
  });

  it('ends my other sessions, keeps this one, and the new password signs in', async () => {
    const account = await freshAccount('change-probe');
    const other = await tokenFor('change-probe', account.password);
    const current = await tokenFor('change-probe', account.password);
    const res = await t.request('POST', '/api/v1/auth/password', { headers: bearer(current), body: { currentPassword: account.password, newPassword: 'Another-Strong-Pass-7' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revokedSessions).toBeGreaterThanOrEqual(2);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(other) })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(current) })).statusCode).toBe(200);
    expect((await loginRaw('change-probe', account.password)).statusCode).toBe(401);
    expect((await loginRaw('change-probe', 'Another-Strong-Pass-7')).statusCode).toBe(200);
    const audit = (await auditActions(account.id)).map((r) => r.action);
    expect(audit).toContain('auth.password_change');
    // No password, in any form, in the trail.
    expect(JSON.stringify(await auditActions(account.id))).not.toMatch(/Another-Strong|Ganyu-Grid/);
  });

  it('keeps an account whose password an administrator chose to /auth/* until it is changed', async () => {
    const { oneTimePassword } = await createAccount('gate-probe');
    const login = await loginRaw('gate-probe', oneTimePassword);
    expect(login.json().user.mustChangePassword).toBe(true);
    const token = login.json().token as string;
    const blocked = await t.request('GET', '/api/v1/cases', { headers: bearer(token) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.request('GET', '/api/v1/auth/me', { headers: bearer(token) })).json().mustChangePassword).toBe(true);
    const changed = await t.request('POST', '/api/v1/auth/password', { headers: bearer(token), body: { currentPassword: oneTimePassword, newPassword: 'Strong-Gate-Pass-1' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await t.request('GET', '/api/v1/cases', { headers: bearer(token) })).statusCode).toBe(200);
  });
});

describe('stored secrets', () => {
  it('keeps no password, token or one-time password in clear text', async () => {
    const { oneTimePassword } = await createAccount('clear-probe');
    const token = await tokenFor('clear-probe', oneTimePassword);
    const dump = JSON.stringify([
      await t.rows(sql`select * from staff where username = 'clear-probe'`),
      await t.rows(sql`select * from sessions`),
      await t.rows(sql`select * from audit_log`),
    ]);
    expect(dump).not.toContain(oneTimePassword);
    expect(dump).not.toContain(token);
    expect(dump).toContain('$argon2id$');
  });
});
