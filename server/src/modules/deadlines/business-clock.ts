import type { ClockKind } from '../categories/categories.tables.js';

/**
 * Adds a time limit to a start instant on one of three clocks (DOMAIN.md "Time limits"):
 * continuous; working hours (08:00–12:00, 14:00–18:00 Asia/Shanghai); working days.
 * Which days are working days comes from a `WorkingDayCalendar`; the default knows weekends only —
 * the statutory holiday calendar (with make-up working days, 调休) plugs in here.
 */
export interface WorkingDayCalendar {
  /** `date` is a Shanghai calendar day, `YYYY-MM-DD`. */
  isWorkingDay(date: string): boolean;
}

export const weekendCalendar: WorkingDayCalendar = {
  isWorkingDay(date) {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  },
};

const shanghaiOffsetMs = 8 * 3_600_000;
const minuteMs = 60_000;
/** Working periods in minutes after Shanghai midnight. */
const workingPeriods: ReadonlyArray<readonly [number, number]> = [
  [8 * 60, 12 * 60],
  [14 * 60, 18 * 60],
];

/** Shanghai wall-clock day and minute-of-day of an instant. */
function shanghaiParts(at: Date): { date: string; minute: number; midnightUtcMs: number } {
  const local = at.getTime() + shanghaiOffsetMs;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  return {
    date: new Date(dayStart).toISOString().slice(0, 10),
    minute: (local - dayStart) / minuteMs,
    midnightUtcMs: dayStart - shanghaiOffsetMs,
  };
}

function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingDayCalendar): Date {
  let remaining = minutes;
  let { date, minute, midnightUtcMs } = shanghaiParts(start);
  // Bounded: a year of days is far beyond any limit a policy sets.
  for (let guard = 0; guard < 400; guard++) {
    if (calendar.isWorkingDay(date)) {
      for (const [from, to] of workingPeriods) {
        if (minute >= to) continue;
        const begin = Math.max(minute, from);
        const available = to - begin;
        if (remaining <= available) return new Date(midnightUtcMs + (begin + remaining) * minuteMs);
        remaining -= available;
        minute = to;
      }
    }
    midnightUtcMs += 86_400_000;
    date = new Date(midnightUtcMs + shanghaiOffsetMs).toISOString().slice(0, 10);
    minute = 0;
  }
  throw new Error('Working-time limit does not fit in 400 days');
}

function addWorkingDays(start: Date, days: number, calendar: WorkingDayCalendar): Date {
  let { date, midnightUtcMs, minute } = shanghaiParts(start);
  let counted = 0;
  for (let guard = 0; guard < 800 && counted < days; guard++) {
    midnightUtcMs += 86_400_000;
    date = new Date(midnightUtcMs + shanghaiOffsetMs).toISOString().slice(0, 10);
    if (calendar.isWorkingDay(date)) counted++;
  }
  // Due at the same time of day, on the Nth working day after the start.
  return new Date(midnightUtcMs + minute * minuteMs);
}

export function addLimit(start: Date, minutes: number, clock: ClockKind, calendar: WorkingDayCalendar = weekendCalendar): Date {
  switch (clock) {
    case 'continuous':
      return new Date(start.getTime() + minutes * minuteMs);
    case 'working_hours':
      return addWorkingMinutes(start, minutes, calendar);
    case 'working_days':
      return addWorkingDays(start, Math.max(1, Math.ceil(minutes / (24 * 60))), calendar);
  }
}
