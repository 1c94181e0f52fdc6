import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { loginThrottles } from './people.tables.js';

/**
 * Per-account lock-out: `loginMaxFailures` failed sign-ins within `loginLockMinutes` lock the name
 * for `loginLockMinutes`. Each password check is reserved (`reserveAttempt`) before it runs, so
 * concurrent sign-ins cannot slip extra checks past the limit. Counted by name whether or not the account exists, so "locked" tells an
 * attacker nothing about which names are real. (Per-address throttling is hardening.ts's job.)
 */
export function throttleKey(username: string): string {
  return createHash('sha256').update(`wangge:login:${username.trim().toLowerCase()}`).digest('base64url');
}

/** When the name is locked: until when; otherwise undefined. */
export async function lockedUntil(db: Database, key: string, now: Date): Promise<Date | undefined> {
  const [row] = await db.select({ lockedUntil: loginThrottles.lockedUntil }).from(loginThrottles).where(eq(loginThrottles.keyHash, key)).limit(1);
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
}

/** The outcome of asking for one password check: refused while locked, else allowed (maybe as the last try). */
export type AttemptReservation =
  | { allowed: false; lockedUntil: Date }
  | { allowed: true; /** Set when this is the last try of the window: if it fails, the name is locked until then. */ locksUntil: Date | undefined };

/**
 * Reserves one password check for a name, in one statement, before the (slow) check runs: the attempt
 * is counted as a failure up front, and a name whose window is used up is locked at once. So however
 * many sign-ins arrive together, at most `loginMaxFailures` passwords are checked per lock window; a
 * success clears the count again (`clearFailures`). A window that is over, or a lock that has ended,
 * starts counting afresh.
 */
export async function reserveAttempt(db: Database, config: Config, key: string, now: Date): Promise<AttemptReservation> {
  const windowMs = config.loginLockMinutes * 60_000;
  const windowStart = new Date(now.getTime() - windowMs);
  const until = new Date(now.getTime() + windowMs);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const untilSql = sql`${until.toISOString()}::timestamptz`;
  const fresh = sql`(${loginThrottles.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz or ${loginThrottles.lockedUntil} <= ${nowSql})`;
  const count = sql`case when ${fresh} then 1 else ${loginThrottles.failures} + 1 end`;
  const [row] = await db
    .insert(loginThrottles)
    .values({ keyHash: key, failures: 1, windowStartedAt: now, lockedUntil: config.loginMaxFailures <= 1 ? until : null })
    .onConflictDoUpdate({
      target: loginThrottles.keyHash,
      set: {
        failures: count,
        windowStartedAt: sql`case when ${fresh} then ${nowSql} else ${loginThrottles.windowStartedAt} end`,
        lockedUntil: sql`case when ${count} >= ${config.loginMaxFailures} then ${untilSql} when ${fresh} then null else ${loginThrottles.lockedUntil} end`,
      },
      // A locked name is not counted further: the lock runs from the last allowed try.
      setWhere: sql`${loginThrottles.lockedUntil} is null or ${loginThrottles.lockedUntil} <= ${nowSql}`,
    })
    .returning({ lockedUntil: loginThrottles.lockedUntil });
  if (row) return { allowed: true, locksUntil: row.lockedUntil ?? undefined };
  // Nothing was updated: the name is locked. (Should the lock have been cleared meanwhile, say so for a moment.)
  return { allowed: false, lockedUntil: (await lockedUntil(db, key, now)) ?? new Date(now.getTime() + 1000) };
}

export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.keyHash, key));
}

/** The same answer for every locked name, existing or not. */
export function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError('ACCOUNT_LOCKED', {
    detail: {
      zh: `登录失败次数过多，该账号已暂时锁定，请 ${minutes} 分钟后再试，或请管理员重置密码`,
      en: `Too many failed sign-ins; this account is locked. Try again in ${minutes} min, or ask an administrator to reset the password`,
    },
    extra: { retryAfterSeconds: seconds },
  });
}
