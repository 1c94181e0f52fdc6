import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/database.js';
import { shanghaiCompactDate } from '../../platform/shanghai-time.js';
import { caseEvents, cases, reporters } from './cases.tables.js';

type Values = Record<string, unknown>;

/** `(col, col) … select $1::type, $2::type` for one row, typed by the table's own columns. */
function columnsAndParams(table: PgTable, values: Values): { names: SQL; params: SQL } {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const entries = Object.entries(values).filter(([, v]) => v !== undefined);
  return {
    names: sql.join(entries.map(([key]) => sql.identifier(columns[key]!.name)), sql`, `),
    params: sql.join(
      entries.map(([key, value]) => {
        const column = columns[key]!;
        return sql`${sql.param(value, column)}::${sql.raw(column.getSQLType())}`;
      }),
      sql`, `,
    ),
  };
}

export interface NewCaseRows {
  reporter: typeof reporters.$inferInsert | null;
  /** Every column but `number`, which the statement assigns. */
  case: Omit<typeof cases.$inferInsert, 'number'>;
  event: typeof caseEvents.$inferInsert;
}

/** Sequences this process has made sure of (one per county and Shanghai day). */
const knownSequences = new Set<string>();

/**
 * The day's serials come from a sequence per county and day (`case_serial_320305_20261122`):
 * `nextval` takes no row lock, so concurrent intakes never queue behind one another. A serial
 * taken by an intake that then fails is skipped, so numbers may have gaps — never duplicates.
 */
async function ensureDaySequence(db: Database, countyCode: string, day: string): Promise<string> {
  const name = `case_serial_${countyCode}_${day}`;
  if (!/^case_serial_\d{6}_\d{8}$/.test(name)) throw new Error(`Bad sequence name ${name}`);
  if (!knownSequences.has(name)) {
    try {
      await db.execute(sql.raw(`create sequence if not exists ${name}`));
    } catch (error) {
      // Two processes creating it at the same instant: the loser's error means it exists.
      const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      if (code !== '23505' && code !== '42P07') throw error;
    }
    knownSequences.add(name);
  }
  return name;
}

/**
 * Writes a reported case in ONE statement: the day's serial, the reporter, the case and its
 * `create` event, as data-modifying CTEs. A single statement is atomic on its own, so no
 * transaction is held open across round trips. Returns the case number.
 */
export async function insertReportedCase(db: Database, countyCode: string, rows: NewCaseRows): Promise<string> {
  const day = shanghaiCompactDate(rows.case.createdAt as Date);
  const prefix = `${countyCode}-${day}-`;
  const sequence = await ensureDaySequence(db, countyCode, day);
  const caseColumns = columnsAndParams(cases, rows.case);
  const eventColumns = columnsAndParams(caseEvents, rows.event);
  const reporterColumns = rows.reporter ? columnsAndParams(reporters, rows.reporter) : null;
  const counter = sql`select nextval(${sequence}::regclass) as last_serial`;
  // The serial is zero-padded to four digits and simply grows wider past 9999.
  const number = sql`${prefix} || lpad(n.last_serial::text, greatest(4, length(n.last_serial::text)), '0')`;
  const statement = sql`
    with n as (${counter}),
    ${reporterColumns ? sql`r as (insert into ${reporters} (${reporterColumns.names}) select ${reporterColumns.params} returning id),` : sql``}
    c as (insert into ${cases} (${caseColumns.names}, number) select ${caseColumns.params}, ${number} from n returning id, number),
    e as (insert into ${caseEvents} (${eventColumns.names}) select ${eventColumns.params} from c returning id)
    select c.number from c`;
  const result = (await db.execute(statement)) as unknown as { rows: Array<{ number: string }> };
  const created = result.rows[0];
  if (!created) throw new Error('Case insert returned no row');
  return created.number;
}
