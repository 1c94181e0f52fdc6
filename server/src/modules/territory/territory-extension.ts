import type { Database } from '../../platform/db/database.js';
import type { ScopedActor } from '../../platform/actor.js';

/**
 * What a module above territory plugs into it (its manifest's `territoryExtension`, gathered in feature-modules.ts
 * into `ctx.territoryExtensions`), so territory imports none of them.
 */
export interface TerritoryExtension {
  /**
   * Whether the actor may see this node although it lies outside their territory — cases: they hold a
   * case located there (how a department, which has no territory, sees where its cases are).
   */
  mayAlsoSee?: (db: Database, actor: ScopedActor, node: { id: string; level: string; path: string }) => Promise<boolean>;
}

declare module '../../platform/context.js' {
  interface ModuleContext {
    /** What modules above territory plug into it (feature-modules.ts gathers them). */
    territoryExtensions: readonly TerritoryExtension[];
  }
}
