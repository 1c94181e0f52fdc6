import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { shanghaiCompactDate } from '../../platform/shanghai-time.js';
import { caseNumberCounters } from './cases.tables.js';

/**
 * Next human case number for the county and Shanghai day: `320305-20261122-0001`.
 * One upsert per number, so concurrent intakes serialise only on their day's counter row;
 * the serial simply grows wider past 9999.
 */
export async function nextCaseNumber(tx: Database, countyCode: string, at: Date): Promise<string> {
  const day = shanghaiCompactDate(at);
  const [row] = await tx
    .insert(caseNumberCounters)
    .values({ countyCode, day, lastSerial: 1 })
    .onConflictDoUpdate({
      target: [caseNumberCounters.countyCode, caseNumberCounters.day],
      set: { lastSerial: sql`${caseNumberCounters.lastSerial} + 1` },
    })
    .returning({ serial: caseNumberCounters.lastSerial });
  const serial = String(row!.serial).padStart(4, '0');
  return `${countyCode}-${day}-${serial}`;
}
