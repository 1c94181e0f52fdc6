import type { Config } from './config.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { AppContext } from './platform/context.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { migrateDatabase } from './platform/db/migrate.js';
import { createSecrets, loadMasterKey } from './platform/secrets.js';
import { createSmsGateway } from './platform/sms.js';
import { CategoryCache, followCategoryChanges, reloadCategories } from './modules/categories/index.js';
import { GridIndexHolder, followGridChanges, reloadGridIndex } from './modules/territory/index.js';
import { caseExtensions, domainEvents, territoryExtensions } from './feature-modules.js';

export interface OpenedContext {
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * Opens the database named by the config (PGlite under the data folder, or PostgreSQL),
 * applies migrations, loads the secrets and the grid index, and subscribes to grid changes.
 */
export async function openContext(config: Config, options: { database?: DatabaseHandle; clock?: Clock; migrate?: boolean } = {}): Promise<OpenedContext> {
  const database =
    options.database ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl, onConnectionProblem: connectionProblemLogger(config) }
        : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` },
    ));
  if (options.migrate !== false) await migrateDatabase(database, config.databaseUrl);
  const grids = new GridIndexHolder();
  const categories = new CategoryCache();
  const clock = options.clock ?? systemClock;
  const ctx: AppContext = {
    db: database.db,
    database,
    config,
    clock,
    secrets: createSecrets(loadMasterKey(config.dataDir, config.secretKeyHex)),
    grids,
    categories,
    sms: createSmsGateway(config, () => clock.now()),
    events: domainEvents,
    caseExtensions,
    territoryExtensions,
  };
  await reloadGridIndex(database.db, grids);
  await reloadCategories(database.db, categories);
  const unfollowGrids = await followGridChanges(database, grids);
  const unfollowCategories = await followCategoryChanges(database, categories);
  return {
    ctx,
    async close() {
      await unfollowGrids();
      await unfollowCategories();
      await database.close();
    },
  };
}

/**
 * Lost database connections are survived (requests meanwhile answer 503); say so in the log, at most
 * once every 5 seconds, so a restart under load does not flood it.
 */
function connectionProblemLogger(config: Config): (message: string, error: unknown) => void {
  let lastAt = 0;
  return (message, error) => {
    if (['silent', 'fatal', 'error'].includes(config.logLevel) || Date.now() - lastAt < 5_000) return;
    lastAt = Date.now();
    console.warn(`wangge: ${message}: ${error instanceof Error ? error.message : String(error)}`);
  };
}
