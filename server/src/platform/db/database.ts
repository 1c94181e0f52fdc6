import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { PgListener } from './pg-listener.js';
import * as schema from './schema.js';

/** One database type for both engines; a transaction (`tx`) is also a `Database`. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /**
   * Subscribe to a NOTIFY channel. On PostgreSQL one connection LISTENs for all channels and comes
   * back after a database restart; NOTIFYs sent meanwhile are lost, so after a reconnect every
   * subscriber is called once with the payload `''` to catch up (pg-listener.ts).
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload?: string): Promise<void>;
  close(): Promise<void>;
  /** The raw PGlite instance (embedded engine only), for dumps in tests. */
  pglite?: PGlite;
}

export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Told about lost connections (they are survived: the pool and the LISTEN connection reconnect). */
      onConnectionProblem?: (message: string, error: unknown) => void;
    }
  | { kind: 'pglite'; dataDir?: string; pglite?: PGlite };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize, target.onConnectionProblem) : openPglite(target);
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

/** How long a request waits for a connection before it fails (503) instead of hanging. */
const connectTimeoutMs = 10_000;

async function openPostgres(url: string, poolSize = 10, onProblem: (message: string, error: unknown) => void = () => undefined): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectTimeoutMs });
  // A connection dropped by the server (restart, failover, terminate) must not end the process: an
  // 'error' event without a listener is an uncaught exception. The pool listens on idle clients only;
  // a client checked out (e.g. held by a transaction between two statements) needs its own listener.
  // The query in flight fails (→ 503, db/unavailable.ts), the pool discards the client, and the next
  // request opens a fresh connection.
  pool.on('error', (error) => onProblem('idle database connection lost', error));
  pool.on('connect', (client) => {
    client.on('error', (error) => onProblem('database connection lost', error));
  });
  // Fail fast with a readable message when the server is not there.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  const listener = new PgListener(url, onProblem);
  return {
    db,
    engine: 'postgres',
    listen: (channel, onMessage) => listener.subscribe(channel, onMessage),
    async notify(channel, payload = '') {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
    async close() {
      await listener.close();
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
  return rowsOf<T>(await db.execute(statement));
}

/** The rows of a raw statement's result (`db.execute`): node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** `count(*)` and friends come back as strings from node-postgres and numbers from PGlite. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
