import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createTestApp, type TestApp } from './test-app.js';
import { pointInGrid, reportCase } from './factories.js';

/** 江庄镇江庄村 in the demo county: the village the test keys are scoped to. */
const villageCode = '320305107205';

let t: TestApp;
let clock: ManualClock;
let hotline: { id: string; key: string };

async function createKey(body: Record<string, unknown>, as = 'admin') {
  return t.request('POST', '/api/v1/api-keys', { as, body: { name: '12345 热线导入', permissions: ['case:create', 'case:read'], nodeCodes: [villageCode], ...body } });
}

function withKey(key: string, headers: Record<string, string> = {}) {
  return { 'x-api-key': key, ...headers };
}

const hotlineCall = (t: TestApp, description = '江庄村村民来电反映：村口路灯坏了一周，晚上看不见路') => ({
  channel: 'hotline',
  description,
  demandType: 'help',
  categoryCode: '0105',
  location: { gridCode: pointInGrid(t).gridCode },
  reporter: { name: '李大爷', phone: '13911112222' },
});

beforeAll(async () => {
  t = await createTestApp();
  clock = new ManualClock(new Date());
  // Services read ctx.clock on every call: a clock we can move, for expiry.
  t.ctx.clock = clock;
  const res = await createKey({});
  expect(res.statusCode, res.body).toBe(201);
  hotline = res.json();
});
afterAll(async () => t.close());

describe('API keys: created by administrators, shown once, stored hashed', () => {
  it('answers with the full key once; lists and reads never carry it', async () => {
    expect(hotline.key).toMatch(/^wgk_[A-Za-z0-9_-]{43}$/);
    expect(hotline).toMatchObject({ name: '12345 热线导入', status: 'active', prefix: hotline.key.slice(0, 10), permissions: ['case:create', 'case:read'] });
    const list = await t.request('GET', '/api/v1/api-keys', { as: 'admin' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(hotline.key);
    const one = (await t.request('GET', `/api/v1/api-keys/${hotline.id}`, { as: 'admin' })).json();
    expect(one.key).toBeUndefined();
    expect(one.nodes.map((n: { code: string }) => n.code)).toEqual([villageCode]);
  });

  it('stores only the SHA-256 of the key, and audits the creation without it', async () => {
    const rows = await t.rows(sql`select * from api_keys where id = ${hotline.id}`);
    expect(rows[0]!.secret_hash).toBe(createHash('sha256').update(hotline.key).digest('base64url'));
    expect(JSON.stringify(rows)).not.toContain(hotline.key.slice(10));
    const audit = await t.rows(sql`select action, actor_kind, data from audit_log where entity_type = 'api_key' and entity_id = ${hotline.id}`);
    expect(audit).toMatchObject([{ action: 'apikey.create', actor_kind: 'staff' }]);
    expect(JSON.stringify(audit)).not.toContain(hotline.key.slice(10));
  });

  it('only administrators manage keys: other staff 403, nobody 401', async () => {
    expect((await createKey({}, 'community')).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/api-keys', { as: 'leader' })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/api-keys')).statusCode).toBe(401);
    expect((await t.request('POST', `/api/v1/api-keys/${hotline.id}/revoke`, { as: 'center' })).statusCode).toBe(403);
  });

  it('refuses unknown territory, permissions beyond the three, and a past expiry', async () => {
    expect((await createKey({ nodeCodes: ['999999'] })).statusCode).toBe(400);
    expect((await createKey({ permissions: ['apikey:admin'] })).statusCode).toBe(400);
    expect((await createKey({ expiresAt: new Date(clock.now().getTime() - 1000).toISOString() })).statusCode).toBe(400);
  });
});

