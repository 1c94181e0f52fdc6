import { z } from 'zod';

/**
 * The one text primitive for request schemas: every string a caller sends (body, query, path) goes
 * through `textInput()` or `multilineInput()`, so bad text is refused with 400 everywhere and never stored
 * altered (PostgreSQL would refuse NUL with a 500; lone surrogates would turn into "�").
 *
 * Refused: C0 control characters and DEL (tab, line feed and carriage return only in multi-line
 * text), and lone UTF-16 surrogates (half of an emoji, never valid Unicode). Everything else —
 * Chinese, emoji, right-to-left marks — is text.
 */
// eslint-disable-next-line no-control-regex
const singleLineControl = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const multiLineControl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** With the `u` flag a well-formed surrogate pair is one code point, so only a lone half matches. */
const loneSurrogate = /[\ud800-\udfff]/u;

/** Issue params the error messages (validation-messages.ts) recognise and phrase with the field's label. */
export type TextIssue = 'control_char' | 'control_char_or_break' | 'lone_surrogate';

function textChecks(schema: z.ZodString, multiline: boolean): z.ZodString {
  const control = multiline ? multiLineControl : singleLineControl;
  return schema
    .check(
      z.refine((s: string) => !loneSurrogate.test(s), {
        message: '含有无效的 Unicode 字符(孤立代理项)|contains an invalid Unicode character (a lone surrogate)',
        params: { textIssue: 'lone_surrogate' satisfies TextIssue },
        abort: true,
      }),
    )
    .check(
      z.refine((s: string) => !control.test(s), {
        message: '含有控制字符|contains a control character',
        params: { textIssue: (multiline ? 'control_char' : 'control_char_or_break') satisfies TextIssue },
        abort: true,
      }),
    );
}

/** Single-line text: names, codes, addresses, search terms, ids. */
export function textInput(): z.ZodString {
  return textChecks(z.string(), false);
}

/** Multi-line text: descriptions, notes, reasons, results, comments (tab and line breaks allowed). */
export function multilineInput(): z.ZodString {
  return textChecks(z.string(), true);
}

/** Longest free text accepted (descriptions, results, notes): real messages run to ~4,000 characters. */
export const maxFreeText = 10_000;

/** True when `value` would pass `textInput()` (for hand-written checks outside zod, e.g. CSV cells). */
export function isCleanText(value: string, multiline = false): boolean {
  return !loneSurrogate.test(value) && !(multiline ? multiLineControl : singleLineControl).test(value);
}
