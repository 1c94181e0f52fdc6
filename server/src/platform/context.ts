import type { Config } from '../config.js';
import type { CategoryCache } from '../modules/categories/category-cache.js';
import type { GridIndexHolder } from '../modules/territory/grid-index.js';
import type { Clock } from './clock.js';
import type { Database, DatabaseHandle } from './db/database.js';
import type { DomainEventBus } from './events.js';
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
  /** Every module's reactions to domain events (events.ts); `emit` runs them in the caller's transaction. */
  events: DomainEventBus;
}

export function withDb(ctx: AppContext, db: Database): AppContext {
  return { ...ctx, db };
}
