import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { rowsOf, type Database } from '../db/database.js';
import { newId } from '../ids.js';
import { jobs, type JobRow } from './jobs.tables.js';

/** NOTIFY channel that wakes idle workers when a job becomes due now. */
export const jobsChannel = 'wangge_jobs';

/** What a handler is told about the job it runs. */
export interface JobInfo {
  id: string;
  kind: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
  dedupeKey: string | null;
}

/**
 * One kind of background work. Handlers must be idempotent: a job may run again after a crash
 * between its effect and its completion, or when its lease ran out while it was still working.
 */
export interface JobDefinition<P = Record<string, unknown>> {
  kind: string;
  run(ctx: AppContext, payload: P, job: JobInfo): Promise<void>;
  /** Recurring: the job is one row, scheduled again this many seconds after each run. */
  everySeconds?: number;
  /** Runs before giving up (recurring jobs never give up; they wait for their next turn). Default 5. */
  maxAttempts?: number;
  /** How long a claim lasts before another worker may take the job over. Default 300 s. */
  leaseSeconds?: number;
  /** Seconds to wait before retry number `attempt` (1-based). Default: exponential back-off. */
  retryDelaySeconds?(attempt: number): number;
}

/** Declares a job kind with a typed payload. */
export function defineJob<P = Record<string, unknown>>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

// Definitions of differing payload types are gathered into one list; payloads are unknown there.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of definitions of any payload
export type AnyJobDefinition = JobDefinition<any>;

export const defaultLeaseSeconds = 300;
export const defaultMaxAttempts = 5;

/** 10 s, 20 s, 40 s … doubling up to an hour. */
export function exponentialBackoff(attempt: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempt - 1));
}

