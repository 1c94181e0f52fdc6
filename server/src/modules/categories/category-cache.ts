import type { AppContext } from '../../platform/context.js';
import type { Database, DatabaseHandle } from '../../platform/db/database.js';
import { categories, type CategoryRow } from './categories.tables.js';

export const categoriesChangedChannel = 'wangge_categories_changed';

/**
 * The categories, in memory: every intake reads one, and they change a few times a year.
 * Each process reloads on NOTIFY after an admin edit (the same pattern as the grid index).
 */
export class CategoryCache {
  private byCode = new Map<string, CategoryRow>();

  get(code: string): CategoryRow | undefined {
    return this.byCode.get(code);
  }

  replace(rows: CategoryRow[]): void {
    this.byCode = new Map(rows.map((r) => [r.code, r]));
  }
}

export async function reloadCategories(db: Database, cache: CategoryCache): Promise<void> {
  cache.replace(await db.select().from(categories));
}

export async function followCategoryChanges(database: DatabaseHandle, cache: CategoryCache): Promise<() => Promise<void>> {
  return database.listen(categoriesChangedChannel, () => {
    reloadCategories(database.db, cache).catch(() => undefined);
  });
}

/** After a committed edit: tell every process, and be current here at once. */
export async function announceCategoryChange(ctx: AppContext): Promise<void> {
  await ctx.database.notify(categoriesChangedChannel, new Date().toISOString());
  await reloadCategories(ctx.database.db, ctx.categories);
}

declare module '../../platform/context.js' {
  interface ModuleContext {
    /** The categories of this process (reloaded when an admin edits one). */
    categories: CategoryCache;
  }
}
