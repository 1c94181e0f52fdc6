/**
 * Category suggestion: the text classifier (server/src/modules/classification/model/) on the public corpus,
 * beside a majority-class and a keyword baseline measured in the same run.
 *
 *   npm run -w bench classify                      # 5-fold CV, training time, predict() throughput
 *   npm run -w bench classify -- --sweep           # also the option sweep the defaults were chosen from (~10 min)
 *   npm run -w bench classify -- --folds 10 --seed 2 --corpus path/to/file.tsv
 *
 * The corpus (`../shared/data/tipdm-2020-c/dev.tsv` beside the repository: 1,842 citizen messages, 7 labels) is
 * personal data: this prints figures only, never a message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trainKeywordBaseline, trainMajorityBaseline } from '../server/src/modules/classification/model/baselines.js';
import { DEFAULT_TRAIN_OPTIONS, tokenize, trainClassifier, type Example, type TextClassifier, type TrainOptions } from '../server/src/modules/classification/model/classifier.js';
import { parseLabelledLines } from '../server/src/modules/classification/model/corpus.js';
import { stratifiedFolds } from '../server/src/modules/classification/model/cross-validate.js';
import { evaluatePredictions, type Evaluation } from '../server/src/modules/classification/model/evaluate.js';
import { deserializeModel, serializeModel } from '../server/src/modules/classification/model/model-file.js';
import { fmt, loadAverage, machine, median, table, warnIfBusy } from './lib/stats.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.resolve(repoRoot, '../shared/data/tipdm-2020-c/dev.tsv') },
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    sweep: { type: 'boolean', default: false },
  },
});
const folds = Number(args.folds);
const seed = Number(args.seed);

/** The corpus's label indices, named (its README). */
const LABEL_NAMES: Record<string, string> = {
  '0': '城乡建设',
  '1': '环境保护',
  '2': '交通运输',
  '3': '教育文体',
  '4': '劳动和社会保障',
  '5': '商贸旅游',
  '6': '卫生计生',
};

interface Run {
  evaluations: Evaluation[];
  /** Every held-out prediction of every fold: its true label and the ranking. */
  predictions: Array<{ actual: string; ranked: Array<{ label: string; probability: number }> }>;
  trainMs: number[];
}

