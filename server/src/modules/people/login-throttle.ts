import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { loginThrottles } from './people.tables.js';

/**
 * Per-account lock-out: `loginMaxFailures` failed sign-ins within `loginLockMinutes` lock the name
 * for `loginLockMinutes`. Counted by name whether or not the account exists, so "locked" tells an
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

/** Counts one failure; returns the lock's end when this failure locked the name. */
export async function registerFailure(db: Database, config: Config, key: string, now: Date): Promise<Date | undefined> {
  const windowMs = config.loginLockMinutes * 60_000;
  const windowStart = new Date(now.getTime() - windowMs);
  const stale = sql`${loginThrottles.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginThrottles)
    .values({ keyHash: key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottles.keyHash,
      set: {
        failures: sql`case when ${stale} then 1 else ${loginThrottles.failures} + 1 end`,
        windowStartedAt: sql`case when ${stale} then ${now.toISOString()}::timestamptz else ${loginThrottles.windowStartedAt} end`,
      },
    })
    .returning({ failures: loginThrottles.failures });
  if (!row || row.failures < config.loginMaxFailures) return undefined;
  const until = new Date(now.getTime() + windowMs);
  // The lock starts a fresh window: once it ends, the name gets the full number of tries again.
  await db.update(loginThrottles).set({ failures: 0, windowStartedAt: until, lockedUntil: until }).where(eq(loginThrottles.keyHash, key));
  return until;
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
