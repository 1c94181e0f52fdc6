import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStaffActor } from '../src/modules/people/people.queries.js';
import { deactivateUser } from '../src/modules/people/users.service.js';
import { createTestApp, type TestApp } from './test-app.js';
import { demoPassword } from './test-config.js';

let t: TestApp;
/** Codes from the seeded demo county: 江庄镇 and its 江庄村 with a grid, and community2's town elsewhere. */
let codes: { county: string; town: string; village: string; grid: string; otherTown: string; otherVillage: string };
let units: Array<{ id: string; code: string; kind: string; territoryNode: { code: string } | null }>;

async function node(name: string) {
  const [row] = await t.rows(sql`select code, path from territory_nodes where name = ${name} order by code limit 1`);
  return row as { code: string; path: string };
}

beforeAll(async () => {
  t = await createTestApp();
  const county = await t.rows(sql`select code from territory_nodes where level = 'county'`);
  const town = await node('江庄镇');
  const village = await node('江庄村');
  const [grid] = await t.rows(sql`select code from territory_nodes where level = 'grid' and path like ${village.path + '%'} order by code limit 1`);
  const community2 = (await t.request('GET', '/api/v1/users?q=community2', { as: 'admin' })).json().items[0];
  const otherVillage = community2.nodes[0].code as string;
  const [otherTown] = await t.rows(sql`select p.code from territory_nodes c join territory_nodes p on p.id = c.parent_id where c.code = ${otherVillage}`);
  codes = { county: county[0]!.code as string, town: town.code, village: village.code, grid: grid!.code as string, otherTown: otherTown!.code as string, otherVillage };
  units = (await t.request('GET', '/api/v1/units', { as: 'admin' })).json().items;
});
afterAll(async () => t.close());

const problemFields = (res: { json(): { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);

async function createUser(body: Record<string, unknown>, as = 'admin') {
  return t.request('POST', '/api/v1/users', { as, body: { displayName: '测试用户', ...body } });
}

async function signInFirstTime(username: string, oneTimePassword: string, newPassword = 'Fresh-Start-2026!') {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: oneTimePassword } });
  expect(login.statusCode, login.body).toBe(200);
  const token = login.json().token as string;
  const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { authorization: `Bearer ${token}` }, payload: { currentPassword: oneTimePassword, newPassword } });
  expect(changed.statusCode, changed.body).toBe(200);
  return token;
}

async function auditOf(entityId: string) {
  return (await t.rows(sql`select action, actor_id, data from audit_log where entity_id = ${entityId} order by at, id`)) as Array<{
    action: string;
    actor_id: string;
    data: Record<string, unknown> | null;
  }>;
}