/** k-fold stratified CV by hand (not crossValidate) to keep every ranking for the threshold and top-3 figures. */
function crossValidateKeeping(examples: readonly Example[], trainer: (train: readonly Example[]) => TextClassifier): Run {
  const parts = stratifiedFolds(examples, folds, seed);
  const run: Run = { evaluations: [], predictions: [], trainMs: [] };
  parts.forEach((heldOut, f) => {
    const started = performance.now();
    const model = trainer(parts.flatMap((part, g) => (g === f ? [] : part)));
    run.trainMs.push(performance.now() - started);
    const predictions = heldOut.map((e) => ({ actual: e.label, ranked: model.predict(e.text, e.extra).ranked }));
    run.predictions.push(...predictions);
    run.evaluations.push(evaluatePredictions(model.labels, predictions.map((p) => ({ actual: p.actual, predicted: p.ranked[0]!.label }))));
  });
  return run;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean −ln p(true label): lower is better; it punishes a confident wrong answer most. */
function logLoss(predictions: Run['predictions']): number {
  return mean(predictions.map((p) => -Math.log(Math.max(1e-12, p.ranked.find((r) => r.label === p.actual)?.probability ?? 0))));
}

/** Expected calibration error: over 10 bins of top probability, the gap between confidence and hit rate, weighted by the bin's share. */
function calibrationError(predictions: Run['predictions']): number {
  let error = 0;
  for (let bin = 0; bin < 10; bin++) {
    const inBin = predictions.filter((p) => Math.min(9, Math.floor(p.ranked[0]!.probability * 10)) === bin);
    if (inBin.length === 0) continue;
    const hitRate = mean(inBin.map((p) => (p.ranked[0]!.label === p.actual ? 1 : 0)));
    error += (inBin.length / predictions.length) * Math.abs(hitRate - mean(inBin.map((p) => p.ranked[0]!.probability)));
  }
  return error;
}
const f3 = (value: number | null) => (value === null ? '—' : value.toFixed(3));
const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const ms = (value: number) => `${value < 10 ? value.toFixed(3) : fmt(value)} ms`;

function summary(name: string, run: Run): string[] {
  const f1s = run.evaluations.map((e) => e.macroF1 ?? 0);
  const topK = (k: number) => mean(run.predictions.map((p) => (p.ranked.slice(0, k).some((r) => r.label === p.actual) ? 1 : 0)));
  return [
    name,
    f3(mean(f1s)),
    `${f3(Math.min(...f1s))}–${f3(Math.max(...f1s))}`,
    f3(mean(run.evaluations.map((e) => e.accuracy ?? 0))),
    f3(topK(3)),
    ms(median(run.trainMs)),
  ];
}

/** Latencies of `fn` over every text, `rounds` times (first pass discarded as warm-up). */
function timeEach(texts: readonly string[], rounds: number, fn: (text: string) => unknown): { perSecond: number; p50: number; p99: number } {
  for (const text of texts) fn(text);
  const latencies: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const t = performance.now();
      fn(text);
      latencies.push(performance.now() - t);
    }
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / (elapsed / 1000),
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p99: latencies[Math.floor(latencies.length * 0.99)]!,
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(args.corpus)) {
    console.error(`corpus not found: ${args.corpus} (it sits beside the repository: ../shared/data/tipdm-2020-c/dev.tsv)`);
    process.exit(1);
  }
  await warnIfBusy();
  const examples = parseLabelledLines(fs.readFileSync(args.corpus, 'utf8'));
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  const meanLength = mean(examples.map((e) => [...e.text].length));
  console.log(`Category suggestion — ${machine()}`);
  console.log(
    `corpus: ${path.basename(path.dirname(args.corpus))}/${path.basename(args.corpus)}, ${fmt(examples.length)} texts, ${counts.size} labels, ` +
      `mean ${fmt(meanLength)} characters; ${folds}-fold stratified CV, seed ${seed}`,
  );
  const { features, ...rest } = DEFAULT_TRAIN_OPTIONS;
  console.log(`model defaults: ${JSON.stringify(rest)}, features ${JSON.stringify(features)}\n`);

  // Segment once up front so the first method does not pay jieba's dictionary load in its training time.
  tokenize('预热');
  const options: TrainOptions = { seed };
  const majority = crossValidateKeeping(examples, (train) => trainMajorityBaseline(train));
  const keyword = crossValidateKeeping(examples, (train) => trainKeywordBaseline(train));
  const model = crossValidateKeeping(examples, (train) => trainClassifier(train, options));
  console.log(
    table([
      ['method', 'macro-F1', 'fold range', 'accuracy', 'top-3 acc.', 'train (fold, p50)'],
      summary('majority class', majority),
      summary('keywords (20 per label)', keyword),
      summary('TF-IDF + softmax (ours)', model),
    ]),
  );

  // Per class, pooled over the folds' held-out predictions (each text is held out exactly once).
  const pooled = evaluatePredictions(
    [...counts.keys()].sort(),
    model.predictions.map((p) => ({ actual: p.actual, predicted: p.ranked[0]!.label })),
  );
  console.log('\nours, per class (all held-out predictions pooled):');
  console.log(
    table([
      ['label', 'support', 'precision', 'recall', 'F1'],
      ...pooled.perClass.map((r) => [`${r.label} ${LABEL_NAMES[r.label] ?? ''}`, String(r.support), f3(r.precision), f3(r.recall), f3(r.f1)]),
    ]),
  );
  console.log('\nconfusion (rows: true label, columns: predicted):');
  console.log(table([['', ...pooled.confusion.labels], ...pooled.confusion.matrix.map((row, i) => [pooled.confusion.labels[i]!, ...row.map(String)])]));

  // What a confidence threshold does: the share of texts it would label, and how often those labels are right.
  console.log('\nours, if a suggestion is applied only above a confidence threshold:');
  const thresholdRows = [0, 0.5, 0.6, 0.7, 0.8, 0.9].map((threshold) => {
    const applied = model.predictions.filter((p) => p.ranked[0]!.probability >= threshold);
    const right = applied.filter((p) => p.ranked[0]!.label === p.actual).length;
    return [`≥ ${threshold.toFixed(1)}`, pct(applied.length / model.predictions.length), applied.length ? pct(right / applied.length) : '—'];
  });
  console.log(table([['top probability', 'applied to', 'of which right'], ...thresholdRows]));
  const confidence = mean(model.predictions.map((p) => p.ranked[0]!.probability));
  console.log(
    `calibration: mean top probability ${f3(confidence)} vs accuracy ${f3(mean(model.evaluations.map((e) => e.accuracy ?? 0)))}; ` +
      `expected calibration error ${f3(calibrationError(model.predictions))}; log loss ${f3(logLoss(model.predictions))} (majority class: ${f3(logLoss(majority.predictions))})`,
  );

  // Training time on the whole corpus, and on it five times over (≈ the 9,210 messages of the full public set).
  const texts = examples.map((e) => e.text);
  const tokenizeMs: number[] = [];
  const trainMs: number[] = [];
  let trained = trainClassifier(examples, options);
  for (let r = 0; r < Number(args.rounds); r++) {
    let t = performance.now();
    for (const text of texts) tokenize(text);
    tokenizeMs.push(performance.now() - t);
    t = performance.now();
    trained = trainClassifier(examples, options);
    trainMs.push(performance.now() - t);
  }
  const fiveTimes = examples.flatMap((e, i) => Array.from({ length: 5 }, (_, copy) => ({ ...e, text: `${e.text}${copy ? ` ${i}-${copy}` : ''}` })));
  let t = performance.now();
  trainClassifier(fiveTimes, options);
  const trainFiveMs = performance.now() - t;
  t = performance.now();
  const bytes = serializeModel(trained);
  const serializeMs = performance.now() - t;
  t = performance.now();
  const loaded = deserializeModel(bytes);
  const loadMs = performance.now() - t;
  console.log('\ntraining (median of the rounds; the baseline is segmenting the same texts once):');
  console.log(
    table([
      ['', 'texts', 'time', '/ tokenize'],
      ['tokenize() every text (baseline)', fmt(examples.length), ms(median(tokenizeMs)), '1.00×'],
      ['trainClassifier(), whole corpus', fmt(examples.length), ms(median(trainMs)), `${(median(trainMs) / median(tokenizeMs)).toFixed(2)}×`],
      ['trainClassifier(), corpus × 5', fmt(fiveTimes.length), ms(trainFiveMs), `${(trainFiveMs / median(tokenizeMs)).toFixed(2)}×`],
    ]),
  );
  const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as { terms: number };
  console.log(`model file: ${fmt(bytes.length / 1024)} KiB (${fmt(header.terms)} terms × ${trained.labels.length} labels); serialise ${ms(serializeMs)}, load ${ms(loadMs)}`);

  const rounds = Number(args.rounds);
  const baseline = timeEach(texts, rounds, (text) => tokenize(text));
  const predict = timeEach(texts, rounds, (text) => loaded.predict(text));
  const short = texts.map((text) => [...text].slice(0, 60).join(''));
  const predictShort = timeEach(short, rounds, (text) => loaded.predict(text));
  const baselineShort = timeEach(short, rounds, (text) => tokenize(text));
  console.log(`\npredict() on every text, ${rounds} rounds after a warm-up (baseline: tokenize() alone on the same texts):`);
  console.log(
    table([
      ['', 'per second', 'p50', 'p99', '/ tokenize'],
      ['tokenize(), whole texts (baseline)', fmt(baseline.perSecond), ms(baseline.p50), ms(baseline.p99), '1.00×'],
      ['predict(), whole texts', fmt(predict.perSecond), ms(predict.p50), ms(predict.p99), `${(baseline.perSecond / predict.perSecond).toFixed(2)}×`],
      ['tokenize(), first 60 characters (baseline)', fmt(baselineShort.perSecond), ms(baselineShort.p50), ms(baselineShort.p99), '1.00×'],
      ['predict(), first 60 characters', fmt(predictShort.perSecond), ms(predictShort.p50), ms(predictShort.p99), `${(baselineShort.perSecond / predictShort.perSecond).toFixed(2)}×`],
    ]),
  );

  if (args.sweep) sweep(examples);
  console.log(`\n${loadAverage()}`);
}

