import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/platform/prng.js';
import { watchDatabase } from './fuzz-db.js';
import { oddValue, pick, sampleValue, wrongTypes, type JsonSchema, type Random } from './fuzz-values.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * Schema-guided fuzzing: every operation of the OpenAPI document, anonymously and as two staff roles,
 * with wrong types, missing fields, odd and huge Unicode, huge numbers, malformed bodies and wrong
 * content types. Fails on any 5xx, and on any change to the database by a rejected (4xx) request.
 * Deterministic (seeded PRNG) and bounded (a few thousand requests).
 */
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
  contentType: string | undefined;
};
type Actor = 'anonymous' | 'admin' | 'community';
type Sent = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer };

/** Operations the fuzzer leaves alone for signed-in actors: they would end its own session. */
const endsOwnSession = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-everywhere', 'POST /api/v1/auth/password']);
/** Never fuzzed: an endless event stream. */
const skipped = new Set(['GET /api/v1/notifications/stream']);
/**
 * A rejected request may legitimately write these: a failed sign-in counts against the name
 * (login_throttles) and a wrong one-time code against its challenge (otp_challenges).
 */
const recordsFailures: Record<string, string[]> = {
  'POST /api/v1/auth/login': ['"public"."login_throttles"', '"public"."audit_log"'],
  'POST /api/v1/resident/login': ['"public"."otp_challenges"'],
};

/** A lone surrogate cannot go through encodeURIComponent: encode it the way a broken client would. */
function encodeOdd(value: string): string {
  return Array.from(value)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const code = ch.charCodeAt(0);
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
    })
    .join('');
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = (op['requestBody'] as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content ?? {};
      const contentType = Object.keys(content)[0];
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op['parameters'] as Parameter[] | undefined) ?? [],
        body: contentType ? content[contentType]?.schema : undefined,
        contentType,
      });
    }
  }
  return ops;
}