export interface EnqueueOptions {
  /** When it becomes due (default: now). */
  runAt?: Date;
  /** At most one job ever exists per key: enqueueing the same key again does nothing. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a job. Pass the caller's transaction to make the job exist exactly when the change that
 * asks for it commits. Returns the new job's id, or null when `dedupeKey` was already taken.
 */
export async function enqueueJob<P extends Record<string, unknown>>(
  db: Database,
  job: JobDefinition<P> | string,
  payload: P,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const definition = typeof job === 'string' ? undefined : job;
  const kind = typeof job === 'string' ? job : job.kind;
  const now = new Date();
  const runAt = options.runAt ?? now;
  const id = newId();
  const inserted = await db
    .insert(jobs)
    .values({
      id,
      kind,
      dedupeKey: options.dedupeKey ?? null,
      payload,
      runAt,
      maxAttempts: options.maxAttempts ?? definition?.maxAttempts ?? defaultMaxAttempts,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  if (inserted.length === 0) return null;
  // Delivered on commit when `db` is a transaction; an idle worker then claims it at once.
  if (runAt.getTime() <= now.getTime()) await db.execute(sql`select pg_notify(${jobsChannel}, ${kind})`);
  return id;
}

/** The row of each recurring definition, created once (by whichever process starts first). */
export async function scheduleRecurringJobs(db: Database, definitions: readonly AnyJobDefinition[], now: Date): Promise<void> {
  for (const definition of definitions) {
    if (!definition.everySeconds) continue;
    await db
      .insert(jobs)
      .values({
        id: newId(),
        kind: definition.kind,
        dedupeKey: recurringKey(definition.kind),
        payload: {},
        runAt: now,
        intervalSeconds: definition.everySeconds,
        maxAttempts: definition.maxAttempts ?? defaultMaxAttempts,
        createdAt: now,
        updatedAt: now,
      })
      // A changed interval in the code takes effect at the next start.
      .onConflictDoUpdate({ target: jobs.dedupeKey, set: { intervalSeconds: definition.everySeconds } });
  }
}

export function recurringKey(kind: string): string {
  return `recurring:${kind}`;
}

type Row = Record<string, unknown>;

/**
 * Claims up to `limit` due jobs of the given kinds for `workerId`: queued jobs whose time has
 * come, and running jobs whose lease expired (their worker died). SKIP LOCKED lets concurrent
 * claimers pass over each other's rows instead of waiting, so no job is claimed twice.
 */
export async function claimDueJobs(
  db: Database,
  definitions: ReadonlyMap<string, AnyJobDefinition>,
  workerId: string,
  now: Date,
  limit: number,
): Promise<JobRow[]> {
  if (definitions.size === 0 || limit <= 0) return [];
  const kinds = sql.join([...definitions.keys()].map((k) => sql`${k}`), sql`, `);
  const leases = JSON.stringify(Object.fromEntries([...definitions.values()].map((d) => [d.kind, d.leaseSeconds ?? defaultLeaseSeconds])));
  // A job whose worker died on every one of its attempts is given up, not retried forever
  // (it may be what kills the worker). Recurring jobs just carry on at their next claim.
  await db.execute(sql`
    update jobs set status = 'failed', finished_at = ${now}, updated_at = ${now}, locked_by = null, locked_until = null,
      last_error = coalesce(last_error || E'\n', '') || 'lease expired on the last attempt (worker stopped or too slow)'
    where status = 'running' and locked_until <= ${now} and attempts >= max_attempts and interval_seconds is null
      and kind in (${kinds})`);
  const result = await db.execute(sql`
    update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId}, updated_at = ${now},
      locked_until = ${now}::timestamptz + make_interval(secs => coalesce((${leases}::jsonb ->> kind)::int, ${defaultLeaseSeconds}))
    where id in (
      select id from jobs
      where kind in (${kinds})
        and ((status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until <= ${now}))
      order by run_at, id
      limit ${limit}
      for update skip locked)
    returning id, kind, dedupe_key, payload, attempts, max_attempts, interval_seconds`);
  return rowsOf<Row>(result).map((r) => ({
    id: String(r['id']),
    kind: String(r['kind']),
    dedupeKey: (r['dedupe_key'] as string | null) ?? null,
    payload: (typeof r['payload'] === 'string' ? JSON.parse(r['payload']) : r['payload']) as Record<string, unknown>,
    attempts: Number(r['attempts']),
    maxAttempts: Number(r['max_attempts']),
    intervalSeconds: r['interval_seconds'] == null ? null : Number(r['interval_seconds']),
  })) as JobRow[];
}

/** Marks a claimed job done (a recurring one: scheduled for its next turn). False if the claim was lost. */
export async function completeJob(db: Database, job: JobRow, workerId: string, now: Date): Promise<boolean> {
  const next = job.intervalSeconds
    ? sql`status = 'queued', attempts = 0, last_error = null, run_at = ${new Date(now.getTime() + job.intervalSeconds * 1000)}`
    : sql`status = 'done', finished_at = ${now}, last_error = null`;
  const result = await db.execute(sql`
    update jobs set ${next}, locked_by = null, locked_until = null, updated_at = ${now}
    where id = ${job.id} and locked_by = ${workerId} and status = 'running' returning id`);
  return rowsOf<Row>(result).length > 0;
}

/**
 * Records a failed run: retried after a back-off while attempts remain, otherwise failed for good.
 * Recurring jobs retry after the back-off but never later than their next turn.
 */
export async function failJob(db: Database, job: JobRow, definition: AnyJobDefinition | undefined, workerId: string, now: Date, error: unknown): Promise<'retry' | 'failed' | 'lost'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const delay = (definition?.retryDelaySeconds ?? exponentialBackoff)(job.attempts);
  const isFinal = !job.intervalSeconds && job.attempts >= job.maxAttempts;
  const retryAt = new Date(now.getTime() + Math.min(delay, job.intervalSeconds ?? Infinity) * 1000);
  const next = isFinal ? sql`status = 'failed', finished_at = ${now}` : sql`status = 'queued', run_at = ${retryAt}`;
  const result = await db.execute(sql`
    update jobs set ${next}, last_error = ${message}, locked_by = null, locked_until = null, updated_at = ${now}
    where id = ${job.id} and locked_by = ${workerId} and status = 'running' returning id`);
  if (rowsOf<Row>(result).length === 0) return 'lost';
  return isFinal ? 'failed' : 'retry';
}
