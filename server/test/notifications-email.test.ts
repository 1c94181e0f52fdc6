import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { ManualClock } from '../src/platform/clock.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { createTestApp, type TestApp } from './test-app.js';
import { actOk, gridId, reportCase } from './factories.js';

/** A real SMTP server on a local port: keeps every message it accepts, parsed. */
let smtp: SMTPServer;
let smtpPort: number;
const received: Array<{ to: string[]; mail: ParsedMail }> = [];
let refuseNext = 0;

let t: TestApp;
const workerEmail = 'wangfang@jiangzhuang.example.cn';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailFrom: '网格通知 <notice@wangge.example.cn>' });
  await runDueJobs(t.ctx, jobDefinitions); // the demo seed's own notifications
  await t.ctx.db.execute(sql`update staff set email = ${workerEmail} where username = 'grid-worker'`);
  const put = await t.request('PUT', '/api/v1/notifications/preferences', { as: 'grid-worker', body: { items: [{ eventType: 'case.dispatched', channels: ['in_app', 'email'] }] } });
  expect(put.statusCode, put.body).toBe(200);
  expect(put.json().email).toEqual({ enabled: true, hasAddress: true });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function dispatched() {
  const created = await reportCase(t);
  await actOk(t, 'community', created.id, 'accept');
  await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
  return created;
}

const mailsFor = (number: string) => received.filter((r) => r.mail.subject?.includes(number));

describe('email over SMTP (a real SMTP server)', () => {
  it('sends the dispatch to the grid worker in Chinese, once, and logs the delivery', async () => {
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    await runDueJobs(t.ctx, jobDefinitions); // nothing left to send: no second mail
    const mails = mailsFor(created.number);
    expect(mails).toHaveLength(1);
    const { to, mail } = mails[0]!;
    expect(to).toEqual([workerEmail]);
    expect(mail.subject).toBe(`派单：${created.number}`);
    expect(mail.text).toContain(`案件 ${created.number}（路灯照明）已派给您`);
    expect(mail.text).toMatch(/请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前办结/);
    expect(mail.from?.text).toContain('notice@wangge.example.cn');
    expect(mail.messageId).toMatch(/@wangge>?$/);
    // Only references: no description, no reporter.
    expect(mail.text).not.toContain('三天');
    expect(mail.text).not.toContain('王秀英');
    const log = await t.rows(sql`select d.status, d.attempts, d.channel from notification_deliveries d join notification_events e on e.id = d.event_id where e.case_id = ${created.id} and d.channel = 'email'`);
    expect(log).toEqual([{ status: 'sent', attempts: 1, channel: 'email' }]);
  });

  it('English for those who chose it', async () => {
    await t.request('PUT', '/api/v1/notifications/preferences', { as: 'grid-worker', body: { locale: 'en' } });
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    const [mail] = mailsFor(created.number);
    expect(mail!.mail.subject).toBe(`Assigned: ${created.number}`);
    expect(mail!.mail.text).toContain('was assigned to you');
    await t.request('PUT', '/api/v1/notifications/preferences', { as: 'grid-worker', body: { locale: 'zh' } });
  });

  it('a refused send is recorded and retried after the back-off, then sent once', async () => {
    refuseNext = 1;
    const created = await dispatched();
    await runDueJobs(t.ctx, jobDefinitions);
    expect(mailsFor(created.number)).toHaveLength(0);
    const [pending] = await t.rows(sql`select d.status, d.attempts, d.last_error from notification_deliveries d join notification_events e on e.id = d.event_id where e.case_id = ${created.id} and d.channel = 'email'`);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(String(pending!['last_error'])).toContain('mailbox busy');
    await runDueJobs({ ...t.ctx, clock: new ManualClock(new Date(Date.now() + 60_000)) }, jobDefinitions);
    expect(mailsFor(created.number)).toHaveLength(1);
    const [sent] = await t.rows(sql`select d.status, d.attempts from notification_deliveries d join notification_events e on e.id = d.event_id where e.case_id = ${created.id} and d.channel = 'email'`);
    expect(sent).toEqual({ status: 'sent', attempts: 2 });
  });

  it('/healthz says email goes over SMTP', async () => {
    expect((await t.request('GET', '/healthz')).json().email).toBe('smtp');
  });
});
