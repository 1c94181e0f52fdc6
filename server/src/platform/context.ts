import type { Config } from '../config.js';
import type { CaseExtension } from '../modules/cases/case-extension.js';
import type { CategoryCache } from '../modules/categories/category-cache.js';
import type { GridIndexHolder } from '../modules/territory/grid-index.js';
import type { TerritoryExtension } from '../modules/territory/territory-extension.js';
import type { Clock } from './clock.js';
import type { Database, DatabaseHandle } from './db/database.js';
import type { Secrets } from './secrets.js';
import type { SmsGateway } from './sms.js';

/**
 * What every service needs, handed in explicitly (no globals). `db` may be a transaction:
 * a use case that opens its own transaction nests as a savepoint.
 */
export interface AppContext {
  db: Database;
  database: DatabaseHandle;
  config: Config;
  clock: Clock;
  secrets: Secrets;
  grids: GridIndexHolder;
  categories: CategoryCache;
  /** Text messages to phones (one-time codes, notifications). */
  sms: SmsGateway;
  /** What the modules above cases plug into it (gathered in app.ts from their manifests). */
  caseExtensions: readonly CaseExtension[];
  /** What modules above territory plug into it (gathered in app.ts). */
  territoryExtensions: readonly TerritoryExtension[];
}

export function withDb(ctx: AppContext, db: Database): AppContext {
  return { ...ctx, db };
}
