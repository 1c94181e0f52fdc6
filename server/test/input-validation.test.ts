import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseBody } from '../src/modules/cases/cases.schema.js';
import { hasFieldLabel } from '../src/platform/field-labels.js';
import { postReport } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** Real citizen messages (TipDM 2020 C, development split): personal data, never printed whole. */
const tipdmFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/tipdm-2020-c/dev.tsv');
const tipdm = fs.existsSync(tipdmFile)
  ? fs
      .readFileSync(tipdmFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(0, line.lastIndexOf('\t')))
  : [];

const en = { 'accept-language': 'en' };
const errorsOf = (res: { json(): unknown }) => ((res.json() as { errors?: Array<{ field: string; message: string }> }).errors ?? []);
/** A resident's report (as reportCase in factories.ts, but answering the response whatever it is). */
const intake = (t: TestApp, body: Record<string, unknown>, options: { headers?: Record<string, string> } = {}) => postReport(t, body, options);

const auditCount = async (t: TestApp) => Number((await t.rows(sql`select count(*)::int as n from audit_log`))[0]!['n']);

describe('real messages are accepted at their real length', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.skipIf(tipdm.length === 0)('takes the longest real message (3,900 characters) as a description, stored unchanged', async () => {
    const longest = tipdm.reduce((a, b) => (b.length > a.length ? b : a));
    expect(longest.length).toBeGreaterThan(3000);
    const res = await intake(t, { description: longest });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const stored = await t.rows(sql`select description from cases where id = ${res.json().id as string}`);
    expect(stored[0]!['description']).toBe(longest.trim());
  });

  it.skipIf(tipdm.length === 0)('takes every one of the 1,842 real messages as an intake description', async () => {
    expect(tipdm.length).toBe(1842);
    // All of them through the intake's own validator (createCaseBody, what refused 52 of them before)…
    const base = { channel: 'hotline', demandType: 'help', location: { gridCode: '320305001001001' } };
    const invalid = tipdm.flatMap((message, i) => {
      const parsed = createCaseBody.safeParse({ ...base, description: message });
      return parsed.success ? [] : [`#${i} (${message.length} chars): ${parsed.error.issues.map((x) => x.code).join()}`];
    });
    expect(invalid, invalid.slice(0, 10).join('\n')).toEqual([]);
    // …and the 100 longest plus every 25th through a real HTTP intake (all 1,842 take minutes on PGlite).
    const byLength = tipdm.map((message, i) => ({ message, i })).sort((a, b) => b.message.length - a.message.length);
    const sample = [...byLength.slice(0, 100), ...tipdm.map((message, i) => ({ message, i })).filter(({ i }) => i % 25 === 0)];
    const refused: string[] = [];
    for (const { message, i } of sample) {
      const res = await intake(t, { description: message });
      if (res.statusCode !== 201) refused.push(`#${i} (${message.length} chars): ${res.statusCode} ${JSON.stringify(errorsOf(res))}`);
    }
    expect(refused, refused.slice(0, 10).join('\n')).toEqual([]);
    expect(sample.length).toBeGreaterThan(150);
  }, 300_000);

  it('takes 10,000 characters with line breaks, tabs, emoji and right-to-left marks, and refuses 10,001 in plain words', async () => {
    const prefix = '第一段：路灯坏了 😀\n\t第二段 \u200f\u202eمرحبا\u202c\r\n';
    // Lengths count characters (code points): the emoji is one.
    const exact = prefix + '测'.repeat(10_000 - [...prefix].length);
    expect([...exact].length).toBe(10_000);
    const ok = await intake(t, { description: exact });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(201);

    const zh = await intake(t, { description: exact + '测' });
    expect(zh.statusCode).toBe(400);
    expect(errorsOf(zh)).toEqual([{ field: 'description', message: '「问题描述」最多 10000 个字' }]);
    expect(zh.json().detail).toBe('「问题描述」最多 10000 个字');
    const english = await intake(t, { description: exact + '测' }, { headers: en });
    expect(errorsOf(english)[0]!.message).toBe('Description can be at most 10,000 characters');
  });
});

