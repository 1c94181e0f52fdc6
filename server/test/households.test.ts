import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';
import { gridCodeOf, otherVillageGridCode, validId } from './household-helpers.js';

let t: TestApp;
let grid1: string;
let created: { id: string; version: number; members: Array<{ id: string }> };
const phone = '13951220001';
const idNumber = validId('32030519450101123');

beforeAll(async () => {
  t = await createTestApp();
  grid1 = gridCodeOf(t, '江庄村第一网格');
});
afterAll(async () => t?.close());

describe('household registry', () => {
  it('the demo seed holds sealed households in 江庄村 with tags', async () => {
    const [row] = await t.rows(sql`select count(*)::int as n, count(*) filter (where cardinality(tags) > 0)::int as tagged from households`);
    expect(Number(row!.n)).toBeGreaterThan(200);
    expect(Number(row!.tagged)).toBeGreaterThan(20);
    const [m] = await t.rows(sql`select name_encrypted, phone_encrypted from household_members where phone_encrypted is not null limit 1`);
    expect(String(m!.name_encrypted)).toMatch(/^k\d+\./);
    expect(String(m!.phone_encrypted)).toMatch(/^k\d+\./);
  });

  it('adds a household by hand, members sealed at rest and masked in answers, audited without personal data', async () => {
    const res = await t.request('POST', '/api/v1/households', {
      as: 'community',
      body: { gridCode: grid1, address: '手工录入路9号', tags: ['elderly_alone'], members: [{ name: '欧阳独居', phone, idNumber, relation: 'head', tags: ['elderly_alone'] }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    created = res.json();
    expect(created).toMatchObject({ address: '手工录入路9号', memberCount: 1, grid: { code: grid1 }, village: { name: '江庄村' }, version: 1 });
    expect(res.json().members[0]).toMatchObject({ name: '欧***', phone: '139****0001', idNumber: '320*************' + idNumber.slice(-2), relation: 'head', birthYear: 1945 });
    expect(res.body).not.toContain(phone);
    expect(res.body).not.toContain('欧阳独居');
    const stored = JSON.stringify(await t.rows(sql`select * from household_members where household_id = ${created.id}`));
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain(idNumber);
    expect(stored).not.toContain('欧阳独居');
    const [audit] = await t.rows(sql`select data from audit_log where action = 'household.create' and entity_id = ${created.id}`);
    expect(JSON.stringify(audit!.data)).not.toContain(phone);
  });

  it('refuses the same dwelling twice (409) and a grid outside the territory (400)', async () => {
    const dup = await t.request('POST', '/api/v1/households', { as: 'center', body: { gridCode: grid1, address: ' 手工录入路９号 ', members: [] } });
    expect(dup.statusCode, dup.body).toBe(409);
    const outside = await t.request('POST', '/api/v1/households', { as: 'community', body: { gridCode: otherVillageGridCode(t), address: '外村1号' } });
    expect(outside.statusCode).toBe(400);
    expect(outside.headers['content-type']).toContain('application/problem+json');
  });

  it('lists in scope with masked heads; filters by tag, address text and phone (through the keyed hash)', async () => {
    const byPhone = await t.request('GET', `/api/v1/households?phone=${phone}`, { as: 'grid-worker' });
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.json().items.map((h: { id: string }) => h.id)).toEqual([created.id]);
    expect(byPhone.json().items[0].head).toEqual({ name: '欧***', phone: '139****0001' });
    expect(byPhone.body).not.toContain(phone);
    const tagged = (await t.request('GET', `/api/v1/households?tag=elderly_alone&pageSize=200`, { as: 'community' })).json();
    expect(tagged.items.every((h: { tags: string[] }) => h.tags.includes('elderly_alone'))).toBe(true);
    expect(tagged.items.some((h: { id: string }) => h.id === created.id)).toBe(true);
    const text = (await t.request('GET', `/api/v1/households?q=${encodeURIComponent('手工录入')}`, { as: 'community' })).json();
    expect(text.total).toBe(1);
    // A name is not searchable text: personal data is never matched in clear.
    expect((await t.request('GET', `/api/v1/households?q=${encodeURIComponent('欧阳')}`, { as: 'community' })).json().total).toBe(0);
  });

  it('scope: another village sees nothing (list empty of ours, detail 404); a grid worker only their grid', async () => {
    expect((await t.request('GET', `/api/v1/households/${created.id}`, { as: 'community2' })).statusCode).toBe(404);
    const theirs = (await t.request('GET', `/api/v1/households?pageSize=200`, { as: 'community2' })).json();
    expect(theirs.items.some((h: { id: string }) => h.id === created.id)).toBe(false);
    const gw = (await t.request('GET', `/api/v1/households?pageSize=200`, { as: 'grid-worker' })).json();
    expect(gw.items.every((h: { grid: { code: string } }) => h.grid.code === grid1)).toBe(true);
    expect((await t.request('PATCH', `/api/v1/households/${created.id}`, { as: 'community2', body: { version: 1, tags: [] } })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/households/${created.id}`, { as: 'department' })).statusCode).toBe(403);
  });

  it('edits with a version check; members not re-sent keep their sealed values', async () => {
    const edit = await t.request('PATCH', `/api/v1/households/${created.id}`, {
      as: 'grid-worker',
      body: { version: 1, room: '101', tags: ['elderly_alone', 'key_attention'], members: [{ id: created.members[0]!.id, relation: 'head', tags: [] }, { name: '欧阳女儿', relation: 'child', tags: [] }] },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ version: 2, room: '101', memberCount: 2 });
    expect(edit.json().members[0]).toMatchObject({ phone: '139****0001', name: '欧***' });
    const stale = await t.request('PATCH', `/api/v1/households/${created.id}`, { as: 'grid-worker', body: { version: 1, room: '102' } });
    expect(stale.statusCode).toBe(409);
    const bad = await t.request('PATCH', `/api/v1/households/${created.id}`, { as: 'grid-worker', body: { version: 2, members: [{ name: '某', idNumber: validId('32030519450101123').slice(0, 17) + 'Y', relation: 'head' }] } });
    expect(bad.statusCode).toBe(400);
  });

  it('places the household on the map only inside its grid', async () => {
    const inside = pointInGrid(t);
    const other = pointInGrid(t, t.ctx.grids.current.grids.find((g) => g.gridKind === 'basic' && g.code !== grid1 && g.ancestors[0]!.name === '江庄村')!.name);
    const out = await t.request('PUT', `/api/v1/households/${created.id}/location`, { as: 'grid-worker', body: { version: 2, lat: other.lat, lng: other.lng } });
    expect(out.statusCode, out.body).toBe(400);
    expect(out.body).toContain('江庄村第一网格');
    const ok = await t.request('PUT', `/api/v1/households/${created.id}/location`, { as: 'grid-worker', body: { version: 2, lat: inside.lat, lng: inside.lng } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ lat: inside.lat, lng: inside.lng, version: 3 });
  });

  it('reveals a member with a reason for pii:read only, logged', async () => {
    const memberId = created.members[0]!.id;
    const denied = await t.request('POST', `/api/v1/households/${created.id}/members/${memberId}/reveal`, { as: 'grid-worker', body: { reason: '上门走访核实' } });
    expect(denied.statusCode).toBe(403);
    const noReason = await t.request('POST', `/api/v1/households/${created.id}/members/${memberId}/reveal`, { as: 'community', body: {} });
    expect(noReason.statusCode).toBe(422);
    const res = await t.request('POST', `/api/v1/households/${created.id}/members/${memberId}/reveal`, { as: 'community', body: { reason: '上门走访核实联系方式' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '欧阳独居', phone, idNumber });
    const [log] = await t.rows(sql`select subject_type, fields from pii_reveals where subject_id = ${memberId}`);
    expect(log).toMatchObject({ subject_type: 'household_member' });
  });

  it('erasure by phone finds household members and empties their sealed values', async () => {
    const res = await t.request('POST', '/api/v1/privacy/erasures', { as: 'admin', body: { phone, reason: '本人申请删除个人信息' } });
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json().tables.find((x: { table: string }) => x.table === 'household_members');
    expect(table).toMatchObject({ rows: 1, references: ['手工录入路9号'] });
    const detail = (await t.request('GET', `/api/v1/households/${created.id}`, { as: 'community' })).json();
    expect(detail.members[0]).toMatchObject({ name: null, phone: null, idNumber: null, erased: true });
  });

  it('deactivates a household that moved away; it leaves the default list', async () => {
    const current = (await t.request('GET', `/api/v1/households/${created.id}`, { as: 'community' })).json();
    const res = await t.request('POST', `/api/v1/households/${created.id}/deactivate`, { as: 'community', body: { version: current.version, reason: '已搬离' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().isActive).toBe(false);
    expect((await t.request('GET', `/api/v1/households?q=${encodeURIComponent('手工录入')}`, { as: 'community' })).json().total).toBe(0);
    expect((await t.request('GET', `/api/v1/households?active=all&q=${encodeURIComponent('手工录入')}`, { as: 'community' })).json().total).toBe(1);
    const actions = (await t.rows(sql`select action from audit_log where entity_id = ${created.id} order by id`)).map((r) => r.action);
    expect(actions).toEqual(['household.create', 'household.update', 'household.place', 'household.deactivate']);
  });
});
