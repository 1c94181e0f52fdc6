/**
 * Train a text classifier: TF-IDF over jieba words and character pairs, then multinomial logistic regression by
 * seeded SGD, its probabilities calibrated by a temperature fitted on held-out texts. The defaults are those
 * 5-fold cross-validation chose on the public corpus (docs/classification.md, "The model").
 */
import { DEFAULT_FEATURES, textTokens } from './features.js';
import { LinearTextClassifier } from './linear-classifier.js';
import { softmaxScores, trainSoftmax, withTemperature, type SoftmaxWeights } from './softmax-regression.js';
import { stratifiedSplit } from './split.js';
import { fitTemperature } from './temperature.js';
import { buildTermTable, tfidfVector, usableExtras, type TermTable } from './tfidf.js';
import type { Example, TextClassifier, TrainOptions } from './types.js';

export type { Example, FeatureSet, Prediction, Ranked, TextClassifier, TrainOptions } from './types.js';
export { tokenize } from './features.js';

export const DEFAULT_TRAIN_OPTIONS: Required<Omit<TrainOptions, 'seed'>> = {
  epochs: 20,
  l2: 1e-5,
  minDf: 2,
  maxFeatures: 50_000,
  learningRate: 1,
  classWeight: 'balanced',
  features: DEFAULT_FEATURES,
  calibrate: true,
};

/** Share of the examples held out to fit the temperature. */
const CALIBRATION_SHARE = 0.2;
/** Fewer held-out texts than this do not say enough about confidence: the temperature stays 1. */
const MIN_CALIBRATION_TEXTS = 20;

/** Raised on examples a model cannot be trained from. */
export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}

/**
 * A classifier trained on the examples. Deterministic: the same examples (in any order) and options give the
 * same model, byte for byte once serialised. Labels are sorted by code point.
 */
export function trainClassifier(examples: readonly Example[], options: TrainOptions): TextClassifier {
  return trainLinearClassifier(examples, options);
}

interface Document {
  example: Example;
  tokens: string[];
  extras: string[];
}

export function trainLinearClassifier(examples: readonly Example[], options: TrainOptions): LinearTextClassifier {
  const settings: Required<TrainOptions> = { ...DEFAULT_TRAIN_OPTIONS, ...withoutUndefined(options), seed: options.seed };
  if (examples.length === 0) throw new TrainingDataError('no examples to train on');
  // Sorting makes the model independent of the order the examples came in (only the seed shuffles them).
  const sorted = [...examples].sort(compareExamples);
  const labels = [...new Set(sorted.map((e) => e.label))].sort(byCode);
  const documents = sorted.map((example) => ({ example, tokens: textTokens(example.text, settings.features), extras: usableExtras(example.extra) }));
  const temperature = settings.calibrate ? heldOutTemperature(documents, labels, settings) : 1;
  const { table, softmax } = fit(documents, labels, settings);
  return new LinearTextClassifier(labels, settings.features, table, withTemperature(softmax, temperature), settings, temperature);
}

/** TF-IDF term table and softmax weights from tokenised documents. */
function fit(documents: readonly Document[], labels: readonly string[], settings: Required<TrainOptions>): { table: TermTable; softmax: SoftmaxWeights } {
  const table = buildTermTable(
    documents.map((d) => [...d.tokens, ...d.extras]),
    settings.minDf,
    settings.maxFeatures,
  );
  const vectors = documents.map((d) => tfidfVector(d.tokens, d.extras, table));
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const targets = Int32Array.from(documents, (d) => labelIndex.get(d.example.label)!);
  const softmax = trainSoftmax(vectors, targets, labels.length, table.terms.length, {
    seed: settings.seed,
    epochs: settings.epochs,
    l2: settings.l2,
    learningRate: settings.learningRate,
    sampleWeights: settings.classWeight === 'balanced' ? balancedWeights(targets, labels.length) : undefined,
  });
  return { table, softmax };
}

/**
 * Trains on 80 % of the documents (stratified split from the seed) and fits the temperature on the other 20 %.
 * Every label keeps at least one training text in the split, so the label order is the same as the full model's.
 */
function heldOutTemperature(documents: readonly Document[], labels: readonly string[], settings: Required<TrainOptions>): number {
  const byExample = new Map(documents.map((d) => [d.example, d]));
  const { train, heldOut } = stratifiedSplit(
    documents.map((d) => d.example),
    CALIBRATION_SHARE,
    settings.seed,
  );
  if (heldOut.length < MIN_CALIBRATION_TEXTS) return 1;
  const { table, softmax } = fit(
    train.map((e) => byExample.get(e)!),
    labels,
    settings,
  );
  const scores = heldOut.map((e) => {
    const d = byExample.get(e)!;
    return softmaxScores(softmax, tfidfVector(d.tokens, d.extras, table));
  });
  return fitTemperature(
    scores,
    heldOut.map((e) => labels.indexOf(e.label)),
  );
}

/** n / (labels × count of the example's label): each label weighs the same in total. */
function balancedWeights(targets: Int32Array, labelCount: number): Float64Array {
  const counts = new Float64Array(labelCount);
  for (const t of targets) counts[t]! += 1;
  return Float64Array.from(targets, (t) => targets.length / (labelCount * counts[t]!));
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareExamples(a: Example, b: Example): number {
  return byCode(a.label, b.label) || byCode(a.text, b.text) || byCode((a.extra ?? []).join('\n'), (b.extra ?? []).join('\n'));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
