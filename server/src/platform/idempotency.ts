import { z } from 'zod';

/**
 * The `Idempotency-Key` request header of a create that a client may retry (a double tap, a lost
 * answer): 8–128 visible ASCII characters, optional. `meaning` says in the OpenAPI document what a
 * repeat with the same key returns.
 */
export function idempotencyKeyHeader(meaning: string) {
  return z.object({
    'idempotency-key': z
      .string()
      .min(8, '幂等键至少 8 个字符|at least 8 characters')
      .max(128)
      .regex(/^[\x21-\x7e]+$/, '幂等键只能包含可见 ASCII 字符|printable ASCII only')
      .optional()
      .describe(meaning),
  });
}
