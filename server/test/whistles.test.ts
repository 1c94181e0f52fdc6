import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { timerHandlers } from '../src/app.js';
import { sweepCaseTimers } from '../src/modules/case-timers/case-timers.sweep.js';
import { workingCalendar } from '../src/modules/calendar/working-calendar.js';
import { shanghaiDate } from '../src/platform/shanghai-time.js';
import { createTestApp, type TestApp } from './test-app.js';
import { act, actOk, getCase, gridId, reportCase } from './factories.js';

let t: TestApp;
let clock: ManualClock;
/** 10:00 Shanghai on the next Wednesday after the seed that is a working day (case numbers only grow). */
async function nextWorkingWednesdayAt10(): Promise<Date> {
  const calendar = await workingCalendar(t.ctx.db);
  const day = new Date(Date.now() + 86_400_000);
  for (;;) {
    const date = shanghaiDate(day);
    if (new Date(`${date}T12:00:00+08:00`).getUTCDay() === 3 && calendar.isWorkingDay(date)) return new Date(`${date}T10:00:00+08:00`);
    day.setTime(day.getTime() + 86_400_000);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  clock = new ManualClock(await nextWorkingWednesdayAt10());
  t.ctx.clock = clock;
});
afterAll(async () => t.close());

const actions = (detail: { allowedActions: Array<{ action: string }> }) => detail.allowedActions.map((a) => a.action);

/** A case in 江庄村第一网格 being worked on by the grid worker. */
async function caseInProgress(categoryCode = '0105') {
  const created = await reportCase(t, { categoryCode });
  await actOk(t, 'community', created.id, 'accept');
  await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
  return actOk(t, 'grid-worker', created.id, 'take');
}

