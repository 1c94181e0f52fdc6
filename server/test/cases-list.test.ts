import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
type Item = { id: string; number: string; channel: string; createdAt: string; status: string; colour: string; level: string; isOverdue: boolean; territory: { code: string }; category: { code: string } | null; assignee: { kind: string; id: string } | null; description: string };

async function list(as: string, query: string): Promise<{ items: Item[]; nextCursor: string | null; total: number }> {
  const res = await t.request('GET', `/api/v1/cases?${query}`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('case list', () => {
  it('has demo cases in every state', async () => {
    const { items } = await list('leader', 'limit=200');
    const statuses = new Set(items.map((i) => i.status));
    for (const status of ['reported', 'accepted', 'rejected', 'merged', 'dispatched', 'returned', 'in_progress', 'handled', 'rework', 'closed']) {
      expect(statuses, status).toContain(status);
    }
  });

  it('pages with a keyset cursor, newest first, without repeats or gaps', async () => {
    const all = (await list('leader', 'limit=200')).items.map((i) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list('leader', `limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('filters by status, colour, level, category, territory, assignee, overdue and text', async () => {
    const everything = (await list('leader', 'limit=200')).items;
    const byStatus = (await list('leader', 'status=closed,handled&limit=200')).items;
    expect(byStatus.length).toBe(everything.filter((i) => ['closed', 'handled'].includes(i.status)).length);
    const red = (await list('leader', 'colour=red&limit=200')).items;
    expect(red.every((i) => i.colour === 'red')).toBe(true);
    const department = (await list('leader', 'level=department&limit=200')).items;
    expect(department.every((i) => i.level === 'department')).toBe(true);
    const group = everything.find((i) => i.category)!.category!.code.slice(0, 2);
    const byGroup = (await list('leader', `category=${group}&limit=200`)).items;
    expect(byGroup.length).toBeGreaterThan(0);
    expect(byGroup.every((i) => i.category?.code.startsWith(group))).toBe(true);
    const inJiangzhuang = (await list('leader', 'territory=320305107205&limit=200')).items;
    expect(inJiangzhuang.length).toBeGreaterThan(0);
    expect(inJiangzhuang.every((i) => i.territory.code.startsWith('320305107205'))).toBe(true);
    const overdue = (await list('leader', 'overdue=true&limit=200')).items;
    expect(overdue.every((i) => i.isOverdue)).toBe(true);
    const notOverdue = (await list('leader', 'overdue=false&limit=200')).items;
    expect(notOverdue.every((i) => !i.isOverdue)).toBe(true);
    expect(overdue.length + notOverdue.length).toBe(everything.length);
    const text = (await list('leader', `q=${encodeURIComponent('路灯')}&limit=200`)).items;
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((i) => i.description.includes('路灯'))).toBe(true);
    const unassigned = (await list('leader', 'assignee=none&limit=200')).items;
    expect(unassigned.every((i) => i.assignee === null)).toBe(true);
  });

  it('says how many cases match across all pages, within the caller\'s scope', async () => {
    const all = (await list('leader', 'limit=200')).items;
    const first = await list('leader', 'limit=5');
    expect(first.total).toBe(all.length);
    const second = await list('leader', `limit=5&cursor=${first.nextCursor}`);
    expect(second.total).toBe(all.length);
    const closed = await list('leader', 'status=closed&limit=2');
    expect(closed.total).toBe(all.filter((i) => i.status === 'closed').length);
    // The community's scope is its village: fewer cases than the county's leader sees.
    const village = await list('community', 'limit=200');
    expect(village.total).toBe(village.items.length);
    expect(village.total).toBeLessThan(all.length);
  });

  it('filters by channel and by the day reported (Asia/Shanghai, both ends included)', async () => {
    const all = (await list('leader', 'limit=200')).items;
    const channel = all[0]!.channel;
    const byChannel = await list('leader', `channel=${channel}&limit=200`);
    expect(byChannel.total).toBe(all.filter((i) => i.channel === channel).length);
    expect(byChannel.items.every((i) => i.channel === channel)).toBe(true);
    // The day of a case as its number says (the number carries the Shanghai date of intake).
    const day = (n: string) => `${n.slice(7, 11)}-${n.slice(11, 13)}-${n.slice(13, 15)}`;
    const someDay = day(all[Math.floor(all.length / 2)]!.number);
    const onThatDay = await list('leader', `from=${someDay}&to=${someDay}&limit=200`);
    expect(onThatDay.total).toBe(all.filter((i) => day(i.number) === someDay).length);
    expect(onThatDay.total).toBeGreaterThan(0);
    const since = await list('leader', `from=${someDay}&limit=200`);
    expect(since.total).toBe(all.filter((i) => day(i.number) >= someDay).length);
  });

  it('"assignee=me" is the grid worker\'s own queue', async () => {
    const mine = (await list('grid-worker', 'assignee=me&limit=200')).items;
    expect(mine.length).toBeGreaterThan(0);
    const me = (await t.request('GET', '/api/v1/auth/me', { as: 'grid-worker' })).json();
    expect(mine.every((i) => i.assignee && (i.assignee.id === me.id || i.assignee.id === me.nodes[0].id))).toBe(true);
  });

  it('rejects bad filters with 400 naming the query field', async () => {
    for (const [query, field] of [
      ['status=lost', 'query.status'],
      ['colour=blue', 'query.colour'],
      ['limit=0', 'query.limit'],
      ['overdue=maybe', 'query.overdue'],
      ['assignee=bob', 'query.assignee'],
      ['cursor=bm90LWEtdXVpZA', 'query.cursor'],
      ['channel=pigeon', 'query.channel'],
      ['from=2026-13-01', 'query.from'],
      ['from=2026-12-07&to=2026-12-01', 'query.from'],
    ]) {
      const res = await t.request('GET', `/api/v1/cases?${query}`, { as: 'leader' });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].field, query).toMatch(new RegExp(`^${field!.replace('.', '\\.')}`));
    }
    expect((await t.request('GET', '/api/v1/cases?territory=999999', { as: 'leader' })).statusCode).toBe(404);
  });
});