describe('an integration calling with its key', () => {
  it('reports a hotline case into its territory, idempotently per key', async () => {
    const body = hotlineCall(t);
    const first = await t.request('POST', '/api/v1/cases', { headers: withKey(hotline.key, { 'idempotency-key': 'hotline-20261122-0001' }), body });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ channel: 'hotline', status: 'reported', allowedActions: [] });
    const replay = await t.request('POST', '/api/v1/cases', { headers: withKey(hotline.key, { 'idempotency-key': 'hotline-20261122-0001' }), body });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    const changed = await t.request('POST', '/api/v1/cases', {
      headers: withKey(hotline.key, { 'idempotency-key': 'hotline-20261122-0001' }),
      body: { ...body, description: '同一个幂等键，不同的内容，应当被拒绝' },
    });
    expect(changed.statusCode).toBe(422);
    // The key is scoped to the caller: another integration may use the same key for its own call.
    const other = (await createKey({ name: 'Open311 客户端' })).json();
    const second = await t.request('POST', '/api/v1/cases', { headers: withKey(other.key, { 'idempotency-key': 'hotline-20261122-0001' }), body: { ...body, channel: 'open311' } });
    expect(second.statusCode).toBe(201);
    expect(second.json().id).not.toBe(first.json().id);
    // History names the key, never a person.
    const events = await t.rows(sql`select actor_id, actor_role, data from case_events where case_id = ${first.json().id}`);
    expect(events).toMatchObject([{ actor_id: null, actor_role: 'integration', data: { apiKeyId: hotline.id, channel: 'hotline' } }]);
  });

  it('accepts the key as a bearer token too', async () => {
    const res = await t.request('GET', '/api/v1/cases?limit=5', { headers: { authorization: `Bearer ${hotline.key}` } });
    expect(res.statusCode).toBe(200);
  });

  it('reports only through integration channels and only inside its nodes', async () => {
    const resident = await t.request('POST', '/api/v1/cases', { headers: withKey(hotline.key), body: { ...hotlineCall(t), channel: 'resident_app' } });
    expect(resident.statusCode).toBe(403);
    const elsewhere = t.ctx.grids.current.grids.find((g) => g.gridKind === 'basic' && !g.path.includes(villageCode))!;
    const outside = await t.request('POST', '/api/v1/cases', { headers: withKey(hotline.key), body: { ...hotlineCall(t), location: { gridCode: elsewhere.code } } });
    expect(outside.statusCode).toBe(400);
  });

  it('reads cases under its nodes (list and detail); elsewhere they do not exist', async () => {
    const list = (await t.request('GET', '/api/v1/cases?limit=200', { headers: withKey(hotline.key) })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((c: { territory: { code: string } }) => c.territory.code.startsWith(villageCode))).toBe(true);
    const inside = list.items[0];
    const detail = await t.request('GET', `/api/v1/cases/${inside.id}`, { headers: withKey(hotline.key) });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().allowedActions).toEqual([]);
    expect(detail.json().reporter?.masked ?? true).toBe(true);

    const elsewhere = t.ctx.grids.current.grids.find((g) => g.gridKind === 'basic' && !g.path.includes(villageCode))!;
    const foreign = await reportCase(t, { location: { gridCode: elsewhere.code } });
    const outside = await t.request('GET', `/api/v1/cases/${foreign.id}`, { headers: withKey(hotline.key) });
    expect(outside.statusCode).toBe(404);
  });

  it('gets 403 for everything else, and for what its permissions leave out', async () => {
    const someCase = (await t.request('GET', '/api/v1/cases?limit=1', { headers: withKey(hotline.key) })).json().items[0];
    const forbidden = [
      ['POST', `/api/v1/cases/${someCase.id}/actions/accept`, { version: someCase.version }],
      ['GET', '/api/v1/staff', undefined],
      ['GET', '/api/v1/units', undefined],
      ['GET', '/api/v1/api-keys', undefined],
      ['GET', '/api/v1/grids/export', undefined],
      ['GET', `/api/v1/territories/${villageCode}`, undefined],
    ] as const;
    for (const [method, url, body] of forbidden) {
      const res = await t.request(method, url, { headers: withKey(hotline.key), body });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const readOnly = (await createKey({ name: '只读看板', permissions: ['case:read', 'territory:read'] })).json();
    expect((await t.request('POST', '/api/v1/cases', { headers: withKey(readOnly.key), body: hotlineCall(t) })).statusCode).toBe(403);
    const node = await t.request('GET', `/api/v1/territories/${villageCode}`, { headers: withKey(readOnly.key) });
    expect(node.statusCode).toBe(200);
    expect(node.json().code).toBe(villageCode);
  });

  it('may still locate points and read categories (public endpoints)', async () => {
    const point = pointInGrid(t);
    expect((await t.request('GET', `/api/v1/territories/locate?lat=${point.lat}&lng=${point.lng}`, { headers: withKey(hotline.key) })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/categories', { headers: withKey(hotline.key) })).statusCode).toBe(200);
  });

  it('records the last use (time and address), at most once a minute', async () => {
    const fresh = (await createKey({ name: '最近使用' })).json();
    expect(fresh.lastUsedAt).toBeNull();
    await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(fresh.key), remoteAddress: '10.1.2.3' });
    const used = (await t.request('GET', `/api/v1/api-keys/${fresh.id}`, { as: 'admin' })).json();
    expect(used.lastUsedAt).toBe(clock.now().toISOString());
    expect(used.lastUsedIp).toBe('10.1.2.3');
    const firstUse = used.lastUsedAt;
    clock.advanceMinutes(0.5);
    await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(fresh.key), remoteAddress: '10.9.9.9' });
    expect((await t.request('GET', `/api/v1/api-keys/${fresh.id}`, { as: 'admin' })).json()).toMatchObject({ lastUsedAt: firstUse, lastUsedIp: '10.1.2.3' });
    clock.advanceMinutes(1);
    await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: withKey(fresh.key), remoteAddress: '10.9.9.9' });
    expect((await t.request('GET', `/api/v1/api-keys/${fresh.id}`, { as: 'admin' })).json()).toMatchObject({ lastUsedAt: clock.now().toISOString(), lastUsedIp: '10.9.9.9' });
  });
});

