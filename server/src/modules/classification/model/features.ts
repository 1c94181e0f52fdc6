/** A text → its tokens: jieba words, word pairs and character n-grams, as the feature set says. */
import { segmentWords } from './segment.js';
import type { FeatureSet } from './types.js';

/** The feature set chosen by 5-fold cross-validation on the public corpus (docs/classification.md, "The model"). */
export const DEFAULT_FEATURES: FeatureSet = { words: true, wordBigrams: false, charNgrams: [2] };

/** Runs of letters and digits: character n-grams never span punctuation or spaces. */
const RUN = /[\p{L}\p{N}]+/gu;
const DIGIT = /^\p{N}$/u;

/**
 * The tokens of a text. Words stay as they are (`路灯`); a word pair is two words joined by a space (`路灯 不亮`);
 * a character n-gram is put in brackets (`[灯不]`) so it never meets a word of the same letters. Repeats are
 * kept: they are the term frequency.
 */
export function textTokens(text: string, features: FeatureSet): string[] {
  const words = segmentWords(text);
  const tokens = [...words];
  if (features.wordBigrams) {
    for (let i = 1; i < words.length; i++) tokens.push(`${words[i - 1]} ${words[i]}`);
  }
  if (features.charNgrams.length > 0) {
    const runs = text.normalize('NFKC').toLowerCase().match(RUN) ?? [];
    for (const run of runs) {
      const chars = [...run];
      const digit = chars.map((ch) => DIGIT.test(ch));
      for (const n of features.charNgrams) {
        for (let i = 0; i + n <= chars.length; i++) {
          let gram = '';
          let digitsOnly = true;
          for (let j = i; j < i + n; j++) {
            gram += chars[j];
            digitsOnly &&= digit[j]!;
          }
          if (!digitsOnly) tokens.push(`[${gram}]`);
        }
      }
    }
  }
  return tokens;
}

/** The tokens of a text under the default feature set (what a model trained with default options sees). */
export function tokenize(text: string): string[] {
  return textTokens(text, DEFAULT_FEATURES);
}

/** How a token reads in a "why" list: a character n-gram without its brackets. */
export function termLabel(token: string): string {
  return token.startsWith('[') && token.endsWith(']') ? token.slice(1, -1) : token;
}
