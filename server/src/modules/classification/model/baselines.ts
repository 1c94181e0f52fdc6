/**
 * Two baselines the model is measured against (bench/classify.ts, tests): always the most common label, and
 * counting each label's keywords — the words most over-represented in its training texts.
 */
import { segmentWords } from './segment.js';
import type { Example, Prediction, TextClassifier } from './types.js';

/** Labels by training count, most first (ties by code point): the prior order both baselines fall back on. */
function labelsByCount(examples: readonly Example[]): Array<{ label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
}

/** Always the most common training label; the ranking is the training share of each label. */
export function trainMajorityBaseline(examples: readonly Example[]): TextClassifier {
  const prior = labelsByCount(examples);
  const prediction: Prediction = {
    ranked: prior.map(({ label, count }) => ({ label, probability: count / examples.length })),
    terms: [],
  };
  return { labels: prior.map((p) => p.label).sort(), predict: () => structuredClone(prediction) };
}

export interface KeywordOptions {
  /** Keywords kept per label. */
  keywordsPerLabel?: number;
  /** A keyword must occur in at least this many of the label's training texts. */
  minCount?: number;
}

/**
 * Per label, the `keywordsPerLabel` words with the highest smoothed log-ratio of the share of that label's
 * texts containing them to the share of the other texts containing them. A text gets the label with the most
 * distinct keywords present; ties (and no hit) go to the more common label. Probabilities: hits + 0.1, normalised.
 */
export function trainKeywordBaseline(examples: readonly Example[], options: KeywordOptions = {}): TextClassifier & { keywords: ReadonlyMap<string, readonly string[]> } {
  const perLabel = options.keywordsPerLabel ?? 20;
  const minCount = options.minCount ?? 3;
  const prior = labelsByCount(examples);
  const documentWords = examples.map((e) => new Set(segmentWords(e.text)));
  const df = new Map<string, Map<string, number>>(); // word → label → texts
  const total = new Map<string, number>();
  examples.forEach((e, i) => {
    for (const word of documentWords[i]!) {
      const byLabel = df.get(word) ?? new Map<string, number>();
      byLabel.set(e.label, (byLabel.get(e.label) ?? 0) + 1);
      df.set(word, byLabel);
      total.set(word, (total.get(word) ?? 0) + 1);
    }
  });
  const keywords = new Map<string, string[]>();
  for (const { label, count: inLabel } of prior) {
    const outside = examples.length - inLabel;
    const scored: Array<{ word: string; score: number }> = [];
    for (const [word, byLabel] of df) {
      const hits = byLabel.get(label) ?? 0;
      if (hits < minCount) continue;
      const elsewhere = total.get(word)! - hits;
      scored.push({ word, score: Math.log((hits + 1) / (inLabel + 2)) - Math.log((elsewhere + 1) / (outside + 2)) });
    }
    scored.sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1));
    keywords.set(label, scored.slice(0, perLabel).map((s) => s.word));
  }
  return {
    labels: prior.map((p) => p.label).sort(),
    keywords,
    predict(text: string): Prediction {
      const words = new Set(segmentWords(text));
      const hits = prior.map(({ label }) => ({ label, found: keywords.get(label)!.filter((w) => words.has(w)) }));
      const sum = hits.reduce((s, h) => s + h.found.length + 0.1, 0);
      // A stable sort keeps the prior order among equal hit counts.
      const ranked = [...hits].sort((a, b) => b.found.length - a.found.length);
      return {
        ranked: ranked.map((h) => ({ label: h.label, probability: (h.found.length + 0.1) / sum })),
        terms: ranked[0]!.found.slice(0, 5).map((term) => ({ term, weight: 1 })),
      };
    },
  };
}
