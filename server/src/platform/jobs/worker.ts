import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.js';
import type { JobRow } from './jobs.tables.js';
import { claimDueJobs, completeJob, failJob, jobsChannel, scheduleRecurringJobs, type AnyJobDefinition } from './jobs.js';

export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const silentLogger: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

/** Host, pid and a random suffix: names the claimant in `locked_by`, unique per worker. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

function byKind(definitions: readonly AnyJobDefinition[]): Map<string, AnyJobDefinition> {
  const map = new Map<string, AnyJobDefinition>();
  for (const d of definitions) {
    if (map.has(d.kind)) throw new Error(`Job kind ${d.kind} is defined twice`);
    map.set(d.kind, d);
  }
  return map;
}

/** Runs one claimed job and records how it went. */
async function runClaimed(ctx: AppContext, definition: AnyJobDefinition, job: JobRow, workerId: string, logger: JobLogger): Promise<JobOutcome> {
  const info = { id: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts, dedupeKey: job.dedupeKey };
  try {
    await definition.run(ctx, job.payload, info);
  } catch (error) {
    const outcome = await failJob(ctx.db, job, definition, workerId, ctx.clock.now(), error);
    logger[outcome === 'failed' ? 'error' : 'warn']({ job: info, err: error, outcome }, `job ${job.kind} failed`);
    return outcome;
  }
  const isCompleted = await completeJob(ctx.db, job, workerId, ctx.clock.now());
  if (!isCompleted) logger.warn({ job: info }, `job ${job.kind} finished after its lease was taken over`);
  return isCompleted ? 'done' : 'lost';
}

export interface RunDueJobsResult {
  ran: number;
  outcomes: Array<{ id: string; kind: string; outcome: JobOutcome }>;
}

/**
 * Runs every job that is due now, one after another, until none is left, and returns what
 * happened. For tests and the CLI: no timers, the context's clock decides what is due.
 */
export async function runDueJobs(
  ctx: AppContext,
  definitions: readonly AnyJobDefinition[],
  options: { workerId?: string; logger?: JobLogger; maxJobs?: number } = {},
): Promise<RunDueJobsResult> {
  const known = byKind(definitions);
  const workerId = options.workerId ?? newWorkerId();
  const logger = options.logger ?? silentLogger;
  await scheduleRecurringJobs(ctx.db, definitions, ctx.clock.now());
  const result: RunDueJobsResult = { ran: 0, outcomes: [] };
  const maxJobs = options.maxJobs ?? 1000;
  while (result.ran < maxJobs) {
    const [job] = await claimDueJobs(ctx.db, known, workerId, ctx.clock.now(), 1);
    if (!job) break;
    const outcome = await runClaimed(ctx, known.get(job.kind)!, job, workerId, logger);
    result.ran += 1;
    result.outcomes.push({ id: job.id, kind: job.kind, outcome });
  }
  return result;
}

export interface JobWorkerOptions {
  /** Jobs run at the same time by this process. Default 2. */
  concurrency?: number;
  /** Idle polling interval; NOTIFY wakes the worker sooner. Default 1000 ms. */
  pollMs?: number;
  logger?: JobLogger;
}

export interface JobWorker {
  readonly workerId: string;
  /** Stops claiming, waits for running jobs (up to `graceMs`), unsubscribes. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the background worker of this process: polls for due jobs (woken early by NOTIFY on
 * `wangge_jobs`), runs up to `concurrency` at once and keeps going until stopped.
 */
export async function startJobWorker(ctx: AppContext, definitions: readonly AnyJobDefinition[], options: JobWorkerOptions = {}): Promise<JobWorker> {
  const known = byKind(definitions);
  const workerId = newWorkerId();
  const logger = options.logger ?? silentLogger;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const pollMs = options.pollMs ?? 1000;
  const running = new Set<Promise<unknown>>();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;
  let again = false;

  await scheduleRecurringJobs(ctx.db, definitions, ctx.clock.now());

  const schedule = (delayMs: number) => {
    if (stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), delayMs);
  };

  async function tick(): Promise<void> {
    if (stopping) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    let claimed = 0;
    try {
      const free = concurrency - running.size;
      const batch = free > 0 ? await claimDueJobs(ctx.db, known, workerId, ctx.clock.now(), free) : [];
      claimed = batch.length;
      for (const job of batch) {
        const promise = runClaimed(ctx, known.get(job.kind)!, job, workerId, logger)
          .catch((error: unknown) => logger.error({ err: error, job: job.id }, 'job bookkeeping failed'))
          .finally(() => {
            running.delete(promise);
            schedule(0); // a slot is free: look for more work now
          });
        running.add(promise);
      }
    } catch (error) {
      // The database may be briefly unreachable (restart, failover): try again at the next poll.
      logger.error({ err: error }, 'claiming jobs failed');
    } finally {
      ticking = false;
    }
    const busy = running.size >= concurrency;
    schedule(again || (claimed > 0 && !busy) ? 0 : pollMs);
    again = false;
  }

  const unlisten = await ctx.database.listen(jobsChannel, () => schedule(0)).catch((error: unknown) => {
    logger.warn({ err: error }, 'LISTEN for jobs failed; polling only');
    return async () => undefined;
  });
  schedule(0);
  logger.info({ workerId, kinds: [...known.keys()], concurrency }, 'job worker started');

  return {
    workerId,
    async stop(graceMs = 10_000) {
      stopping = true;
      clearTimeout(timer);
      await unlisten();
      // Jobs still running after the grace period keep their lease; another worker takes them
      // over when it expires (handlers are idempotent).
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}
