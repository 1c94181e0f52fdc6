/**
 * Values for the schema-guided fuzz test (fuzz.test.ts): a plausible value for a JSON schema of the
 * OpenAPI document, and the odd values that replace it.
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

export type Random = () => number;

export const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

/** Strings nobody should be able to store or crash us with. */
export const oddStrings: readonly string[] = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udfff',
  'tab\there\nline\rbreak\u0007bell\u001b[31m',
  '\u202eRTL override\u202c \u200f\u200e mark',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  'x'.repeat(100_000),
  '测'.repeat(20_001),
  "' OR 1=1; --",
  '../../../etc/passwd',
  '%00%ff%ED%A0%80',
  '\ufeffBOM',
  '\uffff\ufffe',
  '１２３４５',
  '2147483648',
  'NaN',
  '-1',
  '1e308',
];

/** Numbers (and number-like strings) at and past every boundary the database has. */
export const oddNumbers: readonly unknown[] = [2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e308, -1e308, -1, 0, 0.5, -0.0, 'NaN', 'Infinity', '1e308', '2147483648', '-1'];

/** Wrong shapes for anything. */
export const wrongTypes: readonly unknown[] = [null, true, false, [], [null], {}, { $gt: '' }, 'string', 12, -1, { __proto__: { admin: true } }];

export function oddValue(random: Random): unknown {
  const r = random();
  if (r < 0.45) return pick(random, oddStrings);
  if (r < 0.75) return pick(random, oddNumbers);
  return pick(random, wrongTypes);
}

/** A plausible value for `schema`, so the request gets past validation and into the handler. */
export function sampleValue(schema: JsonSchema | undefined, resolve: (s: JsonSchema) => JsonSchema, hints: (name: string) => unknown, name = '', depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  const s = resolve(schema);
  const hinted = hints(name);
  if (hinted !== undefined) return hinted;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (s.default !== undefined && s.default !== null) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const first = alternatives.map(resolve).find((a) => a.type !== 'null') ?? alternatives[0];
    return sampleValue(first, resolve, hints, name, depth + 1);
  }
  if (s.allOf) return Object.assign({}, ...s.allOf.map((a) => sampleValue(a, resolve, hints, name, depth + 1) as object));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return sampleString(s);
    case 'integer':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1));
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1));
    case 'boolean':
      return false;
    case 'array': {
      const item = sampleValue(s.items, resolve, hints, name, depth + 1);
      return item === undefined ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
    }
    case 'object':
    default: {
      if (!s.properties) return type === 'object' ? {} : undefined;
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties)) {
        const value = sampleValue(prop, resolve, hints, key, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
  }
}

function sampleString(s: JsonSchema): string {
  if (s.format === 'uuid') return '0190f5c2-0000-7000-8000-000000000000';
  if (s.format === 'date-time') return '2026-11-23T09:00:00+08:00';
  if (s.format === 'date') return '2026-11-23';
  if (s.format === 'email') return 'fuzz@example.org';
  const known: Record<string, string> = {
    '^\\d{4}$': '0103',
    '^\\d{2}$': '01',
    '^\\d{4}-\\d{2}-\\d{2}$': '2026-11-23',
    '^1[3-9]\\d{9}$': '13800010137',
  };
  if (s.pattern && known[s.pattern]) return known[s.pattern]!;
  const base = '测试内容 fuzz';
  const min = s.minLength ?? 0;
  const text = base.length >= min ? base : base + 'x'.repeat(min - base.length);
  return s.maxLength !== undefined ? text.slice(0, s.maxLength) : text;
}
