/** Seeded, stratified hold-out split (and the helpers the folds share). */
import { mulberry32 } from '../../../platform/prng.js';
import type { Example } from './types.js';

/** The examples of each label, in their given order, labels sorted. */
export function byLabel(examples: readonly Example[]): Example[][] {
  const groups = new Map<string, Example[]>();
  for (const e of examples) {
    const group = groups.get(e.label) ?? [];
    group.push(e);
    groups.set(e.label, group);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
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

