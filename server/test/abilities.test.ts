import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';
import { demoPassword } from './test-config.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** The demo logins by role (DOMAIN.md "Who uses it"). */
const users = {
  admin: 'admin',
  leader: 'leader',
  center_operator: 'center',
  community_staff: 'community',
  grid_worker: 'grid-worker',
  cadre: 'cadre',
  department_staff: 'department',
} as const;
type Role = keyof typeof users;
const everyone = Object.keys(users) as Role[];

/** The administration pages: the console showed them to the administrator alone, and still must. */
const adminPages = ['territory', 'grid-import', 'users', 'units', 'roles', 'categories', 'deadline-policies', 'calendar', 'whistle-settings', 'webhooks', 'api-keys', 'audit', 'privacy'];

interface Abilities {
  pages: string[];
  workspace: 'console' | 'phone';
}

async function abilities(as: string): Promise<Abilities> {
  const res = await t.request('GET', '/api/v1/auth/me', { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().abilities;
}

describe('GET /auth/me abilities', () => {
  it.each(everyone)('%s: every page for everyone, the administration pages for the administrator only', async (role) => {
    const { pages } = await abilities(users[role]);
    for (const page of ['home', 'cases', 'map', 'supervision', 'account', 'notification-settings']) expect(pages).toContain(page);
    for (const page of adminPages) expect(pages.includes(page), page).toBe(role === 'admin');
    expect(pages.includes('cases/new')).toBe(!['leader', 'department_staff'].includes(role));
    expect(pages.includes('assignments')).toBe(role !== 'department_staff');
    expect(pages.includes('household-import')).toBe(['admin', 'center_operator', 'community_staff'].includes(role));
    expect(pages.includes('visit-cadences')).toBe(['admin', 'center_operator'].includes(role));
  });

  it.each(everyone)('%s: grid workers and cadres work on the phone, everyone else in the console', async (role) => {
    expect((await abilities(users[role])).workspace).toBe(['grid_worker', 'cadre'].includes(role) ? 'phone' : 'console');
  });

  it('sign-in returns the same abilities as /auth/me', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', { body: { username: 'center', password: demoPassword } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.abilities).toEqual(await abilities('center'));
  });
});

describe('GET /cases/abilities', () => {
  it.each(everyone)('%s: dispatch for community staff and centers, a queue for all who hold cases', async (role) => {
    const res = await t.request('GET', '/api/v1/cases/abilities', { as: users[role] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.canDispatch).toBe(['community_staff', 'center_operator'].includes(role));
    expect(body.hasQueue).toBe(!['leader', 'admin'].includes(role));
    expect(body.actions.includes('dispatch')).toBe(body.canDispatch);
    expect(body.actions.includes('handle')).toBe(body.hasQueue);
    if (role === 'admin') expect(body.actions).toEqual([]);
    if (role === 'leader') expect(body.actions).toEqual(expect.arrayContaining(['urge', 'approve-extension', 'whistle']));
  });
});

describe('GET /cases/statuses', () => {
  it('lists the lifecycle in order with both labels, open while the case needs work', async () => {
    const res = await t.request('GET', '/api/v1/cases/statuses', { as: 'grid-worker' });
    expect(res.statusCode, res.body).toBe(200);
    const items: Array<{ status: string; label: { zh: string; en: string }; open: boolean }> = res.json().items;
    expect(items.map((s) => s.status)).toEqual(['reported', 'accepted', 'rejected', 'merged', 'dispatched', 'returned', 'in_progress', 'handled', 'rework', 'closed']);
    expect(items.filter((s) => !s.open).map((s) => s.status)).toEqual(['rejected', 'merged', 'closed']);
    expect(items.find((s) => s.status === 'in_progress')?.label).toEqual({ zh: '处置中', en: 'In progress' });
  });

  it('the open statuses are exactly what the list counts as overdue-able and what a case view labels', async () => {
    const { items } = (await t.request('GET', '/api/v1/cases/statuses', { as: 'center' })).json() as { items: Array<{ status: string; label: { zh: string }; open: boolean }> };
    const open = items.filter((s) => s.open).map((s) => s.status).join(',');
    const list = await t.request('GET', `/api/v1/cases?status=${open}&limit=100`, { as: 'center' });
    expect(list.statusCode, list.body).toBe(200);
    const seen: Array<{ status: string; statusLabel: string }> = list.json().items;
    expect(seen.length).toBeGreaterThan(0);
    for (const c of seen) expect(items.find((s) => s.status === c.status)).toMatchObject({ open: true, label: { zh: c.statusLabel } });
  });
});

describe('GET /cases/{id}/supervision-notices canIssue', () => {
  it('leaders and town centers issue notices by hand; no one else', async () => {
    const created = await reportCase(t);
    const seenBy: Role[] = [];
    for (const role of everyone) {
      const res = await t.request('GET', `/api/v1/cases/${created.id}/supervision-notices`, { as: users[role] });
      if (res.statusCode === 404) continue; // outside this login's territory
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().canIssue, role).toBe(['leader', 'center_operator'].includes(role));
      seenBy.push(role);
    }
    expect(seenBy).toEqual(expect.arrayContaining(['leader', 'center_operator', 'community_staff', 'admin']));
  });
});
