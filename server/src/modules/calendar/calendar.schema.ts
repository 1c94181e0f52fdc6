import { z } from 'zod';
import { holidayKinds, holidaySources } from './calendar.tables.js';
import { multilineInput, textInput } from '../../platform/text.js';

const isoDate = textInput()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD|the date is written YYYY-MM-DD')
  .refine((d) => isRealDate(d), '不存在这一天|no such calendar day');

/** True for a real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

const bilingualText = z.object({ zh: z.string(), en: z.string() });

export const holidayView = z.object({
  date: z.string(),
  kind: z.enum(holidayKinds),
  nameZh: z.string(),
  nameEn: z.string(),
  source: z.enum(holidaySources),
  updatedAt: z.date(),
});

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const yearView = z.object({
  year: z.number(),
  /** False when the year has no rows at all: only weekends count as days off. */
  hasData: z.boolean(),
  days: z.array(holidayView),
});

export const dateParams = z.object({ date: isoDate });
export const setDayBody = z.object({
  kind: z.enum(holidayKinds).describe('holiday: a day off; workday: a 调休 make-up working day'),
  nameZh: textInput().trim().min(1).max(40),
  nameEn: textInput().trim().max(80).default(''),
});

export const statusView = z.object({
  /** The last day of the run of years with data that starts with the current year; null when this year has none. */
  coveredUntil: z.string().nullable(),
  yearsWithData: z.array(z.number()),
  /** Set when any of the next 60 days lies in a year with no calendar data. */
  warning: bilingualText.nullable(),
});

export const importBody = z.object({
  csv: multilineInput().max(500_000).describe('UTF-8 CSV text (a leading BOM is fine): date,kind,name[,name_en]; the header line is optional'),
  dryRun: z.boolean().default(false),
});
export const importView = z.object({
  dryRun: z.boolean(),
  /** Every year in the file is replaced as a whole by the file's rows for it. */
  years: z.array(z.number()),
  holidays: z.number(),
  workdays: z.number(),
  /** Rows of those years that were there before and are now gone. */
  removed: z.number(),
});
