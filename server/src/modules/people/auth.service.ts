import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, notFound, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { publicActor, type StaffActor } from '../../platform/actor.js';
import { clearFailures, lockedError, reserveAttempt, throttleKey } from './login-throttle.js';
import { passwordProblems, passwordProblemText } from './password-policy.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { sessions, staff } from './people.tables.js';
import { findLiveSession, findStaffByUsername, loadStaffActor } from './people.queries.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Where a sign-in came from: kept on the session (for "my sessions") and on audit rows. */
export interface ClientInfo {
  ip: string | undefined;
  userAgent: string | undefined;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: StaffActor;
}

/** `last_seen_at` is written at most this often, so a busy session costs no write per request. */
const lastSeenResolutionMs = 60_000;

const wrongCredentials = () =>
  new AppError('UNAUTHENTICATED', { detail: { zh: '用户名或密码不正确', en: 'Wrong username or password' } });

function staffRef(id: string) {
  return { kind: 'staff' as const, id };
}

/**
 * Signs a staff member in. The password check is reserved against the lock-out first (one atomic
 * statement, so parallel sign-ins cannot check more passwords than the limit allows); a locked name
 * is refused before any check. The check runs before any transaction (argon2 is slow); a wrong
 * username, a wrong password and a deactivated account get the same answer, and every name — real
 * or not — is counted towards the lock-out.
 */
export async function login(ctx: AppContext, input: { username: string; password: string }, client: ClientInfo = { ip: undefined, userAgent: undefined }): Promise<LoginResult> {
  const now = ctx.clock.now();
  const key = throttleKey(input.username);
  const row = await findStaffByUsername(ctx.db, input.username);
  const attempt = await reserveAttempt(ctx.db, ctx.config, key, now);
  if (!attempt.allowed) {
    await recordAudit(ctx.db, publicActor, { action: 'auth.login_failed', ...(row ? { entityType: 'staff', entityId: row.id } : {}), data: { reason: 'locked' }, ip: client.ip }, now);
    throw lockedError(attempt.lockedUntil, now);
  }
  const passwordOk = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const reason = !row ? 'unknown_user' : !passwordOk ? 'bad_password' : !row.isActive ? 'inactive' : undefined;
  if (reason || !row) {
    // The failure was counted when the attempt was reserved; here it is only audited.
    const lockEnd = attempt.locksUntil;
    await ctx.db.transaction(async (tx) => {
      const entity = row ? { entityType: 'staff', entityId: row.id } : {};
      await recordAudit(tx, publicActor, { action: 'auth.login_failed', ...entity, data: { reason }, ip: client.ip }, now);
      if (lockEnd) await recordAudit(tx, publicActor, { action: 'auth.locked', ...entity, data: { until: lockEnd.toISOString(), known: !!row }, ip: client.ip }, now);
    });
    throw lockEnd ? lockedError(lockEnd, now) : wrongCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const sessionId = newId();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await clearFailures(tx, key);
    await tx.insert(sessions).values({
      id: sessionId,
      tokenHash: hashToken(token),
      staffId: row.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: client.userAgent?.slice(0, 256) ?? null,
      ip: client.ip ?? null,
    });
    await tx.update(staff).set({ lastLoginAt: now }).where(eq(staff.id, row.id));
    await recordAudit(tx, staffRef(row.id), { action: 'auth.login', entityType: 'staff', entityId: row.id, data: { sessionId }, ip: client.ip }, now);
  });
  const user = await loadStaffActor(ctx.db, row.id);
  if (!user) throw wrongCredentials();
  return { token, sessionId, expiresAt, user };
}

/**
 * The staff member behind a bearer token or session cookie, or undefined when it is unknown, revoked,
 * past its absolute expiry, idle too long, or its account is deactivated.
 */
export async function authenticate(ctx: AppContext, token: string): Promise<{ actor: StaffActor; sessionId: string } | undefined> {
  const now = ctx.clock.now();
  const idleSince = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
  const session = await findLiveSession(ctx.db, hashToken(token), now, idleSince);
  if (!session) return undefined;
  const actor = await loadStaffActor(ctx.db, session.staffId);
  if (!actor) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() >= lastSeenResolutionMs) {
    await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  return { actor, sessionId: session.id };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id, staffId: sessions.staffId });
    for (const s of ended) await recordAudit(tx, staffRef(s.staffId), { action: 'auth.logout', entityType: 'session', entityId: s.id }, now);
  });
}