describe('bad input is a 400 in plain words, never a 500, never stored altered', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('names the field in Chinese and English for missing fields, wrong types and numbers out of range', async () => {
    const missing = await intake(t, { description: undefined });
    expect(errorsOf(missing)).toContainEqual({ field: 'description', message: '请填写「问题描述」' });
    const missingEn = await intake(t, { description: undefined }, { headers: en });
    expect(errorsOf(missingEn)).toContainEqual({ field: 'description', message: 'Description is required' });

    const word = await t.request('PATCH', '/api/v1/category-groups/01', { as: 'admin', body: { version: 'abc', nameZh: '城乡建设' } });
    expect(word.statusCode).toBe(400);
    expect(errorsOf(word)).toEqual([{ field: 'version', message: '「版本」必须是数字' }]);
    const wordEn = await t.request('PATCH', '/api/v1/category-groups/01', { as: 'admin', body: { version: 'abc' }, headers: en });
    expect(errorsOf(wordEn)).toEqual([{ field: 'version', message: 'Version must be a number' }]);

    const short = await intake(t, { description: '坏了' });
    expect(errorsOf(short)).toEqual([{ field: 'description', message: '「问题描述」至少 5 个字' }]);
    const enumWrong = await intake(t, { demandType: 'rant' }, { headers: en });
    expect(errorsOf(enumWrong)).toEqual([{ field: 'demandType', message: 'Demand type must be one of: inquiry, help, complaint, suggestion' }]);
  });

  it('answers 400 for a version of 2^31 or more (PATCH category group and category), and changes nothing', async () => {
    await t.login('admin');
    for (const [url, version] of [
      ['/api/v1/category-groups/01', 2 ** 31],
      ['/api/v1/categories/0103', 2 ** 31],
      ['/api/v1/categories/0103', 2 ** 53],
      ['/api/v1/categories/0103', 1e308],
    ] as const) {
      const before = await auditCount(t);
      const res = await t.request('PATCH', url, { as: 'admin', body: { version, nameZh: '改名' } });
      expect(res.statusCode, `${url} ${version}: ${res.body}`).toBe(400);
      expect(errorsOf(res)[0]!.field).toBe('version');
      expect(await auditCount(t)).toBe(before);
    }
    const zh = await t.request('PATCH', '/api/v1/categories/0103', { as: 'admin', body: { version: 2 ** 31 } });
    expect(errorsOf(zh)[0]!.message).toBe('「版本」不能大于 2147483647');
  });

  it('refuses NUL, other control characters and lone surrogates in text that reaches the audit log, with nothing written', async () => {
    const cases: Array<{ as: string; method: string; url: () => Promise<string>; body: (bad: string) => Record<string, unknown>; field: string }> = [
      { as: 'admin', method: 'PUT', url: async () => '/api/v1/calendar/days/2026-12-24', body: (bad) => ({ kind: 'holiday', nameZh: `平安${bad}夜` }), field: 'nameZh' },
      { as: 'admin', method: 'PATCH', url: async () => '/api/v1/category-groups/01', body: (bad) => ({ version: 1, nameZh: `城乡${bad}建设` }), field: 'nameZh' },
      { as: 'admin', method: 'PATCH', url: async () => '/api/v1/categories/0103', body: (bad) => ({ version: 1, nameZh: `路灯${bad}` }), field: 'nameZh' },
      {
        as: 'community',
        method: 'POST',
        url: async () => `/api/v1/households/${String((await t.rows(sql`select id::text as id from households order by id limit 1`))[0]!['id'])}/deactivate`,
        body: (bad) => ({ version: 1, reason: `已搬离${bad}` }),
        field: 'reason',
      },
    ];
    for (const c of cases) {
      await t.login(c.as);
      for (const bad of ['\u0000', '\ud800', '\udc00x', '\u0007', '\u001b[31m']) {
        const before = await auditCount(t);
        const res = await t.request(c.method, await c.url(), { as: c.as, body: c.body(bad) });
        expect(res.statusCode, `${c.method} ${await c.url()} ${JSON.stringify(bad)}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(errorsOf(res).map((e) => e.field)).toEqual([c.field]);
        expect(await auditCount(t)).toBe(before);
      }
    }
    const surrogate = await t.request('PATCH', '/api/v1/category-groups/01', { as: 'admin', body: { version: 1, nameZh: 'a\ud800' } });
    expect(errorsOf(surrogate)[0]!.message).toBe('「中文名称」含有无效的字符(残缺的表情或符号)，请删除后重试');
    const control = await t.request('PATCH', '/api/v1/category-groups/01', { as: 'admin', body: { version: 1, nameZh: 'a\u0000' }, headers: en });
    expect(errorsOf(control)[0]!.message).toBe('Chinese name cannot contain line breaks or invisible control characters');
  });

  it('keeps line breaks out of one-line names but allows them in descriptions; stores nothing as "�"', async () => {
    const name = await t.request('PATCH', '/api/v1/category-groups/01', { as: 'admin', body: { version: 1, nameZh: '城乡\n建设' } });
    expect(name.statusCode).toBe(400);
    const surrogateDescription = await intake(t, { description: '路灯坏了三天 \ud83d 晚上很黑' });
    expect(surrogateDescription.statusCode).toBe(400);
    expect(errorsOf(surrogateDescription)[0]!.field).toBe('description');
    const stored = await t.rows(sql`select count(*)::int as n from cases where description like ${'%\ufffd%'}`);
    expect(stored[0]!['n']).toBe(0);
  });

  it('refuses text in query strings and path parameters the same way', async () => {
    const query = await t.request('GET', `/api/v1/cases?q=${encodeURIComponent('路灯\u0001')}`, { as: 'admin' });
    expect(query.statusCode).toBe(400);
    expect(errorsOf(query)[0]!.field).toBe('query.q');
    const surrogate = await t.request('GET', '/api/v1/cases?q=%ED%A0%BD', { as: 'admin' });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().code).toBe('MALFORMED_REQUEST');
    const pathNul = await t.request('GET', '/api/v1/territories/3203%00', { as: 'admin' });
    expect(pathNul.statusCode).toBe(400);
    const pathSurrogate = await t.request('GET', '/api/v1/territories/%ED%A0%80', { as: 'admin' });
    expect(pathSurrogate.statusCode).toBe(400);
    expect(pathSurrogate.headers['content-type']).toMatch(/^application\/problem\+json/);
    const longParam = await t.request('GET', `/api/v1/cases/${'x'.repeat(500)}`, { as: 'admin' });
    expect(longParam.statusCode).toBe(400);
    expect(longParam.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a grid file whose grid name holds a control character or half an emoji (422, nothing imported)', async () => {
    await t.login('admin');
    for (const name of ['坏\u0000网格', '坏\ud83d网格']) {
      const before = await t.rows(sql`select count(*)::int as n from territory_nodes`);
      const res = await t.request('POST', '/api/v1/grids/import', {
        as: 'admin',
        body: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'BAD-TEXT', name, villageCode: '320305999999' }, geometry: { type: 'Point', coordinates: [117.3, 34.5] } }] },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().features[0].reasons.join(' ')).toMatch(/网格名称含有控制字符/);
      expect(await t.rows(sql`select count(*)::int as n from territory_nodes`)).toEqual(before);
    }
  });

  it('has a zh/en label for every field and parameter of every request in the OpenAPI document', async () => {
    type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const names = new Set<string>();
    const walk = (schema: Schema | undefined, depth = 0): void => {
      if (!schema || depth > 10) return;
      if (schema.$ref) return walk(doc.components?.schemas?.[schema.$ref.split('/').pop()!], depth + 1);
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        names.add(name);
        walk(prop, depth + 1);
      }
      walk(schema.items, depth + 1);
      for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) walk(alt, depth + 1);
    };
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        for (const p of op.parameters ?? []) names.add(p.name);
        for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema);
      }
    }
    expect(names.size).toBeGreaterThan(100);
    expect([...names].filter((n) => !hasFieldLabel(n))).toEqual([]);
  });

  it('answers multipart without a boundary, or cut off, with a 400 problem, not a 500', async () => {
    const noBoundary = { 'content-type': 'multipart/form-data' };
    const body = '--x\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc\r\n--x--\r\n';
    const photo = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: noBoundary, payload: body });
    expect(photo.statusCode, photo.body).toBe(400);
    expect(photo.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(photo.json().detail).toContain('multipart');
    const cutOff = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: body.slice(0, 60) });
    expect(cutOff.statusCode, cutOff.body).toBeGreaterThanOrEqual(400);
    expect(cutOff.statusCode, cutOff.body).toBeLessThan(500);
    const token = await t.login('community');
    const imports = await t.app.inject({ method: 'POST', url: '/api/v1/household-imports', headers: { ...noBoundary, authorization: `Bearer ${token}` }, payload: body });
    expect(imports.statusCode, imports.body).toBe(400);
    expect(imports.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
