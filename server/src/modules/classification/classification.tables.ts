import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/bytea.js';
import { cases } from '../cases/cases.tables.js';
import { staff } from '../people/people.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** What a model suggests: a new case's 小类, or the unit to dispatch it to. */
export const modelKinds = ['category', 'unit'] as const;
export type ModelKind = (typeof modelKinds)[number];

/** candidate: trained and evaluated, waiting for an admin; active: used for suggestions (one per kind); retired: was active once. */
export const modelStatuses = ['candidate', 'active', 'retired'] as const;
export type ModelStatus = (typeof modelStatuses)[number];

/** One ranked label as stored: a category code or a unit id, with its probability. */
export interface StoredRank {
  label: string;
  probability: number;
}

/**
 * A trained model, versioned per kind. The file (docs/classification.md "The model") is stored with
 * its SHA-256; a row whose bytes do not load is never used (no suggestion, never an error).
 */
export const classifierModels = pgTable(
  'classifier_models',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: modelKinds }).notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: modelStatuses }).notNull().default('candidate'),
    /** Where its examples came from: the county's closed cases. */
    source: text('source').notNull().default('cases'),
    seed: integer('seed').notNull(),
    trainedOn: integer('trained_on').notNull(),
    heldOut: integer('held_out').notNull(),
    /** The held-out evaluation (accuracy, macro-F1, per class, confusion matrix), as shown to admins. */
    evaluation: jsonb('evaluation').notNull(),
    file: bytea('file').notNull(),
    sha256: text('sha256').notNull(),
    trainingMs: integer('training_ms').notNull(),
    trainedById: uuid('trained_by').references(() => staff.id),
    trainedAt: ts('trained_at').notNull(),
    activatedById: uuid('activated_by').references(() => staff.id),
    activatedAt: ts('activated_at'),
  },
  (t) => [
    uniqueIndex('classifier_models_kind_version').on(t.kind, t.version),
    uniqueIndex('classifier_models_one_active').on(t.kind).where(sql`${t.status} = 'active'`),
    check('classifier_models_kind_check', sql`${t.kind} in ('category','unit')`),
    check('classifier_models_status_check', sql`${t.status} in ('candidate','active','retired')`),
  ],
);

/** The county's suggestion settings (one row, id 1): the confidence above which a suggested category is applied. */
export const classificationSettings = pgTable(
  'classification_settings',
  {
    id: integer('id').primaryKey().default(1),
    applyThreshold: doublePrecision('apply_threshold').notNull().default(0.6),
    version: integer('version').notNull().default(1),
    updatedById: uuid('updated_by').references(() => staff.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [check('classification_settings_one_row', sql`${t.id} = 1`), check('classification_settings_threshold_check', sql`${t.applyThreshold} between 0.05 and 1`)],
);

/**
 * What was suggested for a case at intake: the top categories and units with their probabilities,
 * the terms behind the best category, and whether the category was applied (confidence above the threshold).
 */
export const caseSuggestions = pgTable(
  'case_suggestions',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    categoryModelId: uuid('category_model_id').references(() => classifierModels.id),
    categories: jsonb('categories').$type<StoredRank[]>().notNull().default([]),
    terms: jsonb('terms').$type<string[]>().notNull().default([]),
    /** The category intake applied (confidence ≥ the threshold), or null: the case went to triage with the top three. */
    appliedCategoryCode: text('applied_category_code'),
    unitModelId: uuid('unit_model_id').references(() => classifierModels.id),
    units: jsonb('units').$type<StoredRank[]>().notNull().default([]),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_suggestions_applied').on(t.appliedCategoryCode)],
);

/**
 * A person's decision about a suggested category: confirmed (kept the best suggestion) or corrected
 * (chose another). The training data are the closed cases' final categories; these rows measure the model.
 */
export const classificationFeedback = pgTable(
  'classification_feedback',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    suggestedCode: text('suggested_code').notNull(),
    chosenCode: text('chosen_code').notNull(),
    byId: uuid('by_id').references(() => staff.id),
    at: ts('at').notNull(),
  },
  (t) => [index('classification_feedback_case').on(t.caseId), index('classification_feedback_at').on(t.at)],
);

export type ClassifierModelRow = typeof classifierModels.$inferSelect;
export type CaseSuggestionRow = typeof caseSuggestions.$inferSelect;
