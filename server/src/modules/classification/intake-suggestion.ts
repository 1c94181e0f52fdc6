import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { IntakeCase, IntakeReport, IntakeSuggestion } from '../cases/index.js';
import { caseSuggestions } from './classification.tables.js';
import { suggestFor } from './suggest.js';

/**
 * Intake's suggester (CaseExtension.suggestCategory): for a report without a category, the best category
 * is applied when its confidence reaches the threshold, else the case waits in triage with the top three.
 * Either way the suggestion is written with the case, in intake's one statement.
 */
export async function suggestAtIntake(ctx: AppContext, report: IntakeReport): Promise<IntakeSuggestion | null> {
  const suggestion = await suggestFor(ctx, { description: report.description, territoryPath: report.territoryPath });
  if (!suggestion) return null;
  return {
    apply: suggestion.apply,
    inserts: (row: IntakeCase) => [
      sql`insert into ${caseSuggestions} (case_id, category_model_id, categories, terms, applied_category_code, unit_model_id, units, created_at)
          values (${row.id}, ${suggestion.categoryModel?.id ?? null}, ${JSON.stringify(suggestion.categories)}::jsonb, ${JSON.stringify(suggestion.terms)}::jsonb,
                  ${row.categoryCode === suggestion.apply ? suggestion.apply : null}, ${suggestion.unitModel?.id ?? null}, ${JSON.stringify(suggestion.units)}::jsonb, ${row.createdAt})`,
    ],
  };
}
