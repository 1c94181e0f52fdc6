import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { SmsDeliveryError } from '../../platform/sms.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { publicActor } from '../../platform/actor.js';
import { otpChallenges } from './residents.tables.js';

/** The rules for one-time codes, in one place. */
export const otpRules = {
  digits: 6,
  ttlMinutes: 5,
  maxAttempts: 5,
  /** A phone gets a new code at most once per this many seconds… */
  resendSeconds: 60,
  /** …and at most this many codes per rolling hour. */
  perHour: 5,
} as const;

const mobilePattern = /^1[3-9]\d{9}$/;

/** A mainland mobile number, or 422: the only identity a resident has. */
export function checkMobile(phone: string): string {
  const trimmed = phone.trim();
  if (!mobilePattern.test(trimmed)) {
    throw new AppError('UNPROCESSABLE', {
      fieldErrors: [{ field: 'phone', message: { zh: '请填写 11 位中国大陆手机号码', en: 'Enter an 11-digit mainland China mobile number' } }],
    });
  }
  return trimmed;
}

/**
 * The stored form of a code: a keyed hash bound to its challenge row. Six digits are only a million
 * possibilities, so an unkeyed hash would be no protection; the row id in the input means a hash
 * cannot be replayed against another row. Domain-separated from phone hashes by its prefix.
 */
function codeHash(ctx: AppContext, challengeId: string, code: string): string {
  return ctx.secrets.lookupHash(`otp-code:${challengeId}:${code}`);
}

function throttled(seconds: number): AppError {
  const s = Math.max(1, Math.ceil(seconds));
  return new AppError('RATE_LIMITED', {
    detail: { zh: `验证码发送太频繁，请 ${s} 秒后再试`, en: `Too many codes requested; try again in ${s} s` },
    extra: { retryAfterSeconds: s },
  });
}

export interface OtpSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/**
 * Sends a sign-in code to a phone. Every valid number is treated alike (known or not), so the
 * answer never tells whether someone has an account. Per phone: one code a minute, five an hour
 * (429 with the wait); a new code retires the previous one. The code is stored only as a keyed
 * hash; the SMS goes out after the transaction commits.
 */
export async function requestOtp(ctx: AppContext, phoneInput: string, ip: string | undefined): Promise<OtpSent> {
  const phone = checkMobile(phoneInput);
  const phoneHash = ctx.secrets.lookupHash(phone);
  const now = ctx.clock.now();
  const id = newId();
  const code = String(randomInt(0, 10 ** otpRules.digits)).padStart(otpRules.digits, '0');
  await ctx.db.transaction(async (tx) => {
    // One phone at a time, so two simultaneous requests cannot both slip under the limits.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`otp:${phoneHash}`}, 0))`);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const recent = await tx
      .select({ createdAt: otpChallenges.createdAt })
      .from(otpChallenges)
      .where(and(eq(otpChallenges.phoneHash, phoneHash), gt(otpChallenges.createdAt, hourAgo)))
      .orderBy(desc(otpChallenges.createdAt));
    const newest = recent[0];
    if (newest) {
      const sinceNewest = (now.getTime() - newest.createdAt.getTime()) / 1000;
      if (sinceNewest < otpRules.resendSeconds) throw throttled(otpRules.resendSeconds - sinceNewest);
    }
    if (recent.length >= otpRules.perHour) {
      const oldest = recent[otpRules.perHour - 1]!;
      throw throttled((oldest.createdAt.getTime() + 3_600_000 - now.getTime()) / 1000);
    }
    await tx
      .update(otpChallenges)
      .set({ consumedAt: now })
      .where(and(eq(otpChallenges.phoneHash, phoneHash), isNull(otpChallenges.consumedAt)));
    await tx.insert(otpChallenges).values({
      id,
      phoneHash,
      codeHash: codeHash(ctx, id, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + otpRules.ttlMinutes * 60_000),
    });
    await recordAudit(tx, publicActor, { action: 'resident.otp_sent', entityType: 'otp_challenge', entityId: id, data: { gateway: ctx.sms.kind }, ip }, now);
  });
  try {
    await ctx.sms.send(phone, 'resident_otp', { code, minutes: String(otpRules.ttlMinutes) });
  } catch (error) {
    // The code never arrived: retire it. It still counts toward the limits, so a failing gateway
    // cannot be hammered through us.
    await ctx.db.update(otpChallenges).set({ consumedAt: ctx.clock.now() }).where(eq(otpChallenges.id, id));
    if (error instanceof SmsDeliveryError) {
      throw new AppError('UNAVAILABLE', {
        detail: { zh: '短信发送失败，请稍后再试', en: 'The text message could not be sent; try again later' },
      });
    }
    throw error;
  }
  return { expiresInSeconds: otpRules.ttlMinutes * 60, resendAfterSeconds: otpRules.resendSeconds };
}

const wrongCode = (left: number) =>
  new AppError('UNAUTHENTICATED', {
    detail:
      left > 0
        ? { zh: `验证码不正确，还可以再试 ${left} 次`, en: `Wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left` }
        : { zh: '验证码错误次数过多，请重新获取验证码', en: 'Too many wrong codes; request a new code' },
    extra: { attemptsLeft: left },
  });

const noLiveCode = () =>
  new AppError('UNAUTHENTICATED', {
    detail: { zh: '验证码已失效，请重新获取验证码', en: 'The code has expired or was replaced; request a new code' },
  });

/**
 * Checks a code against the phone's newest live challenge and consumes it. Inside `tx`: the row is
 * locked, so concurrent guesses are counted one by one. Returns the phone hash when the code is
 * right; a wrong code is counted and reported (the count is committed by the caller before the
 * 401 leaves, see `signInWithCode`).
 */
export async function consumeOtp(
  ctx: AppContext,
  tx: AppContext['db'],
  phone: string,
  code: string,
  now: Date,
): Promise<{ ok: true; phoneHash: string } | { ok: false; error: AppError }> {
  const phoneHash = ctx.secrets.lookupHash(phone);
  const [challenge] = await tx
    .select()
    .from(otpChallenges)
    .where(and(eq(otpChallenges.phoneHash, phoneHash), isNull(otpChallenges.consumedAt)))
    .orderBy(desc(otpChallenges.createdAt))
    .limit(1)
    .for('update');
  if (!challenge || challenge.expiresAt <= now) return { ok: false, error: noLiveCode() };
  if (challenge.attempts >= otpRules.maxAttempts) return { ok: false, error: wrongCode(0) };
  const expected = Buffer.from(challenge.codeHash);
  const given = Buffer.from(codeHash(ctx, challenge.id, code.trim()));
  const matches = expected.length === given.length && timingSafeEqual(expected, given);
  if (!matches) {
    const attempts = challenge.attempts + 1;
    await tx.update(otpChallenges).set({ attempts }).where(eq(otpChallenges.id, challenge.id));
    return { ok: false, error: wrongCode(otpRules.maxAttempts - attempts) };
  }
  await tx.update(otpChallenges).set({ consumedAt: now }).where(eq(otpChallenges.id, challenge.id));
  return { ok: true, phoneHash };
}
