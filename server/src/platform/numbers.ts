import { z } from 'zod';

/** PostgreSQL `integer` (int4): anything beyond would fail in the database, so it is a 400 here. */
export const maxInt32 = 2_147_483_647;

/** The version a caller read (optimistic locking); stored as int4, so bounded to it. */
export function versionInput(min = 1): z.ZodNumber {
  return z.number().int().min(min).max(maxInt32);
}

/** The same from a query string (`?version=3`). */
export function versionQueryInput(): z.ZodCoercedNumber<unknown> {
  return z.coerce.number().int().min(1).max(maxInt32);
}
