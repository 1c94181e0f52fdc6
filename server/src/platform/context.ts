import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database, DatabaseHandle } from './db/database.js';
import type { Secrets } from './secrets.js';
import type { SmsGateway } from './sms.js';

/**
 * What every service needs, handed in explicitly (no globals). `db` may be a transaction:
 * a use case that opens its own transaction nests as a savepoint.
 */
export interface AppContext extends ModuleContext {
  db: Database;
  database: DatabaseHandle;
  config: Config;
  clock: Clock;
  secrets: Secrets;
  /** Text messages to phones (one-time codes, notifications). */
  sms: SmsGateway;
  /** Every module's reactions to domain events (events.ts); `emit` runs them in the caller's transaction. */
  events: DomainEventBus;
}

/**
 * What modules add to the context (the grid index, the category cache): each declares its part from its own
 * folder (`declare module '…/platform/context.js' { interface ModuleContext { … } }`), so platform names no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleContext {}

/** Every module's subscriptions to domain events (events.ts), by event name, in module order. */
export interface DomainEventBus {
  readonly handlers: ReadonlyMap<string, readonly ((ctx: AppContext, payload: never) => Promise<void>)[]>;
}

export function withDb(ctx: AppContext, db: Database): AppContext {
  return { ...ctx, db };
}
