import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import type { CaseChange } from '../cases/index.js';
import { caseSuggestions, classificationFeedback } from './classification.tables.js';

/**
 * When a person accepts a case that had a suggestion, their category is recorded against the best
 * suggestion: the same code confirms it, another corrects it. (Training reads the closed cases' final
 * categories, so corrections teach the next model; these rows measure the current one.)
 */
export async function recordFeedback(tx: Database, change: CaseChange): Promise<void> {
  if (change.action !== 'accept' || change.actor.kind !== 'staff' || !change.after.categoryCode) return;
  const [suggestion] = await tx.select({ categories: caseSuggestions.categories }).from(caseSuggestions).where(eq(caseSuggestions.caseId, change.after.id));
  const best = suggestion?.categories[0];
  if (!best) return;
  await tx.insert(classificationFeedback).values({
    id: newId(),
    caseId: change.after.id,
    suggestedCode: best.label,
    chosenCode: change.after.categoryCode,
    byId: change.actor.id,
    at: change.at,
  });
}
