import { describe, expect, it } from 'vitest';
import { readReferenceHolidays } from '../../seed/reference-calendar.js';
import { HolidayCalendar } from './working-calendar.js';
import { coverageStatus } from './calendar.service.js';
import { addLimit, pointAt, resumeAfterPause } from './business-clock.js';

// The real statutory calendar from server/reference/holidays.json (npm chinese-days). Every instant in
// Shanghai time. 2026: 国庆 Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 are make-up working days.
const calendar = new HolidayCalendar(new Map(readReferenceHolidays().days.map((d) => [d.date, d.kind])));
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('the reference calendar', () => {
  it('has 2026 国庆 Oct 1–7 off with its make-up days, and the Spring Festival Feb 15–23', () => {
    for (let day = 1; day <= 7; day++) expect(calendar.isWorkingDay(`2026-10-0${day}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.kindOf('2026-09-20')).toBe('workday'); // Sunday
    expect(calendar.kindOf('2026-10-10')).toBe('workday'); // Saturday
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // Monday in 春节
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday make-up day
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-01')).toBe(false); // 元旦
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true); // Sunday make-up day
    expect([...calendar.years].sort()).toEqual([2024, 2025, 2026]);
  });
});

describe('accepted just before 国庆: Wednesday 2026-09-30 17:30', () => {
  const start = at('2026-09-30T17:30:00');
  it('a working-days limit lands after the holiday, counting the make-up Saturday', () => {
    expect(iso(addLimit(start, 24 * 60, 'working_days', calendar))).toBe(iso(at('2026-10-08T17:30:00')));
    // Oct 8 (Thu), Oct 9 (Fri), Oct 10 (make-up Saturday).
    expect(iso(addLimit(start, 3 * 24 * 60, 'working_days', calendar))).toBe(iso(at('2026-10-10T17:30:00')));
  });
  it('a working-hours limit uses the last half hour, then resumes on Oct 8', () => {
    expect(iso(addLimit(start, 60, 'working_hours', calendar))).toBe(iso(at('2026-10-08T08:30:00')));
    expect(iso(addLimit(start, 8 * 60, 'working_hours', calendar))).toBe(iso(at('2026-10-08T17:30:00')));
  });
  it('the 80 % warning of that limit falls on a working day too', () => {
    const due = addLimit(start, 8 * 60, 'working_hours', calendar);
    // 80 % of 480 = 384 working minutes: 30 on Sep 30, 240 on Oct 8 morning, 114 after lunch → 15:54.
    expect(iso(pointAt(start, due, 0.8, 'working_hours', calendar))).toBe(iso(at('2026-10-08T15:54:00')));
  });
});

describe('across a 调休 Saturday', () => {
  it('Friday 2026-10-09 17:30 + 1 working hour is Saturday Oct 10 08:30 (a working day)', () => {
    expect(iso(addLimit(at('2026-10-09T17:30:00'), 60, 'working_hours', calendar))).toBe(iso(at('2026-10-10T08:30:00')));
  });
  it('Friday 2026-09-18 + 1 working day is the make-up Sunday Sep 20', () => {
    expect(iso(addLimit(at('2026-09-18T10:00:00'), 24 * 60, 'working_days', calendar))).toBe(iso(at('2026-09-20T10:00:00')));
  });
  it('without the calendar the same Saturday would be skipped', () => {
    expect(iso(addLimit(at('2026-10-09T17:30:00'), 60, 'working_hours'))).toBe(iso(at('2026-10-12T08:30:00')));
  });
});

describe('working hours', () => {
  it('skip the lunch break: Wednesday 2026-11-18 11:50 + 20 min is 14:10', () => {
    expect(iso(addLimit(at('2026-11-18T11:50:00'), 20, 'working_hours', calendar))).toBe(iso(at('2026-11-18T14:10:00')));
  });
  it('at 17:59 on Friday 2026-11-20: one minute is left, the rest runs on Monday', () => {
    expect(iso(addLimit(at('2026-11-20T17:59:00'), 15, 'working_hours', calendar))).toBe(iso(at('2026-11-23T08:14:00')));
    expect(iso(addLimit(at('2026-11-20T17:59:00'), 24 * 60, 'working_days', calendar))).toBe(iso(at('2026-11-23T17:59:00')));
  });
});

describe('the continuous clock', () => {
  it('runs over midnight and through holidays', () => {
    expect(iso(addLimit(at('2026-09-30T23:50:00'), 15, 'continuous', calendar))).toBe(iso(at('2026-10-01T00:05:00')));
    expect(iso(addLimit(at('2026-09-30T17:30:00'), 24 * 60, 'continuous', calendar))).toBe(iso(at('2026-10-01T17:30:00')));
  });
});

describe('a long-term pause (挂账) resumes with the time that was left, on the same clock', () => {
  it('working days: two working days left on Monday 2026-09-28, review on Oct 1 → due when Oct 9 ends', () => {
    const resumed = resumeAfterPause(at('2026-09-28T10:00:00'), at('2026-09-30T10:00:00'), at('2026-10-01T00:00:00'), 'working_days', calendar);
    // 48 h of working days left; Oct 1–7 are off, so they run Oct 8 and Oct 9.
    expect(iso(resumed)).toBe(iso(at('2026-10-10T00:00:00')));
  });
  it('working hours: four working hours left, review on Wednesday 2026-11-25 → due at 12:00 that day', () => {
    const resumed = resumeAfterPause(at('2026-11-18T10:00:00'), at('2026-11-18T16:00:00'), at('2026-11-25T00:00:00'), 'working_hours', calendar);
    expect(iso(resumed)).toBe(iso(at('2026-11-25T12:00:00')));
  });
  it('continuous: the wall-clock time left is added to the review date; a past-due case is due when it resumes', () => {
    expect(iso(resumeAfterPause(at('2026-11-18T10:00:00'), at('2026-11-18T16:00:00'), at('2026-11-25T00:00:00'), 'continuous'))).toBe(iso(at('2026-11-25T06:00:00')));
    expect(iso(resumeAfterPause(at('2026-11-18T10:00:00'), at('2026-11-17T16:00:00'), at('2026-11-25T00:00:00'), 'working_days', calendar))).toBe(iso(at('2026-11-25T00:00:00')));
  });
});

describe('coverage warning', () => {
  it('warns on 2026-11-22: the next 60 days reach into 2027, which has no data', () => {
    const status = coverageStatus(calendar.years, at('2026-11-22T09:00:00'));
    expect(status.coveredUntil).toBe('2026-12-31');
    expect(status.warning?.zh).toContain('2027');
    expect(status.warning?.en).toContain('2027');
  });
  it('is quiet when the next 60 days are covered, and says so when this year has no data', () => {
    expect(coverageStatus(calendar.years, at('2026-06-01T09:00:00')).warning).toBeNull();
    expect(coverageStatus(calendar.years, at('2026-11-01T23:59:00')).warning).toBeNull(); // Dec 31 is the 60th day
    const none = coverageStatus(new Set(), at('2026-06-01T09:00:00'));
    expect(none.coveredUntil).toBeNull();
    expect(none.warning?.en).toContain('2026');
  });
});
