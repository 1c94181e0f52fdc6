/** The shapes shared by the classifier, its baselines, its evaluation and its model file. */

/** One labelled text. `extra`: tokens beside the text, e.g. `town:320305107` or `cat:0105` (text + place → unit). */
export interface Example {
  text: string;
  label: string;
  extra?: readonly string[];
}

/** Which tokens a text becomes (chosen by cross-validation on the public corpus; see docs/classification.md). */
export interface FeatureSet {
  /** jieba words (always on). */
  words: true;
  /** Adjacent word pairs, `小区 门口`. */
  wordBigrams: boolean;
  /** Character n-gram lengths over the text without punctuation, e.g. [2] for `路灯`, `灯不`, …; [] for none. */
  charNgrams: readonly number[];
}

export interface TrainOptions {
  /** Seeds the shuffling of the training examples (mulberry32): same seed and examples → same model, byte for byte. */
  seed: number;
  /** Passes over the training set. */
  epochs?: number;
  /** L2 penalty on the weights (not on the biases). */
  l2?: number;
  /** A term must occur in at least this many training texts. */
  minDf?: number;
  /** Keep at most this many terms (the most frequent by document frequency). */
  maxFeatures?: number;
  /** Starting learning rate of the SGD. */
  learningRate?: number;
  /** 'balanced' weighs each example by n / (labels × its label's count), so a rare label counts as much as a common one. */
  classWeight?: 'balanced' | 'none';
  features?: FeatureSet;
  /**
   * Fit a temperature on 20 % of the examples held out (stratified, from the seed) so the probabilities are
   * calibrated; the model is then trained on all of them. Costs about 1.8× the training time; never changes the
   * ranking, so cross-validation of accuracy may turn it off.
   */
  calibrate?: boolean;
}

export interface Ranked {
  label: string;
  probability: number;
}

export interface Prediction {
  /** Every label, best first; the probabilities sum to 1. */
  ranked: Ranked[];
  /** The terms of the text that pushed the best label most (at most 5, strongest first): the "why". */
  terms: Array<{ term: string; weight: number }>;
}

export interface TextClassifier {
  readonly labels: readonly string[];
  predict(text: string, extra?: readonly string[]): Prediction;
}
