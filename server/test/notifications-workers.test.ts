import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { fanOutJob } from '../src/modules/notifications/fan-out.job.js';
import { sendJob } from '../src/modules/notifications/send.job.js';
import { webhookDeliverJob } from '../src/modules/notifications/webhooks/webhook-deliver.job.js';
import { ManualClock } from '../src/platform/clock.js';
import type { Config } from '../src/config.js';
import { claimDueJobs } from '../src/platform/jobs/jobs.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './test-app.js';
import { testConfig } from './test-config.js';
import { actOk, gridId, reportCase } from './factories.js';

/** Real receivers: an SMTP server, an SMS relay and a webhook endpoint, each counting what arrives. */
const mails: string[] = [];
const texts: Array<{ phone: string; templateId: string; number: string }> = [];
const hooks: string[] = [];
let smtp: SMTPServer;
let relay: http.Server;
let hookServer: http.Server;
let overrides: Partial<Config>;
let t: TestApp;

const workerPhone = '13900003333';

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push(/^Message-ID: (.*)$/im.exec(raw)?.[1] ?? '');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  relay = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const sms = JSON.parse(body);
      texts.push({ phone: sms.phone, templateId: sms.templateId, number: sms.params.number ?? sms.params.text });
      res.statusCode = 202;
      res.end();
    });
  });
  hookServer = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hooks.push(String(req.headers['x-wangge-delivery']));
      res.end('ok');
    });
  });
  overrides = {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    smsGateway: 'http',
    smsUrl: `http://127.0.0.1:${await listen(relay)}/sms`,
    smsSecret: 'relay-shared-secret-0123456789',
    webhookAllowPrivate: true,
  };
  const hookUrl = `http://127.0.0.1:${await listen(hookServer)}/hook`;
  t = await createTestApp(overrides);
  await runDueJobs(t.ctx, jobDefinitions); // the demo seed's own notifications
  mails.length = 0;
  texts.length = 0;
  await t.ctx.db.execute(sql`update staff set email = 'wangfang@example.cn', phone_encrypted = ${t.ctx.secrets.encrypt(workerPhone)} where username = 'grid-worker'`);
  await t.request('PUT', '/api/v1/notifications/preferences', { as: 'grid-worker', body: { items: [{ eventType: 'case.dispatched', channels: ['in_app', 'email', 'sms'] }] } });
  const [village] = await t.rows(sql`select v.code from territory_nodes g join territory_nodes v on v.id = g.parent_id where g.id = ${gridId(t)}`);
  const hook = await t.request('POST', '/api/v1/webhooks', { as: 'admin', body: { name: '计数', url: hookUrl, eventTypes: ['case.dispatched'], nodeCodes: [village!['code']] } });
  expect(hook.statusCode, hook.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await new Promise<void>((resolve) => hookServer.close(() => resolve()));
});

async function dispatchedCases(n: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await reportCase(t, { reporter: { name: '李桂英', phone: `1390000${String(4000 + i)}` } });
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    numbers.push(created.number);
  }
  return numbers;
}

const count = <T>(items: T[]) => {
  const m = new Map<T, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
};

/** Every email, staff SMS, reporter SMS and webhook of these cases arrived exactly once. */
async function expectEachOnce(numbers: string[]) {
  const deliveries = await t.rows(sql`select d.id, d.channel, d.staff_id, d.status from notification_deliveries d join notification_events e on e.id = d.event_id join cases c on c.id = e.case_id where c.number in ${sql`(${sql.join(numbers.map((n) => sql`${n}`), sql`, `)})`} and d.status <> 'skipped'`);
  expect(deliveries.every((d) => d['status'] === 'sent')).toBe(true);
  const emailIds = deliveries.filter((d) => d['channel'] === 'email').map((d) => `<${d['id']}@wangge>`);
  expect(emailIds).toHaveLength(numbers.length);
  const mailCounts = count(mails);
  for (const id of emailIds) expect(mailCounts.get(id), id).toBe(1);
  const staffTexts = texts.filter((x) => x.phone === workerPhone && numbers.some((n) => x.number.includes(n)));
  expect(staffTexts).toHaveLength(numbers.length);
  const reporterTexts = texts.filter((x) => x.templateId === 'case_reported' && numbers.includes(x.number));
  expect(reporterTexts).toHaveLength(numbers.length);
  const hookRows = await t.rows(sql`select d.id, d.status from webhook_deliveries d join notification_events e on e.id = d.event_id join cases c on c.id = e.case_id where c.number in ${sql`(${sql.join(numbers.map((n) => sql`${n}`), sql`, `)})`}`);
  expect(hookRows).toHaveLength(numbers.length);
  const hookCounts = count(hooks);
  for (const row of hookRows) {
    expect(row['status']).toBe('delivered');
    expect(hookCounts.get(String(row['id'])), String(row['id'])).toBe(1);
  }
}

describe('deliveries survive a dead worker', () => {
  it('a worker that claimed the sends and died: after its lease, another sends each exactly once', async () => {
    const numbers = await dispatchedCases(3);
    await runDueJobs(t.ctx, [fanOutJob]);
    const senders = new Map([sendJob, webhookDeliverJob].map((d) => [d.kind, d]));
    const claimed = await claimDueJobs(t.ctx.db, senders, 'dead-worker', new Date(Date.now() + 1000), 100);
    expect(claimed.length).toBeGreaterThanOrEqual(3 * 4); // email + staff SMS + reporter SMS + webhook per case
    expect((await runDueJobs(t.ctx, jobDefinitions)).outcomes.filter((o) => senders.has(o.kind))).toHaveLength(0); // still leased
    await runDueJobs({ ...t.ctx, clock: new ManualClock(new Date(Date.now() + 10 * 60_000)) }, jobDefinitions);
    await expectEachOnce(numbers);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('two workers at once (PostgreSQL)', () => {
  let other: OpenedContext;
  let third: OpenedContext;
  beforeAll(async () => {
    other = await openContext(testConfig({ databaseUrl: t.databaseUrl, ...overrides }), { migrate: false });
    third = await openContext(testConfig({ databaseUrl: t.databaseUrl, ...overrides }), { migrate: false });
  });
  afterAll(async () => {
    await other?.close();
    await third?.close();
  });

  it('three processes draining the same queue send every email, SMS and webhook exactly once', async () => {
    const numbers = await dispatchedCases(8);
    await Promise.all([runDueJobs(t.ctx, jobDefinitions), runDueJobs(other.ctx, jobDefinitions), runDueJobs(third.ctx, jobDefinitions)]);
    await expectEachOnce(numbers);
  });
});
