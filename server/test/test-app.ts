import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { SQL } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { openContext } from '../src/bootstrap.js';
import type { AppContext } from '../src/platform/context.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { demoPassword, testConfig } from './test-config.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  engine: 'pglite' | 'postgres';
  /** The copy's URL on PostgreSQL (undefined on PGlite). */
  databaseUrl: string | undefined;
  /** Bearer token for a demo login. */
  login(username: string): Promise<string>;
  /** JSON request helper; `as` signs in first. */
  request(method: string, url: string, options?: { as?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  /** Raw SQL for assertions about what is stored. */
  rows(query: SQL): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

async function copyOfTemplate(): Promise<{ database: DatabaseHandle; url?: string; drop?: () => Promise<void> }> {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const name = `wangge_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString() });
    return {
      database,
      url: url.toString(),
      drop: async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const blob = new Blob([fs.readFileSync(inject('templatePath'))]);
  const pglite = await PGlite.create({ loadDataDir: blob });
  return { database: await openDatabase({ kind: 'pglite', pglite }) };
}

/** The real app on its own copy of the seeded demo database. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const copy = await copyOfTemplate();
  const opened = await openContext(testConfig({ databaseUrl: copy.url, ...overrides }), { database: copy.database, migrate: false });
  const app = await buildApp(opened.ctx);
  await app.ready();
  const tokens = new Map<string, string>();
  const login = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: demoPassword } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
    const token = res.json().token as string;
    tokens.set(username, token);
    return token;
  };
  return {
    app,
    ctx: opened.ctx,
    engine: opened.ctx.database.engine,
    databaseUrl: copy.url,
    login,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.as) headers['authorization'] = `Bearer ${await login(options.as)}`;
      return app.inject({ method: method as 'GET', url, headers, ...(options.body !== undefined ? { payload: options.body as object } : {}) });
    },
    async rows(query) {
      const result = (await opened.ctx.db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> };
      return result.rows;
    },
    async close() {
      await app.close();
      await opened.close();
      await copy.drop?.();
    },
  };
}
