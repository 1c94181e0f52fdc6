/**
 * The model file: one line of JSON (the header), then the gzip'd body. Format `wangge-text-classifier`,
 * version 1, described in docs/classification.md ("The model" → "File format").
 *
 * Body, little-endian, before gzip: u32 byte length of the term list; the terms in UTF-8 joined by "\n"; zero
 * bytes up to a multiple of 4; Float32 idf[terms]; Float32 bias[labels]; Float32 weights[terms × labels]
 * (feature-major: the labels' weights of term 0, then of term 1, …).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { LinearTextClassifier } from './linear-classifier.js';
import { termTable } from './tfidf.js';
import type { TextClassifier } from './types.js';

export const MODEL_FORMAT = 'wangge-text-classifier';
export const MODEL_FORMAT_VERSION = 1;

/** Anything wrong with a model file: empty, truncated, corrupt, another format or version. The only error deserializeModel throws. */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

/** The header line is small (labels and options); a longer first line is not a model file. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

const featureSetSchema = z.strictObject({
  words: z.literal(true),
  wordBigrams: z.boolean(),
  charNgrams: z.array(z.int().min(1).max(8)).max(8),
});

const headerSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_FORMAT_VERSION),
  labels: z
    .array(z.string().min(1))
    .min(1)
    .refine((labels) => new Set(labels).size === labels.length, 'labels repeat'),
  terms: z.int().min(0),
  features: featureSetSchema,
  options: z.strictObject({
    seed: z.number(),
    epochs: z.int().min(0),
    l2: z.number().min(0),
    minDf: z.int().min(1),
    maxFeatures: z.int().min(0),
    learningRate: z.number().min(0),
    classWeight: z.enum(['balanced', 'none']),
    calibrate: z.boolean(),
  }),
  /** Already applied to the weights; for the record. */
  temperature: z.number().positive(),
  segmenter: z.string(),
  body: z.strictObject({
    /** Bytes of the body after gunzip. */
    bytes: z.int().min(4),
    /** sha256 (hex) of the gzip'd body exactly as it follows the header line. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});

type Header = z.infer<typeof headerSchema>;

/** Which segmenter cut the training texts: a model is only as good as the same segmentation at prediction. */
const SEGMENTER = '@node-rs/jieba 2, bundled dictionary';

/** The model as bytes (header line + gzip'd body). Byte-identical for an identical model. */
export function serializeModel(model: TextClassifier): Buffer {
  if (!(model instanceof LinearTextClassifier)) throw new TypeError('only a model made by trainClassifier can be saved');
  const { labels, table, softmax, features, options } = model;
  const termBytes = Buffer.from(table.terms.join('\n'), 'utf8');
  const padded = align4(4 + termBytes.length);
  const body = Buffer.alloc(padded + 4 * (table.idf.length + softmax.bias.length + softmax.weights.length));
  body.writeUInt32LE(termBytes.length, 0);
  termBytes.copy(body, 4);
  let offset = padded;
  for (const array of [table.idf, softmax.bias, softmax.weights]) {
    for (const value of array) offset = body.writeFloatLE(value, offset);
  }
  const compressed = gzipSync(body, { level: 9 });
  const header: Header = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    labels: [...labels],
    terms: table.terms.length,
    features: { words: true, wordBigrams: features.wordBigrams, charNgrams: [...features.charNgrams] },
    options: {
      seed: options.seed,
      epochs: options.epochs,
      l2: options.l2,
      minDf: options.minDf,
      maxFeatures: options.maxFeatures,
      learningRate: options.learningRate,
      classWeight: options.classWeight,
      calibrate: options.calibrate,
    },
    temperature: model.temperature,
    segmenter: SEGMENTER,
    body: { bytes: body.length, sha256: sha256(compressed) },
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), compressed]);
}

/** Reads a model file. Throws ModelFormatError — and nothing else — when the bytes are not a whole, valid version-1 model. */
export function deserializeModel(bytes: Uint8Array): TextClassifier {
  try {
    return readModel(bytes);
  } catch (error) {
    if (error instanceof ModelFormatError) throw error;
    throw new ModelFormatError(`not a readable model file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readModel(input: Uint8Array): LinearTextClassifier {
  if (!(input instanceof Uint8Array)) throw new ModelFormatError('a model file is bytes');
  // A Uint8Array (e.g. from a database driver) is read in place, as a Buffer.
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) throw new ModelFormatError('empty model file');
  const newline = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  if (newline < 0) throw new ModelFormatError('no header line');
  let json: unknown;
  try {
    json = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
  } catch {
    throw new ModelFormatError('the header line is not JSON');
  }
  const probe = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(json);
  if (!probe.success || probe.data.format !== MODEL_FORMAT) throw new ModelFormatError(`not a ${MODEL_FORMAT} file`);
  if (probe.data.version !== MODEL_FORMAT_VERSION) {
    throw new ModelFormatError(`unsupported model format version ${JSON.stringify(probe.data.version)} (this server reads ${MODEL_FORMAT_VERSION})`);
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw new ModelFormatError(`bad header: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  const header = parsed.data;

  const compressed = bytes.subarray(newline + 1);
  if (sha256(compressed) !== header.body.sha256) throw new ModelFormatError('the body does not match its checksum (truncated or corrupt)');
  const body = gunzipSync(compressed, { maxOutputLength: header.body.bytes + 1 });
  if (body.length !== header.body.bytes) throw new ModelFormatError('the body is not the length its header says');

  const termLength = body.readUInt32LE(0);
  if (4 + termLength > body.length) throw new ModelFormatError('the term list runs past the body');
  const terms = header.terms === 0 ? [] : body.subarray(4, 4 + termLength).toString('utf8').split('\n');
  if (terms.length !== header.terms) throw new ModelFormatError('the term count differs from the header');
  if (new Set(terms).size !== terms.length || terms.some((t) => t === '')) throw new ModelFormatError('the term list has blank or repeated terms');

  const k = header.labels.length;
  const n = terms.length;
  let offset = align4(4 + termLength);
  if (offset + 4 * (n + k + n * k) !== body.length) throw new ModelFormatError('the body is not the length its terms and labels need');
  const floats = (count: number): Float32Array => {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++, offset += 4) {
      const value = body.readFloatLE(offset);
      if (!Number.isFinite(value)) throw new ModelFormatError('a weight is not a finite number');
      out[i] = value;
    }
    return out;
  };
  const idf = floats(n);
  const bias = floats(k);
  const weights = floats(n * k);
  return new LinearTextClassifier(
    header.labels,
    header.features,
    termTable(terms, idf),
    { labelCount: k, featureCount: n, weights, bias },
    { ...header.options, features: header.features },
    header.temperature,
  );
}

function align4(length: number): number {
  return Math.ceil(length / 4) * 4;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
