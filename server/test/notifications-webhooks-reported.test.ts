import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { pointInGrid, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';
import { visitMatrixFixture } from './visit-fixtures.js';

/** Every new case reaches a `case.reported` subscriber, whoever entered it and whether or not it has a reporter. */
let receiver: http.Server;
const hits: Array<{ type: string; caseId: string; number: string; body: string }> = [];
let t: TestApp;
const villageCode = '320305107205'; // 江庄村

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const parsed = JSON.parse(body);
      hits.push({ type: parsed.type, caseId: parsed.case?.id, number: parsed.case?.number, body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/new-cases`;
  t = await createTestApp({ webhookAllowPrivate: true });
  await runDueJobs(t.ctx, jobDefinitions); // the demo seed's own notifications
  const created = await t.request('POST', '/api/v1/webhooks', { as: 'admin', body: { name: '区12345平台(新案件)', url, eventTypes: ['case.reported'], nodeCodes: [villageCode] } });
  expect(created.statusCode, created.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function newCase(as: string, body: Record<string, unknown>): Promise<{ id: string; number: string }> {
  const res = await t.request('POST', '/api/v1/cases', { as, body: { description: '测试：小区门口井盖缺失', demandType: 'help', categoryCode: '0105', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('case.reported webhooks', () => {
  it('are sent for staff-entered, hotline, anonymous, visit-raised and reported cases alike, once each, without personal data', async () => {
    const point = pointInGrid(t);
    const made: Record<string, { id: string; number: string }> = {
      staffEntered: await newCase('grid-worker', { channel: 'patrol', location: { lat: point.lat, lng: point.lng }, isAnonymous: true }),
      hotline: await newCase('community', { channel: 'hotline', location: { address: '江庄镇江庄村东组 8 号' } }),
      anonymous: await reportCase(t, { isAnonymous: true, reporter: undefined }),
      withReporter: await reportCase(t),
    };
    const [grid] = await t.rows(sql`select id, path from territory_nodes where code = ${point.gridCode}`);
    const { visitId } = await visitMatrixFixture(t, String(grid!.id), String(grid!.path), villageCode);
    const raised = await t.request('POST', `/api/v1/visits/${visitId}/cases`, { as: 'grid-worker', body: { description: '走访发现楼道灯损坏，老人夜间出行不便', demandType: 'help' } });
    expect(raised.statusCode, raised.body).toBe(201);
    made.visitRaised = { id: raised.json().caseId, number: '' };

    await runDueJobs(t.ctx, jobDefinitions);
    await runDueJobs(t.ctx, jobDefinitions); // nothing twice
    for (const [kind, c] of Object.entries(made)) {
      const mine = hits.filter((h) => h.caseId === c.id);
      expect(mine.map((h) => h.type), kind).toEqual(['case.reported']);
    }
    const all = hits.map((h) => h.body).join('\n');
    expect(all).not.toContain('王秀英');
    expect(all).not.toContain('13800010137');
  });
});
