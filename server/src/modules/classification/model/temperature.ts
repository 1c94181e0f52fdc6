/**
 * Temperature scaling (Guo et al., 2017): one number T that divides every score before the softmax, fitted on
 * held-out texts so the probabilities say how often the model is right. It never changes which label ranks
 * first, only how sure the model says it is — which is what a confidence threshold reads.
 */

/** T is searched in [1/20, 20]; outside it the held-out set is too small or too odd to trust. */
const LOG_RANGE = [Math.log(1 / 20), Math.log(20)] as const;

/** Mean −ln p(true label) when the scores are divided by `temperature`. */
export function meanLogLoss(scores: readonly Float64Array[], targets: readonly number[], temperature: number): number {
  let total = 0;
  scores.forEach((row, e) => {
    let max = -Infinity;
    for (const s of row) max = Math.max(max, s / temperature);
    let sum = 0;
    for (const s of row) sum += Math.exp(s / temperature - max);
    total += Math.log(sum) + max - row[targets[e]!]! / temperature;
  });
  return total / scores.length;
}

/**
 * The temperature minimising the mean log loss of held-out scores (raw scores before the softmax, one row per
 * text; `targets[e]` the index of its true label): golden-section search on ln T, 60 steps. 1 when there are no scores.
 */
export function fitTemperature(scores: readonly Float64Array[], targets: readonly number[]): number {
  if (scores.length === 0) return 1;
  const loss = (logT: number) => meanLogLoss(scores, targets, Math.exp(logT));
  const golden = (Math.sqrt(5) - 1) / 2;
  let [a, b] = LOG_RANGE as readonly [number, number];
  let c = b - golden * (b - a);
  let d = a + golden * (b - a);
  let lossC = loss(c);
  let lossD = loss(d);
  for (let step = 0; step < 60; step++) {
    if (lossC <= lossD) {
      b = d;
      d = c;
      lossD = lossC;
      c = b - golden * (b - a);
      lossC = loss(c);
    } else {
      a = c;
      c = d;
      lossC = lossD;
      d = a + golden * (b - a);
      lossD = loss(d);
    }
  }
  return Math.exp((a + b) / 2);
}
