/** Chinese word segmentation with jieba (@node-rs/jieba, its bundled dictionary), loaded once on first use. */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { STOP_WORDS } from './stop-words.js';

let jieba: Jieba | undefined;

/** Loading the dictionary takes ~0.5 s: do it on the first text, not at start-up. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Loads the dictionary now (e.g. at start-up or before timing), so the first prediction does not pay for it. */
export function preloadSegmenter(): void {
  segmenter();
}

/** A word worth keeping: letters or CJK, not only digits (dates, phone numbers, house numbers say nothing of the topic). */
const WORD = /^[\p{L}\p{N}]+$/u;
const DIGITS = /^\p{N}+$/u;

/**
 * The words of a text, in order: jieba with its HMM for unknown words, Latin letters lower-cased; punctuation,
 * spaces, digit-only words and stop words dropped.
 */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of segmenter().cut(text.normalize('NFKC'), true)) {
    const word = raw.toLowerCase();
    if (!WORD.test(word) || DIGITS.test(word) || STOP_WORDS.has(word)) continue;
    words.push(word);
  }
  return words;
}
