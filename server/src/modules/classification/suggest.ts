import type { AppContext } from '../../platform/context.js';
import { codeAt } from '../../platform/territory-path.js';
import type { Prediction } from './model/classifier.js';
import { activeModels } from './model-store.js';
import type { StoredRank } from './classification.tables.js';

/** How many ranked suggestions are kept and shown (triage's "top three"). */
export const topCount = 3;

/**
 * The route model's extra tokens: where the case is and what it is. Its labels are dispatch targets:
 * `unit:<id>` (a department or partner) or `node:grid|village|town` (down to the case's own node of that level).
 */
export function routeTokens(territoryPath: string, categoryCode: string | null): string[] {
  const tokens = [];
  const town = codeAt(territoryPath, 'town');
  const village = codeAt(territoryPath, 'village');
  if (town) tokens.push(`town:${town}`);
  if (village) tokens.push(`village:${village}`);
  if (categoryCode) tokens.push(`cat:${categoryCode}`, `group:${categoryCode.slice(0, 2)}`);
  return tokens;
}

export interface Suggestion {
  categories: StoredRank[];
  /** The words that weighed most for the best category (the reason shown with it). */
  terms: string[];
  /** The best category when its confidence reaches the county's threshold. */
  apply: string | null;
  units: StoredRank[];
  categoryModel: { id: string; version: number } | null;
  unitModel: { id: string; version: number } | null;
  applyThreshold: number;
}

/**
 * Suggests a category for a text (labels of inactive categories are skipped) and a dispatch target for
 * it at its place. Null when no model is active. `categoryCode`: the case's category when known (the
 * route model uses it instead of the suggested one).
 */
export async function suggestFor(ctx: AppContext, input: { description: string; territoryPath: string; categoryCode?: string | null }): Promise<Suggestion | null> {
  const models = await activeModels(ctx.db);
  if (!models.category && !models.unit) return null;
  const category = models.category?.classifier.predict(input.description);
  const keep = (code: string) => ctx.categories.get(code)?.isActive === true;
  const categories = category ? top(category, keep) : [];
  const best = category?.ranked.find((r) => keep(r.label));
  // 100 % means "never apply by itself": a probability may round to 1 in floating point.
  const apply = best && models.applyThreshold < 1 && best.probability >= models.applyThreshold ? best.label : null;
  const known = input.categoryCode ?? apply ?? best?.label ?? null;
  const unit = models.unit?.classifier.predict(input.description, routeTokens(input.territoryPath, known));
  return {
    categories,
    terms: category ? category.terms.slice(0, 5).map((t) => t.term) : [],
    apply,
    units: unit ? top(unit, () => true) : [],
    categoryModel: models.category ? { id: models.category.id, version: models.category.version } : null,
    unitModel: models.unit ? { id: models.unit.id, version: models.unit.version } : null,
    applyThreshold: models.applyThreshold,
  };
}

function top(prediction: Prediction, keep: (label: string) => boolean): StoredRank[] {
  return prediction.ranked
    .filter((r) => keep(r.label))
    .slice(0, topCount)
    .map((r) => ({ label: r.label, probability: Math.round(r.probability * 10_000) / 10_000 }));
}
