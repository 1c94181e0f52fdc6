import type { ClockKind } from '../categories/categories.tables.js';
import type { Database } from '../../platform/db/database.js';
import { workingCalendar, addLimit, resumeAfterPause, type WorkingDayCalendar } from '../calendar/index.js';
import { caseLimits, type CaseLimits, type CaseLimitsInput } from './deadline-policies.js';

/** A case's limits together with the working-day calendar they are counted on. */
export interface ClockedLimits extends CaseLimits {
  calendar: WorkingDayCalendar;
}

/** The policy limits for a case and the statutory calendar: everything a deadline computation needs. */
export async function clockedLimits(db: Database, input: CaseLimitsInput): Promise<ClockedLimits> {
  const [limits, calendar] = [await caseLimits(db, input), await workingCalendar(db)];
  return { ...limits, calendar };
}

/**
 * Responding (受理) is measured on the continuous clock: the seeds promise residents a response in
 * 15 minutes / 24 hours of real time, and a whole-day clock cannot count 15 minutes. The policy's
 * clock governs resolving (docs/deadlines.md "Clocks").
 */
export function respondByFrom(start: Date, limits: Pick<CaseLimits, 'respondMinutes'>): Date {
  return addLimit(start, limits.respondMinutes, 'continuous');
}

/** resolveBy from `start` on the policy's clock, skipping holidays and counting 调休 days of `limits.calendar`. */
export function resolveByFrom(start: Date, limits: { resolveMinutes: number; clock: ClockKind; calendar?: WorkingDayCalendar }): Date {
  return addLimit(start, limits.resolveMinutes, limits.clock, limits.calendar);
}

/**
 * Long-term (挂账): the resolve clock stops now and starts again at the review date with the time
 * that was left, measured on the case's own clock (working time stays working time).
 */
export function resolveByAfterPause(now: Date, resolveBy: Date | null, until: Date, limits: { clock: ClockKind; calendar?: WorkingDayCalendar }): Date | null {
  return resolveBy ? resumeAfterPause(now, resolveBy, until, limits.clock, limits.calendar) : null;
}
