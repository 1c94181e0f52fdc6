import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../platform/db/database.js';
import { holidays, type HolidayKind } from '../modules/calendar/calendar.tables.js';
import { deadlinePolicies } from '../modules/deadlines/deadlines.tables.js';
import { seedsRule } from '../modules/deadlines/index.js';
import { referenceDir } from './reference-files.js';

export interface ReferenceHolidays {
  source: string;
  years: number[];
  days: Array<{ date: string; kind: HolidayKind; nameZh: string; nameEn: string }>;
}

/** server/reference/holidays.json, built from npm chinese-days by scripts/reference/generate-holidays.ts. */
export function readReferenceHolidays(): ReferenceHolidays {
  return JSON.parse(fs.readFileSync(path.join(referenceDir, 'holidays.json'), 'utf8')) as ReferenceHolidays;
}

/**
 * Every install (demo or not) starts with the statutory calendar from the reference file and the
 * seeds' rule as deadline policies; admins edit both later. Existing rows are left alone.
 */
export async function seedReferenceCalendar(tx: Database): Promise<void> {
  const { days } = readReferenceHolidays();
  for (let i = 0; i < days.length; i += 500) {
    await tx
      .insert(holidays)
      .values(days.slice(i, i + 500).map((d) => ({ ...d, source: 'reference' as const })))
      .onConflictDoNothing();
  }
  await tx
    .insert(deadlinePolicies)
    .values(seedsRule.map((rule) => ({ ...rule })))
    .onConflictDoNothing();
}
