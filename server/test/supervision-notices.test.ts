import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
let caseId: string;
let noticeId: string;
let number: string;

beforeAll(async () => {
  t = await createTestApp();
  caseId = (await reportCase(t)).id;
});
afterAll(async () => t?.close());

describe('supervision notices (督办单) over HTTP', () => {
  it('a leader supervises an open case by hand: one step up the ladder, numbered, audited', async () => {
    const res = await t.request('POST', '/api/v1/supervision-notices', { as: 'leader', body: { caseId, note: '请于今日内处理' } });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    expect(notice).toMatchObject({ caseId, kind: 'manual', issuedBy: { name: expect.any(String) }, note: '请于今日内处理', acknowledgedAt: null });
    expect(notice.number).toMatch(/^DB-320305-\d{8}-\d{4}$/);
    expect(notice.addressees.length).toBeGreaterThan(0);
    noticeId = notice.id;
    number = notice.number;
    const [audit] = await t.rows(sql`select actor_kind, data from audit_log where entity_id = ${noticeId} and action = 'supervision.issue'`);
    expect(audit).toMatchObject({ actor_kind: 'staff', data: expect.objectContaining({ number, caseId }) });
  });

  it('only leaders and centers issue; outside the territory the case does not exist; bad input is 400', async () => {
    expect((await t.request('POST', '/api/v1/supervision-notices', { as: 'grid-worker', body: { caseId, note: '催' } })).statusCode).toBe(403);
    expect((await t.request('POST', '/api/v1/supervision-notices', { as: 'community2', body: { caseId, note: '催' } })).statusCode).toBe(404);
    const bad = await t.request('POST', '/api/v1/supervision-notices', { as: 'leader', body: { caseId: 'nope', note: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('lists in scope with filters, on the case, and answers 404 out of scope', async () => {
    const list = await t.request('GET', '/api/v1/supervision-notices?unacknowledged=true&kind=manual', { as: 'center' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((n: { id: string }) => n.id)).toContain(noticeId);
    const onCase = await t.request('GET', `/api/v1/cases/${caseId}/supervision-notices`, { as: 'community' });
    expect(onCase.json().items.map((n: { number: string }) => n.number)).toEqual([number]);
    expect((await t.request('GET', `/api/v1/supervision-notices/${noticeId}`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/cases/${caseId}/supervision-notices`, { as: 'community2' })).statusCode).toBe(404);
    const other = await t.request('GET', '/api/v1/supervision-notices', { as: 'community2' });
    expect(other.json().items.map((n: { id: string }) => n.id)).not.toContain(noticeId);
  });

  it('an addressee acknowledges with a reply, once; others may not', async () => {
    const [community] = await t.rows(sql`select id from staff where username = 'community'`);
    const issued = await t.request('POST', '/api/v1/supervision-notices', { as: 'center', body: { caseId, note: '请村里牵头', addressedTo: [community!['id']] } });
    expect(issued.statusCode, issued.body).toBe(201);
    const id = issued.json().id as string;
    expect(issued.json()).toMatchObject({ via: 'manual', addressees: [{ id: community!['id'] }] });
    expect((await t.request('POST', `/api/v1/supervision-notices/${id}/acknowledge`, { as: 'leader', body: { reply: '收到' } })).statusCode).toBe(403);
    const ok = await t.request('POST', `/api/v1/supervision-notices/${id}/acknowledge`, { as: 'community', body: { reply: '已安排人员今天处理' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ reply: '已安排人员今天处理', canAcknowledge: false, acknowledgedBy: { id: community!['id'] } });
    expect((await t.request('POST', `/api/v1/supervision-notices/${id}/acknowledge`, { as: 'community', body: { reply: '再次' } })).statusCode).toBe(409);
    expect((await t.request('GET', '/api/v1/supervision-notices?unacknowledged=false', { as: 'community' })).json().items.map((n: { id: string }) => n.id)).toContain(id);
  });

  it('prints as an A4 page with the red header, the case number and no reporter data', async () => {
    const res = await t.request('GET', `/api/v1/supervision-notices/${noticeId}/print`, { as: 'center' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('督办单');
    expect(res.body).toContain(number);
    expect(res.body).toContain('@page { size: A4');
    expect(res.body).not.toContain('13800010137');
    expect(res.body).not.toContain('王秀英');
  });
});
