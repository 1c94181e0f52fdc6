import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './test-app.js';
import { actOk, gridId, reportCase } from './factories.js';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // The demo seed's own case actions left notifications to fan out: clear them first.
  await runDueJobs(t.ctx, jobDefinitions);
});
afterAll(async () => t?.close());

const drain = () => runDueJobs(t.ctx, jobDefinitions);

async function staffId(username: string): Promise<string> {
  const [row] = await t.rows(sql`select id from staff where username = ${username}`);
  return String(row!['id']);
}

/** A case dispatched by the community to 江庄村第一网格 (grid worker and cadre are its handlers). */
async function dispatchedCase() {
  const created = await reportCase(t);
  await actOk(t, 'community', created.id, 'accept');
  await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
  return created;
}

/** Reads SSE events from a real HTTP stream until `until` holds (or the stream ends). */
async function readEvents(response: Response, until: (events: Array<{ event: string; data: unknown }>) => boolean) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: unknown }> = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('in-app notifications', () => {
  it('a dispatch reaches the grid worker live over SSE (real HTTP), scoped to their own inbox', async () => {
    const token = await t.login('grid-worker');
    const otherToken = await t.login('community2');
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/notifications/stream?lang=zh`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const other = await fetch(`${base}/api/v1/notifications/stream?maxSeconds=1`, { headers: { authorization: `Bearer ${otherToken}` } });

    const created = await dispatchedCase();
    await drain();
    const mine = (e: { event: string; data: unknown }) => e.event === 'notification' && (e.data as { caseId: string }).caseId === created.id;
    const events = await readEvents(stream, (es) => es.some(mine));
    controller.abort();
    const notice = events.find(mine)!.data as Record<string, unknown>;
    expect(notice).toMatchObject({ type: 'case.dispatched', caseId: created.id, caseNumber: created.number });
    expect(notice['title']).toBe(`派单：${created.number}`);
    expect(String(notice['body'])).toContain('路灯');
    // Someone in another town sees nothing of it.
    const otherEvents = await readEvents(other, () => false);
    expect(otherEvents.filter((e) => e.event === 'notification')).toHaveLength(0);
  });

  it('lists, pages, filters unread, marks read; another person’s notification is 404', async () => {
    const created = await dispatchedCase();
    await drain();
    const list = await t.request('GET', '/api/v1/notifications?unread=true&limit=1', { as: 'grid-worker', headers: { 'accept-language': 'en' } });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ type: 'case.dispatched', caseId: created.id, title: `Assigned: ${created.number}`, readAt: null });
    expect(body.unreadCount).toBeGreaterThanOrEqual(2);
    expect(body.nextBefore).toBe(body.items[0].id);
    const id = body.items[0].id;
    expect((await t.request('POST', `/api/v1/notifications/${id}/read`, { as: 'community2' })).statusCode).toBe(404);
    const read = await t.request('POST', `/api/v1/notifications/${id}/read`, { as: 'grid-worker' });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const all = await t.request('POST', '/api/v1/notifications/read-all', { as: 'grid-worker' });
    expect(all.json().updated).toBeGreaterThanOrEqual(1);
    expect((await t.request('GET', '/api/v1/notifications?unread=true', { as: 'grid-worker' })).json()).toMatchObject({ items: [], unreadCount: 0 });
    const audit = await t.rows(sql`select action from audit_log where action like 'notification.%' and actor_id = ${await staffId('grid-worker')}`);
    expect(audit.map((r) => r['action'])).toEqual(expect.arrayContaining(['notification.read', 'notification.read-all']));
    // The actor is not told about their own action.
    const own = await t.rows(sql`select n.id from notifications n join staff s on s.id = n.staff_id where s.username = 'community' and n.case_id = ${created.id}`);
    expect(own).toHaveLength(0);
  });

  it('preferences are honoured: in-app off means no inbox row; SMS on means one text to the staff phone', async () => {
    const cadre = await staffId('cadre');
    await t.ctx.db.execute(sql`update staff set phone_encrypted = ${t.ctx.secrets.encrypt('13900002222')} where id = ${cadre}`);
    const put = await t.request('PUT', '/api/v1/notifications/preferences', { as: 'cadre', body: { locale: 'en', items: [{ eventType: 'case.dispatched', channels: ['sms'] }] } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ locale: 'en', sms: { hasPhone: true }, email: { enabled: false } });
    expect(put.json().items.find((i: { eventType: string }) => i.eventType === 'case.dispatched')).toMatchObject({ channels: ['sms'], isDefault: false, defaultChannels: ['in_app'] });
    const bad = await t.request('PUT', '/api/v1/notifications/preferences', { as: 'cadre', body: { items: [{ eventType: 'case.nonsense', channels: ['sms'] }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('case.nonsense');

    const created = await dispatchedCase();
    await drain();
    const inbox = await t.rows(sql`select staff_id from notifications where case_id = ${created.id} and type = 'case.dispatched'`);
    expect(inbox.map((r) => r['staff_id'])).toContain(await staffId('grid-worker'));
    expect(inbox.map((r) => r['staff_id'])).not.toContain(cadre);
    const deliveries = await t.rows(sql`select channel, status, attempts from notification_deliveries d join notification_events e on e.id = d.event_id where e.case_id = ${created.id} and d.staff_id = ${cadre}`);
    expect(deliveries).toEqual([{ channel: 'sms', status: 'sent', attempts: 1 }]);
    const sms = (t.ctx.sms as unknown as { lastSentTo(phone: string): { templateId: string; params: Record<string, string> } | undefined }).lastSentTo('13900002222');
    expect(sms).toMatchObject({ templateId: 'staff_notice' });
    expect(sms!.params['text']).toContain(`Case ${created.number}`);
  });

  it('without SMTP the email channel is off: /healthz says so and email deliveries are recorded as skipped', async () => {
    expect((await t.request('GET', '/healthz')).json().email).toBe('disabled');
    await t.ctx.db.execute(sql`update staff set email = 'wangfang@example.cn' where username = 'grid-worker'`);
    await t.request('PUT', '/api/v1/notifications/preferences', { as: 'grid-worker', body: { items: [{ eventType: 'case.dispatched', channels: ['in_app', 'email'] }] } });
    const created = await dispatchedCase();
    await drain();
    const log = await t.rows(sql`select d.status, d.last_error from notification_deliveries d join notification_events e on e.id = d.event_id where e.case_id = ${created.id} and d.channel = 'email'`);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'skipped' });
    expect(String(log[0]!['last_error'])).toContain('WANGGE_SMTP_URL');
  });

  it('the reporter gets an SMS with the case number and a tracking link; reporter phone never in the outbox', async () => {
    const created = await reportCase(t, { reporter: { name: '李桂英', phone: '13900007777' } });
    await drain();
    const sms = (t.ctx.sms as unknown as { lastSentTo(phone: string, template?: string): { params: Record<string, string> } | undefined }).lastSentTo('13900007777', 'case_reported');
    expect(sms?.params).toMatchObject({ number: created.number, code: created.trackingCode });
    expect(sms!.params['link']).toContain(`/r/track?number=${created.number}&code=${created.trackingCode}`);
    const outbox = await t.rows(sql`select data, recipients from notification_events where case_id = ${created.id}`);
    expect(JSON.stringify(outbox)).not.toContain('13900007777');
    expect(JSON.stringify(outbox)).not.toContain(created.trackingCode);
  });

  it('notify() in a rolled-back transaction leaves no event and no job', async () => {
    const { notify } = await import('../src/modules/notifications/notify.js');
    const before = await t.rows(sql`select count(*)::int as n from notification_events`);
    const worker = await staffId('grid-worker');
    await t.ctx.db
      .transaction(async (tx) => {
        await notify(tx, { type: 'case.urged', to: [{ kind: 'staff', ids: [worker] }], at: new Date() });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await t.rows(sql`select count(*)::int as n from notification_events`)).toEqual(before);
  });
});
