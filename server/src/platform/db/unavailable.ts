/**
 * Is this error the database being unreachable for a moment (restart, failover, a dropped or refused
 * connection, no free connection in time) rather than anything about the request? Such requests
 * answer 503 with Retry-After: the client may simply try again (error-handler.ts).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && unavailableMessages.some((m) => message.startsWith(m))) return true;
  }
  return false;
}

/** Seconds a client is asked to wait before retrying. */
export const databaseRetryAfterSeconds = 5;

const unavailableCodes = new Set([
  // PostgreSQL: shutting down or starting up, crashed, too many connections (class 08 is matched above).
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // Node sockets.
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// node-postgres and pg-pool say these in plain text, without a code.
const unavailableMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
