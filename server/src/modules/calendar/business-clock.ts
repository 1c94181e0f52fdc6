import { clockKinds, type ClockKind } from './calendar.tables.js';

export { clockKinds, type ClockKind };

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
  return walkWorking(start, minutes, workingPeriods, calendar);
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

/** Working minutes (working-hours clock) or working-day minutes (working-days clock) between two instants. */
function countWorking(start: Date, end: Date, periods: ReadonlyArray<readonly [number, number]>, calendar: WorkingDayCalendar): number {
  if (end <= start) return 0;
  let total = 0;
  let { date, minute, midnightUtcMs } = shanghaiParts(start);
  const endMs = end.getTime();
  for (let guard = 0; guard < 800 && midnightUtcMs < endMs; guard++) {
    if (calendar.isWorkingDay(date)) {
      const endMinute = Math.min(24 * 60, (endMs - midnightUtcMs) / minuteMs);
      for (const [from, to] of periods) {
        const begin = Math.max(minute, from);
        const finish = Math.min(to, endMinute);
        if (finish > begin) total += finish - begin;
      }
    }
    midnightUtcMs += 86_400_000;
    date = new Date(midnightUtcMs + shanghaiOffsetMs).toISOString().slice(0, 10);
    minute = 0;
  }
  return total;
}

/** Walks `minutes` of the given daily periods forward from `start` (the working-days clock counts whole working days). */
function walkWorking(start: Date, minutes: number, periods: ReadonlyArray<readonly [number, number]>, calendar: WorkingDayCalendar): Date {
  let remaining = minutes;
  let { date, minute, midnightUtcMs } = shanghaiParts(start);
  for (let guard = 0; guard < 800; guard++) {
    if (calendar.isWorkingDay(date)) {
      for (const [from, to] of periods) {
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
  throw new Error('Working-time span does not fit in 800 days');
}

const wholeDay: ReadonlyArray<readonly [number, number]> = [[0, 24 * 60]];

/**
 * The instant at `fraction` (0–1) of the way from `start` to `due`, measured on the clock the limit runs on:
 * 80 % of a working-hours limit falls inside working hours, never in a lunch break or on a holiday.
 * Used for the "80 % of the limit" warnings.
 */
export function pointAt(start: Date, due: Date, fraction: number, clock: ClockKind, calendar: WorkingDayCalendar = weekendCalendar): Date {
  if (due <= start) return due;
  if (clock === 'continuous') return new Date(start.getTime() + (due.getTime() - start.getTime()) * fraction);
  const periods = clock === 'working_hours' ? workingPeriods : wholeDay;
  const total = countWorking(start, due, periods, calendar);
  if (total === 0) return due;
  return walkWorking(start, total * fraction, periods, calendar);
}

/** True inside working hours (08:00–12:00, 14:00–18:00 Shanghai) on a working day: red cases outside go to the duty roster. */
export function isWorkingTime(at: Date, calendar: WorkingDayCalendar = weekendCalendar): boolean {
  const { date, minute } = shanghaiParts(at);
  return calendar.isWorkingDay(date) && workingPeriods.some(([from, to]) => minute >= from && minute < to);
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

/**
 * A limit paused at `pausedAt` and resumed at `resumeAt`: the time that was left before `due`,
 * measured on `clock`, counted again from `resumeAt`. Already past due: due when it resumes.
 */
export function resumeAfterPause(pausedAt: Date, due: Date, resumeAt: Date, clock: ClockKind, calendar: WorkingDayCalendar = weekendCalendar): Date {
  if (due <= pausedAt) return resumeAt;
  if (clock === 'continuous') return new Date(resumeAt.getTime() + (due.getTime() - pausedAt.getTime()));
  const periods = clock === 'working_hours' ? workingPeriods : wholeDay;
  const left = countWorking(pausedAt, due, periods, calendar);
  return left === 0 ? resumeAt : walkWorking(resumeAt, left, periods, calendar);
}
