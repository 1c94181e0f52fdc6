import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, gridId, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** The 交办单 and the 督办单 of a case name the same issuing office: the centre of the issuer's territory. */
let t: TestApp;
let caseId: string;
const town = '江庄镇网格化服务管理中心';
const county = '贾汪区网格化服务管理中心';

beforeAll(async () => {
  t = await createTestApp();
  caseId = (await reportCase(t)).id;
});
afterAll(async () => t?.close());

const header = (html: string) => /<div class="org">([^<]*)<\/div>/.exec(html)?.[1];

async function printed(as: string, body: Record<string, unknown>): Promise<string | undefined> {
  const issued = await t.request('POST', '/api/v1/supervision-notices', { as, body: { caseId, note: '请尽快办理', ...body } });
  expect(issued.statusCode, issued.body).toBe(201);
  const res = await t.request('GET', `/api/v1/supervision-notices/${issued.json().id}/print`, { as: 'center' });
  expect(res.statusCode).toBe(200);
  return header(res.body);
}

describe('the issuing office on the papers of a case', () => {
  it('is the town centre on the 交办单 of a village dispatch and on the 督办单 the town center issues', async () => {
    expect((await t.request('GET', `/api/v1/cases/${caseId}`, { as: 'community' })).json().dispatchOffice).toBeNull();
    await actOk(t, 'community', caseId, 'accept');
    await actOk(t, 'community', caseId, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    const detail = (await t.request('GET', `/api/v1/cases/${caseId}`, { as: 'center' })).json();
    expect(detail.dispatchOffice).toBe(town);
    const english = (await t.request('GET', `/api/v1/cases/${caseId}`, { as: 'center', headers: { 'accept-language': 'en' } })).json();
    expect(english.dispatchOffice).toBe('江庄镇 Grid Service and Management Centre');

    expect(await printed('center', {})).toBe(detail.dispatchOffice);
  });

  it('is the town centre on a 督办单 of the deadline sweep, and the county centre when a county leader issues it', async () => {
    const id = '0190a000-0000-7000-8000-0000000e0001';
    await t.rows(sql`insert into supervision_notices (id, number, case_id, kind, issued_at, addressed_to, via, level, note, created_at)
      values (${id}, 'DB-320305-20260101-9001', ${caseId}, 'resolve_overdue', now(), '[]'::jsonb, 'territory', 'grid', null, now())`);
    const swept = await t.request('GET', `/api/v1/supervision-notices/${id}/print`, { as: 'center' });
    expect(swept.statusCode, swept.body).toBe(200);
    expect(header(swept.body)).toBe(town);

    expect(await printed('leader', {})).toBe(county);
  });
});
