import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSmsGateway } from '../src/platform/sms.js';
import { createTestApp, type TestApp } from './test-app.js';
import { act, actOk, getCase, gridId, reportCase } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Report → accept → dispatch to the grid → take → handle, as the lifecycle test does. */
async function handledCase(categoryCode = '0105', reporter = { name: '王秀英', phone: '13800010137' }) {
  const created = await reportCase(t, { categoryCode, reporter });
  await actOk(t, 'community', created.id, 'accept');
  await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
  await actOk(t, 'grid-worker', created.id, 'take');
  await actOk(t, 'grid-worker', created.id, 'handle', { result: '已处理完毕，现场恢复' });
  return created as { id: string; number: string; trackingCode: string };
}

async function closedCase() {
  const c = await handledCase();
  await actOk(t, 'community', c.id, 'close', { note: '现场核查通过' });
  return c;
}

const rate = (c: { number: string }, code: string, rating: string, comment?: string) =>
  t.request('POST', `/api/v1/track/${c.number}/rating`, { body: { code, rating, ...(comment ? { comment } : {}) } });

describe('the reporter rates the result (满意 / 基本满意 / 不满意)', () => {
  it('from the tracking page with number + code: a wrong code is 404, a second rating of the same closing 409', async () => {
    const c = await closedCase();
    const before = (await t.request('GET', `/api/v1/track/${c.number}?code=${c.trackingCode}`)).json();
    expect(before.rating).toEqual({ canRate: true, confirmsClosing: false, last: null });
    expect((await rate(c, 'WRONGCOD', 'satisfied')).statusCode).toBe(404);
    expect((await rate({ number: '320305-20200101-9999' }, c.trackingCode, 'satisfied')).statusCode).toBe(404);
    const bad = await rate(c, c.trackingCode, 'great');
    expect(bad.statusCode).toBe(400);
    const ok = await rate(c, c.trackingCode, 'fairlySatisfied', '灯修好了，就是晚了两天');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'closed', rating: { canRate: false, last: { rating: 'fairlySatisfied', comment: '灯修好了，就是晚了两天' } } });
    expect((await rate(c, c.trackingCode, 'satisfied')).statusCode).toBe(409);
    const [stored] = await t.rows(sql`select rating, channel, comment from case_ratings where case_id = ${c.id}`);
    expect(stored).toMatchObject({ rating: 'fairlySatisfied', channel: 'tracking' });
    // The comment is free text: kept with the rating, never in the audit trail.
    const audit = await t.rows(sql`select actor_kind, data from audit_log where entity_id = ${c.id} and action = 'case.rate'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_kind).toBe('public');
    expect(JSON.stringify(audit)).not.toContain('晚了两天');
    const loop = (await t.request('GET', `/api/v1/cases/${c.id}/loop`, { as: 'community' })).json();
    expect(loop.ratings).toEqual([expect.objectContaining({ rating: 'fairlySatisfied', ratingLabel: '基本满意', channel: 'tracking' })]);
  });

  it('不满意 reopens the case with a fresh resolve limit, counted; once closed again it can be rated again', async () => {
    const c = await closedCase();
    const res = await rate(c, c.trackingCode, 'dissatisfied', '路灯还是不亮');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');
    const detail = (await getCase(t, 'community', c.id)).json();
    expect(detail.counts.reopens).toBe(1);
    expect(new Date(detail.resolveBy).getTime()).toBeGreaterThan(Date.now());
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'rate', fromStatus: 'closed', toStatus: 'in_progress', data: { outcome: 'reopened' } });
    expect((await rate(c, c.trackingCode, 'satisfied')).statusCode).toBe(409);
    await actOk(t, 'grid-worker', c.id, 'handle', { result: '更换整条线路，路灯已亮' });
    await actOk(t, 'community', c.id, 'close');
    expect((await rate(c, c.trackingCode, 'satisfied')).statusCode).toBe(200);
    expect(await t.rows(sql`select round from case_ratings where case_id = ${c.id} order by round`)).toEqual([{ round: 0 }, { round: 1 }]);
  });

  it('when the settings say 不满意 does not reopen, the case stays closed and the community is asked to follow up', async () => {
    const saved = await t.request('PUT', '/api/v1/rating-settings/0105', { as: 'admin', body: { reopenOnDissatisfied: false, version: 0 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().rating.categories).toEqual([{ categoryCode: '0105', reopenOnDissatisfied: false, version: 1 }]);
    expect((await t.request('PUT', '/api/v1/rating-settings/9999', { as: 'admin', body: { reopenOnDissatisfied: false, version: 0 } })).statusCode).toBe(400);
    const c = await closedCase();
    const res = await rate(c, c.trackingCode, 'dissatisfied');
    expect(res.json().status).toBe('closed');
    expect(await t.rows(sql`select 1 from notification_events where case_id = ${c.id} and type = 'case.follow-up-needed'`)).toHaveLength(1);
    await t.request('PUT', '/api/v1/rating-settings/0105', { as: 'admin', body: { reopenOnDissatisfied: true, version: 1 } });
  });

  it('reporter verification: staff cannot close; the reporter’s 满意 closes it; 不满意 sends it back for rework', async () => {
    // 0401 物业服务纠纷 is verified by the reporter.
    const c = await handledCase('0401');
    expect((await act(t, 'community', c.id, 'close')).statusCode).toBe(403);
    expect((await getCase(t, 'community', c.id)).json().allowedActions.map((a: { action: string }) => a.action)).not.toContain('close');
    const track = (await t.request('GET', `/api/v1/track/${c.number}?code=${c.trackingCode}`)).json();
    expect(track.rating).toMatchObject({ canRate: true, confirmsClosing: true });
    const back = await rate(c, c.trackingCode, 'dissatisfied', '物业没有来人');
    expect(back.json().status).toBe('rework');
    await actOk(t, 'grid-worker', c.id, 'take');
    await actOk(t, 'grid-worker', c.id, 'handle', { result: '物业已上门处理' });
    const closed = await rate(c, c.trackingCode, 'satisfied');
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
  });

  it('a signed-in resident rates their own case on 我的诉求; another person’s case is 404', async () => {
    const phone = '13700009911';
    const c = await closedCase();
    const mine = await handledCase('0105', { name: '刘桂兰', phone });
    await actOk(t, 'community', mine.id, 'close');
    await t.request('POST', '/api/v1/resident/otp', { body: { phone } });
    const code = (t.ctx.sms as LogSmsGateway).lastSentTo(phone, 'resident_otp')!.params.code!;
    const token = (await t.request('POST', '/api/v1/resident/login', { body: { phone, code } })).json().token;
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.request('POST', `/api/v1/resident/cases/${c.id}/rating`, { headers, body: { rating: 'satisfied' } })).statusCode).toBe(404);
    const ok = await t.request('POST', `/api/v1/resident/cases/${mine.id}/rating`, { headers, body: { rating: 'satisfied', comment: '很及时' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rating.last).toMatchObject({ rating: 'satisfied' });
    const [stored] = await t.rows(sql`select channel, resident_id from case_ratings where case_id = ${mine.id}`);
    expect(stored!.channel).toBe('resident');
    expect(stored!.resident_id).not.toBeNull();
  });

  it('staff record a rating on the reporter’s behalf and return visits (回访); others may not', async () => {
    const c = await closedCase();
    expect((await act(t, 'grid-worker', c.id, 'follow-up', { method: 'phone', result: '群众表示满意' })).statusCode).toBe(403);
    await actOk(t, 'community', c.id, 'follow-up', { method: 'visit', result: '上门回访，路灯正常，群众满意', observedSatisfaction: 'satisfied' });
    await actOk(t, 'center', c.id, 'rate', { rating: 'satisfied', comment: '电话回访时代为评价' });
    expect((await act(t, 'center', c.id, 'rate', { rating: 'satisfied' })).statusCode).toBe(409);
    const loop = (await t.request('GET', `/api/v1/cases/${c.id}/loop`, { as: 'community' })).json();
    expect(loop.followUps).toEqual([expect.objectContaining({ method: 'visit', result: '上门回访，路灯正常，群众满意', observedSatisfaction: 'satisfied' })]);
    expect(loop.ratings[0]).toMatchObject({ channel: 'staff-on-behalf' });
    const track = (await t.request('GET', `/api/v1/track/${c.number}?code=${c.trackingCode}`)).json();
    expect(track.rating.canRate).toBe(false);
  });
});
