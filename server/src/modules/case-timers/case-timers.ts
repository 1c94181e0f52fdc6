import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { enqueueJob } from '../../platform/jobs/jobs.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { caseTimers, type CaseTimerRow } from './case-timers.tables.js';

/** Job kind of the sweep that fires due timers (case-timers.sweep.ts). */
export const sweepJobKind = 'case-timers.sweep';
/** How often the recurring sweep runs; a timer due sooner than this gets a one-off sweep at its time. */
export const sweepEverySeconds = 30;

/**
 * What a handler gets: the fired timer and its case, locked (FOR UPDATE) in the sweep's transaction
 * `tx`. Everything the handler writes commits together with the timer's `fired_at`, or not at all,
 * so a handler never needs its own "did I already do this" check for the timer it is given.
 */
export interface TimerHandlerInput {
  /** The context with `db` = the sweep's transaction. */
  ctx: AppContext;
  tx: Database;
  timer: CaseTimerRow;
  caseRow: CaseRow;
  now: Date;
}

/** The handler of one timer kind. Modules contribute theirs through `timerHandlers` in their manifest. */
export interface CaseTimerHandler {
  kind: string;
  run(input: TimerHandlerInput): Promise<void>;
}

export function defineTimerHandler(handler: CaseTimerHandler): CaseTimerHandler {
  return handler;
}

export interface ScheduleTimerInput {
  caseId: string;
  kind: string;
  dueAt: Date;
  refId?: string | null;
  /** The change's time (the context clock); decides whether a one-off sweep is needed sooner than the next recurring one. */
  now?: Date;
}

/**
 * Sets the pending timer of (case, kind, refId) to `dueAt`, replacing the one pending (its failed
 * attempts are forgotten: it is a new alarm). Write it in the transaction of the change that asks
 * for it, so the timer exists exactly when the change commits.
 */
export async function scheduleCaseTimer(tx: Database, input: ScheduleTimerInput): Promise<void> {
  const now = input.now ?? new Date();
  const refId = input.refId ?? null;
  await tx.execute(sql`
    insert into case_timers (id, case_id, kind, ref_id, due_at, created_at)
    values (${newId()}, ${input.caseId}, ${input.kind}, ${refId}, ${input.dueAt}, ${now})
    on conflict (case_id, kind, coalesce(ref_id, '')) where fired_at is null
    do update set due_at = excluded.due_at, attempts = 0, last_error = null, retry_at = null, created_at = excluded.created_at`);
  // The recurring sweep looks every 30 s; a timer due before its next turn gets its own run.
  if (input.dueAt.getTime() < now.getTime() + sweepEverySeconds * 1000) {
    await enqueueJob(tx, sweepJobKind, {}, { runAt: input.dueAt, maxAttempts: 3 });
  }
}

export interface CancelTimersFilter {
  kinds?: readonly string[];
  /** Only the timers about this reference (null: only those about the case itself). */
  refId?: string | null;
}

/** Deletes the case's pending timers (all, or of these kinds / this reference). Fired ones stay as history. */
export async function cancelCaseTimers(tx: Database, caseId: string, filter: CancelTimersFilter = {}): Promise<void> {
  const where: SQL[] = [eq(caseTimers.caseId, caseId), isNull(caseTimers.firedAt)];
  if (filter.kinds) {
    if (filter.kinds.length === 0) return;
    where.push(inArray(caseTimers.kind, [...filter.kinds]));
  }
  if (filter.refId !== undefined) where.push(filter.refId === null ? isNull(caseTimers.refId) : eq(caseTimers.refId, filter.refId));
  await tx.delete(caseTimers).where(and(...where));
}

/** The latest timer (pending or fired) of each kind about the case itself: what the deadline sync compares against. */
export async function latestTimersOf(tx: Database, caseId: string, kinds: readonly string[]): Promise<Map<string, CaseTimerRow>> {
  const rows = await tx
    .select()
    .from(caseTimers)
    .where(and(eq(caseTimers.caseId, caseId), isNull(caseTimers.refId), inArray(caseTimers.kind, [...kinds])))
    .orderBy(sql`${caseTimers.firedAt} is null desc`, sql`${caseTimers.firedAt} desc`);
  const latest = new Map<string, CaseTimerRow>();
  for (const row of rows) if (!latest.has(row.kind)) latest.set(row.kind, row);
  return latest;
}
