import type { Database } from '../../platform/db/database.js';
import { weekendCalendar, type WorkingDayCalendar } from './business-clock.js';
import { PerDatabaseCache } from '../../platform/db/per-database-cache.js';
import { holidays, type HolidayKind } from './calendar.tables.js';

/**
 * The statutory calendar as the business clock sees it: weekends are off unless a `workday` row
 * (调休) says otherwise, `holiday` rows are off. Also knows which years have any data at all,
 * for the coverage warning.
 */
export class HolidayCalendar implements WorkingDayCalendar {
  readonly years: ReadonlySet<number>;

  constructor(private readonly exceptions: ReadonlyMap<string, HolidayKind>) {
    this.years = new Set([...exceptions.keys()].map((d) => Number(d.slice(0, 4))));
  }

  isWorkingDay(date: string): boolean {
    const kind = this.exceptions.get(date);
    if (kind === 'holiday') return false;
    if (kind === 'workday') return true;
    return weekendCalendar.isWorkingDay(date);
  }

  kindOf(date: string): HolidayKind | undefined {
    return this.exceptions.get(date);
  }
}

const cache = new PerDatabaseCache<HolidayCalendar>(async (db) => {
  const rows = await db.select({ date: holidays.date, kind: holidays.kind }).from(holidays);
  return new HolidayCalendar(new Map(rows.map((r) => [r.date, r.kind])));
});

/** The working-day calendar for deadline arithmetic; cached in process (see PerDatabaseCache). */
export async function workingCalendar(db: Database): Promise<HolidayCalendar> {
  return cache.get(db);
}

/** Call after any change to `holidays` (also after a rolled-back attempt). */
export function invalidateWorkingCalendar(db: Database): void {
  cache.invalidate(db);
}
