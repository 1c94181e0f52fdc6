import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { recordAudit, systemActor } from '../../platform/audit/audit.record.js';
import type { Actor } from '../../platform/actor.js';
import { trainClassifier, type Example } from './model/classifier.js';
import { stratifiedSplit } from './model/cross-validate.js';
import { evaluate, type Evaluation } from './model/evaluate.js';
import { serializeModel } from './model/model-file.js';
import { classifierModels, modelKinds, type ModelKind } from './classification.tables.js';
import { categoryExamples, routeExamples } from './training-examples.js';

/** Below this a run trains nothing: too few cases to learn from or to judge the result. */
export const minExamples = 40;
/** A label needs this many closed cases to be learnt (and one of them held out). */
export const minPerLabel = 3;
/** The share of examples held out to evaluate a model before an admin switches it on. */
export const heldOutFraction = 0.2;
/** The default seed: training and evaluation are deterministic for a fixed seed. */
export const defaultSeed = 20_260_101;

export type TrainOutcome =
  | { kind: ModelKind; trained: true; modelId: string; version: number; examples: number; heldOut: number; accuracy: number | null; macroF1: number | null }
  | { kind: ModelKind; trained: false; examples: number; reason: string };

/**
 * Trains a candidate model of each kind from the county's closed cases, evaluates it on held-out cases
 * and stores it with its evaluation (docs/classification.md). Nothing is switched on: an admin does that.
 */
export async function trainModels(ctx: AppContext, by: Actor | null, options: { seed?: number } = {}): Promise<TrainOutcome[]> {
  const seed = options.seed ?? defaultSeed;
  const outcomes: TrainOutcome[] = [];
  for (const kind of modelKinds) {
    const examples = kind === 'category' ? await categoryExamples(ctx.db) : await routeExamples(ctx.db);
    outcomes.push(await trainOne(ctx, by, kind, learnable(examples), seed));
  }
  return outcomes;
}

/** Examples of labels seen often enough to learn and to hold one out. */
function learnable(examples: Example[]): Example[] {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  return examples.filter((e) => (counts.get(e.label) ?? 0) >= minPerLabel);
}

async function trainOne(ctx: AppContext, by: Actor | null, kind: ModelKind, examples: Example[], seed: number): Promise<TrainOutcome> {
  const labels = new Set(examples.map((e) => e.label));
  if (examples.length < minExamples || labels.size < 2) {
    return { kind, trained: false, examples: examples.length, reason: `${examples.length} closed cases in ${labels.size} classes; at least ${minExamples} in 2 classes are needed` };
  }
  const started = performance.now();
  const { train, heldOut } = stratifiedSplit(examples, heldOutFraction, seed);
  const classifier = trainClassifier(train, { seed });
  const trainingMs = Math.round(performance.now() - started);
  const evaluation: Evaluation = evaluate(classifier, heldOut);
  const file = serializeModel(classifier);
  const id = newId();
  const now = ctx.clock.now();
  const version = await ctx.db.transaction(async (tx) => {
    const next = await nextVersion(tx, kind);
    await tx.insert(classifierModels).values({
      id,
      kind,
      version: next,
      status: 'candidate',
      seed,
      trainedOn: train.length,
      heldOut: heldOut.length,
      evaluation,
      file,
      sha256: createHash('sha256').update(file).digest('hex'),
      trainingMs,
      trainedById: by?.kind === 'staff' ? by.id : null,
      trainedAt: now,
    });
    await recordAudit(
      tx,
      by ?? systemActor,
      { action: 'classification.train', entityType: 'classifier_model', entityId: id, data: { kind, version: next, examples: examples.length, accuracy: evaluation.accuracy, macroF1: evaluation.macroF1 } },
      now,
    );
    return next;
  });
  return { kind, trained: true, modelId: id, version, examples: examples.length, heldOut: heldOut.length, accuracy: evaluation.accuracy, macroF1: evaluation.macroF1 };
}

async function nextVersion(tx: Database, kind: ModelKind): Promise<number> {
  // One trainer at a time per kind: the advisory lock keeps two runs from taking the same number.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`classifier_models:${kind}`}))`);
  const [row] = await tx.select({ max: sql<number | null>`max(${classifierModels.version})` }).from(classifierModels).where(eq(classifierModels.kind, kind));
  return (row?.max ?? 0) + 1;
}
