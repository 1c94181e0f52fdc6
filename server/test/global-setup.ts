import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openContext } from '../src/bootstrap.js';
import { openDatabase } from '../src/platform/db/database.js';
import { seedDatabase } from '../src/seed/seed.js';
import { testConfig } from './test-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templatePath: string;
    templateDatabase: string;
  }
}

/**
 * Builds one migrated, demo-seeded database per run; each test file then starts from a copy
 * (PGlite: a data-dir dump; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const name = `wangge_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const config = testConfig({ databaseUrl: url.toString() });
    const opened = await openContext(config);
    await seedDatabase(opened.ctx, { demo: true });
    await opened.close();
    project.provide('templateDatabase', name);
    project.provide('templatePath', '');
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      const leftovers = await admin.query(`select datname from pg_database where datname like 'wangge_test_${process.pid}_%'`);
      for (const row of leftovers.rows as Array<{ datname: string }>) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    };
  }

  const pglite = await PGlite.create();
  const database = await openDatabase({ kind: 'pglite', pglite });
  const opened = await openContext(testConfig(), { database });
  await seedDatabase(opened.ctx, { demo: true });
  const dump = await pglite.dumpDataDir('none');
  await opened.close();
  const templatePath = path.join(os.tmpdir(), `wangge-template-${process.pid}.tar`);
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('templatePath', templatePath);
  project.provide('templateDatabase', '');
  return () => fs.rmSync(templatePath, { force: true });
}