describe('schema-guided fuzz of the whole API', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Record<string, unknown>>>; components?: { schemas?: Record<string, JsonSchema> } };
  const realIds = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // Real ids from the demo data, so some requests reach the code behind the lookups.
    const one = async (query: ReturnType<typeof sql>) => String((await t.rows(query))[0]?.['v'] ?? '');
    realIds.set('cases', await one(sql`select id::text as v from cases order by created_at desc limit 1`));
    realIds.set('track', await one(sql`select number as v from cases order by created_at desc limit 1`));
    realIds.set('users', await one(sql`select id::text as v from staff where username = 'grid-worker'`));
    realIds.set('units', await one(sql`select id::text as v from units order by code limit 1`));
    realIds.set('households', await one(sql`select id::text as v from households order by id limit 1`));
    realIds.set('members', await one(sql`select id::text as v from household_members order by id limit 1`));
    realIds.set('photos', await one(sql`select id::text as v from photos order by id limit 1`));
    realIds.set('assignments', await one(sql`select id::text as v from assignments order by id limit 1`));
    realIds.set('duty-shifts', await one(sql`select id::text as v from duty_shifts order by id limit 1`));
    realIds.set('deadline-policies', await one(sql`select id::text as v from deadline_policies order by id limit 1`));
    realIds.set('supervision-notices', await one(sql`select id::text as v from supervision_notices order by id limit 1`));
    realIds.set('visits', await one(sql`select id::text as v from visits order by id limit 1`));
    realIds.set('notifications', await one(sql`select id::text as v from notifications order by id limit 1`));
    realIds.set('territories', await one(sql`select code as v from territory_nodes where level = 'village' order by code limit 1`));
    realIds.set('grids', await one(sql`select code as v from territory_nodes where level = 'grid' order by code limit 1`));
    realIds.set('villages', realIds.get('territories')!);
    realIds.set('contact-cards', realIds.get('grids')!);
    realIds.set('categories', '0103');
    realIds.set('category-groups', '01');
    realIds.set('days', '2026-12-24');
    realIds.set('whistle-settings', 'raised');
    realIds.set('rating-settings', 'default');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? (doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {}) : s);

  /** The real value for a path parameter: named after the path segment in front of it. */
  function realParam(path: string, name: string): string {
    const segments = path.split('/');
    const at = segments.indexOf(`{${name}}`);
    const before = segments[at - 1] ?? '';
    if (name === 'memberId') return realIds.get('members')!;
    if (name === 'photoId') return realIds.get('photos')!;
    if (name === 'number') return realIds.get('track')!;
    if (before === 'households' && segments.includes('visits')) return realIds.get('households')!;
    if (before === 'households' && segments.includes('contact-cards')) return realIds.get('households')!;
    const value = realIds.get(before) ?? realIds.get(segments.find((s) => realIds.has(s)) ?? '');
    return value || '0190f5c2-0000-7000-8000-000000000000';
  }

  function hints(name: string): unknown {
    if (name === 'caseId' || name === 'intoCaseId') return realIds.get('cases');
    if (name === 'householdId') return realIds.get('households');
    return undefined;
  }

  function baseRequest(op: Operation, random: Random, useRealIds: boolean, optionalQuery = 0.3): { path: Record<string, string>; query: Record<string, unknown>; body: unknown } {
    const path: Record<string, string> = {};
    const query: Record<string, unknown> = {};
    for (const p of op.parameters) {
      if (p.in === 'path') path[p.name] = useRealIds ? realParam(op.path, p.name) : String(sampleValue(p.schema, resolve, hints, p.name) ?? 'x');
      if (p.in === 'query' && (p.required || random() < optionalQuery)) query[p.name] = sampleValue(p.schema, resolve, hints, p.name);
    }
    const body = op.body && op.contentType === 'application/json' ? sampleValue(op.body, resolve, hints) : undefined;
    return { path, query, body };
  }

  function build(op: Operation, parts: { path: Record<string, string>; query: Record<string, unknown> }, headers: Record<string, string>, payload?: string | Buffer): Sent {
    let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeOdd(String(parts.path[name] ?? 'x')));
    const query = Object.entries(parts.query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeOdd(k)}=${encodeOdd(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`);
    if (query.length > 0) url += `?${query.join('&')}`;
    return { method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}) };
  }

  /** The requests for one operation and actor: a plausible one, then each way of getting it wrong. */
  function requestsFor(op: Operation, random: Random, auth: Record<string, string>, budget: number): Sent[] {
    const out: Sent[] = [];
    const json = { ...auth, 'content-type': 'application/json' };
    const withBody = (body: unknown) => JSON.stringify(body);
    const real = baseRequest(op, random, true);
    const fake = baseRequest(op, random, false);
    const isJson = op.contentType === 'application/json';
    out.push(build(op, real, isJson ? json : auth, isJson ? withBody(real.body) : undefined));
    // Malformed bodies and content types, on the real path.
    if (op.method !== 'GET') {
      out.push(build(op, real, json, '{"truncated": '));
      out.push(build(op, real, json, withBody([real.body])));
      out.push(build(op, real, json, 'null'));
      out.push(build(op, real, { ...auth, 'content-type': 'text/plain' }, 'hello'));
      out.push(build(op, real, { ...auth, 'content-type': 'multipart/form-data' }, '--x\r\ncontent-disposition: form-data; name="file"\r\n\r\nabc\r\n--x--'));
      out.push(build(op, real, { ...auth, 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc'));
      out.push(build(op, real, { ...auth, 'content-type': 'application/json; charset=latin1' }, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])));
    }
    // Each body field in turn: missing, then odd values; the same for query and path parameters.
    const fields = real.body && typeof real.body === 'object' && !Array.isArray(real.body) ? Object.keys(real.body) : [];
    const targets: Array<{ kind: 'body' | 'query' | 'path'; name: string }> = [
      ...fields.map((name) => ({ kind: 'body' as const, name })),
      ...op.parameters.filter((p) => p.in === 'query').map((p) => ({ kind: 'query' as const, name: p.name })),
      ...op.parameters.filter((p) => p.in === 'path').map((p) => ({ kind: 'path' as const, name: p.name })),
    ];
    let round = 0;
    while (out.length < budget && targets.length > 0) {
      const target = targets[round % targets.length]!;
      const useReal = random() < 0.7;
      const parts = structuredClone(useReal ? real : fake);
      const value = round < targets.length && target.kind === 'body' ? undefined : oddValue(random);
      if (target.kind === 'body') {
        const body = { ...(parts.body as Record<string, unknown>) };
        if (value === undefined) delete body[target.name];
        else body[target.name] = value;
        // Now and then the odd value goes one level down, into a nested object or list.
        const nested = body[target.name];
        if (value !== undefined && random() < 0.2 && nested && typeof (real.body as Record<string, unknown>)[target.name] === 'object') {
          const inner = structuredClone((real.body as Record<string, unknown>)[target.name]) as Record<string, unknown>;
          const key = pick(random, Object.keys(inner).length > 0 ? Object.keys(inner) : ['0']);
          inner[key] = value;
          body[target.name] = inner;
        }
        out.push(build(op, parts, json, withBody(body)));
      } else if (target.kind === 'query') {
        parts.query[target.name] = value;
        out.push(build(op, parts, isJson ? json : auth, isJson ? withBody(parts.body) : undefined));
      } else {
        parts.path[target.name] = typeof value === 'string' ? value : JSON.stringify(value) ?? 'null';
        out.push(build(op, parts, isJson ? json : auth, isJson ? withBody(parts.body) : undefined));
      }
      round += 1;
    }
    if (out.length < budget && op.body && isJson) out.push(build(op, real, json, withBody(pick(random, wrongTypes))));
    return out.slice(0, budget);
  }

  it('answers every operation, however wrong the request, without a 5xx or a change from a rejected request', async () => {
    const random = mulberry32(20261207);
    const operations = operationsOf(doc).filter((op) => !skipped.has(`${op.method} ${op.path}`));
    expect(operations.length).toBeGreaterThan(100);
    const watch = await watchDatabase(t);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let requests = 0;
    const slowest = new Map<string, number>();
    const actors: Actor[] = ['anonymous', 'community', 'admin'];
    const budgets: Record<Actor, number> = { anonymous: 5, community: 6, admin: 11 };
    for (const actor of actors) {
      for (const op of operations) {
        const key = `${op.method} ${op.path}`;
        if (actor !== 'anonymous' && endsOwnSession.has(key)) continue;
        const auth: Record<string, string> = actor === 'anonymous' ? {} : { authorization: `Bearer ${await t.login(actor)}`, 'accept-language': random() < 0.5 ? 'en' : 'zh-CN' };
        for (const sent of requestsFor(op, random, auth, budgets[actor])) {
          await watch.before();
          let res: LightMyRequestResponse;
          const started = performance.now();
          try {
            res = await t.app.inject(sent as never);
            slowest.set(key, (slowest.get(key) ?? 0) + performance.now() - started);
          } catch (error) {
            failures.push(`${actor} ${sent.method} ${sent.url.slice(0, 200)}: inject threw ${String(error)}`);
            continue;
          }
          requests += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const rejected = res.statusCode >= 400 && res.statusCode < 500;
          const changed = (await watch.after(rejected)).filter((table) => !(recordsFailures[key] ?? []).includes(table));
          const what = `${actor} ${sent.method} ${sent.url.slice(0, 160)} ${String(sent.headers['content-type'] ?? '')} ${typeof sent.payload === 'string' ? sent.payload.slice(0, 160) : ''}`;
          if (res.statusCode >= 500) failures.push(`${res.statusCode} ← ${what} → ${res.body.slice(0, 200)}`);
          if (changed.length > 0) failures.push(`${res.statusCode} changed ${changed.join(', ')} ← ${what}`);
          if (rejected && res.statusCode !== 404 && !String(res.headers['content-type']).startsWith('application/problem+json')) {
            failures.push(`${res.statusCode} not problem+json (${String(res.headers['content-type'])}) ← ${what}`);
          }
        }
      }
    }
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    const top = [...slowest].sort(([, a], [, b]) => b - a).slice(0, 5).map(([op, ms]) => `${op} ${Math.round(ms)} ms`).join(', ');
    console.log(`fuzz: ${operations.length} operations, ${requests} requests, ${watch.snapshots()} database snapshots; statuses ${summary}; most time: ${top}`);
    expect(failures, failures.slice(0, 40).join('\n')).toEqual([]);
    expect(requests).toBeGreaterThan(2000);
  }, 300_000);

  it('refuses bad text in every string field of every operation with a 400 that names the field', async () => {
    const token = await t.login('admin');
    const missed: string[] = [];
    let checked = 0;
    const random = mulberry32(7);
    for (const op of operationsOf(doc)) {
      if (skipped.has(`${op.method} ${op.path}`) || endsOwnSession.has(`${op.method} ${op.path}`)) continue;
      const base = baseRequest(op, random, true, 0);
      const stringFields: Array<{ kind: 'body' | 'query'; name: string }> = [];
      if (op.body && op.contentType === 'application/json') {
        const schema = resolve(op.body);
        for (const [name, prop] of Object.entries(schema.properties ?? {})) {
          const p = resolve(prop);
          const types = [p, ...(p.anyOf ?? []).map(resolve)].map((x) => x.type);
          if (types.includes('string') && !p.enum) stringFields.push({ kind: 'body', name });
        }
      }
      for (const p of op.parameters) {
        const s = p.schema ? resolve(p.schema) : {};
        if (p.in === 'query' && s.type === 'string' && !s.enum) stringFields.push({ kind: 'query', name: p.name });
      }
      for (const field of stringFields) {
        for (const bad of ['a\u0000b', 'a\ud83db']) {
          const parts = structuredClone(base);
          if (field.kind === 'body') (parts.body as Record<string, unknown>)[field.name] = bad;
          else parts.query[field.name] = bad;
          const sent = build(op, parts, { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, op.body ? JSON.stringify(parts.body) : undefined);
          if (!op.body) delete sent.headers['content-type'];
          const res = await t.app.inject(sent as never);
          checked += 1;
          const fields = ((res.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
          const expected = field.kind === 'body' ? field.name : `query.${field.name}`;
          // NUL and lone surrogates in an address (%00, %ED%A0%BD) are refused before validation, without a field.
          const refusedUrl = field.kind === 'query' && (res.json() as { code?: string }).code === 'MALFORMED_REQUEST';
          if (res.statusCode !== 400 || !(refusedUrl || fields.some((f) => f === expected || f.startsWith(`${expected}.`)))) {
            missed.push(`${op.method} ${op.path} ${field.kind}.${field.name}=${JSON.stringify(bad)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }
      }
    }
    console.log(`bad text: ${checked} requests`);
    expect(missed, missed.slice(0, 30).join('\n')).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  }, 120_000);
});

