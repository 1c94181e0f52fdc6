import type { AppContext, DomainEventBus } from './context.js';

export type { DomainEventBus };

/**
 * Domain events: how a module lets others react to its changes without knowing them. The module
 * that announces an event declares its name and payload by adding to this interface (declaration
 * merging, in its own `<module>.events.ts`):
 *
 *   declare module '../../platform/events.js' {
 *     interface DomainEvents { 'households.changed': { territoryPaths: string[]; at: Date } }
 *   }
 *
 * emits it with `emit(ctx, 'households.changed', …)` inside the change's transaction, and a module
 * that cares subscribes in its manifest (`on: { 'households.changed': handler }`). Handlers run in
 * the caller's transaction, one after another, so the change and every reaction commit together
 * (or not at all: a handler that throws rolls the change back).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface DomainEvents {}

export type DomainEventName = keyof DomainEvents;

/** A reaction to one event; `ctx.db` is the announcing change's transaction. */
export type DomainEventHandler<N extends DomainEventName> = (ctx: AppContext, payload: DomainEvents[N]) => Promise<void>;

/** What a module's manifest lists under `on`: at most one handler per event name. */
export type DomainEventSubscriptions = { readonly [N in DomainEventName]?: DomainEventHandler<N> };


export function domainEventBus(subscriptions: readonly DomainEventSubscriptions[]): DomainEventBus {
  const handlers = new Map<string, DomainEventHandler<never>[]>();
  for (const set of subscriptions) {
    for (const [name, handler] of Object.entries(set) as [string, DomainEventHandler<never> | undefined][]) {
      if (handler) handlers.set(name, [...(handlers.get(name) ?? []), handler]);
    }
  }
  return { handlers };
}

/**
 * Announces an event: runs every subscriber with `ctx` (whose `db` must be the change's
 * transaction) and waits for them all. No subscriber is not an error.
 */
export async function emit<N extends DomainEventName>(ctx: AppContext, name: N, payload: DomainEvents[N]): Promise<void> {
  const handlers = (ctx.events.handlers.get(name) ?? []) as readonly DomainEventHandler<N>[];
  for (const handler of handlers) await handler(ctx, payload);
}
