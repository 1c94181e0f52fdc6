import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import type { ResidentActor } from '../../platform/actor.js';
import { checkMobile, consumeOtp } from './otp.service.js';
import { residentSessions, residents } from './residents.tables.js';

/** Resident tokens carry a prefix, so the server knows which session table to look in. */
export const residentTokenPrefix = 'wgr_';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface ResidentSignIn {
  token: string;
  expiresAt: Date;
  resident: ResidentActor;
  isNewAccount: boolean;
}

/**
 * Signs a resident in with phone + one-time code. The account is created on the first sign-in
 * (phone encrypted, keyed hash for lookups). A wrong code is counted and committed before the 401
 * is thrown, so retries cannot escape the attempt limit by failing the transaction.
 */
export async function signInWithCode(ctx: AppContext, input: { phone: string; code: string }, ip: string | undefined): Promise<ResidentSignIn> {
  const phone = checkMobile(input.phone);
  // Encrypt outside the transaction (cheap here, but keeps the rule: nothing slow inside).
  const phoneEncrypted = ctx.secrets.encrypt(phone);
  const token = residentTokenPrefix + randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.residentSessionDays * 86_400_000);
  const outcome = await ctx.db.transaction(async (tx) => {
    const checked = await consumeOtp(ctx, tx, phone, input.code, now);
    if (!checked.ok) return checked;
    // During a key rotation the account may still carry the old key's hash: accept any, store the active one.
    const [existing] = await tx.select({ id: residents.id }).from(residents).where(inArray(residents.phoneHash, ctx.secrets.lookupHashes(phone))).limit(1);
    const inserted = existing
      ? []
      : await tx
          .insert(residents)
          .values({ id: newId(), phoneEncrypted, phoneHash: checked.phoneHash, createdAt: now, lastLoginAt: now })
          .onConflictDoNothing({ target: residents.phoneHash })
          .returning();
    let account = inserted[0];
    if (!account) {
      const match = existing ? eq(residents.id, existing.id) : eq(residents.phoneHash, checked.phoneHash);
      [account] = await tx.update(residents).set({ lastLoginAt: now, phoneHash: checked.phoneHash }).where(match).returning();
    }
    if (!account?.phoneHash || !account.phoneEncrypted) throw new Error('resident account vanished during sign-in');
    await tx.insert(residentSessions).values({ id: newId(), tokenHash: hashToken(token), residentId: account.id, createdAt: now, expiresAt });
    const actor: ResidentActor = { kind: 'resident', id: account.id, phoneHash: account.phoneHash, phoneEncrypted: account.phoneEncrypted };
    await recordAudit(tx, actor, { action: 'resident.login', entityType: 'resident', entityId: account.id, data: { isNewAccount: inserted.length > 0 }, ip }, now);
    return { ok: true as const, actor, isNewAccount: inserted.length > 0 };
  });
  if (!outcome.ok) throw outcome.error;
  return { token, expiresAt, resident: outcome.actor, isNewAccount: outcome.isNewAccount };
}

/** The resident behind a token, or undefined when it is unknown, expired or signed out. */
export async function authenticateResident(ctx: AppContext, token: string): Promise<ResidentActor | undefined> {
  if (!token.startsWith(residentTokenPrefix)) return undefined;
  const [row] = await ctx.db
    .select({ id: residents.id, phoneHash: residents.phoneHash, phoneEncrypted: residents.phoneEncrypted })
    .from(residentSessions)
    .innerJoin(residents, eq(residents.id, residentSessions.residentId))
    .where(
      and(
        eq(residentSessions.tokenHash, hashToken(token)),
        gt(residentSessions.expiresAt, ctx.clock.now()),
        isNull(residentSessions.revokedAt),
        isNull(residents.erasedAt),
      ),
    )
    .limit(1);
  if (!row?.phoneHash || !row.phoneEncrypted) return undefined;
  return { kind: 'resident', id: row.id, phoneHash: row.phoneHash, phoneEncrypted: row.phoneEncrypted };
}

export async function signOutResident(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.update(residentSessions).set({ revokedAt: ctx.clock.now() }).where(eq(residentSessions.tokenHash, hashToken(token)));
}

/** 401 unless a resident is signed in. */
export function requireResident(actor: { kind: string }): ResidentActor {
  if (actor.kind !== 'resident') {
    throw new AppError('UNAUTHENTICATED', { detail: { zh: '请先用手机号登录', en: 'Sign in with your mobile number first' } });
  }
  return actor as ResidentActor;
}
