import { eq, inArray, ne } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import type { Lang } from '../../platform/i18n.js';
import { duplicateRules } from './duplicates.tables.js';

/** The county default when no row says otherwise (the "250 m / 30 days"). */
export const defaultRule = { radiusM: 250, windowDays: 30 } as const;
const countyScope = '*';

export interface Rule {
  radiusM: number;
  windowDays: number;
}

/** The rule a report of `categoryCode` is checked with: the category's row, else the county default. */
export async function ruleFor(db: Database, categoryCode: string | null | undefined): Promise<Rule & { scope: string }> {
  const scopes = categoryCode ? [countyScope, categoryCode] : [countyScope];
  const rows = await db.select().from(duplicateRules).where(inArray(duplicateRules.scope, scopes));
  const own = rows.find((r) => r.scope === categoryCode);
  const county = rows.find((r) => r.scope === countyScope);
  const chosen = own ?? county;
  return chosen ? { scope: chosen.scope, radiusM: chosen.radiusM, windowDays: chosen.windowDays } : { scope: countyScope, ...defaultRule };
}

/** The rules as the admin page shows them: the county default and each category that differs. */
export async function rulesView(ctx: AppContext, actor: Actor, lang: Lang) {
  requirePermission(actor, 'category:edit');
  const rows = await ctx.db.select().from(duplicateRules).orderBy(duplicateRules.scope);
  const county = rows.find((r) => r.scope === countyScope);
  return {
    county: { radiusM: county?.radiusM ?? defaultRule.radiusM, windowDays: county?.windowDays ?? defaultRule.windowDays },
    version: county?.version ?? 0,
    categories: rows
      .filter((r) => r.scope !== countyScope)
      .map((r) => {
        const category = ctx.categories.get(r.scope);
        return { categoryCode: r.scope, categoryName: category ? (lang === 'zh' ? category.nameZh : category.nameEn) : r.scope, radiusM: r.radiusM, windowDays: r.windowDays };
      }),
  };
}

export interface RulesInput {
  version: number;
  county: Rule;
  categories: { categoryCode: string; radiusM: number; windowDays: number }[];
}

/**
 * Replaces the rules as a whole (the admin page edits them as one table): the county default and the
 * category rows; categories left out fall back to the county default. The county row's version guards
 * concurrent edits (409 when stale). One audit row with the new rules.
 */
export async function replaceRules(ctx: AppContext, actor: Actor, input: RulesInput, lang: Lang) {
  const admin = requirePermission(actor, 'category:edit');
  const seen = new Set<string>();
  input.categories.forEach((rule, i) => {
    const field = `categories.${i}.categoryCode`;
    if (!ctx.categories.get(rule.categoryCode)) throw invalidField(field, { zh: `小类 ${rule.categoryCode} 不存在`, en: `category ${rule.categoryCode} does not exist` });
    if (seen.has(rule.categoryCode)) throw invalidField(field, { zh: `小类 ${rule.categoryCode} 重复出现`, en: `category ${rule.categoryCode} is listed twice` });
    seen.add(rule.categoryCode);
  });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [county] = await tx.select().from(duplicateRules).where(eq(duplicateRules.scope, countyScope)).for('update');
    const current = county?.version ?? 0;
    if (current !== input.version) {
      throw new AppError('STALE_VERSION', {
        detail: { zh: `规则已被修改(当前版本 ${current})，请刷新后重试`, en: `The rules are at version ${current}; reload and retry` },
        extra: { currentVersion: current },
      });
    }
    const values = { radiusM: input.county.radiusM, windowDays: input.county.windowDays, updatedAt: now, updatedBy: admin.id };
    if (county) await tx.update(duplicateRules).set({ ...values, version: current + 1 }).where(eq(duplicateRules.scope, countyScope));
    else await tx.insert(duplicateRules).values({ scope: countyScope, ...values, version: 1 });
    await tx.delete(duplicateRules).where(ne(duplicateRules.scope, countyScope));
    if (input.categories.length > 0) {
      await tx.insert(duplicateRules).values(input.categories.map((r) => ({ scope: r.categoryCode, radiusM: r.radiusM, windowDays: r.windowDays, updatedAt: now, updatedBy: admin.id })));
    }
    await recordAudit(tx, admin, { action: 'duplicates.rules.update', entityType: 'duplicate_rules', data: { county: input.county, categories: input.categories } }, now);
  });
  return rulesView(ctx, actor, lang);
}
