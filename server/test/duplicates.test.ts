import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import type { LogSmsGateway } from '../src/platform/sms.js';
import { maskedSnippet, sharedWords, textSimilarity } from '../src/modules/duplicates/similarity.js';
import { createTestApp, type TestApp } from './test-app.js';
import { act, actOk, gridId, reportCase } from './factories.js';

let t: TestApp;
let here: { lat: number; lng: number };
const spots = {
  candidates: { lat: 34.4975, lng: 117.373 },
  follow: { lat: 34.5005, lng: 117.369 },
  merge: { lat: 34.5005, lng: 117.375 },
  mergeAccount: { lat: 34.5012, lng: 117.372 },
};

beforeAll(async () => {
  t = await createTestApp();
  // The demo seed's own actions left notifications to fan out: clear them first.
  await runDueJobs(t.ctx, jobDefinitions);
  // Spots inside 江庄村第一网格 (the grid worker's; 江庄村 is the community's), a few hundred metres apart, so
  // the groups of tests below do not see each other's cases (demo cases may be near: found by id, not position).
  for (const spot of Object.values(spots)) expect(t.ctx.grids.current.locate(spot.lng, spot.lat)?.grid.name).toBe('江庄村第一网格');
  here = spots.candidates;
});
afterAll(async () => t?.close());

const drain = () => runDueJobs(t.ctx, jobDefinitions);
/** `here` moved `metres` north. */
const north = (metres: number) => ({ lat: here.lat + metres / 111_320, lng: here.lng });

const lampText = '江庄村第一网格东头三组路口的路灯坏了一个多星期，晚上一片漆黑，联系电话13800001234';
const lampReworded = '三组路口那盏路灯一直不亮，晚上走路看不见';
const binText = '村委会门口垃圾桶满了没人清运，夏天气味很大';

async function report(description: string, at: { lat: number; lng: number }, extra: Record<string, unknown> = {}) {
  return reportCase(t, { description, location: { lat: at.lat, lng: at.lng }, ...extra }) as Promise<{ id: string; number: string; trackingCode: string }>;
}

const similar = (body: Record<string, unknown>, as?: string) => t.request('POST', '/api/v1/cases/similar', { as, body: { lat: here.lat, lng: here.lng, ...body } });

