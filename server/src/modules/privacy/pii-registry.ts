import { and, eq, getTableColumns, getTableName, inArray, isNull } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/database.js';
import type { Secrets } from '../../platform/secrets.js';
import { normalizeIdNumber, normalizePhone } from '../../platform/personal-data/normalize.js';
import { cases, reporters } from '../cases/cases.tables.js';
import { householdMembers, households } from '../households/households.tables.js';
import { staff } from '../people/people.tables.js';
import { residents, residentSessions } from '../residents/residents.tables.js';

/**
 * Every column that holds personal data (or anything else sealed with the keyring), in one list.
 * Key rotation re-encrypts exactly these columns and recomputes their lookup hashes; erasure
 * finds a person through the hashes and empties these columns. A sealed column missing here
 * would block retiring an old key (rotation scans the database for stray ciphertexts and says so).
 *
 * Registering a table is one entry in `piiTables` below, e.g. a households table with a phone:
 *   piiTable(households, { encrypted: ['phoneEncrypted'], hashes: { phoneHash: { from: 'phoneEncrypted', kind: 'phone' } }, erasedAt: 'erasedAt' })
 * Hash columns must hold `secrets.lookupHash(normalizePhone(phone))`, and lookups must accept
 * every key's hash (`secrets.lookupHashes`), because during a rotation rows carry either.
 */

/** What a hash column lets you look a person up by. */
export type LookupKind = 'phone' | 'id_number';

type ColumnKey<T extends PgTable> = keyof T['_']['columns'] & string;

export interface PiiTableSpec<T extends PgTable> {
  /** Primary key column (default `id`). */
  id?: ColumnKey<T>;
  /** Columns holding keyring ciphertexts (`k<id>.…`). */
  encrypted: ColumnKey<T>[];
  /** Keyed-hash columns and the encrypted column each is computed from. */
  hashes?: Partial<Record<ColumnKey<T>, { from: ColumnKey<T>; kind: LookupKind }>>;
  /**
   * A timestamp column set when a person's data is erased on request; the encrypted and hash
   * columns are emptied (so they must be nullable) and the row stays for what points at it.
   * Without it, the table is rotated but not part of erasure.
   */
  erasedAt?: ColumnKey<T>;
  /** For rows sealed before the column existed: the clear value to seal on the next rotation. */
  legacy?: Partial<Record<ColumnKey<T>, (secrets: Secrets, id: string) => string | null>>;
  /** Human references to the rows (e.g. the case numbers a reporter is linked to), for the erasure report. */
  references?: (db: Database, ids: string[]) => Promise<string[]>;
  /** More to do in the erasure's transaction (e.g. end the person's sessions). */
  afterErase?: (db: Database, ids: string[], at: Date) => Promise<void>;
}

export interface PiiHash {
  column: PgColumn;
  from: PgColumn;
  kind: LookupKind;
}

/** A registered table, resolved to its columns. */
export interface PiiTable {
  name: string;
  table: PgTable;
  id: PgColumn;
  encrypted: PgColumn[];
  hashes: PiiHash[];
  erasedAt: PgColumn | null;
  legacy: Map<PgColumn, (secrets: Secrets, id: string) => string | null>;
  references?: (db: Database, ids: string[]) => Promise<string[]>;
  afterErase?: (db: Database, ids: string[], at: Date) => Promise<void>;
}

/** Resolves a spec against the table's own columns (typos fail the typecheck). */
export function piiTable<T extends PgTable>(table: T, spec: PiiTableSpec<T>): PiiTable {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const column = (key: string) => {
    const c = columns[key];
    if (!c) throw new Error(`${getTableName(table)} has no column ${key}`);
    return c;
  };
  return {
    name: getTableName(table),
    table,
    id: column(spec.id ?? 'id'),
    encrypted: spec.encrypted.map(column),
    hashes: Object.entries(spec.hashes ?? {}).map(([key, h]) => {
      const { from, kind } = h as { from: string; kind: LookupKind };
      return { column: column(key), from: column(from), kind };
    }),
    erasedAt: spec.erasedAt ? column(spec.erasedAt) : null,
    legacy: new Map(Object.entries(spec.legacy ?? {}).map(([key, fn]) => [column(key), fn as (secrets: Secrets, id: string) => string | null])),
    references: spec.references,
    afterErase: spec.afterErase,
  };
}

export function normalizeFor(kind: LookupKind, value: string): string {
  switch (kind) {
    case 'phone':
      return normalizePhone(value);
    case 'id_number':
      return normalizeIdNumber(value);
  }
}

/** The registered tables. Add yours here (one entry); see docs/privacy.md. */
export const piiTables: PiiTable[] = [
  piiTable(reporters, {
    encrypted: ['nameEncrypted', 'phoneEncrypted'],
    hashes: { phoneHash: { from: 'phoneEncrypted', kind: 'phone' } },
    erasedAt: 'erasedAt',
    references: async (db, ids) =>
      (await db.select({ number: cases.number }).from(cases).where(inArray(cases.reporterId, ids)).orderBy(cases.number)).map((r) => r.number),
  }),
  piiTable(residents, {
    encrypted: ['phoneEncrypted'],
    hashes: { phoneHash: { from: 'phoneEncrypted', kind: 'phone' } },
    erasedAt: 'erasedAt',
    afterErase: async (db, ids, at) => {
      await db.update(residentSessions).set({ revokedAt: at }).where(and(inArray(residentSessions.residentId, ids), isNull(residentSessions.revokedAt)));
    },
  }),
  piiTable(householdMembers, {
    encrypted: ['nameEncrypted', 'phoneEncrypted', 'idNumberEncrypted'],
    hashes: { phoneHash: { from: 'phoneEncrypted', kind: 'phone' }, idNumberHash: { from: 'idNumberEncrypted', kind: 'id_number' } },
    erasedAt: 'erasedAt',
    // The erasure report names the households (by address), not the people.
    references: async (db, ids) =>
      (
        await db
          .selectDistinct({ address: households.address })
          .from(householdMembers)
          .innerJoin(households, eq(households.id, householdMembers.householdId))
          .where(inArray(householdMembers.id, ids))
          .orderBy(households.address)
      ).map((r) => r.address),
  }),
  // Staff work phones (profiles, modules/assignments docs): rotated; accounts are deactivated, not erased.
  piiTable(staff, {
    encrypted: ['phoneEncrypted'],
    hashes: { phoneHash: { from: 'phoneEncrypted', kind: 'phone' } },
  }),
  // Not personal data, but sealed with the keyring so rotation must carry it (and it must never change).
  piiTable(cases, {
    encrypted: ['trackingCodeEncrypted'],
    legacy: { trackingCodeEncrypted: (secrets, id) => secrets.legacyTrackingCode(id) },
  }),
];
