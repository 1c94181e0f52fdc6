import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { pointInGrid } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ publicRateLimitPerMinute: 3 });
});
afterAll(async () => t.close());

describe('hardening', () => {
  it('sends security headers', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('throttles repeated sign-in attempts from one address with 429 problem+json and Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await t.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: `guess-${i}` } });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(last!.headers['content-type']).toContain('application/problem+json');
    expect(last!.headers['retry-after']).toBeDefined();
    expect(last!.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(last!.json().retryAfterSeconds).toBeGreaterThan(0);
  });

  it('throttles anonymous reports but not signed-in staff taking calls', async () => {
    const body = { channel: 'resident_app', description: '路口垃圾没人清运，气味很大', demandType: 'complaint', location: pointInGrid(t) };
    const anonymous = [];
    for (let i = 0; i < 4; i++) anonymous.push((await t.request('POST', '/api/v1/cases', { body })).statusCode);
    expect(anonymous).toEqual([201, 201, 201, 429]);
    // Staff sign-in happened before this app throttled: use a fresh token made directly.
    const { login } = await import('../src/modules/people/auth.service.js');
    const { token } = await login(t.ctx, { username: 'community', password: 'wangge-demo' });
    const staff = [];
    for (let i = 0; i < 5; i++) {
      staff.push((await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` }, payload: { ...body, channel: 'staff' } })).statusCode);
    }
    expect(staff).toEqual([201, 201, 201, 201, 201]);
  });
});