async function signInResident(phone: string) {
  await t.request('POST', '/api/v1/resident/otp', { body: { phone } });
  const code = (t.ctx.sms as LogSmsGateway).lastSentTo(phone, 'resident_otp')!.params.code!;
  const res = await t.request('POST', '/api/v1/resident/login', { body: { phone, code } });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().token}` };
}

describe('similarity (pure)', () => {
  it('re-worded reports of one problem are closer than different problems; shared words and masking', () => {
    expect(textSimilarity(lampText, lampReworded)).toBeGreaterThan(textSimilarity(lampText, binText) + 0.2);
    expect(textSimilarity('', lampText)).toBe(0);
    expect(sharedWords(lampText, lampReworded)).toEqual(expect.arrayContaining(['三组路口', '路灯']));
    expect(maskedSnippet('电话13800001234，门牌12号')).toBe('电话＊＊＊＊＊＊＊＊＊＊＊，门牌＊＊号');
  });
});

describe('candidates near a report (POST /cases/similar)', () => {
  let lamp: { id: string; number: string };
  let bin: { id: string; number: string };
  let cover: { id: string; number: string };
  beforeAll(async () => {
    lamp = await report(lampText, here, { categoryCode: '0105' });
    bin = await report(binText, north(20), { categoryCode: '0201' });
    cover = await report('路口井盖松动了，车一压就响', north(20), { categoryCode: '0101' });
  });

  it('staff in scope see nearby open cases ranked by text, with every reason', async () => {
    const res = await similar({ description: lampReworded, categoryCode: '0105' }, 'community');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ view: 'staff', rule: { scope: '*', radiusM: 250, windowDays: 30 } });
    const ids = body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(lamp.id)).toBeGreaterThanOrEqual(0);
    // Another problem at the same corner ranks below; one with nothing in common is not listed at all.
    expect(ids.indexOf(lamp.id)).toBeLessThan(ids.indexOf(cover.id));
    expect(ids).not.toContain(bin.id);
    const top = body.items.find((i: { id: string }) => i.id === lamp.id);
    expect(top).toMatchObject({ isLikely: true, sameCategory: true, distanceM: 0, description: lampText, followerCount: 0 });
    expect(top.sharedWords).toContain('路灯');
    expect(body.items.find((i: { id: string }) => i.id === cover.id)).toMatchObject({ isLikely: false, sameCategory: false, distanceM: 20, sharedWords: ['路口'] });
  });

  it('the radius edge: 240 m is in, 260 m is out', async () => {
    const at = (m: number) => ({ ...north(m), description: lampReworded });
    const inside = (await similar(at(-240), 'community')).json().items.map((i: { id: string }) => i.id);
    const outside = (await similar(at(-260), 'community')).json().items.map((i: { id: string }) => i.id);
    expect(inside).toContain(lamp.id);
    expect(outside).not.toContain(lamp.id);
  });

  it('the window edge: reported 29 days ago is in, 31 days ago is out; closed cases are never candidates', async () => {
    const old = await report('三组路口路灯不亮已经很久了', north(-30), { categoryCode: '0105' });
    const ids = async () => (await similar({ description: lampReworded }, 'community')).json().items.map((i: { id: string }) => i.id);
    await t.rows(sql`update cases set created_at = now() - interval '29 days' where id = ${old.id}`);
    expect(await ids()).toContain(old.id);
    await t.rows(sql`update cases set created_at = now() - interval '31 days' where id = ${old.id}`);
    expect(await ids()).not.toContain(old.id);
    await t.rows(sql`update cases set created_at = now() where id = ${old.id}`);
    await actOk(t, 'community', old.id, 'reject', { reason: '重复上报，已有案件办理' });
    expect(await ids()).not.toContain(old.id);
  });

  it('the public and residents get only close matches, without personal facts, digits masked', async () => {
    const res = await similar({ description: lampReworded });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.view).toBe('public');
    const item = body.items.find((i: { id: string }) => i.id === lamp.id);
    expect(item).toBeDefined();
    expect(Object.keys(item).sort()).toEqual(['category', 'daysAgo', 'distanceM', 'followerCount', 'id', 'number', 'similarity', 'status', 'statusLabel', 'summary']);
    expect(item.summary).not.toMatch(/\d/);
    expect(JSON.stringify(body)).not.toContain('13800001234');
    expect(body.items.map((i: { id: string }) => i.id)).not.toContain(cover.id);
  });

  it('staff outside the place see nothing of it; bad input is a 400 naming the field', async () => {
    const other = (await similar({ description: lampReworded }, 'community2')).json();
    expect(other.items.map((i: { id: string }) => i.id)).not.toContain(lamp.id);
    const noPoint = await t.request('POST', '/api/v1/cases/similar', { body: { description: lampReworded } });
    expect(noPoint.statusCode).toBe(400);
    expect(noPoint.headers['content-type']).toContain('application/problem+json');
    expect(noPoint.body).toContain('纬度');
    const badCategory = await similar({ description: lampReworded, categoryCode: '9999' });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().errors[0].field).toBe('categoryCode');
    expect((await similar({ description: 'x', lat: 91 })).statusCode).toBe(400);
  });

  it('a case page lists its likely duplicates (404 outside scope); the inbox flags them', async () => {
    const again = await report(lampReworded, north(40), { categoryCode: '0105' });
    const res = await t.request('GET', `/api/v1/cases/${again.id}/duplicates`, { as: 'community' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.find((i: { id: string }) => i.id === lamp.id)).toMatchObject({ isLikely: true, distanceM: 40 });
    expect((await t.request('GET', `/api/v1/cases/${again.id}/duplicates`, { as: 'community2' })).statusCode).toBe(404);
    const flags = await t.request('POST', '/api/v1/duplicates/flags', { as: 'community', body: { caseIds: [again.id, bin.id] } });
    void cover;
    expect(flags.statusCode, flags.body).toBe(200);
    expect(flags.json().items).toEqual([expect.objectContaining({ caseId: again.id, likelyCount: expect.any(Number), best: expect.objectContaining({ id: lamp.id }) })]);
    expect((await t.request('POST', '/api/v1/duplicates/flags', { as: 'community2', body: { caseIds: [again.id] } })).json().items).toEqual([]);
    expect((await t.request('POST', '/api/v1/duplicates/flags', { as: 'community', body: { caseIds: ['nope'] } })).statusCode).toBe(400);
  });
});

describe('following a case (附议)', () => {
  const phone = '13700004401';
  let lamp: { id: string; number: string };
  let headers: Record<string, string>;
  beforeAll(async () => {
    lamp = await report('江庄村二组桥头路灯不亮，晚上过桥危险', spots.follow, { categoryCode: '0105' });
    headers = await signInResident(phone);
  });

  it('a resident follows, once; it is counted, audited and listed in 我的诉求', async () => {
    const res = await t.request('POST', `/api/v1/cases/${lamp.id}/follow`, { headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ caseId: lamp.id, isFollowing: true, followerCount: 1 });
    expect((await t.request('POST', `/api/v1/cases/${lamp.id}/follow`, { headers })).json().followerCount).toBe(1);
    const audit = await t.rows(sql`select actor_kind from audit_log where entity_id = ${lamp.id} and action = 'case.follow'`);
    expect(audit).toEqual([{ actor_kind: 'resident' }]);
    const mine = await t.request('GET', '/api/v1/resident/follows', { headers });
    expect(mine.json().items).toEqual([expect.objectContaining({ caseId: lamp.id, source: 'resident', followerCount: 1, canRate: false, rating: null })]);
    const staffView = await t.request('GET', `/api/v1/cases/${lamp.id}/followers`, { as: 'community' });
    expect(staffView.json()).toMatchObject({ count: 1, items: [{ source: 'resident', hasAccount: true, rating: null }] });
    expect(staffView.body).not.toContain(phone);
    expect((await t.request('GET', `/api/v1/cases/${lamp.id}/followers`, { as: 'community2' })).statusCode).toBe(404);
    const publicView = (await t.request('POST', '/api/v1/cases/similar', { body: { description: '二组桥头的路灯不亮了', ...spots.follow } })).json();
    expect(publicView.items.find((i: { id: string }) => i.id === lamp.id)?.followerCount).toBe(1);
  });

  it('refuses what makes no sense: staff, unknown cases, own reports, unfollowing twice', async () => {
    expect((await t.request('POST', `/api/v1/cases/${lamp.id}/follow`, { as: 'community' })).statusCode).toBe(401);
    expect((await t.request('POST', `/api/v1/cases/${lamp.id}/follow`)).statusCode).toBe(401);
    expect((await t.request('POST', '/api/v1/cases/0190a000-0000-7000-8000-000000000009/follow', { headers })).statusCode).toBe(404);
    expect((await t.request('POST', '/api/v1/cases/not-a-uuid/follow', { headers })).statusCode).toBe(400);
    const own = await report('我家门口的路灯坏了', spots.follow, { reporter: { name: '李明', phone } });
    const res = await t.request('POST', `/api/v1/cases/${own.id}/follow`, { headers });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const other = await signInResident('13700004402');
    await t.request('POST', `/api/v1/cases/${lamp.id}/follow`, { headers: other });
    expect((await t.request('DELETE', `/api/v1/cases/${lamp.id}/follow`, { headers: other })).statusCode).toBe(204);
    expect((await t.request('DELETE', `/api/v1/cases/${lamp.id}/follow`, { headers: other })).statusCode).toBe(404);
    const audit = await t.rows(sql`select count(*)::int as n from audit_log where entity_id = ${lamp.id} and action = 'case.unfollow'`);
    expect(audit[0]!['n']).toBe(1);
    expect((await t.request('GET', `/api/v1/cases/${lamp.id}/followers`, { as: 'community' })).json().count).toBe(1);
  });

  it('followers hear by SMS when the case is dispatched and handled, and rate it once without changing it', async () => {
    expect((await t.request('POST', `/api/v1/cases/${lamp.id}/follow/rating`, { headers, body: { rating: 'satisfied' } })).statusCode).toBe(409);
    await actOk(t, 'community', lamp.id, 'accept');
    await actOk(t, 'community', lamp.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await drain();
    const sms = (t.ctx.sms as LogSmsGateway).lastSentTo(phone, 'case_follow_update');
    expect(sms?.params).toMatchObject({ number: lamp.number, change: '已派单办理' });
    await actOk(t, 'grid-worker', lamp.id, 'take');
    await actOk(t, 'grid-worker', lamp.id, 'handle', { result: '已更换灯泡' });
    await drain();
    expect((t.ctx.sms as LogSmsGateway).lastSentTo(phone, 'case_follow_update')?.params['change']).toBe('已处置完毕');
    const bad = await t.request('POST', `/api/v1/cases/${lamp.id}/follow/rating`, { headers, body: { rating: 'great' } });
    expect(bad.statusCode).toBe(400);
    const rated = await t.request('POST', `/api/v1/cases/${lamp.id}/follow/rating`, { headers, body: { rating: 'fairlySatisfied', comment: '修好了' } });
    expect(rated.statusCode, rated.body).toBe(200);
    expect((await t.request('POST', `/api/v1/cases/${lamp.id}/follow/rating`, { headers, body: { rating: 'satisfied' } })).statusCode).toBe(409);
    const [row] = await t.rows(sql`select status from cases where id = ${lamp.id}`);
    expect(row!['status']).toBe('handled');
    expect((await t.request('GET', `/api/v1/cases/${lamp.id}/followers`, { as: 'community' })).json().items[0]).toMatchObject({ rating: 'fairlySatisfied', ratingComment: '修好了' });
    const audit = await t.rows(sql`select data from audit_log where entity_id = ${lamp.id} and action = 'case.follow.rate'`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('修好了');
  });
});

describe('merging (a person decides)', () => {
  it('the merged case’s reporter follows the surviving case and hears of it', async () => {
    const survivor = await report('四组水塘边护栏断了，小孩在旁边玩很危险', spots.merge, { categoryCode: '0105' });
    const dupPhone = '13700004403';
    const dup = await report('四组水塘护栏坏了，担心小孩掉下去', { lat: spots.merge.lat + 10 / 111_320, lng: spots.merge.lng }, { categoryCode: '0105', reporter: { name: '赵四', phone: dupPhone } });
    const candidates = (await t.request('GET', `/api/v1/cases/${dup.id}/duplicates`, { as: 'community' })).json();
    expect(candidates.items.find((i: { id: string }) => i.id === survivor.id)).toMatchObject({ isLikely: true, distanceM: 10 });
    // Nothing merges by itself.
    expect(await t.rows(sql`select 1 from case_followers where case_id = ${survivor.id}`)).toHaveLength(0);
    const bad = await act(t, 'community', dup.id, 'merge', { intoCaseId: dup.id });
    expect(bad.statusCode).toBe(400);
    await actOk(t, 'community', dup.id, 'merge', { intoCaseId: survivor.id, note: '同一处护栏' });
    const followers = await t.rows(sql`select source, merged_from_case_id, reporter_id is not null as by_reporter from case_followers where case_id = ${survivor.id}`);
    expect(followers).toEqual([{ source: 'merge', merged_from_case_id: dup.id, by_reporter: true }]);
    const staffView = (await t.request('GET', `/api/v1/cases/${survivor.id}/followers`, { as: 'community' })).json();
    expect(staffView.items[0]).toMatchObject({ source: 'merge', mergedFromNumber: dup.number, hasAccount: false });
    await actOk(t, 'community', survivor.id, 'accept');
    await actOk(t, 'community', survivor.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await drain();
    expect((t.ctx.sms as LogSmsGateway).lastSentTo(dupPhone, 'case_follow_update')?.params).toMatchObject({ number: survivor.number, change: '已派单办理' });
    // Signed in later with that phone, they find the case among the ones they follow, and may rate it.
    const headers = await signInResident(dupPhone);
    const mine = (await t.request('GET', '/api/v1/resident/follows', { headers })).json();
    expect(mine.items).toEqual([expect.objectContaining({ caseId: survivor.id, source: 'merge' })]);
  });

  it('a reporter with a resident account follows by that account', async () => {
    const phone = '13700004404';
    const headers = await signInResident(phone);
    const survivor = await report('五组村道上有一棵倒伏的大树挡路', spots.mergeAccount);
    const dup = await report('五组路上大树倒了挡住了路', { lat: spots.mergeAccount.lat + 5 / 111_320, lng: spots.mergeAccount.lng }, { reporter: { name: '钱五', phone } });
    await actOk(t, 'community', dup.id, 'merge', { intoCaseId: survivor.id });
    const rows = await t.rows(sql`select resident_id is not null as by_account from case_followers where case_id = ${survivor.id}`);
    expect(rows).toEqual([{ by_account: true }]);
    expect((await t.request('GET', '/api/v1/resident/follows', { headers })).json().items[0]).toMatchObject({ caseId: survivor.id });
  });
});

describe('rules (admin)', () => {
  it('reads the county default; validates; replaces with a version; audits; is used for the category', async () => {
    expect((await t.request('GET', '/api/v1/duplicates/rules', { as: 'community' })).statusCode).toBe(403);
    const current = await t.request('GET', '/api/v1/duplicates/rules', { as: 'admin' });
    expect(current.json()).toEqual({ county: { radiusM: 250, windowDays: 30 }, version: 1, categories: [] });
    const bodies = [
      { version: 1, county: { radiusM: 5, windowDays: 30 }, categories: [] },
      { version: 1, county: { radiusM: 250, windowDays: 366 }, categories: [] },
      { version: 1, county: { radiusM: 250, windowDays: 30 }, categories: [{ categoryCode: '9999', radiusM: 100, windowDays: 7 }] },
      { version: 1, county: { radiusM: 250, windowDays: 30 }, categories: [{ categoryCode: '0105', radiusM: 100, windowDays: 7 }, { categoryCode: '0105', radiusM: 90, windowDays: 7 }] },
    ];
    for (const body of bodies) {
      const res = await t.request('PUT', '/api/v1/duplicates/rules', { as: 'admin', body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.request('PUT', '/api/v1/duplicates/rules', { as: 'admin', body: { version: 1, county: { radiusM: 5, windowDays: 30 }, categories: [] } })).json().errors[0].field).toBe('county.radiusM');
    expect(await t.rows(sql`select 1 from audit_log where action = 'duplicates.rules.update'`)).toHaveLength(0);
    const ok = await t.request('PUT', '/api/v1/duplicates/rules', { as: 'admin', body: { version: 1, county: { radiusM: 300, windowDays: 14 }, categories: [{ categoryCode: '0105', radiusM: 100, windowDays: 7 }] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ county: { radiusM: 300, windowDays: 14 }, version: 2, categories: [{ categoryCode: '0105', radiusM: 100, windowDays: 7 }] });
    expect((await t.request('PUT', '/api/v1/duplicates/rules', { as: 'admin', body: { version: 1, county: { radiusM: 300, windowDays: 14 }, categories: [] } })).statusCode).toBe(409);
    expect(await t.rows(sql`select actor_kind from audit_log where action = 'duplicates.rules.update'`)).toEqual([{ actor_kind: 'staff' }]);
    const used = (await similar({ description: lampReworded, categoryCode: '0105' }, 'community')).json();
    expect(used.rule).toEqual({ scope: '0105', radiusM: 100, windowDays: 7 });
    expect((await similar({ description: lampReworded }, 'community')).json().rule).toEqual({ scope: '*', radiusM: 300, windowDays: 14 });
  });
});
