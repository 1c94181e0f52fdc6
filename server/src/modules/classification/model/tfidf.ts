/**
 * TF-IDF: the term table (vocabulary and inverse document frequencies) learnt from the training texts, and the
 * sparse vector of one text: sublinear term frequency (1 + ln tf) × idf, L2-normalised.
 */

/** Indices ascending, no repeats. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface TermTable {
  /** Sorted by code point, so the table does not depend on the order of the examples. */
  readonly terms: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Smoothed: ln((1 + n) / (1 + df)) + 1. Float32, as stored in the model file, so a loaded model computes the same. */
  readonly idf: Float32Array;
}

/** An extra token must fit on one line of the model file's term list. */
const hasControl = (token: string) => [...token].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** The extra tokens a model can use: non-empty, no control characters (others are ignored). */
export function usableExtras(extra: readonly string[] | undefined): string[] {
  return (extra ?? []).filter((token) => token.length > 0 && !hasControl(token));
}

/**
 * The term table of a set of documents (each the tokens of one text plus its extra tokens): terms found in at
 * least `minDf` documents, and of those the `maxFeatures` found in the most (ties broken by the term itself).
 */
export function buildTermTable(documents: readonly (readonly string[])[], minDf: number, maxFeatures: number): TermTable {
  const df = new Map<string, number>();
  for (const tokens of documents) {
    for (const term of new Set(tokens)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  let kept = [...df].filter(([, count]) => count >= minDf);
  if (kept.length > maxFeatures) {
    kept.sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]));
    kept = kept.slice(0, maxFeatures);
  }
  kept.sort((a, b) => byCode(a[0], b[0]));
  const n = documents.length;
  return termTable(
    kept.map(([term]) => term),
    Float32Array.from(kept, ([, count]) => Math.log((1 + n) / (1 + count)) + 1),
  );
}

export function termTable(terms: readonly string[], idf: Float32Array): TermTable {
  return { terms, index: new Map(terms.map((term, i) => [term, i])), idf };
}

/**
 * One zeroed Float64Array per term table, reused by every vector (Node runs one vector at a time): counting in
 * it is several times faster than a Map, and it is zeroed again before each vector is returned.
 */
const scratchOf = new WeakMap<TermTable, Float64Array>();

function scratch(table: TermTable): Float64Array {
  let counts = scratchOf.get(table);
  if (!counts) {
    counts = new Float64Array(table.terms.length);
    scratchOf.set(table, counts);
  }
  return counts;
}

/** Known terms (first-seen order) → weight = (1 + ln tf) × idf, L2-normalised. Leaves `counts` zeroed. */
function block(tokens: readonly string[], table: TermTable, counts: Float64Array): { indices: number[]; weights: number[] } {
  const indices: number[] = [];
  for (const token of tokens) {
    const i = table.index.get(token);
    if (i === undefined) continue;
    if (counts[i] === 0) indices.push(i);
    counts[i]! += 1;
  }
  let squares = 0;
  const weights = indices.map((i) => {
    const weight = (1 + Math.log(counts[i]!)) * table.idf[i]!;
    counts[i] = 0;
    squares += weight * weight;
    return weight;
  });
  const norm = Math.sqrt(squares);
  return { indices, weights: weights.map((w) => w / norm) };
}

/**
 * The vector of one text and its extra tokens. Text and extras are normalised apart, then each scaled by 1/√2
 * when both are present: a 400-character message does not drown its town, nor the town the message.
 */
export function tfidfVector(textTokens: readonly string[], extras: readonly string[], table: TermTable): SparseVector {
  const sums = scratch(table);
  const text = block(textTokens, table, sums);
  const extra = block(extras, table, sums);
  const scale = text.indices.length > 0 && extra.indices.length > 0 ? Math.SQRT1_2 : 1;
  // A term is in both blocks only if a caller's extra token equals a text token: its two weights add up.
  for (const part of [text, extra]) part.indices.forEach((i, n) => (sums[i]! += part.weights[n]! * scale));
  const indices = Int32Array.from(extra.indices.length === 0 ? text.indices : new Set([...text.indices, ...extra.indices])).sort();
  const values = Float64Array.from(indices, (i) => sums[i]!);
  for (const i of indices) sums[i] = 0;
  return { indices, values };
}
