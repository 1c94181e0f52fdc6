import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.js';

/** One database type for both engines; a transaction (`tx`) is also a `Database`. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Subscribe to a NOTIFY channel; LISTEN gets its own connection on PostgreSQL. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload?: string): Promise<void>;
  close(): Promise<void>;
  /** The raw PGlite instance (embedded engine only), for dumps in tests. */
  pglite?: PGlite;
}

export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string; pglite?: PGlite };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize) : openPglite(target);
}

async function openPglite(target: { dataDir?: string; pglite?: PGlite }): Promise<DatabaseHandle> {
  // fsync stays off in PGlite: a killed process keeps committed data, a power cut may not (see README).
  const client = target.pglite ?? (await PGlite.create({ dataDir: target.dataDir, relaxedDurability: false }));
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    pglite: client,
    async listen(channel, onMessage) {
      const unsubscribe = await client.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    async notify(channel, payload = '') {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover, terminate) must not crash the process:
  // the pool discards it and the next query opens a fresh one.
  pool.on('error', () => undefined);
  // Fail fast with a readable message when the server is not there.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  const listeners: pg.Client[] = [];
  return {
    db,
    engine: 'postgres',
    async listen(channel, onMessage) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      });
      client.on('error', () => undefined);
      await client.query(`LISTEN "${channel.replaceAll('"', '')}"`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async notify(channel, payload = '') {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
    async close() {
      await Promise.all(listeners.map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

/**
 * Runs a statement as a named prepared statement on PostgreSQL, so the server plans it once per
 * connection instead of on every call (measured: ~2× for intake's multi-CTE insert). On PGlite,
 * or inside a transaction (no pool at hand), it runs as an ordinary statement.
 */
export async function executePrepared<T>(db: Database, statement: SQL): Promise<T[]> {
  const inner = db as unknown as {
    $client?: { query?: (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: T[] }> };
    dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
  };
  if (inner.$client instanceof pg.Pool) {
    const query = inner.dialect.sqlToQuery(statement);
    const name = `wg_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
    return (await inner.$client.query({ name, text: query.sql, values: query.params })).rows;
  }
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** `count(*)` and friends come back as strings from node-postgres and numbers from PGlite. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
