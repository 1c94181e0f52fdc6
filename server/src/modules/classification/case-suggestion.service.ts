import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { requireScopedPermission, type Actor } from '../../platform/actor.js';
import { codeAt } from '../../platform/territory-path.js';
import { caseNotFound, findCaseInScope } from '../cases/index.js';
import { units } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { caseSuggestions, classifierModels, type StoredRank } from './classification.tables.js';
import { activeModels } from './model-store.js';
import { suggestFor } from './suggest.js';

type Level = 'grid' | 'village' | 'town';
const levelNames: Record<Level, { zh: string; en: string }> = {
  grid: { zh: '所在网格', en: 'its grid' },
  village: { zh: '所在村(社区)', en: 'its village' },
  town: { zh: '所在镇(街道)', en: 'its town' },
};

/**
 * The suggestion for one case in the caller's scope (404 outside it): the one made at intake, else what
 * the active models say now (a case reported with a category, or before a model was switched on).
 */
export async function caseSuggestion(ctx: AppContext, actor: Actor, caseId: string, lang: 'zh' | 'en') {
  const scoped = requireScopedPermission(actor, 'case:read');
  const row = await findCaseInScope(ctx.db, scoped, caseId);
  if (!row) throw caseNotFound();
  const [stored] = await ctx.db.select().from(caseSuggestions).where(eq(caseSuggestions.caseId, caseId));
  const models = await activeModels(ctx.db);
  const live = stored ? null : await suggestFor(ctx, { description: row.description, territoryPath: row.territoryPath, categoryCode: row.categoryCode });
  const categories = stored?.categories ?? live?.categories ?? [];
  const routes = stored?.units ?? live?.units ?? [];
  return {
    stored: !!stored,
    categories: categories.map((c) => ({ code: c.label, name: categoryName(ctx, c.label, lang), probability: c.probability })),
    terms: stored?.terms ?? live?.terms ?? [],
    appliedCategoryCode: stored?.appliedCategoryCode ?? null,
    applyThreshold: models.applyThreshold,
    routes: await nameRoutes(ctx, routes, row.territoryPath, lang),
    categoryModelVersion: stored ? await versionOf(ctx, stored.categoryModelId) : (live?.categoryModel?.version ?? null),
    unitModelVersion: stored ? await versionOf(ctx, stored.unitModelId) : (live?.unitModel?.version ?? null),
  };
}

/** A suggestion for a text before it is reported (the forms' hint): the top categories only. */
export async function suggestCategoryFor(ctx: AppContext, description: string, lang: 'zh' | 'en') {
  const suggestion = await suggestFor(ctx, { description, territoryPath: '/' });
  return {
    categories: (suggestion?.categories ?? []).map((c) => ({ code: c.label, name: categoryName(ctx, c.label, lang), probability: c.probability })),
    terms: suggestion?.terms ?? [],
    applyThreshold: suggestion?.applyThreshold ?? null,
  };
}

export function categoryName(ctx: AppContext, code: string, lang: 'zh' | 'en'): string {
  const category = ctx.categories.get(code);
  return category ? (lang === 'en' ? category.nameEn : category.nameZh) : code;
}

/** Route labels as dispatch targets of this case: a unit by its name, a level by the case's own node there. */
interface NamedRoute {
  label: string;
  target: { kind: 'unit' | Level; id: string } | null;
  name: string;
  probability: number;
}

async function nameRoutes(ctx: AppContext, routes: StoredRank[], territoryPath: string, lang: 'zh' | 'en'): Promise<NamedRoute[]> {
  const unitIds = routes.filter((r) => r.label.startsWith('unit:')).map((r) => r.label.slice(5));
  const unitRows = unitIds.length ? await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [];
  const nodeCodes = (['grid', 'village', 'town'] as const).map((level) => codeAt(territoryPath, level)).filter((c): c is string => !!c);
  const nodeRows = nodeCodes.length ? await ctx.db.select({ id: territoryNodes.id, code: territoryNodes.code, name: territoryNodes.name }).from(territoryNodes).where(inArray(territoryNodes.code, nodeCodes)) : [];
  return routes.flatMap((r): NamedRoute[] => {
    if (r.label.startsWith('unit:')) {
      const unit = unitRows.find((u) => u.id === r.label.slice(5));
      return unit ? [{ label: r.label, target: { kind: 'unit', id: unit.id }, name: unit.name, probability: r.probability }] : [];
    }
    const level = r.label.slice(5) as Level;
    if (!(level in levelNames)) return [];
    const node = nodeRows.find((n) => n.code === codeAt(territoryPath, level));
    const generic = levelNames[level][lang];
    return [{ label: r.label, target: node ? { kind: level, id: node.id } : null, name: node ? `${node.name}（${generic}）` : generic, probability: r.probability }];
  });
}

async function versionOf(ctx: AppContext, modelId: string | null): Promise<number | null> {
  if (!modelId) return null;
  const [row] = await ctx.db.select({ version: classifierModels.version }).from(classifierModels).where(eq(classifierModels.id, modelId));
  return row?.version ?? null;
}
