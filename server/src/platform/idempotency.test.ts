import { describe, expect, it } from 'vitest';
import { idempotencyKeyHeader } from './idempotency.js';

describe('the Idempotency-Key header', () => {
  const headers = idempotencyKeyHeader('Same key + same body returns the original');

  it('is optional and takes 8 to 128 visible ASCII characters', () => {
    expect(headers.safeParse({}).success).toBe(true);
    expect(headers.parse({ 'idempotency-key': 'abc-1234' })).toEqual({ 'idempotency-key': 'abc-1234' });
    expect(headers.safeParse({ 'idempotency-key': 'x'.repeat(128) }).success).toBe(true);
  });

  it('refuses keys too short, too long, or with spaces or non-ASCII characters', () => {
    for (const key of ['short', 'x'.repeat(129), 'has a space', '幂等键幂等键幂等键']) {
      expect(headers.safeParse({ 'idempotency-key': key }).success, key).toBe(false);
    }
  });

  it('says in the API document what a repeat returns', () => {
    expect(headers.shape['idempotency-key'].description).toBe('Same key + same body returns the original');
  });
});
