/**
 * The SQLSTATE of a database error. node-postgres and PGlite both put it on `code`; Drizzle wraps
 * the driver's error and keeps it as `cause`, so the chain is followed (a few links at most).
 */
export function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A unique index or constraint refused the row (23505): usually "already exists", a conflict to report. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}
