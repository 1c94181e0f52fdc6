import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/**
 * Durable background work: one row per job, claimed with `FOR UPDATE SKIP LOCKED` so several
 * worker processes never run the same job at once. A claim is a lease (`locked_until`): a worker
 * that dies leaves its job `running` with an expired lease, and the next claim takes it again.
 * A recurring job (`interval_seconds`) is one row that is rescheduled after each run, never
 * finished. `dedupe_key` is unique for the life of the row: enqueueing the same key twice is a no-op.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    /** Dotted name of the handler, e.g. `audit.seal`, `deadline.sweep`. */
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: jobStatuses }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    /** Claims so far (a claim counts even if the worker died before finishing). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** Set for recurring jobs: run again this many seconds after each run. */
    intervalSeconds: integer('interval_seconds'),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    index('jobs_due').on(t.runAt).where(sql`${t.status} = 'queued'`),
    index('jobs_leased').on(t.lockedUntil).where(sql`${t.status} = 'running'`),
    check('jobs_status', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check('jobs_attempts', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
