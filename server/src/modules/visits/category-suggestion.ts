import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { categories } from '../categories/categories.tables.js';

/**
 * A category for a finding the visitor did not classify, by the rule the phone uses to offer one
 * (web/src/mobile/kit/categories.ts): each two-character word of an active 小类's name found in the
 * text scores ("路灯不亮" → 路灯照明); the best score wins, the lower code on a tie. Null when
 * nothing matches: the center classifies it at acceptance.
 */
export async function suggestCategory(db: Database, text: string): Promise<string | null> {
  const rows = await db.select({ code: categories.code, nameZh: categories.nameZh }).from(categories).where(eq(categories.isActive, true)).orderBy(categories.code);
  let best: { code: string; score: number } | null = null;
  for (const row of rows) {
    const name = row.nameZh.replace(/[及和与、（）()]/g, '');
    let score = 0;
    for (let i = 0; i + 2 <= name.length; i++) if (text.includes(name.slice(i, i + 2))) score += 1;
    if (score > (best?.score ?? 0)) best = { code: row.code, score };
  }
  return best?.code ?? null;
}
