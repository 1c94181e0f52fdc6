import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutyOfficersAt } from '../src/modules/duty/duty-roster.js';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
let town: { id: string; code: string };
let otherTown: string;
const id: Record<string, string> = {};

/** A Monday far from the seeded weeks, so these tests own the whole week. */
const week = '2027-03-01';
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

beforeAll(async () => {
  t = await createTestApp();
  const [row] = await t.rows(sql`select t.id, t.code from territory_nodes t join territory_nodes v on v.parent_id = t.id where v.name = '江庄村' limit 1`);
  town = { id: String(row!.id), code: String(row!.code) };
  const [other] = await t.rows(sql`select t.code from staff s join staff_nodes sn on sn.staff_id = s.id join territory_nodes v on v.id = sn.node_id join territory_nodes t on t.id = v.parent_id where s.username = 'community2'`);
  otherTown = String(other!.code);
  // The town's own center operators (the demo has two: `center` and the generated one), sorted like the answer.
  id.centers = (await t.rows(sql`select s.id from staff s join staff_nodes sn on sn.staff_id = s.id where sn.node_id = ${town.id} and s.role = 'center_operator' order by s.id`)).map((r) => String(r.id)).join();
  for (const u of ['center', 'cadre', 'community', 'community2', `tl-${town.code}`]) {
    id[u] = String((await t.rows(sql`select id from staff where username = ${u}`))[0]!.id);
  }
});
afterAll(async () => t.close());

describe('dutyOfficersAt', () => {
  it('answers the rostered people of a seeded shift', async () => {
    const [shift] = await t.rows(sql`select staff_id, starts_at + (ends_at - starts_at) / 2 as mid from duty_shifts where town_node_id = ${town.id} and cancelled_at is null order by starts_at limit 1`);
    expect(await dutyOfficersAt(t.ctx.db, town.id, new Date(String(shift!.mid)))).toEqual([shift!.staff_id]);
  });

  it('falls back to the town center operators when nobody is rostered', async () => {
    const fallback = await dutyOfficersAt(t.ctx.db, town.id, new Date(at(week, '10:00')));
    expect(fallback).toContain(id.center);
    expect(fallback.join()).toBe(id.centers);
  });
});

