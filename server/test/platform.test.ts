import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('platform', () => {
  it('answers /healthz with the engine and grid count', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.engine });
    expect(res.json().grids).toBeGreaterThan(700);
  });

  it('serves the OpenAPI document with every lifecycle action route', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const action of ['accept', 'reject', 'merge', 'dispatch', 'return', 'take', 'handle', 'close', 'rework', 'escalate', 'request-extension', 'approve-extension', 'long-term']) {
      expect(paths).toContain(`/api/v1/cases/{id}/actions/${action}`);
    }
    expect(paths).toContain('/api/v1/territories/locate');
  });

  it('serves browsable API docs', async () => {
    const res = await t.request('GET', '/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers unknown routes with problem+json 404', async () => {
    const res = await t.request('GET', '/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'content-type': 'application/json' }, payload: '{"channel": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ description: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { 'content-type': 'text/xml' }, payload: '<case/>' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('speaks English when asked', async () => {
    const res = await t.request('POST', '/api/v1/cases', { body: { channel: 'resident_app' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.title).toBe('The request has invalid fields');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['description', 'demandType']));
  });

  it('signs in with argon2id-hashed passwords and rejects a wrong one without saying which part was wrong', async () => {
    const ok = await t.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'wangge-demo' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(ok.cookies.find((c) => c.name === 'wangge_session')?.httpOnly).toBe(true);
    const wrong = await t.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope-nope' } });
    const unknown = await t.request('POST', '/api/v1/auth/login', { body: { username: 'ghost', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('accepts the session cookie as well as the bearer token, and logout ends the session', async () => {
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'leader', password: 'wangge-demo' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().nodes[0]).toMatchObject({ code: '320305', level: 'county' });
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${login.json().token}` } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('has every documented demo login with its territory', async () => {
    const expectations: Record<string, { role: string; nodes: string[] }> = {
      admin: { role: 'admin', nodes: ['贾汪区'] },
      leader: { role: 'leader', nodes: ['贾汪区'] },
      center: { role: 'center_operator', nodes: ['江庄镇'] },
      community: { role: 'community_staff', nodes: ['江庄村'] },
      'grid-worker': { role: 'grid_worker', nodes: ['江庄村第一网格'] },
      department: { role: 'department_staff', nodes: [] },
    };
    for (const [username, expected] of Object.entries(expectations)) {
      const me = (await t.request('GET', '/api/v1/auth/me', { as: username })).json();
      expect(me.role).toBe(expected.role);
      expect(me.nodes.map((n: { name: string }) => n.name)).toEqual(expected.nodes);
    }
    const cadre = (await t.request('GET', '/api/v1/auth/me', { as: 'cadre' })).json();
    expect(cadre.nodes).toHaveLength(2);
    const community2 = (await t.request('GET', '/api/v1/auth/me', { as: 'community2' })).json();
    expect(community2.nodes[0].code.startsWith('320305107')).toBe(false);
    const department = (await t.request('GET', '/api/v1/auth/me', { as: 'department' })).json();
    expect(department.unit).toMatchObject({ code: 'JW-CG' });
  });
});
