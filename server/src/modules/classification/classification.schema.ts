import { z } from 'zod';
import { multilineInput, textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';
import { modelKinds } from './classification.tables.js';

const classReport = z.object({
  label: z.string(),
  name: z.string().describe('The category or unit the label stands for'),
  precision: z.number().nullable().describe('null when the model never predicted this class (no data, not 0)'),
  recall: z.number().nullable(),
  f1: z.number().nullable(),
  support: z.number().int(),
});

export const evaluationView = z
  .object({
    examples: z.number().int().describe('Held-out cases the model had not seen'),
    accuracy: z.number().nullable(),
    macroF1: z.number().nullable(),
    perClass: z.array(classReport),
    confusion: z.object({ labels: z.array(z.string()), names: z.array(z.string()), matrix: z.array(z.array(z.number().int())).describe('rows: the true class, columns: the predicted one') }),
  })
  .meta({ id: 'ModelEvaluation' });

export const modelView = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(modelKinds),
    version: z.number().int(),
    status: z.enum(['candidate', 'active', 'retired']),
    source: z.string(),
    seed: z.number().int(),
    trainedOn: z.number().int(),
    heldOut: z.number().int(),
    accuracy: z.number().nullable(),
    macroF1: z.number().nullable(),
    trainingMs: z.number().int(),
    trainedAt: z.string(),
    activatedAt: z.string().nullable(),
    sha256: z.string(),
  })
  .meta({ id: 'ClassifierModel' });

export const modelDetailView = modelView.extend({ evaluation: evaluationView, loads: z.boolean().describe('False when the stored file fails its checksum or does not load') }).meta({ id: 'ClassifierModelDetail' });

export const modelIdParams = z.object({ id: textInput().uuid('模型编号格式不正确|not a model id') });
export const modelKindParams = z.object({ kind: z.enum(modelKinds) });

export const trainBody = z
  .object({ seed: z.number().int().min(0).max(2_147_483_647).optional().describe('Training and evaluation are deterministic for a seed') })
  .meta({ id: 'TrainModels' });

export const trainAccepted = z.object({ jobId: z.string().uuid() }).meta({ id: 'TrainingQueued' });

export const settingsView = z.object({ applyThreshold: z.number(), version: z.number().int() }).meta({ id: 'ClassificationSettings' });
export const settingsBody = z
  .object({
    applyThreshold: z.number().min(0.05).max(1).describe('A suggested category is applied at intake when its confidence is at least this (0.05–1; 1: never by itself)'),
    version: versionInput(0).describe('The version read (0 before the first save)'),
  })
  .meta({ id: 'UpdateClassificationSettings' });

const rankedCategory = z.object({ code: z.string(), name: z.string(), probability: z.number() });
const rankedRoute = z.object({
  label: z.string(),
  target: z.object({ kind: z.enum(['unit', 'grid', 'village', 'town']), id: z.string().uuid() }).nullable().describe('The dispatch target, when it can be named for this case'),
  name: z.string(),
  probability: z.number(),
});

export const caseSuggestionView = z
  .object({
    stored: z.boolean().describe('True: made at intake and kept; false: computed now by the active models'),
    categories: z.array(rankedCategory).describe('The top three, best first'),
    terms: z.array(z.string()).describe('The words that weighed most for the best category'),
    appliedCategoryCode: z.string().nullable().describe('The category intake applied (confidence at or above the threshold), else null: triage decides'),
    applyThreshold: z.number(),
    routes: z.array(rankedRoute).describe('Where to dispatch, the top three, best first'),
    categoryModelVersion: z.number().int().nullable(),
    unitModelVersion: z.number().int().nullable(),
  })
  .meta({ id: 'CaseSuggestion' });

export const suggestBody = z
  .object({ description: multilineInput().trim().min(4).max(2000).describe('What the resident wrote') })
  .meta({ id: 'SuggestCategory' });

export const suggestView = z
  .object({ categories: z.array(rankedCategory), terms: z.array(z.string()), applyThreshold: z.number().nullable() })
  .meta({ id: 'CategorySuggestion' });
