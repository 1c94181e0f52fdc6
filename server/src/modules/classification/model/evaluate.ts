/** A model's figures on held-out examples: accuracy, per-class precision / recall / F1, macro-F1, confusion matrix. */
import type { Example, TextClassifier } from './types.js';

export interface ClassReport {
  label: string;
  /** Of the examples predicted as this label, the share that were; null when none was predicted (no data, not 0). */
  precision: number | null;
  /** Of the examples of this label, the share predicted as such; null when there were none. */
  recall: number | null;
  /** 2·TP / (2·TP + FP + FN): the harmonic mean where both exist, 0 when a present label is never found; null when the label was neither present nor predicted. */
  f1: number | null;
  /** Examples of this label in the held-out set. */
  support: number;
}

export interface Evaluation {
  examples: number;
  /** null on an empty held-out set. */
  accuracy: number | null;
  /** Mean F1 over the labels present or predicted (those whose F1 is not null); null when there are none. */
  macroF1: number | null;
  perClass: ClassReport[];
  /** Rows: the true label; columns: the predicted label; same order as `labels`. */
  confusion: { labels: string[]; matrix: number[][] };
}

/** Scores a model on held-out examples. Labels: the model's, then any held-out label the model never saw. */
export function evaluate(model: TextClassifier, heldOut: readonly Example[]): Evaluation {
  return evaluatePredictions(
    model.labels,
    heldOut.map((e) => ({ actual: e.label, predicted: model.predict(e.text, e.extra).ranked[0]?.label ?? '' })),
  );
}

/** The same figures from (actual, predicted) pairs. */
export function evaluatePredictions(modelLabels: readonly string[], pairs: ReadonlyArray<{ actual: string; predicted: string }>): Evaluation {
  const labels = [...modelLabels];
  const index = new Map(labels.map((label, i) => [label, i]));
  const indexOf = (label: string) => {
    if (!index.has(label)) {
      index.set(label, labels.length);
      labels.push(label);
    }
    return index.get(label)!;
  };
  const cells: Array<[number, number]> = pairs.map((p) => [indexOf(p.actual), indexOf(p.predicted)]);
  const matrix = labels.map(() => labels.map(() => 0));
  for (const [actual, predicted] of cells) matrix[actual]![predicted]! += 1;

  const perClass = labels.map((label, c): ClassReport => {
    const truePositives = matrix[c]![c]!;
    const support = matrix[c]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, row) => sum + row[c]!, 0);
    const f1Denominator = support + predicted; // = 2·TP + FP + FN
    return {
      label,
      precision: predicted === 0 ? null : truePositives / predicted,
      recall: support === 0 ? null : truePositives / support,
      f1: f1Denominator === 0 ? null : (2 * truePositives) / f1Denominator,
      support,
    };
  });
  const f1s = perClass.flatMap((r) => (r.f1 === null ? [] : [r.f1]));
  const correct = labels.reduce((sum, _, c) => sum + matrix[c]![c]!, 0);
  return {
    examples: pairs.length,
    accuracy: pairs.length === 0 ? null : correct / pairs.length,
    macroF1: f1s.length === 0 ? null : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    perClass,
    confusion: { labels, matrix },
  };
}