describe('duty roster API', () => {
  it('adds a shift with an audit row and the person on duty changes; cancelling restores the fallback', async () => {
    const res = await t.request('POST', '/api/v1/duty-shifts', { as: 'center', body: { townCode: town.code, staffId: id.cadre, startsAt: at(week, '08:30'), endsAt: at(week, '17:30'), note: '白班' } });
    expect(res.statusCode, res.body).toBe(201);
    const shift = res.json();
    expect(shift).toMatchObject({ town: { code: town.code }, staff: { username: 'cadre' }, note: '白班', cancelledAt: null });
    expect(await dutyOfficersAt(t.ctx.db, town.id, new Date(at(week, '10:00')))).toEqual([id.cadre]);
    const onDuty = (await t.request('GET', `/api/v1/duty-shifts/on-duty?town=${town.code}&at=${encodeURIComponent(at(week, '10:00'))}`, { as: 'community' })).json();
    expect(onDuty).toMatchObject({ via: 'roster', staff: [{ username: 'cadre' }] });
    expect(await t.rows(sql`select 1 from audit_log where action = 'duty.create' and entity_id = ${shift.id}`)).toHaveLength(1);

    const cancelled = await t.request('DELETE', `/api/v1/duty-shifts/${shift.id}`, { as: 'center' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancelledAt).not.toBeNull();
    expect((await dutyOfficersAt(t.ctx.db, town.id, new Date(at(week, '10:00')))).join()).toBe(id.centers);
    const list = (await t.request('GET', `/api/v1/duty-shifts?town=${town.code}&from=${week}&to=2027-03-07`, { as: 'center' })).json();
    expect(list.items).toHaveLength(0);
    const withCancelled = (await t.request('GET', `/api/v1/duty-shifts?town=${town.code}&from=${week}&to=2027-03-07&cancelled=true`, { as: 'center' })).json();
    expect(withCancelled.items).toHaveLength(1);
  });

  it('refuses reversed times, people of another town, overlaps and long shifts', async () => {
    const post = (body: Record<string, unknown>) => t.request('POST', '/api/v1/duty-shifts', { as: 'center', body: { townCode: town.code, staffId: id.community, ...body } });
    const reversed = await post({ startsAt: at('2027-03-02', '18:00'), endsAt: at('2027-03-02', '08:00') });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('endsAt');
    expect((await post({ startsAt: at('2027-03-02', '08:00'), endsAt: at('2027-03-05', '08:00') })).statusCode).toBe(400);
    const stranger = await post({ staffId: id.community2, startsAt: at('2027-03-02', '08:00'), endsAt: at('2027-03-02', '18:00') });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe('staffId');
    expect((await post({ startsAt: at('2027-03-02', '17:30'), endsAt: at('2027-03-03', '08:30') })).statusCode).toBe(201);
    expect((await post({ startsAt: at('2027-03-03', '08:00'), endsAt: at('2027-03-03', '12:00') })).statusCode).toBe(409);
    // Back to back is not an overlap.
    expect((await post({ startsAt: at('2027-03-03', '08:30'), endsAt: at('2027-03-03', '12:00') })).statusCode).toBe(201);
  });

  it('is scoped: another town answers 404, and changes need duty:admin', async () => {
    expect((await t.request('GET', `/api/v1/duty-shifts?town=${town.code}&from=${week}&to=2027-03-07`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('POST', '/api/v1/duty-shifts', { as: 'center', body: { townCode: otherTown, staffId: id.center, startsAt: at(week, '08:00'), endsAt: at(week, '09:00') } })).statusCode).toBe(404);
    expect((await t.request('POST', '/api/v1/duty-shifts', { as: 'community', body: { townCode: town.code, staffId: id.community, startsAt: at(week, '08:00'), endsAt: at(week, '09:00') } })).statusCode).toBe(403);
    const [seeded] = await t.rows(sql`select id from duty_shifts where town_node_id = ${town.id} and cancelled_at is null limit 1`);
    expect((await t.request('DELETE', `/api/v1/duty-shifts/${seeded!.id}`, { as: 'community2' })).statusCode).toBe(403);
    const [otherCenter] = await t.rows(sql`select s.username from staff s join staff_nodes sn on sn.staff_id = s.id join territory_nodes n on n.id = sn.node_id where s.role = 'center_operator' and n.code = ${otherTown}`);
    expect((await t.request('DELETE', `/api/v1/duty-shifts/${seeded!.id}`, { as: String(otherCenter!.username) })).statusCode).toBe(404);
  });

  it('copies a week; copying again adds nothing', async () => {
    const [monday] = await t.rows(sql`select to_char((min(starts_at) at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as d from duty_shifts where town_node_id = ${town.id}`);
    const source = await t.rows(sql`select 1 from duty_shifts where town_node_id = ${town.id} and cancelled_at is null
      and starts_at >= ${String(monday!.d)}::date::timestamp at time zone 'Asia/Shanghai' and starts_at < (${String(monday!.d)}::date + 7)::timestamp at time zone 'Asia/Shanghai'`);
    const body = { townCode: town.code, fromWeek: String(monday!.d), toWeek: '2027-04-05' };
    const first = await t.request('POST', '/api/v1/duty-shifts/copy-week', { as: 'center', body });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: source.length, skipped: 0 });
    expect((await t.request('POST', '/api/v1/duty-shifts/copy-week', { as: 'center', body })).json()).toEqual({ created: 0, skipped: source.length });
    expect((await t.request('POST', '/api/v1/duty-shifts/copy-week', { as: 'center', body: { ...body, toWeek: '2027-04-06' } })).statusCode).toBe(400);
  });
});
