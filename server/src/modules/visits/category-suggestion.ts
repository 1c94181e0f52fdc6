import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { categories } from '../categories/categories.tables.js';

/**
 * A category for a finding the visitor did not classify: the active 小类 whose name (or a part of
 * it, "停水及水压不足" → 停水, 水压不足) appears in the text — the longest match wins; a part's
 * first two characters count for less ("路灯照明" matches "路灯不亮"). Null when nothing matches:
 * the center then classifies it at acceptance.
 */
export async function suggestCategory(db: Database, text: string): Promise<string | null> {
  const rows = await db.select({ code: categories.code, nameZh: categories.nameZh }).from(categories).where(eq(categories.isActive, true)).orderBy(categories.code);
  let best: { code: string; score: number } | null = null;
  for (const row of rows) {
    for (const part of row.nameZh.split(/[及和、]/).filter((p) => p.length >= 2)) {
      const score = text.includes(part) ? part.length * 2 : text.includes(part.slice(0, 2)) ? 2 : 0;
      if (score > (best?.score ?? 0)) best = { code: row.code, score };
    }
  }
  return best?.code ?? null;
}
