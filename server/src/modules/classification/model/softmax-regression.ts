/**
 * Multinomial logistic regression (softmax) over sparse vectors, trained by seeded stochastic gradient descent
 * with an L2 penalty. Deterministic: the only randomness is the order of the examples, drawn from mulberry32.
 */
import { mulberry32 } from '../../../platform/prng.js';
import type { SparseVector } from './tfidf.js';

/** Weights feature-major (`weights[feature × labels + label]`): a text's few terms read contiguous rows. */
export interface SoftmaxWeights {
  readonly labelCount: number;
  readonly featureCount: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface SoftmaxTraining {
  seed: number;
  epochs: number;
  l2: number;
  learningRate: number;
  /** Per example; all 1 when absent. */
  sampleWeights?: Float64Array;
}

/** Scores of each label for a vector, before the softmax. */
export function softmaxScores(model: SoftmaxWeights, x: SparseVector): Float64Array {
  const out = Float64Array.from(model.bias);
  addScores(out, model.weights, model.labelCount, x, 1);
  return out;
}

/** Probabilities of each label for a vector (log-sum-exp kept stable by subtracting the largest score). */
export function softmaxProbabilities(model: SoftmaxWeights, x: SparseVector): Float64Array {
  return normalise(softmaxScores(model, x));
}

/** The same model with every weight and bias divided by `temperature` (its softmax is softmax(scores / T)). */
export function withTemperature(model: SoftmaxWeights, temperature: number): SoftmaxWeights {
  return {
    ...model,
    weights: model.weights.map((w) => w / temperature),
    bias: model.bias.map((b) => b / temperature),
  };
}

function addScores(out: Float64Array, weights: Float32Array | Float64Array, k: number, x: SparseVector, scale: number): void {
  for (let n = 0; n < x.indices.length; n++) {
    const row = x.indices[n]! * k;
    const value = x.values[n]! * scale;
    for (let c = 0; c < k; c++) out[c]! += weights[row + c]! * value;
  }
}

function normalise(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c]! - max);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
  return scores;
}

/** In-place Fisher–Yates with the seeded generator. */
function shuffle(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/**
 * Minimises the mean weighted cross-entropy + l2/2 · ‖W‖² by SGD, one example at a time in a seeded order
 * reshuffled every epoch. The step shrinks as η_t = η₀ / (1 + η₀·l2·t) (Bottou's schedule for L2-penalised
 * SGD). The penalty is applied lazily through one scale factor on all weights, so a step costs only the
 * example's non-zero terms × labels. Returns Float32 weights: those the model file stores.
 */
export function trainSoftmax(
  vectors: readonly SparseVector[],
  targets: Int32Array,
  labelCount: number,
  featureCount: number,
  options: SoftmaxTraining,
): SoftmaxWeights {
  const k = labelCount;
  const w = new Float64Array(featureCount * k);
  const bias = new Float64Array(k);
  let scale = 1;
  const random = mulberry32(options.seed);
  const order = Int32Array.from(vectors.keys());
  const p = new Float64Array(k);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const e of order) {
      const x = vectors[e]!;
      const eta = options.learningRate / (1 + options.learningRate * options.l2 * t++);
      p.set(bias);
      addScores(p, w, k, x, scale);
      normalise(p);
      const sampleWeight = options.sampleWeights?.[e] ?? 1;
      p[targets[e]!]! -= 1; // p is now the gradient of the loss with respect to the scores
      scale *= 1 - eta * options.l2;
      if (scale < 1e-9) {
        for (let i = 0; i < w.length; i++) w[i]! *= scale;
        scale = 1;
      }
      const step = (eta * sampleWeight) / scale;
      for (let n = 0; n < x.indices.length; n++) {
        const row = x.indices[n]! * k;
        const value = x.values[n]! * step;
        for (let c = 0; c < k; c++) w[row + c]! -= p[c]! * value;
      }
      for (let c = 0; c < k; c++) bias[c]! -= eta * sampleWeight * p[c]!;
    }
  }
  return {
    labelCount: k,
    featureCount,
    weights: Float32Array.from(w, (v) => v * scale),
    bias: Float32Array.from(bias),
  };
}
