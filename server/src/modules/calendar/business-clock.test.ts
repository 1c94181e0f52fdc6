import { describe, expect, it } from 'vitest';
import { addLimit, isWorkingTime, pointAt, weekendCalendar, type WorkingDayCalendar } from './business-clock.js';

// Every instant is written in Shanghai time (+08:00); 2026-11-20 is a Friday.
const at = (local: string) => new Date(`${local}+08:00`);
const hours = (n: number) => n * 60;

describe('addLimit — continuous', () => {
  it('adds wall-clock minutes through nights and weekends', () => {
    expect(addLimit(at('2026-11-20T17:30:00'), 60, 'continuous')).toEqual(at('2026-11-20T18:30:00'));
    expect(addLimit(at('2026-11-20T23:00:00'), hours(48), 'continuous')).toEqual(at('2026-11-22T23:00:00'));
  });
});

describe('addLimit — working hours (08:00–12:00, 14:00–18:00)', () => {
  it('stays inside one working period when the limit fits', () => {
    expect(addLimit(at('2026-11-18T09:00:00'), 90, 'working_hours')).toEqual(at('2026-11-18T10:30:00'));
  });

  it('skips the lunch break 12:00–14:00', () => {
    expect(addLimit(at('2026-11-18T11:30:00'), 60, 'working_hours')).toEqual(at('2026-11-18T14:30:00'));
  });

  it('starts counting at 14:00 when the start falls in the lunch break', () => {
    expect(addLimit(at('2026-11-18T12:45:00'), 30, 'working_hours')).toEqual(at('2026-11-18T14:30:00'));
  });

  it('skips the evening and night', () => {
    expect(addLimit(at('2026-11-18T17:00:00'), 120, 'working_hours')).toEqual(at('2026-11-19T09:00:00'));
    expect(addLimit(at('2026-11-18T20:00:00'), 30, 'working_hours')).toEqual(at('2026-11-19T08:30:00'));
  });

  it('skips the weekend: Friday 17:30 + 60 min is Monday 08:30', () => {
    expect(addLimit(at('2026-11-20T17:30:00'), 60, 'working_hours')).toEqual(at('2026-11-23T08:30:00'));
  });

  it('starts counting at 08:00 when the start is earlier in the morning', () => {
    expect(addLimit(at('2026-11-18T06:15:00'), 30, 'working_hours')).toEqual(at('2026-11-18T08:30:00'));
  });

  it('counts a start on Saturday from Monday morning', () => {
    expect(addLimit(at('2026-11-21T10:00:00'), 60, 'working_hours')).toEqual(at('2026-11-23T09:00:00'));
  });

  it('counts 8 working hours as one working day', () => {
    expect(addLimit(at('2026-11-18T10:00:00'), hours(8), 'working_hours')).toEqual(at('2026-11-19T10:00:00'));
    expect(addLimit(at('2026-11-20T10:00:00'), hours(16), 'working_hours')).toEqual(at('2026-11-24T10:00:00'));
  });

  it('is independent of the host time zone (the Shanghai day starts at 16:00 UTC)', () => {
    // 2026-11-19T23:30Z is Friday 07:30 in Shanghai, not Thursday.
    expect(addLimit(new Date('2026-11-19T23:30:00Z'), 30, 'working_hours')).toEqual(at('2026-11-20T08:30:00'));
  });
});

describe('addLimit — working days', () => {
  it('lands on the same time of day N working days later', () => {
    expect(addLimit(at('2026-11-17T10:00:00'), hours(24), 'working_days')).toEqual(at('2026-11-18T10:00:00'));
  });

  it('skips the weekend', () => {
    // Friday + 1 working day = Monday; Thursday + 3 = Tuesday.
    expect(addLimit(at('2026-11-20T10:00:00'), hours(24), 'working_days')).toEqual(at('2026-11-23T10:00:00'));
    expect(addLimit(at('2026-11-19T15:00:00'), hours(72), 'working_days')).toEqual(at('2026-11-24T15:00:00'));
  });

  it('rounds a part day up to a whole working day', () => {
    expect(addLimit(at('2026-11-17T10:00:00'), hours(30), 'working_days')).toEqual(at('2026-11-19T10:00:00'));
  });
});

describe('addLimit — with a holiday calendar (statutory holidays and 调休 make-up days)', () => {
  // Monday 2026-11-23 is a holiday; Saturday 2026-11-21 is a make-up working day.
  const holidays = new Set(['2026-11-23']);
  const makeUpDays = new Set(['2026-11-21']);
  const calendar: WorkingDayCalendar = {
    isWorkingDay: (date) => !holidays.has(date) && (makeUpDays.has(date) || weekendCalendar.isWorkingDay(date)),
  };

  it('the default calendar knows weekends only', () => {
    expect(weekendCalendar.isWorkingDay('2026-11-20')).toBe(true);
    expect(weekendCalendar.isWorkingDay('2026-11-21')).toBe(false);
    expect(weekendCalendar.isWorkingDay('2026-11-22')).toBe(false);
    expect(weekendCalendar.isWorkingDay('2026-11-23')).toBe(true);
  });

  it('works on the make-up Saturday (working hours)', () => {
    expect(addLimit(at('2026-11-20T17:30:00'), 60, 'working_hours', calendar)).toEqual(at('2026-11-21T08:30:00'));
  });

  it('skips the Sunday and the holiday Monday (working hours)', () => {
    expect(addLimit(at('2026-11-21T17:30:00'), 60, 'working_hours', calendar)).toEqual(at('2026-11-24T08:30:00'));
  });

  it('counts the make-up Saturday and skips the holiday (working days)', () => {
    expect(addLimit(at('2026-11-20T10:00:00'), hours(24), 'working_days', calendar)).toEqual(at('2026-11-21T10:00:00'));
    expect(addLimit(at('2026-11-20T10:00:00'), hours(48), 'working_days', calendar)).toEqual(at('2026-11-24T10:00:00'));
  });
});

describe('pointAt and isWorkingTime', () => {
  it('puts 80 % of a working-hours limit inside working hours', () => {
    // Monday 2026-11-23 08:00 → 10 working hours → Tuesday 10:00; 80 % = 8 h → Monday 18:00.
    const start = at('2026-11-23T08:00:00');
    const due = addLimit(start, 600, 'working_hours');
    expect(due.toISOString()).toBe(at('2026-11-24T10:00:00').toISOString());
    expect(pointAt(start, due, 0.8, 'working_hours').toISOString()).toBe(at('2026-11-23T18:00:00').toISOString());
  });
  it('is linear on the continuous clock and skips the weekend on working days', () => {
    const start = at('2026-11-20T10:00:00'); // Friday
    expect(pointAt(start, at('2026-11-20T11:00:00'), 0.8, 'continuous').toISOString()).toBe(at('2026-11-20T10:48:00').toISOString());
    const due = addLimit(start, 5 * 24 * 60, 'working_days'); // next Friday 10:00
    expect(pointAt(start, due, 0.8, 'working_days').toISOString()).toBe(at('2026-11-26T10:00:00').toISOString());
  });
  it('knows working time', () => {
    expect(isWorkingTime(at('2026-11-23T09:00:00'))).toBe(true);
    expect(isWorkingTime(at('2026-11-23T12:30:00'))).toBe(false);
    expect(isWorkingTime(at('2026-11-22T09:00:00'))).toBe(false); // Sunday
  });
});