/** Revokes every live session of a staff member (optionally all but one); returns how many. */
export async function revokeSessionsOf(tx: Database, staffId: string, now: Date, except?: string): Promise<number> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.staffId, staffId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), except ? ne(sessions.id, except) : undefined))
    .returning({ id: sessions.id });
  return revoked.length;
}

/** My live sessions, newest first, the calling one marked. */
export async function listMySessions(ctx: AppContext, actor: StaffActor, currentSessionId: string | undefined) {
  const now = ctx.clock.now();
  const idleSince = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.staffId, actor.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    idleExpiresAt: new Date(Math.min(s.expiresAt.getTime(), s.lastSeenAt.getTime() + ctx.config.sessionIdleMinutes * 60_000)).toISOString(),
    userAgent: s.userAgent,
    ip: s.ip,
    isCurrent: s.id === currentSessionId,
  }));
}

/** Ends one of my sessions (another device, or this one); someone else's is 404. */
export async function revokeMySession(ctx: AppContext, actor: StaffActor, sessionId: string, client: ClientInfo): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, sessionId), eq(sessions.staffId, actor.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .returning({ id: sessions.id });
    if (!ended) throw notFound({ zh: '没有这个会话', en: 'No such session' });
    await recordAudit(tx, actor, { action: 'auth.session_revoke', entityType: 'session', entityId: sessionId, ip: client.ip }, now);
  });
}

/** Signs me out on every device, this one included. */
export async function logoutEverywhere(ctx: AppContext, actor: StaffActor, client: ClientInfo): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const count = await revokeSessionsOf(tx, actor.id, now);
    await recordAudit(tx, actor, { action: 'auth.logout_everywhere', entityType: 'staff', entityId: actor.id, data: { revokedSessions: count }, ip: client.ip }, now);
    return count;
  });
}

/** Field errors for a new password that breaks the rules, one per broken rule. */
export function passwordFieldErrors(field: string, password: string, context: { username: string; currentPassword?: string }): FieldError[] {
  return passwordProblems(password, context).map((problem) => ({ field, message: passwordProblemText[problem] }));
}

/**
 * Changes my password: the current one must be right (a wrong one counts towards the lock-out, so a
 * stolen session cannot guess it), the new one must follow the rules. Every other session ends.
 */
export async function changePassword(
  ctx: AppContext,
  actor: StaffActor,
  currentSessionId: string | undefined,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<{ revokedSessions: number }> {
  const now = ctx.clock.now();
  const key = throttleKey(actor.username);
  const attempt = await reserveAttempt(ctx.db, ctx.config, key, now);
  if (!attempt.allowed) throw lockedError(attempt.lockedUntil, now);
  const [row] = await ctx.db.select({ passwordHash: staff.passwordHash }).from(staff).where(eq(staff.id, actor.id)).limit(1);
  if (!row) throw new AppError('UNAUTHENTICATED');
  const fieldErrors = passwordFieldErrors('newPassword', input.newPassword, { username: actor.username, currentPassword: input.currentPassword });
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    const lockEnd = attempt.locksUntil;
    await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, actor, { action: 'auth.password_change_failed', entityType: 'staff', entityId: actor.id, data: { reason: 'bad_current_password' }, ip: client.ip }, now);
      if (lockEnd) await recordAudit(tx, actor, { action: 'auth.locked', entityType: 'staff', entityId: actor.id, data: { until: lockEnd.toISOString(), known: true }, ip: client.ip }, now);
    });
    if (lockEnd) throw lockedError(lockEnd, now);
    fieldErrors.unshift({ field: 'currentPassword', message: { zh: '当前密码不正确', en: 'The current password is wrong' } });
  } else {
    // The right current password proves who this is: the reserved try is not a failure.
    await clearFailures(ctx.db, key);
  }
  if (fieldErrors.length > 0) throw new AppError('VALIDATION_FAILED', { fieldErrors });
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(staff)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
      .where(eq(staff.id, actor.id));
    const revokedSessions = await revokeSessionsOf(tx, actor.id, now, currentSessionId);
    await clearFailures(tx, key);
    await recordAudit(tx, actor, { action: 'auth.password_change', entityType: 'staff', entityId: actor.id, data: { revokedSessions }, ip: client.ip }, now);
    return { revokedSessions };
  });
}
