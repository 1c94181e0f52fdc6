import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { withDb } from '../../platform/context.js';
import { defineJob, exponentialBackoff, type JobDefinition } from '../../platform/jobs/jobs.js';
import { cases } from '../cases/cases.tables.js';
import { caseTimers } from './case-timers.tables.js';
import { sweepEverySeconds, sweepJobKind, type CaseTimerHandler } from './case-timers.js';

export interface SweepOptions {
  /** Due timers read per probe. */
  batchSize?: number;
  /** Stop after this many (the next run carries on), so one run stays well inside its lease. */
  maxTimers?: number;
}

export interface SweepResult {
  fired: number;
  failed: number;
  /** Passed over: the case or timer was held by another transaction (a user action, another sweeper). */
  busy: number;
  /** True when `maxTimers` stopped the run with due timers left. */
  hasMore: boolean;
}

type FireOutcome = 'fired' | 'failed' | 'busy' | 'gone';

/**
 * Fires one timer in ONE transaction: lock its case, then the timer (both SKIP LOCKED, the same
 * order as case actions, which lock the case before they touch its timers — no deadlock), mark it
 * fired, run its handler. A crash or error anywhere rolls all of it back and the timer stays due;
 * a second sweeper either skips the locked rows or, after the commit, finds the timer fired.
 */
async function fireOne(ctx: AppContext, handlers: ReadonlyMap<string, CaseTimerHandler>, timerId: string, caseId: string, now: Date): Promise<FireOutcome> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [caseRow] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update', { skipLocked: true });
      if (!caseRow) return 'busy';
      const [timer] = await tx
        .select()
        .from(caseTimers)
        .where(and(eq(caseTimers.id, timerId), isNull(caseTimers.firedAt), lte(caseTimers.dueAt, now)))
        .for('update', { skipLocked: true });
      if (!timer) return 'gone';
      const handler = handlers.get(timer.kind);
      // Marked before the handler runs: a handler that reschedules this kind gets a fresh pending row.
      await tx
        .update(caseTimers)
        .set({ firedAt: now, ...(handler ? {} : { lastError: `no handler for kind ${timer.kind}` }) })
        .where(eq(caseTimers.id, timer.id));
      if (handler) await handler.run({ ctx: withDb(ctx, tx), tx, timer: { ...timer, firedAt: now }, caseRow, now });
      return 'fired';
    });
  } catch (error) {
    // Kept pending and retried after a back-off: an alarm is never dropped.
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await ctx.db.execute(sql`
      update case_timers set attempts = attempts + 1, last_error = ${message},
        retry_at = ${now}::timestamptz + make_interval(secs => least(3600, 10 * power(2, attempts)))
      where id = ${timerId} and fired_at is null`);
    return 'failed';
  }
}

/**
 * Fires every due timer. The probe reads the partial index `case_timers_due` (pending timers
 * only), so with nothing due a sweep costs one index probe whatever the number of open cases.
 */
export async function sweepCaseTimers(ctx: AppContext, handlers: readonly CaseTimerHandler[], options: SweepOptions = {}): Promise<SweepResult> {
  const byKind = new Map(handlers.map((h) => [h.kind, h]));
  const batchSize = options.batchSize ?? 200;
  const maxTimers = options.maxTimers ?? 20_000;
  const result: SweepResult = { fired: 0, failed: 0, busy: 0, hasMore: false };
  const passedOver = new Set<string>();
  for (;;) {
    const now = ctx.clock.now();
    const due = await ctx.db
      .select({ id: caseTimers.id, caseId: caseTimers.caseId })
      .from(caseTimers)
      .where(and(isNull(caseTimers.firedAt), lte(caseTimers.dueAt, now), sql`(${caseTimers.retryAt} is null or ${caseTimers.retryAt} <= ${now})`))
      .orderBy(caseTimers.dueAt)
      .limit(batchSize + passedOver.size);
    const todo = due.filter((t) => !passedOver.has(t.id));
    if (todo.length === 0) return result;
    for (const t of todo) {
      if (result.fired + result.failed >= maxTimers) return { ...result, hasMore: true };
      const outcome = await fireOne(ctx, byKind, t.id, t.caseId, now);
      if (outcome === 'fired') result.fired++;
      else if (outcome === 'failed') result.failed++;
      else if (outcome === 'busy') result.busy++;
      // Busy, failed (retry_at set) or taken by another sweeper: not looked at again in this run.
      if (outcome !== 'fired') passedOver.add(t.id);
    }
  }
}

/** The recurring sweep (every 30 s; `scheduleCaseTimer` adds one-off runs for timers due sooner). */
export function caseTimersSweepJob(handlers: readonly CaseTimerHandler[]): JobDefinition {
  return defineJob({
    kind: sweepJobKind,
    everySeconds: sweepEverySeconds,
    leaseSeconds: 600,
    retryDelaySeconds: exponentialBackoff,
    async run(ctx) {
      await sweepCaseTimers(ctx, handlers);
    },
  });
}