describe('who may administer', () => {
  it('answers 401 without sign-in and 403 to roles without user:admin', async () => {
    expect((await t.request('GET', '/api/v1/users')).statusCode).toBe(401);
    for (const as of ['leader', 'center', 'community', 'grid-worker', 'department']) {
      expect((await t.request('GET', '/api/v1/users', { as })).statusCode, as).toBe(403);
      expect((await t.request('GET', '/api/v1/roles', { as })).statusCode, as).toBe(403);
      expect((await createUser({ username: `x-${as}`, role: 'grid_worker', nodeCodes: [codes.grid] }, as)).statusCode, as).toBe(403);
      expect((await t.request('POST', '/api/v1/units', { as, body: { code: 'X-1', name: '测试单位', kind: 'partner' } })).statusCode, as).toBe(403);
    }
  });

  it('shows the roles × permissions matrix with the node levels each role may hold', async () => {
    const res = await t.request('GET', '/api/v1/roles', { as: 'admin', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    const matrix = res.json();
    const byRole = Object.fromEntries(matrix.roles.map((r: { role: string }) => [r.role, r]));
    expect(byRole.grid_worker).toMatchObject({ nodeLevels: ['grid'], minNodes: 1, requiresUnit: false, label: { zh: '网格员', en: 'Grid worker' } });
    expect(byRole.department_staff.requiresUnit).toBe(true);
    expect(byRole.admin.permissions).toContain('user:admin');
    expect(matrix.permissions.find((p: { code: string }) => p.code === 'user:admin').label.zh).toBe('管理用户、单位与角色');
    // Every permission has a label of its own in both languages, never its code.
    for (const p of matrix.permissions as Array<{ code: string; label: { zh: string; en: string } }>) {
      expect(p.label.zh, p.code).not.toBe(p.code);
      expect(p.label.en, p.code).not.toBe(p.code);
    }
  });
});

describe('creating accounts', () => {
  it('creates a grid worker with a one-time password shown once, which must be changed at first sign-in', async () => {
    const res = await createUser({ username: 'wang.grid', displayName: '王网格', role: 'grid_worker', nodeCodes: [codes.grid] });
    expect(res.statusCode, res.body).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(user).toMatchObject({ username: 'wang.grid', role: 'grid_worker', isActive: true, mustChangePassword: true, version: 1 });
    expect(user.nodes.map((n: { code: string }) => n.code)).toEqual([codes.grid]);
    // Shown once: reading the account again never returns it.
    expect(JSON.stringify((await t.request('GET', `/api/v1/users/${user.id}`, { as: 'admin' })).json())).not.toContain(oneTimePassword);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang.grid', password: oneTimePassword } });
    expect(login.json().user.mustChangePassword).toBe(true);
    const [created] = await auditOf(user.id);
    expect(created!.action).toBe('user.create');
    expect(created!.data).toMatchObject({ role: 'grid_worker', password: 'generated', unitId: null });
    expect((created!.data!['nodeIds'] as string[]).length).toBe(1);
    expect(JSON.stringify(created!.data)).not.toContain('王网格');
  });

  it('accepts an initial password that follows the rules, and refuses one that does not', async () => {
    const weak = await createUser({ username: 'li.cadre', role: 'cadre', nodeCodes: [codes.village], password: 'li.cadre123' });
    expect(weak.statusCode).toBe(400);
    expect(problemFields(weak)).toContain('password');
    const ok = await createUser({ username: 'li.cadre', role: 'cadre', nodeCodes: [codes.village], password: 'Village-Visits-7' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().oneTimePassword).toBeNull();
    expect(ok.json().user.mustChangePassword).toBe(true);
  });

  it('names the field of every mistake', async () => {
    const cases: Array<[Record<string, unknown>, string, number]> = [
      [{ username: 'Bad Name', role: 'grid_worker', nodeCodes: [codes.grid] }, 'username', 400],
      [{ username: 'gw.village', role: 'grid_worker', nodeCodes: [codes.village] }, 'nodeCodes', 400],
      [{ username: 'gw.none', role: 'grid_worker', nodeCodes: [] }, 'nodeCodes', 400],
      [{ username: 'cs.grid', role: 'community_staff', nodeCodes: [codes.grid] }, 'nodeCodes', 400],
      [{ username: 'cc.village', role: 'center_operator', nodeCodes: [codes.village] }, 'nodeCodes', 400],
      [{ username: 'lead.grid', role: 'leader', nodeCodes: [codes.grid] }, 'nodeCodes', 400],
      [{ username: 'dept.nounit', role: 'department_staff', nodeCodes: [] }, 'unitId', 400],
      [{ username: 'gw.ghost', role: 'grid_worker', nodeCodes: ['99999999999999'] }, 'nodeCodes', 400],
      [{ username: 'gw.unit', role: 'grid_worker', nodeCodes: [codes.grid], unitId: '0190a3d4-0000-7000-8000-000000000000' }, 'unitId', 400],
      [{ username: 'grid-worker', role: 'grid_worker', nodeCodes: [codes.grid] }, 'username', 409],
      [{ role: 'grid_worker', nodeCodes: [codes.grid] }, 'username', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await createUser(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(problemFields(res), JSON.stringify(body)).toContain(field);
    }
    const english = await t.request('POST', '/api/v1/users', { as: 'admin', headers: { 'accept-language': 'en' }, body: { username: 'gw.v', displayName: 'x', role: 'grid_worker', nodeCodes: [codes.village] } });
    expect(english.json().errors[0].message).toMatch(/grid worker may hold only grid nodes/);
    expect((await t.rows(sql`select 1 from staff where username in ('gw.village', 'dept.nounit', 'gw.ghost')`)).length).toBe(0);
  });

  it('creates department staff with a unit and no territory', async () => {
    const unit = units.find((u) => u.code === 'JW-CG')!;
    const res = await createUser({ username: 'dept.cg2', role: 'department_staff', unitId: unit.id, nodeCodes: [] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user.unit.code).toBe('JW-CG');
  });
});

describe('listing', () => {
  it('filters by role, territory subtree, unit, active and text, a page at a time', async () => {
    const all = (await t.request('GET', '/api/v1/users?limit=5', { as: 'admin' })).json();
    expect(all.items).toHaveLength(5);
    expect(all.total).toBeGreaterThan(100);
    const page2 = (await t.request('GET', '/api/v1/users?limit=5&offset=5', { as: 'admin' })).json();
    expect(page2.items[0].username > all.items[4].username).toBe(true);

    const gridWorkers = (await t.request('GET', `/api/v1/users?role=grid_worker&node=${codes.village}&limit=100`, { as: 'admin' })).json();
    expect(gridWorkers.total).toBeGreaterThan(0);
    for (const u of gridWorkers.items) {
      expect(u.role).toBe('grid_worker');
      expect(u.nodes.some((n: { code: string }) => n.code.startsWith(codes.village))).toBe(true);
    }
    const unit = units.find((u) => u.code === 'JW-CG')!;
    const inUnit = (await t.request('GET', `/api/v1/users?unit=${unit.id}`, { as: 'admin' })).json();
    expect(inUnit.items.every((u: { unit: { code: string } | null }) => u.unit?.code === 'JW-CG')).toBe(true);
    const byText = (await t.request('GET', `/api/v1/users?q=${encodeURIComponent('community')}`, { as: 'admin' })).json();
    expect(byText.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['community', 'community2']));
    const byName = (await t.request('GET', `/api/v1/users?q=${encodeURIComponent('系统管理员')}`, { as: 'admin' })).json();
    expect(byName.items.map((u: { username: string }) => u.username)).toEqual(['admin']);
    const inactive = (await t.request('GET', '/api/v1/users?active=false', { as: 'admin' })).json();
    expect(inactive.items.every((u: { isActive: boolean }) => !u.isActive)).toBe(true);
    const bad = await t.request('GET', '/api/v1/users?limit=1000', { as: 'admin' });
    expect(bad.statusCode).toBe(400);
    expect(problemFields(bad)).toEqual(['query.limit']);
  });
});

describe('editing', () => {
  it('changes role and territory with the version read, audits field names and old/new ids, and answers 409 to a stale version', async () => {
    const created = (await createUser({ username: 'zhao.promote', displayName: '赵晋升', role: 'grid_worker', nodeCodes: [codes.grid] })).json().user;
    const res = await t.request('PATCH', `/api/v1/users/${created.id}`, {
      as: 'admin',
      body: { version: created.version, role: 'community_staff', nodeCodes: [codes.village], displayName: '赵社区' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'community_staff', displayName: '赵社区', version: created.version + 1 });
    const stale = await t.request('PATCH', `/api/v1/users/${created.id}`, { as: 'admin', body: { version: created.version, displayName: '过期' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    // Role change without fitting nodes: refused, nothing changes.
    const misfit = await t.request('PATCH', `/api/v1/users/${created.id}`, { as: 'admin', body: { version: created.version + 1, role: 'grid_worker' } });
    expect(misfit.statusCode).toBe(400);
    expect(problemFields(misfit)).toEqual(['nodeCodes']);
    const update = (await auditOf(created.id)).find((r) => r.action === 'user.update')!;
    expect(update.data).toMatchObject({ fields: ['displayName', 'role', 'nodes'], oldRole: 'grid_worker', newRole: 'community_staff' });
    expect((update.data!['oldNodeIds'] as string[]).length).toBe(1);
    expect(update.data!['newNodeIds']).not.toEqual(update.data!['oldNodeIds']);
    expect(JSON.stringify(update.data)).not.toMatch(/赵/);
  });

  it('deactivation ends every session of the account; reactivation lets it sign in again', async () => {
    const { user, oneTimePassword } = (await createUser({ username: 'sun.leaving', role: 'grid_worker', nodeCodes: [codes.grid] })).json();
    const token = await signInFirstTime('sun.leaving', oneTimePassword);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const res = await t.request('POST', `/api/v1/users/${user.id}/deactivate`, { as: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().isActive).toBe(false);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sun.leaving', password: 'Fresh-Start-2026!' } });
    expect(again.statusCode).toBe(401);
    expect((await t.request('POST', `/api/v1/users/${user.id}/reactivate`, { as: 'admin' })).json().isActive).toBe(true);
    const back = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sun.leaving', password: 'Fresh-Start-2026!' } });
    expect(back.statusCode).toBe(200);
    const actions = (await auditOf(user.id)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.deactivate', 'user.reactivate']));
    expect((await auditOf(user.id)).find((r) => r.action === 'user.deactivate')!.data).toEqual({ revokedSessions: 1 });
  });

  it('an administrator cannot deactivate themself, change their own role, or leave the county without an active administrator', async () => {
    const me = (await t.request('GET', '/api/v1/auth/me', { as: 'admin' })).json();
    const self = await t.request('POST', `/api/v1/users/${me.id}/deactivate`, { as: 'admin' });
    expect(self.statusCode).toBe(409);
    const mine = (await t.request('GET', `/api/v1/users/${me.id}`, { as: 'admin' })).json();
    const demote = await t.request('PATCH', `/api/v1/users/${me.id}`, { as: 'admin', body: { version: mine.version, role: 'leader' } });
    expect(demote.statusCode).toBe(409);

    // Two administrators deactivating each other at once: the second must find the first gone.
    const { user: second } = (await createUser({ username: 'admin.two', role: 'admin', nodeCodes: [codes.county] })).json();
    const secondActor = (await loadStaffActor(t.ctx.db, second.id))!;
    expect((await t.request('POST', `/api/v1/users/${second.id}/deactivate`, { as: 'admin' })).statusCode).toBe(200);
    await expect(deactivateUser(t.ctx, secondActor, me.id, 'zh')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await t.request('GET', '/api/v1/auth/me', { as: 'admin' })).statusCode).toBe(200);
  });

  it('resets a password: a new one-time password, sessions ended, lock lifted, audited', async () => {
    const { user, oneTimePassword } = (await createUser({ username: 'qian.forgot', role: 'grid_worker', nodeCodes: [codes.grid] })).json();
    const token = await signInFirstTime('qian.forgot', oneTimePassword);
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'qian.forgot', password: `forgot-${i}` } });
    expect((await t.request('GET', `/api/v1/users/${user.id}`, { as: 'admin' })).json().isLocked).toBe(true);
    const res = await t.request('POST', `/api/v1/users/${user.id}/reset-password`, { as: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    const reset = res.json();
    expect(reset.oneTimePassword).not.toBe(oneTimePassword);
    expect(reset.revokedSessions).toBe(1);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'qian.forgot', password: reset.oneTimePassword } });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const audit = (await auditOf(user.id)).find((r) => r.action === 'user.password_reset')!;
    expect(audit.data).toEqual({ revokedSessions: 1 });
  });
});

describe('territory scope of a town administrator', () => {
  let townAdmin: string;
  let outsider: { id: string; version: number };
  beforeAll(async () => {
    const { oneTimePassword } = (await createUser({ username: 'admin.jiangzhuang', role: 'admin', nodeCodes: [codes.town] })).json();
    townAdmin = await signInFirstTime('admin.jiangzhuang', oneTimePassword, 'Town-Admin-Pass-9');
    outsider = (await t.request('GET', '/api/v1/users?q=community2', { as: 'admin' })).json().items[0];
  });
  const asTown = () => ({ authorization: `Bearer ${townAdmin}` });

  it('lists and counts only accounts entirely inside the town', async () => {
    const res = (await t.request('GET', '/api/v1/users?limit=100', { headers: asTown() })).json();
    const usernames = res.items.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['center', 'community', 'grid-worker', 'cadre']));
    for (const hidden of ['admin', 'leader', 'community2', 'department', 'county-center']) expect(usernames).not.toContain(hidden);
    const everyone = (await t.request('GET', '/api/v1/users?limit=1', { as: 'admin' })).json().total;
    expect(res.total).toBeLessThan(everyone);
    expect((await t.request('GET', '/api/v1/users?q=community2', { headers: asTown() })).json()).toEqual({ items: [], total: 0 });
    expect((await t.request('GET', `/api/v1/users?node=${codes.otherTown}`, { headers: asTown() })).json()).toEqual({ items: [], total: 0 });
  });

  it('gets 404 for every account outside, exactly like an id that does not exist, and changes nothing', async () => {
    const ghost = '0190a3d4-0000-7000-8000-000000000000';
    const requests = (id: string): Array<[string, string, unknown]> => [
      ['GET', `/api/v1/users/${id}`, undefined],
      ['PATCH', `/api/v1/users/${id}`, { version: outsider.version, displayName: '越权修改' }],
      ['POST', `/api/v1/users/${id}/deactivate`, undefined],
      ['POST', `/api/v1/users/${id}/reset-password`, undefined],
    ];
    for (const [[method, url, body], [, ghostUrl]] of requests(outsider.id).map((r, i) => [r, requests(ghost)[i]!] as const)) {
      const res = await t.request(method, url, { headers: asTown(), body });
      const missing = await t.request(method, ghostUrl, { headers: asTown(), body });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect({ ...res.json(), instance: null }).toEqual({ ...missing.json(), instance: null });
    }
    const after = (await t.request('GET', `/api/v1/users/${outsider.id}`, { as: 'admin' })).json();
    expect(after).toMatchObject({ isActive: true, version: outsider.version, displayName: (outsider as unknown as { displayName: string }).displayName });
  });

  it('cannot place an account outside the town: the node does not exist for them', async () => {
    const res = await t.request('POST', '/api/v1/users', { headers: asTown(), body: { username: 'cs.elsewhere', displayName: '外镇', role: 'community_staff', nodeCodes: [codes.otherVillage] } });
    expect(res.statusCode).toBe(400);
    const ghost = await t.request('POST', '/api/v1/users', { headers: asTown(), body: { username: 'cs.elsewhere', displayName: '外镇', role: 'community_staff', nodeCodes: ['99999999999'] } });
    expect(res.json().errors[0].message.replace(codes.otherVillage, 'X')).toBe(ghost.json().errors[0].message.replace('99999999999', 'X'));
    const inside = await t.request('POST', '/api/v1/users', { headers: asTown(), body: { username: 'cs.inside', displayName: '本镇', role: 'community_staff', nodeCodes: [codes.village] } });
    expect(inside.statusCode, inside.body).toBe(201);
  });
});

describe('units', () => {
  it('creates, lists and edits units with the version read; audited', async () => {
    const created = await t.request('POST', '/api/v1/units', { as: 'admin', body: { code: 'JW-PARTNER-1', name: '贾汪区志愿者联合会', kind: 'partner', territoryNodeCode: null } });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ code: 'JW-PARTNER-1', kind: 'partner', territoryNode: null, version: 1 });
    const community = await t.request('POST', '/api/v1/units', { as: 'admin', body: { code: 'COMM-JZ', name: '江庄村村民委员会', kind: 'community', territoryNodeCode: codes.village } });
    expect(community.statusCode, community.body).toBe(201);
    expect(community.json().territoryNode.code).toBe(codes.village);
    const listed = (await t.request('GET', '/api/v1/units', { as: 'community' })).json().items;
    expect(listed.some((u: { code: string }) => u.code === 'JW-PARTNER-1')).toBe(true);

    const edited = await t.request('PATCH', `/api/v1/units/${unit.id}`, { as: 'admin', body: { version: 1, name: '贾汪区志愿服务联合会', territoryNodeCode: codes.town } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, territoryNode: { code: codes.town } });
    expect((await t.request('PATCH', `/api/v1/units/${unit.id}`, { as: 'admin', body: { version: 1, name: '过期' } })).statusCode).toBe(409);
    const audit = await auditOf(unit.id);
    expect(audit.map((r) => r.action)).toEqual(['unit.create', 'unit.update']);
    expect(audit[1]!.data).toMatchObject({ fields: ['name', 'territoryNodeId'] });
  });

  it('names the field of every mistake', async () => {
    const cases: Array<[Record<string, unknown>, string, number]> = [
      [{ code: 'bad code', name: '某单位', kind: 'department' }, 'code', 400],
      [{ code: 'JW-CG', name: '重复', kind: 'department' }, 'code', 409],
      [{ code: 'COMM-GRID', name: '某社区', kind: 'community', territoryNodeCode: codes.grid }, 'territoryNodeCode', 400],
      [{ code: 'OFFICE-X', name: '某办公室', kind: 'office', territoryNodeCode: '99999999' }, 'territoryNodeCode', 400],
      [{ code: 'KIND-X', name: '某单位', kind: 'ministry' }, 'kind', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await t.request('POST', '/api/v1/units', { as: 'admin', body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(problemFields(res), JSON.stringify(body)).toContain(field);
    }
  });

  it('a town administrator manages only the units of the town (404 for a county department)', async () => {
    const { oneTimePassword } = (await createUser({ username: 'admin.units', role: 'admin', nodeCodes: [codes.town] })).json();
    const token = await signInFirstTime('admin.units', oneTimePassword, 'Units-Admin-Pass-9');
    const headers = { authorization: `Bearer ${token}` };
    const department = units.find((u) => u.code === 'JW-CG')!;
    const res = await t.request('PATCH', `/api/v1/units/${department.id}`, { headers, body: { version: 1, name: '越权' } });
    expect(res.statusCode).toBe(404);
    const office = units.find((u) => u.territoryNode?.code === codes.town)!;
    const own = await t.request('PATCH', `/api/v1/units/${office.id}`, { headers, body: { version: 1, shortName: '江庄镇中心' } });
    expect(own.statusCode, own.body).toBe(200);
    const countyWide = await t.request('POST', '/api/v1/units', { headers, body: { code: 'JW-NEW', name: '新部门', kind: 'department', territoryNodeCode: null } });
    expect(countyWide.statusCode).toBe(400);
    expect(problemFields(countyWide)).toEqual(['territoryNodeCode']);
  });
});

describe('demo accounts', () => {
  it('still sign in with the demo password', async () => {
    for (const username of ['admin', 'community', 'community2', 'grid-worker']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: demoPassword } });
      expect(res.statusCode, username).toBe(200);
      expect(res.json().user.mustChangePassword).toBe(false);
    }
  });
});
