import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Database } from '../../platform/db/database.js';
import type { Secrets } from '../../platform/secrets.js';
import { normalizeFor, piiTables, type PiiTable } from './pii-registry.js';

export interface ReencryptOptions {
  /** Rows per batch; each batch is its own short transaction. */
  batchSize?: number;
  /** Stop after this many batches (throttling, or a test of an interrupted rotation). */
  maxBatches?: number;
  onBatch?: (table: string, rows: number) => void;
}

export interface ReencryptTableReport {
  table: string;
  /** Rows rewritten under the active key (hashes recomputed). */
  rows: number;
  /** Values sealed for the first time from their legacy derivation (old cases' tracking codes). */
  sealedLegacy: number;
}

export interface ReencryptReport {
  tables: ReencryptTableReport[];
  batches: number;
  /** True when `maxBatches` stopped the run before every row was on the active key. */
  stoppedEarly: boolean;
}

const col = (c: PgColumn) => sql.identifier(c.name);

/** Rows of `t` that still need work: a value sealed under another key, or a legacy value not sealed yet. */
function needsWork(t: PiiTable, secrets: Secrets): SQL {
  const activePrefix = `k${secrets.activeKeyId}.%`;
  const canSealLegacy = secrets.keyIds.includes(1);
  const conditions = t.encrypted.map((c) => {
    const stale = sql`(${col(c)} is not null and ${col(c)} not like ${activePrefix})`;
    return t.legacy.has(c) && canSealLegacy ? sql`(${stale} or ${col(c)} is null)` : stale;
  });
  return sql.join(conditions, sql` or `);
}

/** How many rows of each registered table still need work under this keyring. */
export async function countRowsToReencrypt(db: Database, secrets: Secrets, tables: PiiTable[] = piiTables): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${t.table} where ${needsWork(t, secrets)}`));
    counts[t.name] = Number(row?.n ?? 0);
  }
  return counts;
}

/**
 * Moves every registered value onto the active key, batch by batch: each batch locks its rows
 * (FOR UPDATE, so a server writing meanwhile waits rather than loses), decrypts under whatever
 * key sealed them, seals again under the active key, recomputes the lookup hashes and commits.
 * Rows already on the active key are never selected, so an interrupted run simply continues.
 */
export async function reencryptRegistered(db: Database, secrets: Secrets, options: ReencryptOptions = {}, tables: PiiTable[] = piiTables): Promise<ReencryptReport> {
  const batchSize = options.batchSize ?? 500;
  const report: ReencryptReport = { tables: [], batches: 0, stoppedEarly: false };
  for (const t of tables) {
    const entry: ReencryptTableReport = { table: t.name, rows: 0, sealedLegacy: 0 };
    report.tables.push(entry);
    let afterId: string | null = null;
    for (;;) {
      if (options.maxBatches !== undefined && report.batches >= options.maxBatches) {
        report.stoppedEarly = true;
        return report;
      }
      const batch = await reencryptBatch(db, secrets, t, afterId, batchSize);
      if (batch.rows === 0) break;
      report.batches++;
      entry.rows += batch.rows;
      entry.sealedLegacy += batch.sealedLegacy;
      afterId = batch.lastId;
      options.onBatch?.(t.name, batch.rows);
      if (batch.rows < batchSize) break;
    }
  }
  return report;
}

async function reencryptBatch(db: Database, secrets: Secrets, t: PiiTable, afterId: string | null, limit: number) {
  return db.transaction(async (tx) => {
    const selected = [t.id, ...t.encrypted];
    const after = afterId === null ? sql`true` : sql`${col(t.id)} > ${afterId}`;
    const rows = rowsOf<Record<string, string | null>>(await tx.execute(
      sql`select ${sql.join(
        selected.map((c, i) => sql`${col(c)} as ${sql.identifier(`c${i}`)}`),
        sql`, `,
      )} from ${t.table} where ${after} and (${needsWork(t, secrets)}) order by ${col(t.id)} limit ${limit} for update`,
    ));
    if (rows.length === 0) return { rows: 0, sealedLegacy: 0, lastId: afterId };

    let sealedLegacy = 0;
    const updates = rows.map((row) => {
      const id = String(row['c0']);
      const clear = new Map<PgColumn, string | null>();
      const sealed = t.encrypted.map((c, i) => {
        const value = row[`c${i + 1}`] ?? null;
        if (value === null) {
          const legacy = t.legacy.get(c)?.(secrets, id) ?? null;
          clear.set(c, legacy);
          if (legacy !== null) sealedLegacy++;
          return legacy === null ? null : secrets.encrypt(legacy);
        }
        let plain: string;
        try {
          plain = secrets.decrypt(value);
        } catch (error) {
          throw new Error(`${t.name} ${id}: ${c.name} cannot be opened with the keyring (${(error as Error).message})`);
        }
        clear.set(c, plain);
        return secrets.keyIdOf(value) === secrets.activeKeyId ? value : secrets.encrypt(plain);
      });
      const hashes = t.hashes.map((h) => {
        const plain = clear.get(h.from) ?? null;
        return plain === null ? null : secrets.lookupHash(normalizeFor(h.kind, plain));
      });
      return { id, values: [...sealed, ...hashes] };
    });

    const targets = [...t.encrypted, ...t.hashes.map((h) => h.column)];
    const idType = sql.raw(t.id.getSQLType());
    const values = sql.join(
      updates.map((u) => sql`(${u.id}::${idType}, ${sql.join(u.values.map((v) => sql`${v}::text`), sql`, `)})`),
      sql`, `,
    );
    const aliases = sql.join([sql.identifier('id'), ...targets.map((_, i) => sql.identifier(`v${i}`))], sql`, `);
    await tx.execute(
      sql`update ${t.table} set ${sql.join(
        targets.map((c, i) => sql`${col(c)} = v.${sql.identifier(`v${i}`)}`),
        sql`, `,
      )} from (values ${values}) as v(${aliases}) where ${t.table}.${col(t.id)} = v.id`,
    );
    return { rows: rows.length, sealedLegacy, lastId: updates[updates.length - 1]!.id };
  });
}

/**
 * Ciphertexts of the given keys in text columns the registry does not list — a module that
 * seals data without registering it. Retiring those keys would make such data unreadable, so
 * rotation refuses while this finds anything.
 */
export async function findUnregisteredCiphertexts(db: Database, keyIds: number[], tables: PiiTable[] = piiTables): Promise<Array<{ table: string; column: string; rows: number }>> {
  if (keyIds.length === 0) return [];
  const registered = new Set(tables.flatMap((t) => t.encrypted.map((c) => `${t.name}.${c.name}`)));
  const prefixes = keyIds.map((id) => (id === 1 ? '(v1|k1)' : `k${id}`)).join('|');
  // iv: 12 bytes → 16 base64url characters; tag: 16 bytes → 22.
  const pattern = `^(${prefixes})\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]*$`;
  const columns = rowsOf<{ table_name: string; column_name: string }>(await db.execute(
    sql`select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type in ('text', 'character varying')
        order by table_name, column_name`,
  ));
  const found: Array<{ table: string; column: string; rows: number }> = [];
  for (const { table_name: table, column_name: column } of columns) {
    if (registered.has(`${table}.${column}`)) continue;
    const [count] = rowsOf<{ n: number }>(await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} ~ ${pattern}`,
    ));
    const rows = Number(count?.n ?? 0);
    if (rows > 0) found.push({ table, column, rows });
  }
  return found;
}
