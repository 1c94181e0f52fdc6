import { PGlite } from '@electric-sql/pglite';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import type { AppContext } from './platform/context.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/database.js';
import { createSecrets } from './platform/secrets.js';
import { createSmsGateway } from './platform/sms.js';
import { GridIndexHolder } from './modules/territory/index.js';
import { CategoryCache } from './modules/categories/index.js';
import { caseExtensions, domainEvents, territoryExtensions } from './feature-modules.js';

/**
 * The OpenAPI document, built from the routes' schemas without a data folder: an empty
 * in-memory database backs the app (no route runs). The web app's client is generated from it.
 */
export async function openApiDocument(): Promise<unknown> {
  const database = await openDatabase({ kind: 'pglite', pglite: await PGlite.create() });
  const ctx: AppContext = {
    db: database.db,
    database,
    config: loadConfig({}),
    clock: systemClock,
    secrets: createSecrets(Buffer.alloc(32)),
    grids: new GridIndexHolder(),
    categories: new CategoryCache(),
    sms: createSmsGateway({ smsGateway: 'log', smsUrl: undefined, smsSecret: undefined, logLevel: 'silent' }),
    events: domainEvents,
    caseExtensions,
    territoryExtensions,
  };
  const app = await buildApp(ctx);
  await app.ready();
  const document = app.swagger();
  await app.close();
  await database.close();
  return document;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(JSON.stringify(await openApiDocument(), null, 2) + '\n');
}
