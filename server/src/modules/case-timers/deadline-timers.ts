import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { workingCalendar, pointAt } from '../calendar/index.js';
import { resolvingStatuses } from '../cases/index.js';
import type { CaseExtension, IntakeCase } from '../cases/index.js';
import type { CaseRow } from '../cases/cases.tables.js';
import { caseLimits } from '../deadlines/index.js';
import type { ClockKind } from '../categories/categories.tables.js';
import { cancelCaseTimers, latestTimersOf, scheduleCaseTimer } from './case-timers.js';
import { caseTimers } from './case-timers.tables.js';

/**
 * The deadline alarms of a case (docs/supervision.md). Each family is a "due" timer at the
 * deadline stored on the case, and for respond/resolve a "warn" timer at the policy's warning
 * fraction (80 %) of the way there, measured on the limit's own clock.
 */
export const deadlineFamilies = {
  respond: { warn: 'respond.warn', due: 'respond.due' },
  resolve: { warn: 'resolve.warn', due: 'resolve.due' },
  longterm: { warn: null, due: 'longterm.review' },
} as const;
export type DeadlineFamily = keyof typeof deadlineFamilies;
export const deadlineTimerKinds = ['respond.warn', 'respond.due', 'resolve.warn', 'resolve.due', 'longterm.review'] as const;
export type DeadlineTimerKind = (typeof deadlineTimerKinds)[number];

/** Which deadline each family should be alarmed at now (null: none applies in this state). */
export function wantedDeadlines(c: Pick<CaseRow, 'status' | 'respondBy' | 'resolveBy' | 'longTermUntil'>, now: Date): Record<DeadlineFamily, Date | null> {
  const isLongTerm = c.longTermUntil !== null && c.longTermUntil > now;
  const isResolving = resolvingStatuses.includes(c.status);
  return {
    respond: c.status === 'reported' ? c.respondBy : null,
    // A long-term (挂账) case's resolve clock is paused until its review date.
    resolve: isResolving && !isLongTerm ? c.resolveBy : null,
    longterm: isResolving && isLongTerm ? c.longTermUntil : null,
  };
}

/** The warning instant of a deadline first seen at `start`, on the limit's clock (null: too late to warn). */
export function warnPoint(start: Date, due: Date, fraction: number, clock: ClockKind, calendar: Parameters<typeof pointAt>[4]): Date | null {
  if (due <= start) return null;
  const at = pointAt(start, due, fraction, clock, calendar);
  return at > start && at < due ? at : null;
}

/**
 * (Re)schedules the case's deadline timers after any change, in the change's transaction; cancels
 * the ones that no longer apply (closed, rejected, merged, handled, long-term …). Idempotent: a
 * family whose deadline is unchanged since its last timer (pending or fired) is left alone, so a
 * deadline already warned about or already overdue is never alarmed twice. A new deadline is
 * warned about at the fraction of the time from now (when it was set) to it.
 */
export async function syncDeadlineTimers(tx: Database, caseRow: CaseRow, now: Date = caseRow.updatedAt): Promise<void> {
  const wanted = wantedDeadlines(caseRow, now);
  const latest = await latestTimersOf(tx, caseRow.id, deadlineTimerKinds);
  let limits: Awaited<ReturnType<typeof caseLimits>> | undefined;
  for (const family of Object.keys(deadlineFamilies) as DeadlineFamily[]) {
    const { warn, due: dueKind } = deadlineFamilies[family];
    const kinds = warn ? [warn, dueKind] : [dueKind];
    const due = wanted[family];
    if (!due) {
      if (kinds.some((k) => latest.get(k)?.firedAt === null)) await cancelCaseTimers(tx, caseRow.id, { kinds, refId: null });
      continue;
    }
    const last = latest.get(dueKind);
    if (last && last.dueAt.getTime() === due.getTime()) continue;
    await scheduleCaseTimer(tx, { caseId: caseRow.id, kind: dueKind, dueAt: due, now });
    if (!warn) continue;
    limits ??= await caseLimits(tx, { categoryCode: caseRow.categoryCode, colour: caseRow.colour, level: caseRow.level });
    // Responding is measured on the continuous clock; resolving on the policy's clock.
    const clock = family === 'respond' ? 'continuous' : limits.clock;
    const warnAt = warnPoint(now, due, limits.warnFraction, clock, await workingCalendar(tx));
    if (warnAt) await scheduleCaseTimer(tx, { caseId: caseRow.id, kind: warn, dueAt: warnAt, now });
    else if (latest.get(warn)?.firedAt === null) await cancelCaseTimers(tx, caseRow.id, { kinds: [warn], refId: null });
  }
}

/**
 * A new case's timers — respond by (due) and its warning — as inserts written by intake's own statement;
 * the same as `syncDeadlineTimers` gives a reported case with no timers yet.
 */
export async function intakeDeadlineTimers(db: Database, c: IntakeCase, at: Date): Promise<SQL[]> {
  const limits = await caseLimits(db, { categoryCode: c.categoryCode, colour: c.colour, level: c.level });
  const warnAt = warnPoint(at, c.respondBy, limits.warnFraction, 'continuous', undefined);
  const timers = [{ kind: deadlineFamilies.respond.due, dueAt: c.respondBy }, ...(warnAt ? [{ kind: deadlineFamilies.respond.warn, dueAt: warnAt }] : [])];
  return timers.map((t) => sql`insert into ${caseTimers} (id, case_id, kind, due_at, created_at) values (${newId()}, ${c.id}, ${t.kind}, ${t.dueAt}, ${at})`);
}

/** Every change and every new case (re)schedules the case's deadline timers, in its transaction (its manifest plugs it in). */
export const deadlineTimersExtension: CaseExtension = {
  afterChange: (tx, change) => syncDeadlineTimers(tx, change.after, change.at),
  intakeInserts: intakeDeadlineTimers,
};
