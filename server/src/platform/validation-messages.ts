import type { FieldError } from './errors.js';
import { fieldLabel } from './field-labels.js';
import type { Bilingual } from './i18n.js';

/**
 * The one error map: each zod issue becomes a plain sentence in Chinese and English that names the
 * field by its label ("「问题描述」最多 10000 个字" / "Description can be at most 10,000 characters"),
 * instead of zod's own texts ("数值过大：期望 string <=2000 字符").
 */
type IssueLike = { code: string; path: PropertyKey[]; message?: string } & Record<string, unknown>;

const en = (n: unknown) => (typeof n === 'number' || typeof n === 'bigint' ? n.toLocaleString('en-US') : String(n));
const zh = (n: unknown) => String(n);

/**
 * Our schemas give their own messages as "中文|English". Zod's default messages are English, so a
 * message with Chinese characters in it is one of ours, whatever the issue code.
 */
function customMessage(issue: IssueLike): Bilingual | undefined {
  const message = issue.message;
  if (!message || !/\p{Script=Han}/u.test(message)) return undefined;
  const split = message.lastIndexOf('|');
  if (split < 0) return { zh: message, en: message };
  return { zh: message.slice(0, split), en: message.slice(split + 1) };
}

/** Names the field in front of one of our own messages unless the message already does. */
export function withLabel(label: Bilingual, message: Bilingual): Bilingual {
  return {
    zh: message.zh.includes(label.zh) ? message.zh : `「${label.zh}」：${message.zh}`,
    en: /^[A-Z]/.test(message.en) ? message.en : `${label.en}: ${message.en}`,
  };
}

const typeNames: Record<string, [string, string]> = {
  string: ['文字', 'text'],
  number: ['数字', 'a number'],
  int: ['整数', 'a whole number'],
  bigint: ['整数', 'a whole number'],
  boolean: ['是或否(true/false)', 'true or false'],
  array: ['列表', 'a list'],
  object: ['对象(一组字段)', 'an object (a set of fields)'],
  date: ['日期', 'a date'],
  null: ['空值(null)', 'null'],
};

function invalidType(l: Bilingual, issue: IssueLike): Bilingual {
  // Zod leaves the input out of issues; its message still says what arrived.
  if (/received undefined$/.test(issue.message ?? '')) return { zh: `请填写「${l.zh}」`, en: `${l.en} is required` };
  const expected = String(issue['expected'] ?? '');
  const [tzh, ten] = typeNames[expected] ?? [expected, expected];
  if (expected === 'number' || expected === 'int') return { zh: `「${l.zh}」必须是${tzh}`, en: `${l.en} must be ${ten}` };
  return { zh: `「${l.zh}」应为${tzh}`, en: `${l.en} must be ${ten}` };
}

function tooBig(l: Bilingual, issue: IssueLike): Bilingual {
  const max = issue['maximum'];
  const inclusive = issue['inclusive'] !== false;
  switch (issue['origin']) {
    case 'string':
      return { zh: `「${l.zh}」最多 ${zh(max)} 个字`, en: `${l.en} can be at most ${en(max)} characters` };
    case 'array':
    case 'set':
      return { zh: `「${l.zh}」最多 ${zh(max)} 项`, en: `${l.en} can have at most ${en(max)} items` };
    default:
      return inclusive
        ? { zh: `「${l.zh}」不能大于 ${zh(max)}`, en: `${l.en} can be at most ${en(max)}` }
        : { zh: `「${l.zh}」必须小于 ${zh(max)}`, en: `${l.en} must be less than ${en(max)}` };
  }
}

function tooSmall(l: Bilingual, issue: IssueLike): Bilingual {
  const min = issue['minimum'];
  const inclusive = issue['inclusive'] !== false;
  switch (issue['origin']) {
    case 'string':
      return Number(min) <= 1
        ? { zh: `「${l.zh}」不能为空`, en: `${l.en} cannot be empty` }
        : { zh: `「${l.zh}」至少 ${zh(min)} 个字`, en: `${l.en} must be at least ${en(min)} characters` };
    case 'array':
    case 'set':
      return { zh: `「${l.zh}」至少 ${zh(min)} 项`, en: `${l.en} needs at least ${en(min)} items` };
    default:
      return inclusive
        ? { zh: `「${l.zh}」不能小于 ${zh(min)}`, en: `${l.en} must be at least ${en(min)}` }
        : { zh: `「${l.zh}」必须大于 ${zh(min)}`, en: `${l.en} must be more than ${en(min)}` };
  }
}

const formatNames: Record<string, [string, string]> = {
  uuid: ['编号', 'an id'],
  datetime: ['ISO 8601 时间，如 2026-11-22T08:00:00+08:00', 'an ISO 8601 time such as 2026-11-22T08:00:00+08:00'],
  date: ['日期，如 2026-11-22', 'a date such as 2026-11-22'],
  email: ['邮箱地址', 'an email address'],
  url: ['网址', 'a URL'],
};

function invalidFormat(l: Bilingual, issue: IssueLike): Bilingual {
  const format = formatNames[String(issue['format'])];
  if (format) return { zh: `「${l.zh}」应为${format[0]}`, en: `${l.en} must be ${format[1]}` };
  return { zh: `「${l.zh}」格式不正确`, en: `${l.en} is not in the expected format` };
}

/** The text primitive's refusals (text.ts), phrased with the label. */
const textIssues: Record<string, (l: Bilingual) => Bilingual> = {
  control_char: (l) => ({
    zh: `「${l.zh}」含有不可见的控制字符，请删除后重试`,
    en: `${l.en} contains an invisible control character; remove it and retry`,
  }),
  control_char_or_break: (l) => ({
    zh: `「${l.zh}」不能包含换行或不可见的控制字符`,
    en: `${l.en} cannot contain line breaks or invisible control characters`,
  }),
  lone_surrogate: (l) => ({
    zh: `「${l.zh}」含有无效的字符(残缺的表情或符号)，请删除后重试`,
    en: `${l.en} contains an invalid character (half of an emoji or symbol); remove it and retry`,
  }),
};

function render(issue: IssueLike): Bilingual {
  const l = fieldLabel(issue.path);
  const params = issue['params'] as { textIssue?: string } | undefined;
  const textIssue = params?.textIssue ? textIssues[params.textIssue] : undefined;
  if (textIssue) return textIssue(l);
  const own = customMessage(issue);
  if (own) return withLabel(l, own);
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(l, issue);
    case 'too_big':
      return tooBig(l, issue);
    case 'too_small':
      return tooSmall(l, issue);
    case 'invalid_format':
      return invalidFormat(l, issue);
    case 'invalid_value': {
      const values = (issue['values'] as unknown[] | undefined)?.map(String) ?? [];
      return { zh: `「${l.zh}」只能是：${values.join('、')}`, en: `${l.en} must be one of: ${values.join(', ')}` };
    }
    case 'not_multiple_of':
      return { zh: `「${l.zh}」必须是 ${zh(issue['divisor'])} 的倍数`, en: `${l.en} must be a multiple of ${en(issue['divisor'])}` };
    case 'unrecognized_keys': {
      const keys = (issue['keys'] as string[] | undefined) ?? [];
      return { zh: `「${l.zh}」中有不认识的字段：${keys.join('、')}`, en: `${l.en} has unknown fields: ${keys.join(', ')}` };
    }
    default:
      return { zh: `「${l.zh}」不正确`, en: `${l.en} is not valid` };
  }
}

export function fieldErrorsFromIssues(issues: IssueLike[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || (prefix ?? '(body)');
    return { field, message: render(issue), labelled: true };
  });
}