async function loop(as: string, id: string) {
  const res = await t.request('GET', `/api/v1/cases/${id}/loop`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function staffId(username: string): Promise<string> {
  const [row] = await t.rows(sql`select id from staff where username = ${username}`);
  return row!.id as string;
}

describe('whistle and report (吹哨报到)', () => {
  it('a routine whistle summons the village committee and its cadre; close waits until every party reports completion', async () => {
    const c = await caseInProgress();
    const whistleAction = c.allowedActions.find((a: { action: string }) => a.action === 'whistle');
    expect(whistleAction.input.find((f: { name: string }) => f.name === 'grade')).toMatchObject({ type: 'choice', required: true });
    expect(whistleAction.input.find((f: { name: string }) => f.name === 'grade').options.map((o: { value: string }) => o.value)).toEqual(['routine', 'raised', 'emergency']);

    const blown = await actOk(t, 'grid-worker', c.id, 'whistle', { grade: 'routine', reason: '路灯线路老化，需村委和包村干部协调电力公司' });
    expect(blown.status).toBe('in_progress');
    expect(blown.timeline.at(-1)).toMatchObject({ action: 'whistle', fromStatus: 'in_progress', toStatus: null });

    const view = await loop('grid-worker', c.id);
    expect(view.whistles).toHaveLength(1);
    const parties = view.whistles[0].parties;
    expect(parties.map((p: { kind: string }) => p.kind)).toContain('node');
    expect(parties.find((p: { kind: string }) => p.kind === 'node')).toMatchObject({ name: '江庄村', state: 'waiting' });
    const cadreId = await staffId('cadre');
    expect(parties.some((p: { kind: string; partyId: string }) => p.kind === 'user' && p.partyId === cadreId)).toBe(true);
    // 4 working hours from 10:00 on a working Wednesday: 16:00 the same day.
    expect(new Date(view.whistles[0].parties[0].checkInBy).getTime() - clock.now().getTime()).toBe(6 * 3_600_000);
    // One check-in timer per party, and the summoned were told.
    const timers = await t.rows(sql`select ref_id from case_timers where case_id = ${c.id} and kind = 'whistle.checkin' and fired_at is null`);
    expect(timers).toHaveLength(parties.length);
    const told = await t.rows(sql`select type, recipients from notification_events where case_id = ${c.id} and type = 'case.whistle'`);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.recipients)).toContain(cadreId);
    // The audit row of the action, in the same transaction.
    expect(await t.rows(sql`select 1 from audit_log where entity_id = ${c.id} and action = 'case.whistle'`)).toHaveLength(1);

    // The grid worker is not summoned: 403.
    expect((await act(t, 'grid-worker', c.id, 'check-in')).statusCode).toBe(403);
    expect(actions((await getCase(t, 'community', c.id)).json())).toContain('check-in');
    const checkedIn = await actOk(t, 'community', c.id, 'check-in', { note: '村委已到场' });
    expect(actions(checkedIn)).not.toContain('check-in');
    expect(actions(checkedIn)).toContain('report-progress');
    expect((await act(t, 'community', c.id, 'check-in')).statusCode).toBe(403);
    // The check-in cancels that party's timer.
    expect(await t.rows(sql`select 1 from case_timers where case_id = ${c.id} and kind = 'whistle.checkin' and fired_at is null`)).toHaveLength(parties.length - 1);

    await actOk(t, 'cadre', c.id, 'report-progress', { note: '已联系供电所，明日更换线路', completed: true });
    await actOk(t, 'community', c.id, 'report-progress', { note: '已协调施工时间', completed: false });
    await actOk(t, 'grid-worker', c.id, 'handle', { result: '供电所已更换线路，路灯恢复' });

    const blocked = await act(t, 'community', c.id, 'close');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toContain('江庄村');
    expect(actions((await getCase(t, 'community', c.id)).json())).not.toContain('close');

    await actOk(t, 'community', c.id, 'report-progress', { note: '村委负责部分已完成', completed: true });
    const closed = await actOk(t, 'community', c.id, 'close', { note: '现场核查通过' });
    expect(closed.status).toBe('closed');
    const done = await loop('community', c.id);
    expect(done.whistles[0].parties.every((p: { state: string }) => p.state === 'completed')).toBe(true);
  });

  it('a raised whistle summons the town office and the named department, who then see the case outside their territory', async () => {
    const c = await caseInProgress();
    const [dept] = await t.rows(sql`select id from units where code = 'JW-CG'`);
    // The department cannot see a village case before it is summoned.
    expect((await getCase(t, 'department', c.id)).statusCode).toBe(404);
    expect((await act(t, 'grid-worker', c.id, 'whistle', { grade: 'raised', reason: '需城管部门联合执法', departments: [dept!.id] })).statusCode).toBe(403);
    await actOk(t, 'center', c.id, 'whistle', { grade: 'raised', reason: '需城管部门联合执法', departments: [dept!.id] });
    const seen = await getCase(t, 'department', c.id);
    expect(seen.statusCode).toBe(200);
    expect(actions(seen.json())).toEqual(['check-in', 'report-progress']);
    await actOk(t, 'department', c.id, 'check-in');
    const view = await loop('department', c.id);
    expect(view.whistles[0].parties.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining([expect.stringContaining('城市管理')]));
    expect(view.whistles[0].parties.find((p: { isMine: boolean }) => p.isMine).state).toBe('checkedIn');
    // Another community (out of scope, not summoned) still gets 404.
    expect((await t.request('GET', `/api/v1/cases/${c.id}/loop`, { as: 'community2' })).statusCode).toBe(404);
    // A department must be a department.
    const [office] = await t.rows(sql`select id from units where kind = 'office' limit 1`);
    expect((await act(t, 'center', c.id, 'whistle', { grade: 'raised', reason: '再次吹哨', departments: [office!.id] })).statusCode).toBe(400);
  });

  it('only the center blows the emergency whistle by default; the settings change who may', async () => {
    const c = await caseInProgress();
    expect((await act(t, 'community', c.id, 'whistle', { grade: 'emergency', reason: '燃气泄漏，需紧急处置' })).statusCode).toBe(403);
    const settings = (await t.request('GET', '/api/v1/whistle-settings', { as: 'community' })).json();
    const routine = settings.grades.find((g: { grade: string }) => g.grade === 'routine');
    expect(routine).toMatchObject({ windowMinutes: 240, clock: 'working_hours', version: 0, customised: false });
    expect((await t.request('PUT', '/api/v1/whistle-settings/routine', { as: 'community', body: { roles: ['community_staff'], windowMinutes: 120, clock: 'working_hours', version: 0 } })).statusCode).toBe(403);
    const saved = await t.request('PUT', '/api/v1/whistle-settings/routine', { as: 'admin', body: { roles: ['community_staff', 'center_operator'], windowMinutes: 120, clock: 'working_hours', version: 0 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().grades.find((g: { grade: string }) => g.grade === 'routine')).toMatchObject({ windowMinutes: 120, version: 1, customised: true });
    const stale = await t.request('PUT', '/api/v1/whistle-settings/routine', { as: 'admin', body: { roles: ['grid_worker'], windowMinutes: 240, clock: 'working_hours', version: 0 } });
    expect(stale.statusCode).toBe(409);
    expect((await act(t, 'grid-worker', c.id, 'whistle', { grade: 'routine', reason: '需要村委协调' })).statusCode).toBe(403);
    expect(actions((await getCase(t, 'grid-worker', c.id)).json())).not.toContain('whistle');
    // Back to the defaults for the other tests.
    await t.request('PUT', '/api/v1/whistle-settings/routine', { as: 'admin', body: { roles: ['grid_worker', 'cadre', 'community_staff', 'center_operator'], windowMinutes: 240, clock: 'working_hours', version: 1 } });
  });

  it('a missed check-in is marked overdue and urged by the timer handler, exactly once', async () => {
    const c = await caseInProgress();
    await actOk(t, 'center', c.id, 'whistle', { grade: 'emergency', reason: '燃气泄漏，需紧急处置' });
    const view = await loop('center', c.id);
    const party = view.whistles[0].parties[0];
    // Continuous 30 minutes.
    expect(new Date(party.checkInBy).getTime() - clock.now().getTime()).toBe(30 * 60_000);
    const later = new ManualClock(new Date(clock.now().getTime() + 31 * 60_000));
    await sweepCaseTimers({ ...t.ctx, clock: later }, timerHandlers);
    await sweepCaseTimers({ ...t.ctx, clock: later }, timerHandlers);
    const [row] = await t.rows(sql`select overdue_at from whistle_parties where id = ${party.id}`);
    expect(row!.overdue_at).not.toBeNull();
    const urged = await t.rows(sql`select data from notification_events where case_id = ${c.id} and type = 'case.checkin-overdue'`);
    expect(urged).toHaveLength(view.whistles[0].parties.length);
    // One supervision notice (督办单) per missed check-in, and the system's audit row.
    expect(await t.rows(sql`select number from supervision_notices where case_id = ${c.id} and kind = 'checkin_overdue'`)).toHaveLength(view.whistles[0].parties.length);
    expect(await t.rows(sql`select 1 from audit_log where entity_id = ${c.id} and action = 'whistle.checkin-overdue'`)).toHaveLength(view.whistles[0].parties.length);
    t.ctx.clock = later;
    expect((await loop('center', c.id)).whistles[0].parties[0].state).toBe('overdue');
    t.ctx.clock = clock;
  });

  it('leaders and centers urge; the assignee is told at once; the urges are listed', async () => {
    const c = await caseInProgress();
    expect((await act(t, 'grid-worker', c.id, 'urge', { note: '请加快' })).statusCode).toBe(403);
    await actOk(t, 'leader', c.id, 'urge', { note: '群众反映强烈，请今天内处理' });
    await actOk(t, 'center', c.id, 'urge', { note: '请尽快反馈' });
    const told = await t.rows(sql`select recipients from notification_events where case_id = ${c.id} and type = 'case.urged'`);
    expect(told).toHaveLength(2);
    expect(told[0]!.recipients).toEqual([{ kind: 'assignee' }]);
    const view = await loop('grid-worker', c.id);
    expect(view.urgeCount).toBe(2);
    expect(view.urges[0]).toMatchObject({ note: '群众反映强烈，请今天内处理', by: { name: expect.stringContaining('张伟') } });
    // The note stays out of the audit row.
    const audit = await t.rows(sql`select data from audit_log where entity_id = ${c.id} and action = 'case.urge'`);
    expect(JSON.stringify(audit)).not.toContain('群众反映强烈');
  });
});
