import type { CategoryRow, CaseLevel, ClockKind, Colour } from '../categories/categories.tables.js';
import { addLimit, type WorkingDayCalendar } from './business-clock.js';

/**
 * Respond and resolve limits for a case. The category carries them; without a category the
 * seeds' rule applies: respond within 15 minutes when the grid can solve it, 24 hours when
 * higher levels must coordinate.
 */
export interface LimitSource {
  respondMinutes: number;
  resolveHours: number;
  clock: ClockKind;
}

export function defaultLimits(colour: Colour, level: CaseLevel): LimitSource {
  if (colour === 'red') return { respondMinutes: 15, resolveHours: 24, clock: 'continuous' };
  const inGrid = level === 'grid' && colour === 'green';
  return inGrid
    ? { respondMinutes: 15, resolveHours: 72, clock: 'working_days' }
    : { respondMinutes: 24 * 60, resolveHours: 240, clock: 'working_days' };
}

export function limitsFor(category: CategoryRow | undefined, colour: Colour, level: CaseLevel): LimitSource {
  if (!category) return defaultLimits(colour, level);
  // A case escalated beyond the category's starting level must be coordinated: 24 h to respond.
  const order: CaseLevel[] = ['grid', 'village', 'town', 'department'];
  const respondMinutes = order.indexOf(level) > order.indexOf(category.level) ? Math.max(category.respondMinutes, 24 * 60) : category.respondMinutes;
  return { respondMinutes, resolveHours: category.resolveHours, clock: category.clock };
}

/** Responding (受理) is always measured on the continuous clock, as the seeds state it. */
export function respondByFrom(start: Date, limits: LimitSource): Date {
  return addLimit(start, limits.respondMinutes, 'continuous');
}

export function resolveByFrom(start: Date, limits: LimitSource, calendar?: WorkingDayCalendar): Date {
  return addLimit(start, limits.resolveHours * 60, limits.clock, calendar);
}
