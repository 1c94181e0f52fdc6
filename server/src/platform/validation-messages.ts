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
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message ?? issue.code;
}

/** A custom message set with `.refine(..., { message })` is used as-is (English), plus zh if given as "zh|en". */
function customMessage(issue: IssueLike): { zh: string; en: string } | undefined {
  if (issue.code !== 'custom' || !issue.message) return undefined;
  const [zh, en] = issue.message.split('|');
  return { zh: zh ?? issue.message, en: en ?? zh ?? issue.message };
}

export function fieldErrorsFromIssues(issues: IssueLike[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || (prefix ?? '(body)');
    return { field, message: customMessage(issue) ?? { zh: render(zhLocale, issue), en: render(enLocale, issue) } };
  });
}
