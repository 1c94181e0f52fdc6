import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from './test-app.js';
import { loadDemoDirectory } from '../src/seed/demo-staff.js';
import { prepareDemoHistory, seedDemoHistory, type DemoHistoryReport } from '../src/seed/demo-history.js';
import { readReferenceCategories } from '../src/seed/reference-files.js';
import type { AppContext } from '../src/platform/context.js';

/** The generated year of closed cases (demo-history.ts), seeded into a copy of the demo database. */
describe('demo history', () => {
  let t: TestApp;
  let report: DemoHistoryReport;
  let now: Date;
  let first: Awaited<ReturnType<typeof prepareDemoHistory>>;
  let second: Awaited<ReturnType<typeof prepareDemoHistory>>;
  const history = sql`(select id from cases where id not in (select entity_id::uuid from audit_log where action = 'case.create'))`;

  beforeAll(async () => {
    t = await createTestApp();
    now = t.ctx.clock.now();
    const staff = await loadDemoDirectory(t.ctx.db);
    first = await prepareDemoHistory(t.ctx, staff, now);
    second = await prepareDemoHistory(t.ctx, staff, now);
    report = await t.ctx.db.transaction((tx) => seedDemoHistory({ ...t.ctx, db: tx } as AppContext, staff, now));
  }, 120_000);
  afterAll(async () => t?.close());

  it('is deterministic for a seed and a now', () => {
    expect(first.cases.map((c) => [c.number, c.description, c.categoryCode, c.gridId])).toEqual(second.cases.map((c) => [c.number, c.description, c.categoryCode, c.gridId]));
    expect(first.events.map((e) => [e.id, e.action, (e.createdAt as Date).getTime()])).toEqual(second.events.map((e) => [e.id, e.action, (e.createdAt as Date).getTime()]));
  });

  it('writes about 3,000 cases with one audit row for the step', async () => {
    expect(report.cases).toBe(3000);
    const [count] = await t.rows(sql`select count(*)::int as n from cases where id in ${history}`);
    expect(count!['n']).toBe(3000);
    const audit = await t.rows(sql`select data from audit_log where action = 'seed.demo-history'`);
    expect(audit).toHaveLength(1);
    expect((audit[0]!['data'] as { cases: number }).cases).toBe(3000);
  });

  it('the audit trail lists the seed step', async () => {
    const res = await t.request('GET', '/api/v1/audit?limit=50', { as: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ action: string }>;
    expect(items.some((i) => i.action === 'seed.demo-history')).toBe(true);
  });

  it('every case is closed or rejected, inside the last year and before the quiet margin, with no pending timer', async () => {
    const statuses = await t.rows(sql`select status, count(*)::int as n from cases where id in ${history} group by 1`);
    expect(statuses.map((r) => r['status']).sort()).toEqual(['closed', 'rejected']);
    const [span] = await t.rows(sql`select min(created_at) as lo, max(updated_at) as hi from cases where id in ${history}`);
    expect(new Date(span!['lo'] as string).getTime()).toBeGreaterThan(now.getTime() - 367 * 86_400_000);
    expect(new Date(span!['hi'] as string).getTime()).toBeLessThan(now.getTime() - 86_400_000);
    const [timers] = await t.rows(sql`select count(*)::int as n from case_timers where case_id in ${history}`);
    expect(timers!['n']).toBe(0);
    const [rejected] = await t.rows(sql`select count(*)::int as n from cases where id in ${history} and status = 'rejected'`);
    expect(rejected!['n']).toBeGreaterThan(10);
    expect(rejected!['n']).toBeLessThan(150);
  });

  it('numbers are well formed, unique, dated by the report day, and the day sequences continue after them', async () => {
    const bad = await t.rows(sql`select number from cases where id in ${history} and (
      number !~ '^320305-[0-9]{8}-[0-9]{4}$' or substring(number from 8 for 8) <> to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMMDD'))`);
    expect(bad).toEqual([]);
    const [dupes] = await t.rows(sql`select count(*)::int as n from (select number from cases group by 1 having count(*) > 1) d`);
    expect(dupes!['n']).toBe(0);
    const [busiest] = await t.rows(sql`select substring(number from 8 for 8) as day, max(substring(number from 17)::int) as serial
      from cases where id in ${history} group by 1 order by 2 desc limit 1`);
    const sequence = `case_serial_320305_${busiest!['day'] as string}`;
    const [seq] = await t.rows(sql.raw(`select last_value::int as v from ${sequence}`));
    expect(seq!['v']).toBeGreaterThanOrEqual(busiest!['serial'] as number);
  });

  it('events run in time order from create to the final state, and the columns agree with them', async () => {
    const rows = await t.rows(sql`
      select c.id, c.status, c.created_at, c.accepted_at, c.responded_at, c.handled_at, c.closed_at, c.updated_at, c.version,
        c.rework_count, c.reopen_count, c.escalation_count, c.extension_count, c.extension_hours, c.has_left_grid, c.level,
        c.handler_id, c.assignee_kind,
        json_agg(json_build_object('action', e.action, 'from', e.from_status, 'to', e.to_status, 'at', e.created_at, 'actor', e.actor_id, 'data', e.data) order by e.id) as events
      from cases c join case_events e on e.case_id = c.id where c.id in ${history} group by c.id`);
    expect(rows).toHaveLength(3000);
    const problems: string[] = [];
    for (const r of rows) {
      const events = r['events'] as Array<{ action: string; from: string | null; to: string | null; at: string; actor: string | null; data: Record<string, unknown> }>;
      const fail = (why: string) => problems.push(`${r['id'] as string}: ${why}`);
      if (events[0]!.action !== 'create' || events[0]!.to !== 'reported') fail('first event is not create');
      let status = 'reported';
      let prev = 0;
      for (const e of events.slice(1)) {
        const at = new Date(e.at).getTime();
        if (at < prev) fail(`${e.action} before the previous event`);
        prev = at;
        if (e.from !== status) fail(`${e.action} from ${e.from} but the case was ${status}`);
        if (e.to) status = e.to;
      }
      if (status !== r['status']) fail(`last state ${status}, column ${r['status'] as string}`);
      const last = new Date(events[events.length - 1]!.at).getTime();
      if (new Date(r['updated_at'] as string).getTime() !== last) fail('updated_at is not the last event');
      const count = (action: string) => events.filter((e) => e.action === action).length;
      const changes = events.filter((e) => e.action !== 'create' && e.action !== 'auto-close').length;
      if (r['version'] !== 1 + changes) fail(`version ${r['version'] as number}, ${changes} changes`);
      if (r['status'] === 'rejected') {
        if (r['accepted_at'] !== null || r['closed_at'] !== null) fail('rejected yet accepted or closed');
        continue;
      }
      const at = (action: string, nth: 'first' | 'last' = 'last') => {
        const list = events.filter((e) => e.action === action || (action === 'close' && (e.action === 'auto-close' || (e.action === 'rate' && e.to === 'closed'))));
        const e = nth === 'first' ? list[0] : list[list.length - 1];
        return e ? new Date(e.at).getTime() : null;
      };
      if (new Date(r['accepted_at'] as string).getTime() !== at('accept', 'first')) fail('accepted_at is not the accept');
      if (r['responded_at'] === null || new Date(r['responded_at'] as string).getTime() !== at('accept', 'first')) fail('responded_at');
      if (new Date(r['handled_at'] as string).getTime() !== at('handle')) fail('handled_at is not the last handle');
      if (new Date(r['closed_at'] as string).getTime() !== at('close')) fail('closed_at is not the last closing');
      const reworks = count('rework') + events.filter((e) => e.action === 'rate' && e.data['outcome'] === 'reworked').length;
      const reopens = count('reopen') + events.filter((e) => e.action === 'rate' && e.data['outcome'] === 'reopened').length;
      if (r['rework_count'] !== reworks) fail('rework_count');
      if (r['reopen_count'] !== reopens) fail('reopen_count');
      if (r['escalation_count'] !== count('escalate')) fail('escalation_count');
      if (r['extension_count'] !== count('approve-extension')) fail('extension_count');
      const hours = events.filter((e) => e.action === 'approve-extension').reduce((s, e) => s + (e.data['hours'] as number), 0);
      if (r['extension_hours'] !== hours) fail('extension_hours');
      const handler = events.filter((e) => e.action === 'handle').pop()!.actor;
      if (r['handler_id'] !== handler) fail('handler_id is not who handled last');
      if (r['level'] !== 'grid' && !r['has_left_grid']) fail('left the grid but has_left_grid is false');
      if (r['assignee_kind'] === null) fail('closed without an assignee');
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('ratings match their events, are ≈96 % satisfied, and only rated cases with a reporter', async () => {
    const [orphans] = await t.rows(sql`select count(*)::int as n from case_ratings r join cases c on c.id = r.case_id
      where c.id in ${history} and (c.reporter_id is null or not exists (
        select 1 from case_events e where e.case_id = r.case_id and e.action = 'rate' and e.data->>'ratingId' = r.id::text and e.data->>'rating' = r.rating))`);
    expect(orphans!['n']).toBe(0);
    const [split] = await t.rows(sql`select count(*)::int as n, count(*) filter (where rating <> 'dissatisfied')::int as ok
      from case_ratings where case_id in ${history}`);
    expect(split!['n']).toBeGreaterThan(800);
    const share = (split!['ok'] as number) / (split!['n'] as number);
    expect(share).toBeGreaterThan(0.93);
    expect(share).toBeLessThan(0.995);
    const [rounds] = await t.rows(sql`select count(*)::int as n from (select case_id, round from case_ratings group by 1, 2 having count(*) > 1) d`);
    expect(rounds!['n']).toBe(0);
  });

  it('covers every 小类 with varied texts, channels and some rework, escalation, extension and overdue work', async () => {
    const codes = readReferenceCategories().groups.flatMap((g) => g.categories.map((c) => c.code));
    const present = await t.rows(sql`select distinct category_code as code from cases where id in ${history}`);
    expect(present.map((r) => r['code']).sort()).toEqual([...codes].sort());
    const [distinct] = await t.rows(sql`select count(distinct description)::int as n from cases where id in ${history}`);
    expect(distinct!['n']).toBeGreaterThanOrEqual(1500);
    const channels = await t.rows(sql`select distinct channel from cases where id in ${history}`);
    expect(channels.length).toBeGreaterThanOrEqual(6);
    const [mix] = await t.rows(sql`select
      count(*) filter (where rework_count > 0)::int as rework, count(*) filter (where escalation_count > 0)::int as escalated,
      count(*) filter (where extension_count > 0)::int as extended, count(*) filter (where reopen_count > 0)::int as reopened,
      count(*) filter (where handled_at > resolve_by)::int as overdue, count(*) filter (where status = 'closed')::int as closed
      from cases where id in ${history}`);
    for (const key of ['rework', 'escalated', 'extended', 'reopened']) expect(mix![key] as number, key).toBeGreaterThan(5);
    const overdueShare = (mix!['overdue'] as number) / (mix!['closed'] as number);
    expect(overdueShare).toBeGreaterThan(0.02);
    expect(overdueShare).toBeLessThan(0.2);
  });

  it('seals reporters like intake and an intake today still gets a fresh number', async () => {
    const [plain] = await t.rows(sql`select count(*)::int as n from reporters r join cases c on c.reporter_id = r.id
      where c.id in ${history} and (r.name_encrypted !~ '^k[0-9]+\\.' and r.name_encrypted is not null or r.phone_encrypted !~ '^k[0-9]+\\.' and r.phone_encrypted is not null)`);
    expect(plain!['n']).toBe(0);
    const res = await t.request('POST', '/api/v1/cases', {
      body: { channel: 'resident_app', description: '小区门口路灯不亮', demandType: 'complaint', categoryCode: '0105', location: { lat: 34.41, lng: 117.47, crs: 'wgs84' }, isAnonymous: true },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
