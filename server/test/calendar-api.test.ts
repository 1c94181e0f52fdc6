import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { calendarStatus } from '../src/modules/calendar/calendar.service.js';
import { workingCalendar } from '../src/modules/calendar/working-calendar.js';
import { createTestApp, type TestApp } from './test-app.js';
import { cases } from '../src/modules/cases/cases.tables.js';
import { eq } from 'drizzle-orm';
import { expectIso, Pinned, setPolicy, sh, silenceDemoTimers } from './deadline-fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await silenceDemoTimers(t);
});
afterAll(async () => t?.close());

const holidayRows = async () => t.rows(sql`select date, kind, name_zh, source from holidays order by date`);
const auditCount = async (action: string) => Number((await t.rows(sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!['n']);

describe('calendar status (coverage warning)', () => {
  it('warns on 2026-11-22 that 2027 has no data, and is quiet in June', async () => {
    const late = await calendarStatus({ ...t.ctx, clock: new ManualClock(sh('2026-11-22T09:00:00')) });
    expect(late.coveredUntil).toBe('2026-12-31');
    expect(late.warning?.zh).toContain('2027');
    expect((await calendarStatus({ ...t.ctx, clock: new ManualClock(sh('2026-06-01T09:00:00')) })).warning).toBeNull();
  });
  it('answers every signed-in staff member over HTTP, and nobody else', async () => {
    const res = await t.request('GET', '/api/v1/calendar/status', { as: 'grid-worker' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ yearsWithData: [2024, 2025, 2026] });
    expect((await t.request('GET', '/api/v1/calendar/status')).statusCode).toBe(401);
  });
});

describe('listing and editing days', () => {
  it('lists a year from the reference data', async () => {
    const res = await t.request('GET', '/api/v1/calendar/days?year=2026', { as: 'leader' });
    expect(res.statusCode).toBe(200);
    const days = res.json().days as Array<{ date: string; kind: string; nameZh: string; source: string }>;
    expect(days.find((d) => d.date === '2026-10-01')).toMatchObject({ kind: 'holiday', nameZh: '国庆节', source: 'reference' });
    expect(days.find((d) => d.date === '2026-10-10')).toMatchObject({ kind: 'workday', source: 'reference' });
    expect((await t.request('GET', '/api/v1/calendar/days?year=2030', { as: 'leader' })).json()).toMatchObject({ hasData: false, days: [] });
  });

  it('sets and clears a day with an audit row each; the deadline calendar follows at once', async () => {
    expect((await workingCalendar(t.ctx.db)).isWorkingDay('2026-12-24')).toBe(true);
    const set = await t.request('PUT', '/api/v1/calendar/days/2026-12-24', { as: 'admin', body: { kind: 'holiday', nameZh: '县庆', nameEn: 'County day' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ date: '2026-12-24', kind: 'holiday', source: 'manual' });
    expect((await workingCalendar(t.ctx.db)).isWorkingDay('2026-12-24')).toBe(false);
    expect(await auditCount('holiday.set')).toBe(1);
    expect((await t.request('DELETE', '/api/v1/calendar/days/2026-12-24', { as: 'admin' })).statusCode).toBe(204);
    expect((await workingCalendar(t.ctx.db)).isWorkingDay('2026-12-24')).toBe(true);
    expect(await auditCount('holiday.clear')).toBe(1);
    expect((await t.request('DELETE', '/api/v1/calendar/days/2026-12-24', { as: 'admin' })).statusCode).toBe(404);
  });

  it('refuses others (403), impossible dates and kinds (400)', async () => {
    expect((await t.request('PUT', '/api/v1/calendar/days/2026-12-24', { as: 'center', body: { kind: 'holiday', nameZh: '县庆' } })).statusCode).toBe(403);
    const bad = await t.request('PUT', '/api/v1/calendar/days/2026-02-30', { as: 'admin', body: { kind: 'holiday', nameZh: '不存在' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await t.request('PUT', '/api/v1/calendar/days/2026-12-24', { as: 'admin', body: { kind: 'day-off', nameZh: '县庆' } })).statusCode).toBe(400);
  });
});

describe('CSV import and export', () => {
  const good2027 = [
    '\uFEFFdate,kind,name,name_en',
    '2027-01-01,holiday,元旦,New Year',
    '2027-02-06,holiday,春节,Spring Festival',
    '2027-02-07,holiday,春节,Spring Festival',
    '2027-02-08,holiday,春节,Spring Festival',
    '2027-02-20,workday,春节调休上班,Make-up day',
  ].join('\r\n');

  it('a file with bad lines changes nothing and names every bad line', async () => {
    const before = await holidayRows();
    const audits = await auditCount('holiday.import');
    const csv = ['date,kind,name', '2027-01-01,holiday,元旦', '2027-02-30,holiday,春节', '2027-02-08,off,春节', '2027-02-09,holiday,', '2027-01-01,holiday,元旦', '2027-02-10,workday,周三不能调休', '2027-02-11,holiday,春节'].join('\n');
    const res = await t.request('POST', '/api/v1/calendar/import', { as: 'admin', body: { csv } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const lines = res.json().lines as Array<{ line: number; message: { zh: string; en: string } }>;
    expect(lines.map((l) => l.line)).toEqual([3, 4, 5, 6, 7]);
    expect(lines[0]!.message.zh).toContain('2027-02-30');
    expect(lines[3]!.message.zh).toContain('第 2 行');
    expect(res.json().detail).toContain('5');
    expect(await holidayRows()).toEqual(before);
    expect(await auditCount('holiday.import')).toBe(audits);
  });

  it('a dry run reports without writing; a good file (BOM, CRLF) replaces its year and clears the warning', async () => {
    const before = await holidayRows();
    const dry = await t.request('POST', '/api/v1/calendar/import', { as: 'admin', body: { csv: good2027, dryRun: true } });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, years: [2027], holidays: 4, workdays: 1, removed: 0 });
    expect(await holidayRows()).toEqual(before);

    const res = await t.request('POST', '/api/v1/calendar/import', { as: 'admin', body: { csv: good2027 } });
    expect(res.statusCode, res.body).toBe(200);
    const calendar = await workingCalendar(t.ctx.db);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // a Monday in 春节
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true); // a make-up Saturday
    const status = await calendarStatus({ ...t.ctx, clock: new ManualClock(sh('2026-11-22T09:00:00')) });
    expect(status).toMatchObject({ coveredUntil: '2027-12-31', warning: null });
    expect(await auditCount('holiday.import')).toBe(1);

    // Importing 2027 again without 2027-02-20 removes that row: the file is the year.
    const again = await t.request('POST', '/api/v1/calendar/import', { as: 'admin', body: { csv: good2027.split('\r\n').slice(0, -1).join('\n') } });
    expect(again.json()).toMatchObject({ years: [2027], removed: 1 });
    expect((await workingCalendar(t.ctx.db)).isWorkingDay('2027-02-20')).toBe(false);
  });

  it('exports CSV with a BOM that imports back unchanged', async () => {
    const res = await t.request('GET', '/api/v1/calendar/export?year=2026', { as: 'grid-worker' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFFdate,kind,name,name_en')).toBe(true);
    expect(res.body).toContain('2026-10-01,holiday,国庆节,National Day');
    const dry = await t.request('POST', '/api/v1/calendar/import', { as: 'admin', body: { csv: res.body, dryRun: true } });
    expect(dry.json()).toMatchObject({ years: [2026], removed: 0 });
  });

  it('refuses the import to anyone without calendar:edit', async () => {
    expect((await t.request('POST', '/api/v1/calendar/import', { as: 'leader', body: { csv: good2027 } })).statusCode).toBe(403);
  });
});

describe('deadlines use the calendar and the policies', () => {
  it('a case accepted just before 国庆 on a working-hours policy is due after the holiday', async () => {
    await setPolicy(t, { resolveMinutes: 8 * 60, clock: 'working_hours', autoEscalate: false });
    const p = new Pinned(t, sh('2026-09-30T17:20:00'));
    const id = await p.report();
    const [reported] = await t.ctx.db.select().from(cases).where(eq(cases.id, id));
    expectIso(reported!.respondBy, '2026-09-30T17:35:00'); // respond: 15 min on the continuous clock
    p.at('2026-09-30T17:30:00');
    await p.act('community', id, 'accept');
    const [accepted] = await t.ctx.db.select().from(cases).where(eq(cases.id, id));
    expectIso(accepted!.resolveBy!, '2026-10-08T17:30:00');
  });

  it('a working-days policy counts the make-up Saturday; a long-term pause resumes with the working time left', async () => {
    await setPolicy(t, { resolveMinutes: 2 * 24 * 60, clock: 'working_days', autoEscalate: false });
    const p = new Pinned(t, sh('2026-10-08T10:00:00'));
    const id = await p.report();
    await p.act('community', id, 'accept');
    const [accepted] = await t.ctx.db.select().from(cases).where(eq(cases.id, id));
    expectIso(accepted!.resolveBy!, '2026-10-10T10:00:00'); // Oct 9 (Fri), Oct 10 (make-up Saturday)

    await p.act('community', id, 'dispatch', { target: { kind: 'grid', id: (await t.rows(sql`select id from territory_nodes where name = '江庄村第一网格'`))[0]!['id'] } });
    await p.act('grid-worker', id, 'take');
    p.at('2026-10-09T10:00:00'); // one working day left (Fri 10:00 → Sat 10:00)
    await p.act('grid-worker', id, 'long-term', { reason: '需等待专项资金下达', reviewDate: '2026-10-12' });
    const [paused] = await t.ctx.db.select().from(cases).where(eq(cases.id, id));
    // Resumes Monday Oct 12 00:00 with 24 h of working days left → end of Monday.
    expectIso(paused!.resolveBy!, '2026-10-13T00:00:00');
  });

  it('the policy precedence: a category policy beats a colour policy beats a level policy', async () => {
    const resolve = async (q: string) => (await t.request('GET', `/api/v1/deadline-policies/resolve?${q}`, { as: 'grid-worker' })).json();
    expect(await resolve('categoryCode=0105&colour=green&level=grid')).toMatchObject({ clock: 'working_days', source: { kind: 'policy' } });
    // 0101 has no policy of its own: its category limits apply while it is green at grid level…
    expect(await resolve('categoryCode=0101&colour=green&level=grid')).toMatchObject({ respondMinutes: 15, resolveMinutes: 72 * 60, source: { kind: 'category', categoryCode: '0101' } });
    // …escalated to town, the seeded level rule (24 h to respond); red, the colour rule (continuous).
    expect(await resolve('categoryCode=0101&colour=green&level=town')).toMatchObject({ respondMinutes: 1440, source: { kind: 'policy', policyId: '0190f000-0000-7000-8000-00000000d005' } });
    expect(await resolve('categoryCode=0101&colour=red&level=town')).toMatchObject({ respondMinutes: 15, clock: 'continuous', source: { kind: 'policy', policyId: '0190f000-0000-7000-8000-00000000d003' } });
  });
});

describe('deadline policy CRUD', () => {
  const body = { categoryCode: '0101', colour: 'red', level: null, respondMinutes: 10, resolveMinutes: 120, clock: 'continuous', autoEscalate: true, warnFraction: 0.75 };

  it('creates, edits with a version (409 when stale), refuses duplicates and bad limits, deletes; audit rows throughout', async () => {
    const created = await t.request('POST', '/api/v1/deadline-policies', { as: 'admin', body });
    expect(created.statusCode, created.body).toBe(201);
    const policy = created.json();
    expect(policy).toMatchObject({ specificity: 6, version: 1, warnFraction: 0.75 });
    expect((await t.request('GET', '/api/v1/deadline-policies/resolve?categoryCode=0101&colour=red&level=town', { as: 'leader' })).json()).toMatchObject({ resolveMinutes: 120, autoEscalate: true, warnFraction: 0.75 });

    expect((await t.request('POST', '/api/v1/deadline-policies', { as: 'admin', body })).statusCode).toBe(409);
    for (const bad of [{ respondMinutes: 0 }, { warnFraction: 1 }, { warnFraction: 0 }, { resolveMinutes: -5 }, { clock: 'lunar' }]) {
      const res = await t.request('POST', '/api/v1/deadline-policies', { as: 'admin', body: { ...body, level: 'grid', ...bad } });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await t.request('POST', '/api/v1/deadline-policies', { as: 'admin', body: { ...body, categoryCode: '9999' } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/v1/deadline-policies', { as: 'center', body })).statusCode).toBe(403);

    const edited = await t.request('PATCH', `/api/v1/deadline-policies/${policy.id}`, { as: 'admin', body: { version: 1, resolveMinutes: 180 } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, resolveMinutes: 180 });
    expect((await t.request('PATCH', `/api/v1/deadline-policies/${policy.id}`, { as: 'admin', body: { version: 1, resolveMinutes: 200 } })).statusCode).toBe(409);
    expect((await t.request('DELETE', `/api/v1/deadline-policies/${policy.id}?version=1`, { as: 'admin' })).statusCode).toBe(409);
    expect((await t.request('DELETE', `/api/v1/deadline-policies/${policy.id}?version=2`, { as: 'admin' })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/deadline-policies/resolve?categoryCode=0101&colour=red&level=town', { as: 'leader' })).json().source.kind).toBe('policy');
    expect(await auditCount('deadline_policy.create')).toBe(1);
    expect(await auditCount('deadline_policy.update')).toBe(1);
    expect(await auditCount('deadline_policy.delete')).toBe(1);
  });

  it('lists the seeded rule, most specific first', async () => {
    const res = await t.request('GET', '/api/v1/deadline-policies', { as: 'department' });
    expect(res.statusCode).toBe(200);
    const list = res.json().policies as Array<{ specificity: number; colour: string | null; level: string | null }>;
    expect(list.map((p) => p.specificity)).toEqual([...list.map((p) => p.specificity)].sort((a, b) => b - a));
    expect(list.some((p) => p.colour === 'green' && p.level === 'grid')).toBe(true);
  });
});
