import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
/** The demo county: 江庄镇 / 江庄村 (community, cadre) and its first grid; community2's village in another town. */
let p: { county: string; town: string; village: string; villageId: string; grid: string; otherVillage: string; sparseVillage: string };
const ids: Record<string, string> = {};

const problemFields = (res: { json(): { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);
const count = async (table: string) => Number((await t.rows(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  const one = async (q: ReturnType<typeof sql>) => (await t.rows(q))[0]!;
  const village = await one(sql`select id, code, path, parent_id from territory_nodes where name = '江庄村' order by code limit 1`);
  p = {
    county: String((await one(sql`select code from territory_nodes where level = 'county'`)).code),
    town: String((await one(sql`select code from territory_nodes where id = ${village.parent_id}`)).code),
    village: String(village.code),
    villageId: String(village.id),
    grid: String((await one(sql`select code from territory_nodes where parent_id = ${village.id} and grid_kind = 'basic' order by code limit 1`)).code),
    otherVillage: String((await one(sql`select n.code from staff s join staff_nodes sn on sn.staff_id = s.id join territory_nodes n on n.id = sn.node_id where s.username = 'community2'`)).code),
    sparseVillage: String((await one(sql`select v.code from territory_nodes v join territory_nodes tw on tw.id = v.parent_id where tw.name = '紫庄镇' and v.level = 'village' order by v.code desc limit 1`)).code),
  };
  for (const u of ['admin', 'center', 'cadre', 'community', 'community2', 'grid-worker', `tl-${p.town}`]) {
    ids[u] = String((await one(sql`select id from staff where username = ${u}`)).id);
  }
});
afterAll(async () => t.close());

describe('coverage report (包联覆盖) on the demo data', () => {
  it('counts villages with a cadre and grids with a contact, per town and for the county, and lists the gaps', async () => {
    const res = await t.request('GET', '/api/v1/assignments/coverage', { as: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    const [villages] = await t.rows(sql`select count(*)::int as n from territory_nodes where level = 'village'`);
    const [grids] = await t.rows(sql`select count(*)::int as n from territory_nodes where level = 'grid' and grid_kind = 'basic'`);
    expect(c.node.level).toBe('county');
    expect(c.totals.villages).toBe(villages!.n);
    expect(c.totals.grids).toBe(grids!.n);
    // The seed leaves two villages of 紫庄镇 without a cadre (and so their grids) and one grid of 江庄镇 without a contact.
    expect(c.villagesWithoutCadre.map((v: { townName: string }) => v.townName)).toEqual(['紫庄镇', '紫庄镇']);
    expect(c.totals.villagesCovered).toBe(c.totals.villages - 2);
    const [gapGrids] = await t.rows(sql`select count(*)::int as n from territory_nodes g where g.grid_kind = 'basic' and g.parent_id in
      (select id from territory_nodes where code in (${c.villagesWithoutCadre[0].code}, ${c.villagesWithoutCadre[1].code}))`);
    expect(c.gridsWithoutContact).toHaveLength(Number(gapGrids!.n) + 1);
    expect(c.totals.gridsCovered).toBe(c.totals.grids - c.gridsWithoutContact.length);
    const [cadres] = await t.rows(sql`select count(distinct staff_id)::int as n from assignments where ends_on is null`);
    expect(c.totals.cadres).toBe(cadres!.n);
    const sum = (k: string) => c.towns.reduce((s: number, row: Record<string, number>) => s + row[k]!, 0);
    for (const k of ['villages', 'villagesCovered', 'grids', 'gridsCovered', 'cadres']) expect(sum(k), k).toBe(c.totals[k]);
  });

  it('is scoped: a town center sees its town only, another town answers 404', async () => {
    const mine = (await t.request('GET', '/api/v1/assignments/coverage', { as: 'center' })).json();
    expect(mine.node.code).toBe(p.town);
    expect(mine.towns).toHaveLength(1);
    expect(mine.gridsWithoutContact).toHaveLength(1);
    expect((await t.request('GET', `/api/v1/assignments/coverage?node=${p.town}`, { as: 'community2' })).statusCode).toBe(404);
  });
});

describe('assignments API', () => {
  it('creates, refuses a duplicate, ends (kept as history) and writes audit rows', async () => {
    const body = { staffId: ids['grid-worker'], nodeCode: p.grid, tier: 'village_member', startsOn: '2026-01-01', note: '网格联系人' };
    const created = await t.request('POST', '/api/v1/assignments', { as: 'center', body });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ tier: 'village_member', state: 'active', node: { code: p.grid, villageName: '江庄村' }, staff: { username: 'grid-worker', phoneMasked: true } });
    expect(a.staff.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await t.request('POST', '/api/v1/assignments', { as: 'center', body: { ...body, startsOn: '2026-06-01' } })).statusCode).toBe(409);

    const ended = await t.request('POST', `/api/v1/assignments/${a.id}/end`, { as: 'center', body: { version: a.version, endsOn: '2026-03-31' } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ state: 'ended', endsOn: '2026-03-31' });
    expect((await t.request('POST', `/api/v1/assignments/${a.id}/end`, { as: 'center', body: { version: ended.json().version } })).statusCode).toBe(409);

    const current = (await t.request('GET', `/api/v1/assignments?node=${p.grid}&staff=${ids['grid-worker']}`, { as: 'center' })).json();
    expect(current.items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    const history = (await t.request('GET', `/api/v1/assignments?node=${p.grid}&staff=${ids['grid-worker']}&history=true`, { as: 'center' })).json();
    expect(history.items.map((i: { id: string }) => i.id)).toContain(a.id);
    const onDay = (await t.request('GET', `/api/v1/assignments?node=${p.grid}&on=2026-02-01&tier=village_member`, { as: 'community' })).json();
    expect(onDay.items.map((i: { id: string }) => i.id)).toContain(a.id);
    const actions = await t.rows(sql`select action from audit_log where entity_id = ${a.id} order by at`);
    expect(actions.map((r) => r.action)).toEqual(['assignment.create', 'assignment.end']);
    // A later period of the same person, place and tier is fine once the first has ended.
    expect((await t.request('POST', '/api/v1/assignments', { as: 'center', body: { ...body, startsOn: '2026-04-01' } })).statusCode).toBe(201);
  });

  it('edits dates and note with the version read; refuses stale versions and reversed dates', async () => {
    const a = (await t.request('POST', '/api/v1/assignments', { as: 'admin', body: { staffId: ids['community'], nodeCode: p.grid, tier: 'village_member', startsOn: '2026-05-01', endsOn: '2026-12-31' } })).json();
    const edited = await t.request('PATCH', `/api/v1/assignments/${a.id}`, { as: 'admin', body: { version: a.version, note: '分片调整', endsOn: null } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ note: '分片调整', endsOn: null, version: a.version + 1 });
    expect((await t.request('PATCH', `/api/v1/assignments/${a.id}`, { as: 'admin', body: { version: a.version, note: 'x' } })).statusCode).toBe(409);
    const reversed = await t.request('PATCH', `/api/v1/assignments/${a.id}`, { as: 'admin', body: { version: a.version + 1, endsOn: '2026-01-01' } });
    expect(reversed.statusCode).toBe(400);
    expect(problemFields(reversed)).toEqual(['endsOn']);
  });

  it('is scoped: out-of-scope places and assignments answer 404, changes need assignment:admin', async () => {
    const before = await count('assignments');
    const other = await t.request('POST', '/api/v1/assignments', { as: 'center', body: { staffId: ids['community2'], nodeCode: p.otherVillage, tier: 'village_member', startsOn: '2026-01-01' } });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const [seeded] = await t.rows(sql`select id from assignments where node_id = ${p.villageId} and tier = 'town_cadre' limit 1`);
    expect((await t.request('GET', `/api/v1/assignments/${seeded!.id}`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/assignments/${seeded!.id}`, { as: 'community' })).statusCode).toBe(200);
    expect((await t.request('POST', `/api/v1/assignments/${seeded!.id}/end`, { as: 'community', body: { version: 1 } })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/assignments?node=${p.village}`, { as: 'community2' })).json().total).toBe(0);
    expect(await count('assignments')).toBe(before);
  });

  it('assigns only people of the place\'s town (or county departments)', async () => {
    const res = await t.request('POST', '/api/v1/assignments', { as: 'admin', body: { staffId: ids['community2'], nodeCode: p.village, tier: 'village_member', startsOn: '2026-01-01' } });
    expect(res.statusCode).toBe(400);
    expect(problemFields(res)).toEqual(['staffId']);
    const [dept] = await t.rows(sql`select id from staff where username = 'department'`);
    expect((await t.request('POST', '/api/v1/assignments', { as: 'admin', body: { staffId: dept!.id, nodeCode: p.village, tier: 'town_cadre', startsOn: '2026-01-01' } })).statusCode).toBe(201);
    const town = await t.request('POST', '/api/v1/assignments', { as: 'admin', body: { staffId: ids['center'], nodeCode: p.town, tier: 'town_cadre', startsOn: '2026-01-01' } });
    expect(town.statusCode).toBe(404);
  });
});

describe('CSV import', () => {
  const header = 'username,node_code,tier,starts_on,ends_on,note';
  it('a file with bad lines changes nothing and names every bad line', async () => {
    const before = await count('assignments');
    const audit = await count('audit_log');
    const csv = [
      header,
      `cadre,${p.grid},village_member,2026-01-01,,好行`,
      `nobody-here,${p.grid},town_cadre,2026-01-01,,`,
      `cadre,${p.grid},村(社区)班子成员,2026-06-01,,与第 2 行重叠`,
      `cadre,${p.otherVillage},town_cadre,2026-01-01,,外镇`,
      `cadre,${p.grid},chief,2026-02-30,2026-01-01,`,
    ].join('\n');
    const res = await t.request('POST', '/api/v1/assignments/import', { as: 'center', body: { csv } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const lines = res.json().lines as Array<{ line: number; field: string }>;
    expect(lines.map((l) => `${l.line}:${l.field}`)).toEqual(['3:username', '4:starts_on', '5:node_code', '6:tier', '6:starts_on']);
    expect(await count('assignments')).toBe(before);
    expect(await count('audit_log')).toBe(audit);
  });

  it('a good file (codes or Chinese tier names) goes in whole, with one audit row; dry run writes nothing', async () => {
    const [g2] = await t.rows(sql`select code from territory_nodes where parent_id = ${p.villageId} and grid_kind = 'basic' order by code offset 1 limit 1`);
    const csv = `\uFEFF${header}\ncommunity,${p.grid},town_leader,2026-01-01,2026-12-31,\ncommunity,${g2!.code},村(社区)班子成员,2026-01-01,,\n`;
    const before = await count('assignments');
    const dry = await t.request('POST', '/api/v1/assignments/import', { as: 'center', body: { csv, dryRun: true } });
    expect(dry.json()).toEqual({ dryRun: true, rows: 2, created: 0 });
    expect(await count('assignments')).toBe(before);
    const res = await t.request('POST', '/api/v1/assignments/import', { as: 'center', body: { csv } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, rows: 2, created: 2 });
    expect(await count('assignments')).toBe(before + 2);
    expect(await t.rows(sql`select 1 from audit_log where action = 'assignment.import'`)).toHaveLength(1);
    // The same file again overlaps itself: refused whole.
    expect((await t.request('POST', '/api/v1/assignments/import', { as: 'center', body: { csv } })).statusCode).toBe(422);
  });
});

describe('staff profiles', () => {
  it('stores the phone sealed, shows it to admins and the person, masked to others, and keeps it out of the audit trail', async () => {
    const user = (await t.request('GET', `/api/v1/users/${ids['cadre']}`, { as: 'admin' })).json();
    const res = await t.request('PATCH', `/api/v1/users/${ids['cadre']}`, {
      as: 'admin',
      body: { version: user.version, phone: '+86 139-1234-5678', email: 'Zhao.Lei@example.com', title: '党委委员', duties: '包联江庄村' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ phone: '13912345678', phoneMasked: false, email: 'zhao.lei@example.com', title: '党委委员', duties: '包联江庄村' });
    const [stored] = await t.rows(sql`select phone_encrypted, phone_hash from staff where id = ${ids['cadre']}`);
    expect(String(stored!.phone_encrypted)).not.toContain('5678');
    expect(stored!.phone_hash).toBe(t.ctx.secrets.lookupHash('13912345678'));
    const [audit] = await t.rows(sql`select data::text as data from audit_log where action = 'user.update' and entity_id = ${ids['cadre']} order by at desc limit 1`);
    expect(audit!.data).toContain('phone');
    expect(audit!.data).not.toContain('5678');
    const seen = (await t.request('GET', `/api/v1/assignments?staff=${ids['cadre']}&limit=1`, { as: 'center' })).json().items[0].staff;
    expect(seen).toMatchObject({ phone: '139****5678', phoneMasked: true, title: '党委委员' });
    const own = (await t.request('GET', `/api/v1/assignments?staff=${ids['cadre']}&limit=1`, { as: 'cadre' })).json().items[0].staff;
    expect(own).toMatchObject({ phone: '13912345678', phoneMasked: false });
  });

  it('refuses a phone that is not a mainland mobile and a malformed email', async () => {
    const user = (await t.request('GET', `/api/v1/users/${ids['community']}`, { as: 'admin' })).json();
    const res = await t.request('PATCH', `/api/v1/users/${ids['community']}`, { as: 'admin', body: { version: user.version, phone: '0516-8888', email: 'not-an-email' } });
    expect(res.statusCode).toBe(400);
    expect(problemFields(res).sort()).toEqual(['email', 'phone']);
  });
});
