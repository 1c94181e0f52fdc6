import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, type CaseRow } from '../src/modules/cases/cases.tables.js';
import { activeAssignments } from '../src/modules/assignments/assignments.queries.js';
import { supervisionRecipients } from '../src/modules/assignments/ladder.js';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
let base: CaseRow;
const id: Record<string, string> = {};
type Place = { id: string; code: string; path: string };
const node = {} as Record<'village' | 'grid' | 'town' | 'sparse' | 'sparseGrid', Place>;
const at = new Date('2026-11-23T02:00:00Z');

async function staffId(username: string) {
  return String((await t.rows(sql`select id from staff where username = ${username}`))[0]!.id);
}

/** A case row placed at `place`, held by `assignee` (the ladder reads only placement and assignee). */
function caseAt(place: { id: string; path: string }, grid: string | null, assignee: Partial<CaseRow>, level: CaseRow['level'] = 'grid'): CaseRow {
  return { ...base, territoryNodeId: place.id, territoryPath: place.path, gridId: grid, basicGridId: grid, level, assigneeKind: null, assigneeNodeId: null, assigneeUnitId: null, assigneeUserId: null, ...assignee };
}

beforeAll(async () => {
  t = await createTestApp();
  base = (await t.ctx.db.select().from(cases).limit(1))[0]!;
  const one = async (q: ReturnType<typeof sql>) => (await t.rows(q))[0] as Place;
  node.village = await one(sql`select id, code, path from territory_nodes where name = '江庄村' order by code limit 1`);
  node.grid = await one(sql`select id, code, path from territory_nodes where parent_id = ${node.village.id} and grid_kind = 'basic' order by code limit 1`);
  node.town = await one(sql`select t.id, t.code, t.path from territory_nodes t join territory_nodes v on v.parent_id = t.id where v.id = ${node.village.id}`);
  node.sparse = await one(sql`select v.id, v.code, v.path from territory_nodes v join territory_nodes tw on tw.id = v.parent_id where tw.name = '紫庄镇' and v.level = 'village' order by v.code desc limit 1`);
  node.sparseGrid = await one(sql`select id, code, path from territory_nodes where parent_id = ${node.sparse.id} and grid_kind = 'basic' order by code limit 1`);
  for (const u of ['community', 'cadre', 'center', 'grid-worker', `tl-${node.town.code}`, `cs-${node.sparse.code}`]) id[u] = await staffId(u);
  const [sparseTown] = await t.rows(sql`select code from territory_nodes where path = ${node.sparse.path.split('/').slice(0, 3).join('/') + '/'}`);
  id.sparseCenter = await staffId(`cc-${sparseTown!.code}`);
});
afterAll(async () => t.close());

describe('supervisionRecipients: one step up the village ladder', () => {
  it('grid (node or grid worker) → village_member; village → town_cadre; town → town_leader', async () => {
    expect(await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, { assigneeKind: 'node', assigneeNodeId: node.grid.id }), at)).toEqual({ staffIds: [id.community], via: 'assignment' });
    expect(await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, { assigneeKind: 'user', assigneeUserId: id['grid-worker']! }), at)).toEqual({ staffIds: [id.community], via: 'assignment' });
    expect(await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, { assigneeKind: 'node', assigneeNodeId: node.village.id }, 'village'), at)).toEqual({ staffIds: [id.cadre], via: 'assignment' });
    expect(await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, { assigneeKind: 'node', assigneeNodeId: node.town.id }, 'town'), at)).toEqual({ staffIds: [id[`tl-${node.town.code}`]], via: 'assignment' });
  });

  it('a cadre holding the case climbs from their own tier in the village (town_cadre → town_leader)', async () => {
    const res = await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, { assigneeKind: 'user', assigneeUserId: id.cadre! }), at);
    expect(res).toEqual({ staffIds: [id[`tl-${node.town.code}`]], via: 'assignment' });
  });

  it('a case without assignee climbs from its level', async () => {
    expect((await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, {}), at)).staffIds).toEqual([id.community]);
  });

  it('falls back to territory when the village has nobody in that tier', async () => {
    // The seed leaves this village of 紫庄镇 without village member or town cadre.
    const held = await activeAssignments(t.ctx.db, { nodeIds: [node.sparse.id, node.sparseGrid.id], on: '2026-11-23' });
    expect(held.map((a) => a.tier)).toEqual(['town_leader']);
    expect(await supervisionRecipients(t.ctx.db, caseAt(node.sparseGrid, node.sparseGrid.id, { assigneeKind: 'node', assigneeNodeId: node.sparseGrid.id }), at)).toEqual({ staffIds: [id[`cs-${node.sparse.code}`]], via: 'territory' });
    expect(await supervisionRecipients(t.ctx.db, caseAt(node.sparseGrid, node.sparseGrid.id, { assigneeKind: 'node', assigneeNodeId: node.sparse.id }, 'village'), at)).toEqual({ staffIds: [id.sparseCenter], via: 'territory' });
  });

  it('ended assignments and deactivated accounts no longer count', async () => {
    await t.rows(sql`update assignments set ends_on = '2026-11-01' where staff_id = ${id.community} and node_id = ${node.village.id}`);
    const res = await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, { assigneeKind: 'node', assigneeNodeId: node.grid.id }), at);
    expect(res.via).toBe('territory');
    expect(res.staffIds).toContain(id.community);
    await t.rows(sql`update staff set is_active = false where id = ${id.community}`);
    const next = await supervisionRecipients(t.ctx.db, caseAt(node.grid, node.grid.id, { assigneeKind: 'node', assigneeNodeId: node.grid.id }), at);
    expect(next.via).toBe('territory');
    expect(next.staffIds).not.toContain(id.community);
    await t.rows(sql`update staff set is_active = true where id = ${id.community}`);
    await t.rows(sql`update assignments set ends_on = null where staff_id = ${id.community} and node_id = ${node.village.id}`);
  });
});

describe('GET /api/v1/assignments/ladder', () => {
  it('shows who holds each tier of a village, with the grid\'s own contacts', async () => {
    const res = await t.request('GET', `/api/v1/assignments/ladder?node=${node.grid.code}`, { as: 'grid-worker' });
    expect(res.statusCode, res.body).toBe(200);
    const ladder = res.json();
    expect(ladder.village.code).toBe(node.village.code);
    expect(ladder.steps.map((s: { tier: string }) => s.tier)).toEqual(['village_member', 'town_cadre', 'town_leader']);
    expect(ladder.steps[0].staff.map((s: { username: string }) => s.username)).toEqual(['community']);
    expect(ladder.steps[1].staff.map((s: { username: string }) => s.username)).toEqual(['cadre']);
    expect(ladder.steps.every((s: { fallback: unknown }) => s.fallback === null)).toBe(true);
  });

  it('names the territory fallback of an empty tier, and 404s outside the caller\'s nodes', async () => {
    const ladder = (await t.request('GET', `/api/v1/assignments/ladder?node=${node.sparse.code}`, { as: 'admin' })).json();
    expect(ladder.steps[0]).toMatchObject({ staff: [], fallback: { role: 'community_staff' } });
    expect(ladder.steps[1]).toMatchObject({ staff: [], fallback: { role: 'center_operator' } });
    expect(ladder.steps[2].fallback).toBeNull();
    expect((await t.request('GET', `/api/v1/assignments/ladder?node=${node.sparse.code}`, { as: 'community' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/assignments/ladder?node=${node.town.code}`, { as: 'admin' })).statusCode).toBe(404);
  });
});
