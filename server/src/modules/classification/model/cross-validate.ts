/** Stratified hold-out split and k-fold cross-validation, seeded. */
import { mulberry32 } from '../../../platform/prng.js';
import { trainClassifier } from './classifier.js';
import { evaluate, type Evaluation } from './evaluate.js';
import type { Example, TextClassifier, TrainOptions } from './types.js';

/** The examples of each label, in their given order, labels sorted. */
function byLabel(examples: readonly Example[]): Example[][] {
  const groups = new Map<string, Example[]>();
  for (const e of examples) {
    const group = groups.get(e.label) ?? [];
    group.push(e);
    groups.set(e.label, group);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Holds out `heldOutFraction` of each label's examples (rounded; at least one when a label has two or more, so
 * every label is both trained on and scored), drawn with the seeded generator.
 */
export function stratifiedSplit(examples: readonly Example[], heldOutFraction: number, seed: number): { train: Example[]; heldOut: Example[] } {
  if (!(heldOutFraction >= 0 && heldOutFraction <= 1)) throw new RangeError('heldOutFraction must be between 0 and 1');
  const random = mulberry32(seed);
  const train: Example[] = [];
  const heldOut: Example[] = [];
  for (const group of byLabel(examples)) {
    const order = shuffled(group, random);
    let take = Math.round(order.length * heldOutFraction);
    if (heldOutFraction > 0 && order.length >= 2) take = Math.min(Math.max(take, 1), order.length - 1);
    heldOut.push(...order.slice(0, take));
    train.push(...order.slice(take));
  }
  return { train, heldOut };
}

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