describe('dead keys answer 401 everywhere', () => {
  it('an unknown key', async () => {
    const res = await t.request('GET', '/api/v1/categories', { headers: withKey('wgk_' + 'x'.repeat(43)) });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('a revoked key, once revoked (audited; revoking again changes nothing)', async () => {
    const doomed = (await createKey({ name: '将被吊销' })).json();
    expect((await t.request('GET', '/api/v1/cases?limit=1', { headers: withKey(doomed.key) })).statusCode).toBe(200);
    const revoked = await t.request('POST', `/api/v1/api-keys/${doomed.id}/revoke`, { as: 'admin' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect(revoked.json().revokedAt).not.toBeNull();
    for (const url of ['/api/v1/cases?limit=1', '/api/v1/categories']) {
      expect((await t.request('GET', url, { headers: withKey(doomed.key) })).statusCode, url).toBe(401);
    }
    expect((await t.request('POST', `/api/v1/api-keys/${doomed.id}/revoke`, { as: 'admin' })).statusCode).toBe(200);
    const audit = await t.rows(sql`select action from audit_log where entity_type = 'api_key' and entity_id = ${doomed.id} order by at, id`);
    expect(audit.map((r) => r.action)).toEqual(['apikey.create', 'apikey.revoke']);
    expect((await t.rows(sql`select count(*)::int as n from api_keys where id = ${doomed.id}`))[0]!.n).toBe(1);
  });

  it('an expired key, once its time has passed', async () => {
    const shortLived = (await createKey({ name: '临时', expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString() })).json();
    expect((await t.request('GET', '/api/v1/cases?limit=1', { headers: withKey(shortLived.key) })).statusCode).toBe(200);
    clock.advanceMinutes(61);
    expect((await t.request('GET', '/api/v1/cases?limit=1', { headers: withKey(shortLived.key) })).statusCode).toBe(401);
    expect((await t.request('GET', `/api/v1/api-keys/${shortLived.id}`, { as: 'admin' })).json().status).toBe('expired');
  });
});