/** One option changed at a time from the defaults, then the feature sets: what the defaults were chosen from. */
function sweep(examples: readonly Example[]): void {
  const variants: Array<[string, Partial<TrainOptions>]> = [
    ['defaults', {}],
    ['l2 1e-6', { l2: 1e-6 }],
    ['l2 1e-4', { l2: 1e-4 }],
    ['l2 1e-3', { l2: 1e-3 }],
    ['epochs 10', { epochs: 10 }],
    ['epochs 40', { epochs: 40 }],
    ['learning rate 0.5', { learningRate: 0.5 }],
    ['learning rate 2', { learningRate: 2 }],
    ['class weight none', { classWeight: 'none' }],
    ['class weight balanced', { classWeight: 'balanced' }],
    ['no temperature (calibrate off)', { calibrate: false }],
    ['minDf 1', { minDf: 1 }],
    ['minDf 3', { minDf: 3 }],
    ['words only', { features: { words: true, wordBigrams: false, charNgrams: [] } }],
    ['words + word pairs', { features: { words: true, wordBigrams: true, charNgrams: [] } }],
    ['words + char 2-grams', { features: { words: true, wordBigrams: false, charNgrams: [2] } }],
    ['words + pairs + char 2-grams', { features: { words: true, wordBigrams: true, charNgrams: [2] } }],
    ['words + char 2,3-grams', { features: { words: true, wordBigrams: false, charNgrams: [2, 3] } }],
  ];
  console.log(`\noption sweep (${folds}-fold CV, one change from the defaults each):`);
  const rows = variants.map(([name, change]) => {
    const run = crossValidateKeeping(examples, (train) => trainClassifier(train, { seed, ...change }));
    const row = [
      name,
      f3(mean(run.evaluations.map((e) => e.macroF1 ?? 0))),
      f3(mean(run.evaluations.map((e) => e.accuracy ?? 0))),
      f3(logLoss(run.predictions)),
      f3(calibrationError(run.predictions)),
      ms(median(run.trainMs)),
    ];
    console.log(`  ${row.join('  ')}`);
    return row;
  });
  console.log(table([['variant', 'macro-F1', 'accuracy', 'log loss', 'ECE', 'train (fold, p50)'], ...rows]));
}

await main();
