import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A resident's account, created on their first sign-in with a one-time code. The phone is the
 * only identity: encrypted, with a keyed hash (the same `lookupHash` as reporters.phone_hash) so
 * their reports are found without decrypting anything. Erasure on request (privacy module) empties
 * both and sets `erased_at`; the row stays for what points at it.
 */
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey(),
    phoneEncrypted: text('phone_encrypted'),
    phoneHash: text('phone_hash').unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
    erasedAt: ts('erased_at'),
  },
  (t) => [check('residents_phone_check', sql`(${t.erasedAt} is not null) or (${t.phoneEncrypted} is not null and ${t.phoneHash} is not null)`)],
);

export type ResidentRow = typeof residents.$inferSelect;

/** Residents' sessions; like staff sessions, only a SHA-256 of the token is stored. */
export const residentSessions = pgTable(
  'resident_sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('resident_sessions_resident').on(t.residentId)],
);

/**
 * One row per one-time code sent. The phone is kept only as its keyed hash and the code only as a
 * keyed hash bound to this row, so neither can be read back from the table. Rows also serve the
 * per-phone send limits (how many codes this phone was sent lately).
 */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: uuid('id').primaryKey(),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    /** Wrong codes tried against this row; at the limit the row is dead. */
    attempts: integer('attempts').notNull().default(0),
    /** Set when the code signed someone in, or when a newer code replaced it. */
    consumedAt: ts('consumed_at'),
  },
  (t) => [
    index('otp_challenges_phone').on(t.phoneHash, t.createdAt),
    check('otp_challenges_attempts_check', sql`${t.attempts} >= 0`),
  ],
);
