import { z } from 'zod';
import type { FieldError } from './errors.js';

/**
 * Zod's own locale tables render each issue in Chinese and English, so field errors
 * read naturally in both languages without a hand-kept dictionary.
 */
const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

type IssueLike = { code: string; path: PropertyKey[]; message?: string } & Record<string, unknown>;

function render(locale: { localeError: unknown }, issue: IssueLike): string {
  const fn = locale.localeError as (issue: unknown) => string | { message: string } | undefined;
  const out = fn({ ...issue, input: issue['input'] });
  const text = typeof out === 'string' ? out : (out?.message ?? issue.message ?? issue.code);
  // Zod does not keep the input in issues, so "received undefined" would be a guess: leave it out.
  return 'input' in issue ? text : text.replace(/[，,]\s*(实际接收|received)\s*undefined$/, '');
}

/**
 * Our schemas give their own messages as "中文|English". Zod's default messages are rendered in
 * English, so a message with Chinese characters in it is one of ours, whatever the issue code.
 */
function customMessage(issue: IssueLike): { zh: string; en: string } | undefined {
  const message = issue.message;
  if (!message || !/\p{Script=Han}/u.test(message)) return undefined;
  const split = message.lastIndexOf('|');
  if (split < 0) return { zh: message, en: message };
  return { zh: message.slice(0, split), en: message.slice(split + 1) };
}

export function fieldErrorsFromIssues(issues: IssueLike[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || (prefix ?? '(body)');
    return { field, message: customMessage(issue) ?? { zh: render(zhLocale, issue), en: render(enLocale, issue) } };
  });
}
