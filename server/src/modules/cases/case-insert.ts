import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../platform/context.js';
import { executePrepared, type Database } from '../../platform/db/database.js';
import { shanghaiCompactDate } from '../../platform/shanghai-time.js';
import type { AuditActor } from '../../platform/audit/audit.record.js';
import { auditLog } from '../../platform/audit/audit.tables.js';
import { newId } from '../../platform/ids.js';
import { isUniqueViolation, sqlState } from '../../platform/db/pg-errors.js';
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
  /** The report's photos, named in the audit row (intake attaches them in the same transaction). */
  photoIds: string[];
  /** Who reported, for the audit row written by the same statement. */
  auditActor: AuditActor;
  /** What the extensions write with a new case (case-extension.ts `intakeInserts`), as CTEs of the statement. */
  extensionInserts: SQL[];
}

/** Per database: the sequences known to exist (committed), and creations under way. */
const sequencesOf = new WeakMap<object, { known: Set<string>; creating: Map<string, Promise<void>> }>();

function daySequenceName(countyCode: string, at: Date): string {
  const name = `case_serial_${countyCode}_${shanghaiCompactDate(at)}`;
  if (!/^case_serial_\d{6}_\d{8}$/.test(name)) throw new Error(`Bad sequence name ${name}`);
  return name;
}

/**
 * The day's serials come from a sequence per county and day (`case_serial_320305_20261122`):
 * `nextval` takes no row lock, so concurrent intakes never queue behind one another. A serial
 * taken by an intake that then fails is skipped, so numbers may have gaps — never duplicates.
 *
 * The sequence is created in its own autocommit statement on the pool, outside any transaction the
 * caller is in: an intake that fails afterwards cannot roll the creation back (and leave this process
 * believing in a sequence that does not exist), and a concurrent creation cannot abort an intake's
 * transaction. The process remembers the sequence only once it is committed. PGlite has a single
 * connection, held by an open transaction: there (the seed) it is created inside
 * the caller's transaction and not remembered.
 */
export async function ensureDaySequence(ctx: Pick<AppContext, 'db' | 'database'>, countyCode: string, at: Date): Promise<void> {
  const name = daySequenceName(countyCode, at);
  let sequences = sequencesOf.get(ctx.database);
  if (!sequences) sequencesOf.set(ctx.database, (sequences = { known: new Set(), creating: new Map() }));
  const { known, creating } = sequences;
  if (known.has(name)) return;
  if (ctx.db !== ctx.database.db && ctx.database.engine === 'pglite') {
    await ctx.db.execute(sql.raw(`create sequence if not exists ${name}`));
    return;
  }
  let pending = creating.get(name);
  if (!pending) {
    pending = createSequence(ctx.database.db, name).finally(() => creating.delete(name));
    creating.set(name, pending);
  }
  await pending;
  known.add(name);
}

async function createSequence(db: Database, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.execute(sql.raw(`create sequence if not exists ${name}`));
      return;
    } catch (error) {
      // Another process creating it at the same instant: PostgreSQL's `if not exists` check passes in
      // both, and the loser fails on the catalogue's unique index once the winner commits. Asking again
      // then finds it (and is a no-op).
      if ((!isUniqueViolation(error) && sqlState(error) !== '42P07') || attempt >= 3) throw error;
    }
  }
}

/**
 * Writes a reported case in ONE statement: the day's serial, the reporter, the case, its `create`
 * event and its audit row, as data-modifying CTEs. Returns the case number. Intake runs it in its
 * transaction, with the photos and what the extensions add; when that fails, nothing was written
 * (but the serial was taken: a gap, as with any failed intake). `ensureDaySequence` must have run for
 * the case's day first.
 */
export async function insertReportedCase(db: Database, countyCode: string, rows: NewCaseRows): Promise<string> {
  const createdAt = rows.case.createdAt as Date;
  const prefix = `${countyCode}-${shanghaiCompactDate(createdAt)}-`;
  // Created beforehand by `ensureDaySequence`, outside this statement's transaction.
  const sequence = daySequenceName(countyCode, createdAt);
  const caseColumns = columnsAndParams(cases, rows.case);
  const eventColumns = columnsAndParams(caseEvents, rows.event);
  const ids = rows.photoIds;
  const reporterColumns = rows.reporter ? columnsAndParams(reporters, rows.reporter) : null;
  // The audit row (references only: no description, no reporter) gets the number from `c`.
  const auditColumns = columnsAndParams(auditLog, {
    id: newId(),
    at: rows.case.createdAt,
    actorKind: rows.auditActor.kind,
    actorId: rows.auditActor.id,
    action: 'case.create',
    entityType: 'case',
    entityId: rows.case.id,
  });
  const auditData = {
    channel: rows.case.channel,
    demandType: rows.case.demandType,
    categoryCode: rows.case.categoryCode ?? null,
    territoryNodeId: rows.case.territoryNodeId ?? null,
    toStatus: 'reported',
    eventId: rows.event.id,
    ...(rows.reporter ? { reporterId: rows.reporter.id } : {}),
    ...(ids.length ? { photoIds: ids } : {}),
  };
  const counter = sql`select nextval(${sequence}::regclass) as last_serial`;
  // The serial is zero-padded to four digits and simply grows wider past 9999.
  const number = sql`${prefix} || lpad(n.last_serial::text, greatest(4, length(n.last_serial::text)), '0')`;
  const statement = sql`
    with n as (${counter}),
    ${reporterColumns ? sql`r as (insert into ${reporters} (${reporterColumns.names}) select ${reporterColumns.params} returning id),` : sql``}
    c as (insert into ${cases} (${caseColumns.names}, number) select ${caseColumns.params}, ${number} from n returning id, number, created_at),
    e as (insert into ${caseEvents} (${eventColumns.names}) select ${eventColumns.params} from c returning id),
    a as (insert into ${auditLog} (${auditColumns.names}, data)
      select ${auditColumns.params}, ${JSON.stringify(auditData)}::jsonb || jsonb_build_object('number', c.number) from c returning id)
    ${sql.join(rows.extensionInserts.map((insert, i) => sql`, ${sql.raw(`x${i}`)} as (${insert})`))}
    select c.number from c`;
  const [created] = await executePrepared<{ number: string }>(db, statement);
  if (!created) throw new Error('Case insert returned no row');
  return created.number;
}
