import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { checkWebhookUrl } from '../src/modules/notifications/webhooks/url-guard.js';
import { verifyWebhookSignature } from '../src/modules/notifications/webhooks/webhook-signature.js';
import { ManualClock } from '../src/platform/clock.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './test-app.js';
import { actOk, gridId, reportCase } from './factories.js';

interface Hit {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real receiver on a local port: answers each request with the next planned status (default 200). */
let receiver: http.Server;
let receiverUrl: string;
let hits: Hit[] = [];
let plan: number[] = [];

let t: TestApp;
let secret: string;
let subscriptionId: string;
const maxAttempts = 3;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      const status = plan.shift() ?? 200;
      if (status === 302) res.setHeader('location', `${receiverUrl}/elsewhere`);
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/wangge`;
  t = await createTestApp({ webhookAllowPrivate: true, webhookMaxAttempts: maxAttempts });
  await runDueJobs(t.ctx, jobDefinitions); // the demo seed's own notifications
  const [village] = await t.rows(sql`select v.code from territory_nodes g join territory_nodes v on v.id = g.parent_id where g.id = ${gridId(t)}`);
  const created = await t.request('POST', '/api/v1/webhooks', {
    as: 'admin',
    body: { name: '区12345平台', url: receiverUrl, eventTypes: ['case.dispatched', 'case.closed'], nodeCodes: [village!['code']] },
  });
  expect(created.statusCode, created.body).toBe(201);
  secret = created.json().secret;
  subscriptionId = created.json().id;
  expect(secret).toMatch(/^whsec_/);
  expect((await t.request('GET', `/api/v1/webhooks/${subscriptionId}`, { as: 'admin' })).body).not.toContain(secret);
  const stored = await t.rows(sql`select secret_encrypted from webhook_subscriptions where id = ${subscriptionId}`);
  expect(JSON.stringify(stored)).not.toContain(secret);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(() => {
  hits = [];
  plan = [];
});

/** Runs due jobs as if `seconds` had passed (the retries wait for their back-off). */
const runAfter = (seconds: number) => runDueJobs({ ...t.ctx, clock: new ManualClock(new Date(Date.now() + seconds * 1000)) }, jobDefinitions);

async function dispatched() {
  const created = await reportCase(t);
  await actOk(t, 'community', created.id, 'accept');
  await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
  return created;
}

async function deliveryOf(caseId: string) {
  const [row] = await t.rows(sql`select d.* from webhook_deliveries d join notification_events e on e.id = d.event_id where e.case_id = ${caseId} and d.subscription_id = ${subscriptionId}`);
  return row as { id: string; status: string; attempts: number; response_status: number | null; next_attempt_at: unknown; request_body: string };
}

describe('webhooks (a real local receiver)', () => {
  it('POSTs the event signed: the signature verifies, headers name the event and delivery', async () => {
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    expect(hit.headers['x-wangge-event']).toBe('case.dispatched');
    expect(hit.headers['content-type']).toBe('application/json');
    const delivery = await deliveryOf(created.id);
    expect(hit.headers['x-wangge-delivery']).toBe(delivery.id);
    expect(verifyWebhookSignature(secret, String(hit.headers['x-wangge-signature']), hit.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', String(hit.headers['x-wangge-signature']), hit.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifyWebhookSignature(secret, String(hit.headers['x-wangge-signature']), hit.body.replace('dispatched', 'closed'), Math.floor(Date.now() / 1000))).toBe(false);
    const body = JSON.parse(hit.body);
    expect(body).toMatchObject({ type: 'case.dispatched', case: { id: created.id, number: created.number, status: 'dispatched' } });
    expect(hit.body).not.toContain('王秀英');
    expect(hit.body).not.toContain('13800010137');
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, response_status: 200 });
  });

  it('a 500 is retried after the back-off with the same delivery id and body, then delivered', async () => {
    plan = [500];
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    expect(hits).toHaveLength(1);
    const failed = await deliveryOf(created.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, response_status: 500 });
    expect(failed.next_attempt_at).not.toBeNull();
    await runDueJobs(t.ctx, jobDefinitions); // not yet due
    expect(hits).toHaveLength(1);
    await runAfter(15);
    expect(hits).toHaveLength(2);
    expect(hits[1]!.headers['x-wangge-delivery']).toBe(hits[0]!.headers['x-wangge-delivery']);
    expect(hits[1]!.body).toBe(hits[0]!.body);
    expect(await deliveryOf(created.id)).toMatchObject({ status: 'delivered', attempts: 2, response_status: 200 });
  });

  it(`is dead after ${maxAttempts} failed attempts (a redirect is not followed), and a replay sends it again`, async () => {
    plan = [500, 302, 503];
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    await runAfter(15);
    await runAfter(60);
    await runAfter(3600);
    expect(hits).toHaveLength(maxAttempts);
    expect(hits.some((h) => h.body === '' || h.headers['x-wangge-event'] === undefined)).toBe(false);
    const dead = await deliveryOf(created.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: maxAttempts, response_status: 503, next_attempt_at: null });

    const log = await t.request('GET', `/api/v1/webhook-deliveries?status=dead&subscriptionId=${subscriptionId}`, { as: 'admin' });
    expect(log.statusCode).toBe(200);
    expect(log.json().items.map((d: { id: string }) => d.id)).toContain(dead.id);

    const replay = await t.request('POST', `/api/v1/webhook-deliveries/${dead.id}/replay`, { as: 'admin' });
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ id: dead.id, status: 'pending' });
    // Queued, not yet sent: a second replay is refused.
    expect((await t.request('POST', `/api/v1/webhook-deliveries/${dead.id}/replay`, { as: 'admin' })).statusCode).toBe(409);
    await runDueJobs(t.ctx, jobDefinitions);
    expect(hits).toHaveLength(maxAttempts + 1);
    const last = hits[hits.length - 1]!;
    expect(last.headers['x-wangge-delivery']).toBe(dead.id);
    expect(last.body).toBe(dead.request_body);
    expect(await deliveryOf(created.id)).toMatchObject({ status: 'delivered', attempts: maxAttempts + 1 });
    const audit = await t.rows(sql`select action from audit_log where entity_id = ${dead.id}`);
    expect(audit.map((a) => a['action'])).toContain('webhook.replay');
  });

  it('only events of the subscribed types, of cases under its nodes', async () => {
    const [otherVillage] = await t.rows(sql`select n.code from staff s join staff_nodes sn on sn.staff_id = s.id join territory_nodes n on n.id = sn.node_id where s.username = 'community2'`);
    const other = await t.request('POST', '/api/v1/webhooks', {
      as: 'admin',
      body: { name: '另一个村', url: receiverUrl, eventTypes: ['case.dispatched'], nodeCodes: [otherVillage!['code']] },
    });
    expect(other.statusCode, other.body).toBe(201);
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    const rows = await t.rows(sql`select d.subscription_id from webhook_deliveries d join notification_events e on e.id = d.event_id where e.case_id = ${created.id}`);
    expect(rows.map((r) => r['subscription_id'])).toEqual([subscriptionId]);
    expect(hits).toHaveLength(1);
    // accept makes no event; case.closed would, but the case is not closed.
    expect(hits[0]!.headers['x-wangge-event']).toBe('case.dispatched');
    expect((await t.request('DELETE', `/api/v1/webhooks/${other.json().id}`, { as: 'admin' })).statusCode).toBe(204);
  });

  it('ping answers with the delivery record; bad URLs are refused with 400', async () => {
    const ping = await t.request('POST', `/api/v1/webhooks/${subscriptionId}/ping`, { as: 'admin' });
    expect(ping.statusCode, ping.body).toBe(200);
    expect(ping.json()).toMatchObject({ eventType: 'webhook.ping', status: 'delivered', responseStatus: 200, attempts: 1 });
    expect(hits[0]!.headers['x-wangge-event']).toBe('webhook.ping');
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'http://user:pw@example.com/x']) {
      const bad = await t.request('POST', '/api/v1/webhooks', { as: 'admin', body: { name: '坏地址', url, eventTypes: ['case.closed'], nodeCodes: ['320305'] } });
      expect(bad.statusCode, url).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      // The detail names the field by its label, never by its raw key ("url: …").
      expect(bad.json().detail, url).toMatch(/^「地址\(URL\)」：/);
    }
    const badEn = await t.request('POST', '/api/v1/webhooks', { as: 'admin', headers: { 'accept-language': 'en' }, body: { name: 'bad url', url: 'ftp://example.com/x', eventTypes: ['case.closed'], nodeCodes: ['320305'] } });
    expect(badEn.json().detail).toBe('URL: must be an http or https URL');
    await expect(checkWebhookUrl('http://127.0.0.1:8080/x', false)).rejects.toThrow(/private or loopback/);
    await expect(checkWebhookUrl('http://10.2.3.4/x', false)).rejects.toThrow(/private/);
    await expect(checkWebhookUrl('http://[::1]/x', false)).rejects.toThrow(/private/);
    await expect(checkWebhookUrl('https://203.0.113.7/x', false)).resolves.toBeInstanceOf(URL);
    expect((await t.request('GET', '/api/v1/webhooks', { as: 'center' })).statusCode).toBe(403);
  });

  it('edits need the current version; delete removes the subscription and its log', async () => {
    const current = (await t.request('GET', `/api/v1/webhooks/${subscriptionId}`, { as: 'admin' })).json();
    expect((await t.request('PATCH', `/api/v1/webhooks/${subscriptionId}`, { as: 'admin', body: { version: current.version + 5, name: '改名' } })).statusCode).toBe(409);
    const ok = await t.request('PATCH', `/api/v1/webhooks/${subscriptionId}`, { as: 'admin', body: { version: current.version, isActive: false } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ isActive: false, version: current.version + 1 });
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    expect(hits.filter((h) => h.body.includes(created.id))).toHaveLength(0);
    expect((await t.request('DELETE', `/api/v1/webhooks/${subscriptionId}`, { as: 'admin' })).statusCode).toBe(204);
    expect((await t.request('GET', `/api/v1/webhooks/${subscriptionId}`, { as: 'admin' })).statusCode).toBe(404);
  });
});
