import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { insertClosedCases } from './classification-fixtures.js';
import { actOk, postReport, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await insertClosedCases(t);
});
afterAll(async () => t?.close());

const trainingJobs = () => jobDefinitions.filter((d) => d.kind === 'classification.train');
const lightText = '三号楼门前路灯不亮好几天了，晚上走路看不见';

async function train(seed?: number) {
  const res = await t.request('POST', '/api/v1/classification/models/train', { as: 'admin', body: seed === undefined ? {} : { seed } });
  expect(res.statusCode, res.body).toBe(202);
  await runDueJobs(t.ctx, trainingJobs());
  const list = await t.request('GET', '/api/v1/classification/models', { as: 'admin' });
  expect(list.statusCode, list.body).toBe(200);
  return list.json().items as Array<{ id: string; kind: string; version: number; status: string; accuracy: number | null; sha256: string }>;
}

async function setThreshold(value: number) {
  const current = (await t.request('GET', '/api/v1/classification/settings', { as: 'admin' })).json();
  const res = await t.request('PUT', '/api/v1/classification/settings', { as: 'admin', body: { applyThreshold: value, version: current.version } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('before any model is switched on', () => {
  it('suggests nothing and a report without a category stays uncategorised', async () => {
    const hint = await t.request('POST', '/api/v1/classification/suggest', { body: { description: lightText } });
    expect(hint.statusCode, hint.body).toBe(200);
    expect(hint.json().categories).toEqual([]);
    const created = await reportCase(t, { description: lightText, categoryCode: undefined });
    expect(created.category).toBeNull();
    expect(await t.rows(sql`select 1 from case_suggestions where case_id = ${created.id}`)).toHaveLength(0);
  });

  it('only administrators see, train and switch models', async () => {
    for (const user of ['leader', 'center', 'community', 'grid-worker', 'department']) {
      expect((await t.request('GET', '/api/v1/classification/models', { as: user })).statusCode).toBe(403);
      expect((await t.request('POST', '/api/v1/classification/models/train', { as: user, body: {} })).statusCode).toBe(403);
    }
    expect((await t.request('GET', '/api/v1/classification/models')).statusCode).toBe(401);
  });
});

describe('training, evaluation and switching on', () => {
  let categoryModel: { id: string; version: number };
  let unitModel: { id: string; version: number };

  it('trains a candidate of each kind from the closed cases, evaluated on held-out cases, switched on by nobody', async () => {
    const items = await train();
    const category = items.find((m) => m.kind === 'category')!;
    const unit = items.find((m) => m.kind === 'unit')!;
    expect(category).toMatchObject({ version: 1, status: 'candidate' });
    expect(unit).toMatchObject({ version: 1, status: 'candidate' });
    expect(category.accuracy).toBeGreaterThan(0.8);
    categoryModel = category;
    unitModel = unit;
    const detail = (await t.request('GET', `/api/v1/classification/models/${category.id}`, { as: 'admin' })).json();
    expect(detail.loads).toBe(true);
    expect(detail.evaluation.perClass.map((c: { label: string }) => c.label).sort()).toEqual(['0105', '0201', '0301', '1101']);
    expect(detail.evaluation.perClass.find((c: { label: string }) => c.label === '0105').name).toBe('路灯照明');
    expect(detail.evaluation.confusion.matrix).toHaveLength(4);
    const total = detail.evaluation.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total).toBe(detail.evaluation.examples);
    const audit = await t.rows(sql`select action from audit_log where action like 'classification.%' order by at`);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['classification.train.request', 'classification.train']));
  });

  it('is deterministic for a seed: the same closed cases and seed give the same model file', async () => {
    const before = await train(42);
    const again = await train(42);
    const sums = (items: typeof before, version: number) => items.filter((m) => m.version === version).map((m) => `${m.kind}:${m.sha256}`).sort();
    const v2 = sums(before, 2);
    const v3 = sums(again, 3);
    expect(v2.map((s) => s.split(':')[1])).toEqual(v3.map((s) => s.split(':')[1]));
  });

  it('switches the category model on; a report without a category gets it applied when confident', async () => {
    const res = await t.request('POST', `/api/v1/classification/models/${categoryModel.id}/activate`, { as: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('active');
    await t.request('POST', `/api/v1/classification/models/${unitModel.id}/activate`, { as: 'admin' });
    await setThreshold(0.3);

    const hint = (await t.request('POST', '/api/v1/classification/suggest', { body: { description: lightText } })).json();
    expect(hint.categories[0]).toMatchObject({ code: '0105', name: '路灯照明' });
    expect(hint.categories.length).toBeLessThanOrEqual(3);

    const created = await reportCase(t, { description: lightText, categoryCode: undefined });
    expect(created.category?.code).toBe('0105');
    const suggestion = (await t.request('GET', `/api/v1/cases/${created.id}/suggestion`, { as: 'community' })).json();
    expect(suggestion).toMatchObject({ stored: true, appliedCategoryCode: '0105', categoryModelVersion: 1, unitModelVersion: 1 });
    expect(suggestion.categories[0].code).toBe('0105');
    expect(suggestion.terms.length).toBeGreaterThan(0);
    expect(suggestion.routes[0]).toMatchObject({ label: expect.stringMatching(/^(unit:|node:)/) });
    expect(suggestion.routes[0].name).toBeTruthy();
  });

  it('below the threshold the case goes to triage with the top three; the person’s choice is recorded as feedback', async () => {
    await setThreshold(1);
    const created = await reportCase(t, { description: lightText, categoryCode: undefined });
    expect(created.category).toBeNull();
    const suggestion = (await t.request('GET', `/api/v1/cases/${created.id}/suggestion`, { as: 'community' })).json();
    expect(suggestion.appliedCategoryCode).toBeNull();
    expect(suggestion.categories).toHaveLength(3);
    await actOk(t, 'community', created.id, 'accept', { categoryCode: '0301' });
    const feedback = await t.rows(sql`select suggested_code, chosen_code from classification_feedback where case_id = ${created.id}`);
    expect(feedback).toEqual([{ suggested_code: '0105', chosen_code: '0301' }]);
    await setThreshold(0.6);
  });

  it('a report that names its category keeps it; no suggestion is stored', async () => {
    const created = await reportCase(t, { description: lightText, categoryCode: '0201' });
    expect(created.category?.code).toBe('0201');
    expect(await t.rows(sql`select 1 from case_suggestions where case_id = ${created.id}`)).toHaveLength(0);
  });

  it('a case outside the caller’s territory has no suggestion to read (404)', async () => {
    const created = await reportCase(t, { description: lightText, categoryCode: undefined });
    expect((await t.request('GET', `/api/v1/cases/${created.id}/suggestion`, { as: 'community2' })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/cases/${created.id}/suggestion`)).statusCode).toBe(401);
  });

  it('rolls back to the previous version, and says 409 when there is none', async () => {
    const items = (await t.request('GET', '/api/v1/classification/models', { as: 'admin' })).json().items as Array<{ id: string; kind: string; version: number }>;
    const v3 = items.find((m) => m.kind === 'category' && m.version === 3)!;
    await t.request('POST', `/api/v1/classification/models/${v3.id}/activate`, { as: 'admin' });
    const back = await t.request('POST', '/api/v1/classification/kinds/category/rollback', { as: 'admin' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ version: 1, status: 'active' });
    const statuses = (await t.request('GET', '/api/v1/classification/models', { as: 'admin' })).json().items.filter((m: { kind: string }) => m.kind === 'category');
    expect(statuses.filter((m: { status: string }) => m.status === 'active')).toHaveLength(1);
  });

  it('switched off: no suggestion; rollback then has nothing active to leave (409)', async () => {
    const off = await t.request('POST', '/api/v1/classification/kinds/unit/deactivate', { as: 'admin' });
    expect(off.statusCode).toBe(204);
    expect((await t.request('POST', '/api/v1/classification/kinds/unit/rollback', { as: 'admin' })).statusCode).toBe(409);
    await t.request('POST', `/api/v1/classification/models/${unitModel.id}/activate`, { as: 'admin' });
  });
});

describe('a corrupt model never breaks intake', () => {
  it('refuses to switch on a model whose file fails its check (422), and a corrupted active model gives no suggestion', async () => {
    const items = (await t.request('GET', '/api/v1/classification/models', { as: 'admin' })).json().items as Array<{ id: string; kind: string; status: string; version: number }>;
    const candidate = items.find((m) => m.kind === 'category' && m.status !== 'active')!;
    await t.rows(sql`update classifier_models set file = decode('00ff00ff', 'hex') where id = ${candidate.id}`);
    const refused = await t.request('POST', `/api/v1/classification/models/${candidate.id}/activate`, { as: 'admin' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await t.request('GET', `/api/v1/classification/models/${candidate.id}`, { as: 'admin' })).json().loads).toBe(false);

    // An active model whose bytes pass their checksum but are not a model (written by a broken tool): intake still answers 201.
    const active = items.find((m) => m.kind === 'category' && m.status === 'active')!;
    await t.rows(sql`update classifier_models set status = 'retired' where id = ${active.id}`);
    await t.rows(sql`insert into classifier_models (id, kind, version, status, source, seed, trained_on, held_out, evaluation, file, sha256, training_ms, trained_at)
      select gen_random_uuid(), kind, version + 100, 'active', source, seed, trained_on, held_out, evaluation, decode('deadbeef', 'hex'), encode(sha256(decode('deadbeef', 'hex')), 'hex'), training_ms, trained_at
      from classifier_models where id = ${active.id}`);
    await setThreshold(0.5);
    const res = await postReport(t, { description: lightText, categoryCode: undefined });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().category).toBeNull();
  });
});

describe('bad input', () => {
  it('answers 400 naming the field, and changes nothing', async () => {
    const before = await t.rows(sql`select version, apply_threshold from classification_settings`);
    for (const body of [{ applyThreshold: 2, version: 1 }, { applyThreshold: 0, version: 1 }, { applyThreshold: '0.5', version: 1 }, { version: 1 }]) {
      const res = await t.request('PUT', '/api/v1/classification/settings', { as: 'admin', body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.request('PUT', '/api/v1/classification/settings', { as: 'admin', body: { applyThreshold: 0.5, version: 99 } })).statusCode).toBe(409);
    expect(await t.rows(sql`select version, apply_threshold from classification_settings`)).toEqual(before);
    expect((await t.request('POST', '/api/v1/classification/suggest', { body: { description: '' } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/v1/classification/models/train', { as: 'admin', body: { seed: -1 } })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/v1/classification/models/not-a-uuid', { as: 'admin' })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/v1/classification/models/0190a000-0000-7000-8000-000000000009', { as: 'admin' })).statusCode).toBe(404);
    expect((await t.request('POST', '/api/v1/classification/kinds/colour/rollback', { as: 'admin' })).statusCode).toBe(400);
  });
});
