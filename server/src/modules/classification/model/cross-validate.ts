/** Stratified hold-out split and k-fold cross-validation, seeded. */
import { mulberry32 } from '../../../platform/prng.js';
import { trainClassifier } from './classifier.js';
import { byLabel, shuffled } from './split.js';
import { evaluate, type Evaluation } from './evaluate.js';
import type { Example, TextClassifier, TrainOptions } from './types.js';

export { stratifiedSplit } from './split.js';

/**
 * Deals each label's shuffled examples round the folds (continuing where the previous label stopped, so the
 * folds differ in size by at most one).
 */
export function stratifiedFolds(examples: readonly Example[], folds: number, seed: number): Example[][] {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError('folds must be an integer ≥ 2');
  const random = mulberry32(seed);
  const out: Example[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const group of byLabel(examples)) {
    for (const e of shuffled(group, random)) {
      out[next]!.push(e);
      next = (next + 1) % folds;
    }
  }
  return out;
}

/**
 * k-fold stratified cross-validation: trains on k − 1 folds, scores on the one left, k times. `accuracy` and
 * `macroF1` are the means over the folds. The folds are drawn with `options.seed`.
 */
export function crossValidate(
  examples: readonly Example[],
  folds: number,
  options: TrainOptions,
  trainer: (examples: readonly Example[], options: TrainOptions) => TextClassifier = trainClassifier,
): { folds: Evaluation[]; accuracy: number; macroF1: number } {
  const parts = stratifiedFolds(examples, folds, options.seed);
  const evaluations = parts.map((heldOut, f) => {
    const model = trainer(
      parts.flatMap((part, g) => (g === f ? [] : part)),
      options,
    );
    return evaluate(model, heldOut);
  });
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    folds: evaluations,
    accuracy: mean(evaluations.map((e) => e.accuracy ?? 0)),
    macroF1: mean(evaluations.map((e) => e.macroF1 ?? 0)),
  };
}
