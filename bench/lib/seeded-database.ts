/**
 * A fresh, migrated, demo-seeded database for one benchmark run, and the context of the real app on it:
 * PGlite in a temp folder, or — when DATABASE_URL is set — a new database created for the run on that
 * PostgreSQL server (dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openContext, type OpenedContext } from '../../server/src/bootstrap.js';
import { loadConfig, type Config } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { seedDatabase, type SeedReport } from '../../server/src/seed/seed.js';

export interface SeededDatabase {
  engine: 'pglite' | 'postgres';
  /** Where the data lives, for the printout (no credentials). */
  where: string;
  config: Config;
  opened: OpenedContext;
  seed: SeedReport;
  seedMs: number;
  /** Closes the context and removes the folder or drops the database. */
  dispose(): Promise<void>;
}

const benchSecretKey = 'b'.repeat(64);

/** `history`: also the demo's generated year of closed cases (and the suggestion models trained on it, switched on). */
export async function openSeededDatabase(options: { poolSize?: number; history?: boolean } = {}): Promise<SeededDatabase> {
  const postgresUrl = process.env.DATABASE_URL;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-bench-'));
  const baseEnv = { WANGGE_DATA_DIR: tmp, WANGGE_SECRET_KEY: benchSecretKey, LOG_LEVEL: 'silent', WANGGE_RATE_LIMIT_PER_MINUTE: '100000000' };

  if (!postgresUrl) {
    const config = loadConfig(baseEnv);
    const started = performance.now();
    const opened = await openContext(config);
    const seed = await seedDatabase(opened.ctx, { demo: true, history: options.history ?? false });
    return {
      engine: 'pglite',
      where: `PGlite in ${tmp}/pglite`,
      config,
      opened,
      seed,
      seedMs: performance.now() - started,
      async dispose() {
        await opened.close();
        fs.rmSync(tmp, { recursive: true, force: true });
      },
    };
  }

  const name = `wangge_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({ ...baseEnv, DATABASE_URL: url.toString() });
  const started = performance.now();
  let opened: OpenedContext | undefined;
  try {
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: options.poolSize });
    opened = await openContext(config, { database });
    const seed = await seedDatabase(opened.ctx, { demo: true, history: options.history ?? false });
    const ready = opened;
    return {
      engine: 'postgres',
      where: `PostgreSQL ${url.host}, database ${name} (created for this run)`,
      config,
      opened: ready,
      seed,
      seedMs: performance.now() - started,
      async dispose() {
        await ready.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
        fs.rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await opened?.close().catch(() => undefined);
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
