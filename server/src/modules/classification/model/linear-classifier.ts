/** A trained TF-IDF + softmax model: what `trainClassifier` returns and the model file holds. */
import { termLabel, textTokens } from './features.js';
import { softmaxProbabilities, type SoftmaxWeights } from './softmax-regression.js';
import { tfidfVector, usableExtras, type TermTable } from './tfidf.js';
import type { FeatureSet, Prediction, TextClassifier, TrainOptions } from './types.js';

/** How many terms a prediction gives as its reason. */
const WHY_TERMS = 5;

export class LinearTextClassifier implements TextClassifier {
  constructor(
    readonly labels: readonly string[],
    readonly features: FeatureSet,
    readonly table: TermTable,
    readonly softmax: SoftmaxWeights,
    /** The options it was trained with (all filled in), kept in the model file's header for the record. */
    readonly options: Required<TrainOptions>,
    /** The temperature the weights were divided by (1: not calibrated); already applied, kept for the record. */
    readonly temperature: number,
  ) {}

  predict(text: string, extra?: readonly string[]): Prediction {
    const x = tfidfVector(textTokens(text, this.features), usableExtras(extra), this.table);
    const probabilities = softmaxProbabilities(this.softmax, x);
    const ranked = this.labels
      .map((label, c) => ({ label, probability: probabilities[c]!, c }))
      .sort((a, b) => b.probability - a.probability || a.c - b.c);
    return {
      ranked: ranked.map(({ label, probability }) => ({ label, probability })),
      terms: this.reasons(x.indices, x.values, ranked[0]?.c ?? 0),
    };
  }

  /**
   * The terms that pushed label `best` most: value × (its weight for `best` − its mean weight over all labels).
   * Softmax does not change when a term's weights move together, so only the difference from the mean speaks.
   */
  private reasons(indices: Int32Array, values: Float64Array, best: number): Prediction['terms'] {
    const k = this.softmax.labelCount;
    const w = this.softmax.weights;
    // A word and a character pair of the same letters (路灯, [路灯]) read alike: one entry, their pushes added.
    const pushes = new Map<string, number>();
    for (let n = 0; n < indices.length; n++) {
      const row = indices[n]! * k;
      let mean = 0;
      for (let c = 0; c < k; c++) mean += w[row + c]!;
      const term = termLabel(this.table.terms[indices[n]!]!);
      pushes.set(term, (pushes.get(term) ?? 0) + values[n]! * (w[row + best]! - mean / k));
    }
    return [...pushes]
      .filter(([, weight]) => weight > 0)
      .map(([term, weight]) => ({ term, weight }))
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, WHY_TERMS);
  }
}
