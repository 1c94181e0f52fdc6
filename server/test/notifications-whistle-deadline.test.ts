import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { formatShanghai } from '../src/modules/notifications/templates.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { actOk, gridId, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** A whistle tells the summoned when to check in — its own deadline, not the case's (which may be long past). */
let t: TestApp;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
const cadreEmail = 'zhaolei@jiangzhuang.example.cn';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => void simpleParser(Buffer.concat(chunks)).then((mail) => (mails.push(mail), callback())));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, mailFrom: 'notice@wangge.example.cn' });
  await runDueJobs(t.ctx, jobDefinitions); // the demo seed's own notifications
  await t.ctx.db.execute(sql`update staff set email = ${cadreEmail} where username = 'cadre'`);
  const put = await t.request('PUT', '/api/v1/notifications/preferences', { as: 'cadre', body: { items: [{ eventType: 'case.whistle', channels: ['in_app', 'email'] }] } });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('the whistle notification', () => {
  it('gives the check-in deadline in the inbox and the email, not the case\'s past resolve deadline', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await actOk(t, 'grid-worker', created.id, 'take');
    // The case fell due a week ago (sessions would lapse if the clock jumped instead).
    const resolveBy = new Date(t.ctx.clock.now().getTime() - 7 * 86_400_000);
    await t.rows(sql`update cases set resolve_by = ${resolveBy.toISOString()}::timestamptz where id = ${created.id}`);
    await actOk(t, 'grid-worker', created.id, 'whistle', { grade: 'routine', reason: '线路老化，需村委和包村干部协调供电所' });
    const loop = (await t.request('GET', `/api/v1/cases/${created.id}/loop`, { as: 'cadre' })).json();
    const checkInBy = new Date(loop.whistles[0].parties[0].checkInBy);
    expect(checkInBy.getTime()).toBeGreaterThan(t.ctx.clock.now().getTime());
    await runDueJobs(t.ctx, jobDefinitions);

    const inbox = (await t.request('GET', '/api/v1/notifications?limit=50', { as: 'cadre' })).json().items;
    const told = inbox.find((n: { type: string; caseId: string }) => n.type === 'case.whistle' && n.caseId === created.id);
    expect(told, JSON.stringify(inbox.map((n: { type: string }) => n.type))).toBeDefined();
    expect(told.body).toContain(`请在 ${formatShanghai(checkInBy)} 前报到`);
    expect(told.body).not.toContain(formatShanghai(resolveBy));
    const english = (await t.request('GET', '/api/v1/notifications?limit=50', { as: 'cadre', headers: { 'accept-language': 'en' } })).json().items;
    expect(english.find((n: { id: string }) => n.id === told.id).body).toContain(`check in by ${formatShanghai(checkInBy)}`);

    const mail = mails.find((m) => m.subject === `吹哨：${created.number}`);
    expect(mail, mails.map((m) => m.subject).join(', ')).toBeDefined();
    expect(mail!.text).toContain(`请在 ${formatShanghai(checkInBy)} 前报到`);
    expect(mail!.text).not.toContain(formatShanghai(resolveBy));
  });
});
