import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { StaffActor } from './actor.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { sessions } from './people.tables.js';
import { findLiveSession, findStaffByUsername, loadStaffActor } from './people.queries.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: StaffActor;
}

/**
 * Signs a staff member in. The password check runs before any transaction (argon2 is slow);
 * a wrong username and a wrong password get the same answer.
 */
export async function login(ctx: AppContext, input: { username: string; password: string }): Promise<LoginResult> {
  const row = await findStaffByUsername(ctx.db, input.username);
  const passwordOk = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!row || !row.isActive || !passwordOk) {
    throw new AppError('UNAUTHENTICATED', {
      detail: { zh: '用户名或密码不正确', en: 'Wrong username or password' },
    });
  }
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  await ctx.db.insert(sessions).values({ id: newId(), tokenHash: hashToken(token), staffId: row.id, createdAt: now, expiresAt });
  const user = await loadStaffActor(ctx.db, row.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { token, expiresAt, user };
}

/** The staff actor behind a bearer token or session cookie, or undefined when it is unknown or expired. */
export async function authenticate(ctx: AppContext, token: string): Promise<StaffActor | undefined> {
  const session = await findLiveSession(ctx.db, hashToken(token), ctx.clock.now());
  if (!session) return undefined;
  return loadStaffActor(ctx.db, session.staffId);
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.update(sessions).set({ revokedAt: ctx.clock.now() }).where(eq(sessions.tokenHash, hashToken(token)));
}
