import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('categories', () => {
  const newCategory = {
    code: '0199',
    groupCode: '01',
    nameZh: '共享单车乱停放',
    nameEn: 'Badly parked shared bikes',
    colour: 'green',
    level: 'grid',
    respondMinutes: 15,
    resolveHours: 48,
    clock: 'working_hours',
    verification: 'on_site',
    defaultUnitCode: null,
  };

  it('lists the taxonomy to anyone, each category with its defaults', async () => {
    const res = await t.request('GET', '/api/v1/categories');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.demandTypes.map((d: { code: string }) => d.code)).toEqual(['inquiry', 'help', 'complaint', 'suggestion']);
    expect(body.groups.length).toBeGreaterThanOrEqual(12);
    for (const group of body.groups) {
      expect(group.categories.length).toBeGreaterThan(0);
      for (const c of group.categories) {
        expect(c.groupCode).toBe(group.code);
        expect(['red', 'yellow', 'green']).toContain(c.colour);
        expect(['grid', 'village', 'town', 'department']).toContain(c.level);
        expect(c.respondMinutes).toBeGreaterThan(0);
        expect(c.resolveHours).toBeGreaterThan(0);
        expect(['continuous', 'working_hours', 'working_days']).toContain(c.clock);
        expect(['on_site', 'reporter', 'none']).toContain(c.verification);
      }
    }
  });

  it('lets an admin add a category and edit it with its version', async () => {
    const created = await t.request('POST', '/api/v1/categories', { as: 'admin', body: newCategory });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...newCategory, isActive: true, version: 1 });

    const edited = await t.request('PATCH', '/api/v1/categories/0199', { as: 'admin', body: { version: 1, colour: 'yellow', level: 'village', respondMinutes: 1440 } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ colour: 'yellow', level: 'village', respondMinutes: 1440, resolveHours: 48, version: 2 });

    const stale = await t.request('PATCH', '/api/v1/categories/0199', { as: 'admin', body: { version: 1, colour: 'red' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');

    const listed = (await t.request('GET', '/api/v1/categories')).json();
    const group = listed.groups.find((g: { code: string }) => g.code === '01');
    expect(group.categories.find((c: { code: string }) => c.code === '0199')).toMatchObject({ colour: 'yellow', version: 2 });
  });

  it('answers 400 naming groupCode for an unknown group, 409 for a duplicate code', async () => {
    const unknownGroup = await t.request('POST', '/api/v1/categories', { as: 'admin', body: { ...newCategory, code: '9901', groupCode: '99' } });
    expect(unknownGroup.statusCode).toBe(400);
    expect(unknownGroup.json().errors.map((e: { field: string }) => e.field)).toEqual(['groupCode']);

    const duplicate = await t.request('POST', '/api/v1/categories', { as: 'admin', body: { ...newCategory, code: '0101' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('CONFLICT');
  });

  it('refuses non-admins (403) and anonymous callers (401)', async () => {
    const body = { ...newCategory, code: '0198' };
    const asCommunity = await t.request('POST', '/api/v1/categories', { as: 'community', body });
    expect(asCommunity.statusCode).toBe(403);
    const asLeaderEdit = await t.request('PATCH', '/api/v1/categories/0101', { as: 'leader', body: { version: 1, colour: 'red' } });
    expect(asLeaderEdit.statusCode).toBe(403);
    const anonymous = await t.request('POST', '/api/v1/categories', { body });
    expect(anonymous.statusCode).toBe(401);
    const groupAnonymous = await t.request('POST', '/api/v1/category-groups', { body: { code: '98', nameZh: '测试', nameEn: 'Test' } });
    expect(groupAnonymous.statusCode).toBe(401);
    const listed = (await t.request('GET', '/api/v1/categories?includeInactive=true')).json();
    const all = listed.groups.flatMap((g: { categories: Array<{ code: string }> }) => g.categories.map((c) => c.code));
    expect(all).not.toContain('0198');
    expect(listed.groups.find((g: { code: string }) => g.code === '01').categories.find((c: { code: string }) => c.code === '0101').colour).not.toBe('red');
  });

  it('hides an inactive category unless includeInactive=true', async () => {
    const current = (await t.request('GET', '/api/v1/categories')).json();
    const category = current.groups.flatMap((g: { categories: Array<{ code: string; version: number }> }) => g.categories).find((c: { code: string }) => c.code === '0102');
    const off = await t.request('PATCH', '/api/v1/categories/0102', { as: 'admin', body: { version: category.version, isActive: false } });
    expect(off.statusCode, off.body).toBe(200);

    const codes = (query: string) =>
      t
        .request('GET', `/api/v1/categories${query}`)
        .then((r) => r.json().groups.flatMap((g: { categories: Array<{ code: string }> }) => g.categories.map((c) => c.code)) as string[]);
    expect(await codes('')).not.toContain('0102');
    expect(await codes('?includeInactive=true')).toContain('0102');
    expect(await codes('?includeInactive=false')).not.toContain('0102');
  });

  it('lets an admin add a category group (大类) and hides it when inactive', async () => {
    const created = await t.request('POST', '/api/v1/category-groups', { as: 'admin', body: { code: '97', nameZh: '测试大类', nameEn: 'Test group', sortOrder: 999 } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: '97', version: 1, isActive: true, categories: [] });
    const duplicate = await t.request('POST', '/api/v1/category-groups', { as: 'admin', body: { code: '97', nameZh: '测试大类', nameEn: 'Test group' } });
    expect(duplicate.statusCode).toBe(409);
    const off = await t.request('PATCH', '/api/v1/category-groups/97', { as: 'admin', body: { version: 1, isActive: false } });
    expect(off.statusCode).toBe(200);
    const stale = await t.request('PATCH', '/api/v1/category-groups/97', { as: 'admin', body: { version: 1, nameEn: 'Renamed' } });
    expect(stale.statusCode).toBe(409);
    const groups = async (query: string) => (await t.request('GET', `/api/v1/categories${query}`)).json().groups.map((g: { code: string }) => g.code);
    expect(await groups('')).not.toContain('97');
    expect(await groups('?includeInactive=true')).toContain('97');
  });
});
