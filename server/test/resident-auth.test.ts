import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import type { LogSmsGateway } from '../src/platform/sms.js';
import { documentedResidentPhone } from '../src/seed/demo-staff.js';
import { createTestApp, type TestApp } from './test-app.js';
import { reportCase } from './factories.js';

let t: TestApp;
let clock: ManualClock;
let phoneSeq = 0;

/** A fresh mobile number per use, so one test's limits never touch another's. */
const newPhone = () => `1370000${String(++phoneSeq).padStart(4, '0')}`;

const sms = () => t.ctx.sms as LogSmsGateway;
const lastCode = (phone: string) => sms().lastSentTo(phone, 'resident_otp')!.params.code!;

async function requestCode(phone: string, headers: Record<string, string> = {}) {
  return t.request('POST', '/api/v1/resident/otp', { body: { phone }, headers });
}

async function signIn(phone: string): Promise<string> {
  const sent = await requestCode(phone);
  expect(sent.statusCode, sent.body).toBe(202);
  const res = await t.request('POST', '/api/v1/resident/login', { body: { phone, code: lastCode(phone) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
}

const asResident = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  clock = new ManualClock(new Date());
  // Services read ctx.clock on every call: a clock we can move, for expiry and throttles.
  t.ctx.clock = clock;
});
afterAll(async () => t.close());

describe('one-time code sign-in', () => {
  it('texts a code (the log gateway keeps it), signs in with it, and knows the resident', async () => {
    const phone = newPhone();
    const sent = await requestCode(phone);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60, delivery: 'server_log' });
    const code = lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    const login = await t.request('POST', '/api/v1/resident/login', { body: { phone, code } });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.json();
    expect(session.token).toMatch(/^wgr_/);
    expect(session.resident.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain('wangge_resident=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const me = await t.request('GET', '/api/v1/resident/me', { headers: asResident(session.token) });
    expect(me.json()).toEqual({ id: session.resident.id, phone: session.resident.phone });
    // The same through the cookie alone.
    const byCookie = await t.app.inject({ method: 'GET', url: '/api/v1/resident/me', cookies: { wangge_resident: session.token } });
    expect(byCookie.statusCode).toBe(200);
    // A code works once.
    const again = await t.request('POST', '/api/v1/resident/login', { body: { phone, code } });
    expect(again.statusCode).toBe(401);
  });

  it('answers every valid number alike, and 422 for one that is not a mainland mobile', async () => {
    const known = await requestCode(documentedResidentPhone);
    const unknown = await requestCode(newPhone());
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    for (const bad of ['12345678901', '1380013800', '+8613800138000x', '']) {
      const res = await requestCode(bad);
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().errors[0].field).toBe('phone');
    }
  });

  it('allows five wrong tries, then the code is dead even when right', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const code = lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', '/api/v1/resident/login', { body: { phone, code: wrong } });
      expect(res.statusCode).toBe(401);
      left.push(res.json().attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const right = await t.request('POST', '/api/v1/resident/login', { body: { phone, code } });
    expect(right.statusCode).toBe(401);
    expect(right.json().detail).toContain('重新获取');
  });

  it('a code expires after five minutes', async () => {
    const phone = newPhone();
    await requestCode(phone);
    clock.advanceMinutes(5.1);
    const res = await t.request('POST', '/api/v1/resident/login', { body: { phone, code: lastCode(phone) } });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain('失效');
  });

  it('a new code retires the previous one', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const first = lastCode(phone);
    clock.advanceMinutes(1.1);
    await requestCode(phone);
    const second = lastCode(phone);
    if (first !== second) expect((await t.request('POST', '/api/v1/resident/login', { body: { phone, code: first } })).statusCode).toBe(401);
    expect((await t.request('POST', '/api/v1/resident/login', { body: { phone, code: second } })).statusCode).toBe(200);
  });

  it('throttles resends: one a minute (429 + Retry-After), five an hour', async () => {
    const phone = newPhone();
    expect((await requestCode(phone)).statusCode).toBe(202);
    const soon = await requestCode(phone);
    expect(soon.statusCode).toBe(429);
    expect(soon.headers['content-type']).toContain('application/problem+json');
    expect(soon.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(55);
    for (let i = 0; i < 4; i++) {
      clock.advanceMinutes(1.05);
      expect((await requestCode(phone)).statusCode).toBe(202);
    }
    clock.advanceMinutes(1.05);
    const sixth = await requestCode(phone);
    expect(sixth.statusCode).toBe(429);
    // The oldest of the five leaves the hour in about 55 minutes.
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(50 * 60);
    clock.advanceMinutes(56);
    expect((await requestCode(phone)).statusCode).toBe(202);
  });

  it('throttles code requests per address too', async () => {
    const strict = await createTestApp({ publicRateLimitPerMinute: 3 });
    try {
      const ask = (phone: string) => strict.app.inject({ method: 'POST', url: '/api/v1/resident/otp', payload: { phone }, remoteAddress: '10.7.7.7' });
      expect((await ask(newPhone())).statusCode).toBe(202);
      const second = await ask(newPhone());
      expect(second.statusCode).toBe(429);
      expect(second.headers['retry-after']).toBeDefined();
    } finally {
      await strict.close();
    }
  });

  it('stores no phone, code or token in clear, and audits sign-in without personal data', async () => {
    const phone = newPhone();
    const token = await signIn(phone);
    const code = lastCode(phone);
    const stored = JSON.stringify([
      await t.rows(sql`select * from otp_challenges`),
      await t.rows(sql`select * from residents`),
      await t.rows(sql`select * from resident_sessions`),
      await t.rows(sql`select * from audit_log where action like 'resident.%'`),
    ]);
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain(phone.slice(-4) + '"');
    expect(stored).not.toContain(`"${code}"`);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4));
    const audit = await t.rows(sql`select action, actor_kind from audit_log where action in ('resident.otp_sent', 'resident.login')`);
    expect(audit.some((r) => r.action === 'resident.otp_sent' && r.actor_kind === 'public')).toBe(true);
    expect(audit.some((r) => r.action === 'resident.login' && r.actor_kind === 'resident')).toBe(true);
  });

  it('the demo-only endpoint reads back the last code', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const res = await t.request('GET', `/api/v1/dev/last-otp?phone=${phone}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toBe(lastCode(phone));
    expect((await t.request('GET', `/api/v1/dev/last-otp?phone=${newPhone()}`)).statusCode).toBe(404);
  });

  it('signing out ends the session', async () => {
    const token = await signIn(newPhone());
    expect((await t.request('POST', '/api/v1/resident/logout', { headers: asResident(token) })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/resident/me', { headers: asResident(token) })).statusCode).toBe(401);
  });
});

describe("a resident's own cases", () => {
  it('the documented demo phone finds its demo cases, newest first, with number, code and latest step', async () => {
    const token = await signIn(documentedResidentPhone);
    const res = await t.request('GET', '/api/v1/resident/cases', { headers: asResident(token) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; number: string; trackingCode: string; reportedAt: string; lastUpdate: { label: string } | null; area: string }>;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect([...items].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt)).map((i) => i.id)).toEqual(items.map((i) => i.id));
    for (const item of items) {
      expect(item.trackingCode).toMatch(/^[A-Z2-9]{8}$/);
      expect(item.lastUpdate?.label).toBeTruthy();
      // The public tracking page opens with the same number + code.
      expect((await t.request('GET', `/api/v1/track/${item.number}?code=${item.trackingCode}`)).statusCode).toBe(200);
    }
    // Matched by the keyed hash: every listed case's reporter carries this phone's hash.
    const hashes = await t.rows(sql`select distinct r.phone_hash from cases c join reporters r on r.id = c.reporter_id where c.id in (${sql.join(items.map((i) => sql`${i.id}`), sql`, `)})`);
    expect(hashes).toEqual([{ phone_hash: t.ctx.secrets.lookupHash(documentedResidentPhone) }]);
    const detail = await t.request('GET', `/api/v1/resident/cases/${items[0]!.id}`, { headers: asResident(token) });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: items[0]!.id, number: items[0]!.number, trackingCode: items[0]!.trackingCode });
    expect(detail.json().timeline.length).toBeGreaterThan(0);
    expect(detail.body).not.toContain(documentedResidentPhone);
  });

  it("sees only their own: another resident's case is a 404, like one that does not exist", async () => {
    const mine = newPhone();
    const theirs = newPhone();
    const own = await reportCase(t, { reporter: { name: '张三', phone: mine } });
    const other = await reportCase(t, { reporter: { name: '李四', phone: theirs } });
    const token = await signIn(mine);
    const list = (await t.request('GET', '/api/v1/resident/cases', { headers: asResident(token) })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
    const foreign = await t.request('GET', `/api/v1/resident/cases/${other.id}`, { headers: asResident(token) });
    const missing = await t.request('GET', '/api/v1/resident/cases/01900000-0000-7000-8000-000000000000', { headers: asResident(token) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().detail).toBe(missing.json().detail);
  });

  it('a report made while signed in is linked to the account and carries its phone by default', async () => {
    const phone = newPhone();
    const token = await signIn(phone);
    const created = await reportCase(t, { reporter: { name: '王五' } }, { headers: asResident(token) });
    const alsoMine = await reportCase(t, { reporter: { name: '王五', phone: newPhone() } }, { headers: asResident(token) });
    const anonymous = await reportCase(t, { reporter: undefined, isAnonymous: true }, { headers: asResident(token) });
    const list = (await t.request('GET', '/api/v1/resident/cases', { headers: asResident(token) })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([alsoMine.id, created.id]);
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(anonymous.id);
    const [reporter] = await t.rows(sql`select r.phone_hash, r.resident_id from cases c join reporters r on r.id = c.reporter_id where c.id = ${created.id}`);
    const [account] = await t.rows(sql`select id, phone_hash from residents where phone_hash = ${t.ctx.secrets.lookupHash(phone)}`);
    expect(reporter).toEqual({ phone_hash: account!.phone_hash, resident_id: account!.id });
    // Staff see the account's phone on the report, masked.
    const staffView = (await t.request('GET', `/api/v1/cases/${created.id}`, { as: 'community' })).json();
    expect(staffView.reporter.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  });

  it('residents report through the resident channel only; staff endpoints are closed to them', async () => {
    const token = await signIn(newPhone());
    const headers = asResident(token);
    const staffChannel = await t.request('POST', '/api/v1/cases', { headers, body: { channel: 'staff', description: '居民冒充工作人员渠道上报', demandType: 'help' } });
    expect(staffChannel.statusCode).toBe(401);
    const someCase = (await t.request('GET', '/api/v1/cases?limit=1', { as: 'admin' })).json().items[0];
    for (const [method, url, body] of [
      ['GET', '/api/v1/cases', undefined],
      ['GET', `/api/v1/cases/${someCase.id}`, undefined],
      ['POST', `/api/v1/cases/${someCase.id}/actions/accept`, { version: someCase.version }],
      ['GET', '/api/v1/auth/me', undefined],
      ['GET', '/api/v1/staff', undefined],
      ['GET', '/api/v1/api-keys', undefined],
    ] as const) {
      const res = await t.request(method, url, { headers, body });
      expect([401, 403], `${method} ${url}`).toContain(res.statusCode);
    }
    // …and the resident endpoints are closed to staff and to nobody.
    expect((await t.request('GET', '/api/v1/resident/cases', { as: 'community' })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/resident/cases')).statusCode).toBe(401);
  });
});
