import { randomInt } from 'node:crypto';
import type { Bilingual } from '../../platform/i18n.js';

/**
 * Rules for a password a person chooses (a new password, an admin's initial password). They apply to
 * new passwords only: existing hashes — the demo accounts' `wangge-demo` among them — keep working.
 * The web app shows the same rules live (web/src/shared/password/password-rules.ts); this is the one
 * that decides.
 */
export const passwordRules = {
  minLength: 10,
  maxLength: 128,
  /** At least this many of: lower case, upper case, digits, other characters… */
  minClasses: 3,
  /** …unless it is a passphrase at least this long. */
  passphraseLength: 16,
} as const;

/**
 * Passwords people pick first and attackers try first, plus this product's own demo password.
 * Compared lower-cased and without spaces, dots, dashes and underscores.
 */
const commonPasswords = new Set(
  [
    'wangge-demo', 'wanggedemo', 'wangge123', 'wangge123456', 'wangge@123', 'wangge2024', 'wangge2025', 'wangge2026',
    'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword123',
    '1234567890', '12345678910', '123456789a', 'a123456789', '1qaz2wsx3edc', '1q2w3e4r5t', 'qwertyuiop', 'qwerty12345',
    'asdfghjkl1', 'zxcvbnm123', 'abc1234567', 'abcd123456', 'admin12345', 'admin123456', 'admin@1234', 'administrator',
    'iloveyou12', 'woaini1314', 'woaini520', '5201314520', 'qazwsxedc123', 'aa123456789', 'letmein123', 'welcome123',
    'changeme123', 'zhangsan123', 'wangge@2024', 'wangge@2025', 'wangge@2026',
  ].map(normalise),
);

function normalise(password: string): string {
  return password.toLowerCase().replace(/[\s._-]/g, '');
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_simple' | 'contains_username' | 'common' | 'same_as_current';

export const passwordProblemText: Record<PasswordProblem, Bilingual> = {
  too_short: { zh: `至少 ${passwordRules.minLength} 个字符`, en: `at least ${passwordRules.minLength} characters` },
  too_long: { zh: `最多 ${passwordRules.maxLength} 个字符`, en: `at most ${passwordRules.maxLength} characters` },
  too_simple: {
    zh: `须包含小写字母、大写字母、数字、符号中的至少 ${passwordRules.minClasses} 类，或使用 ${passwordRules.passphraseLength} 个字符以上的短语`,
    en: `use at least ${passwordRules.minClasses} of lower case, upper case, digits and symbols, or a passphrase of ${passwordRules.passphraseLength}+ characters`,
  },
  contains_username: { zh: '不能包含用户名', en: 'must not contain the username' },
  common: { zh: '这是常见密码，容易被猜中', en: 'this is a common password, easy to guess' },
  same_as_current: { zh: '不能与当前密码相同', en: 'must differ from the current password' },
};

function characterClasses(password: string): number {
  let classes = 0;
  if (/\p{Ll}/u.test(password)) classes++;
  if (/\p{Lu}/u.test(password)) classes++;
  if (/\p{Nd}/u.test(password)) classes++;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) classes++;
  return classes;
}

/** Everything wrong with a newly chosen password (empty when it is acceptable). */
export function passwordProblems(password: string, context: { username: string; currentPassword?: string }): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < passwordRules.minLength) problems.push('too_short');
  if (length > passwordRules.maxLength) problems.push('too_long');
  if (length < passwordRules.passphraseLength && characterClasses(password) < passwordRules.minClasses) problems.push('too_simple');
  const username = context.username.trim().toLowerCase();
  if (username.length >= 3 && password.toLowerCase().includes(username)) problems.push('contains_username');
  if (commonPasswords.has(normalise(password))) problems.push('common');
  if (context.currentPassword !== undefined && password === context.currentPassword) problems.push('same_as_current');
  return problems;
}

// No 0/o/1/l/i: read aloud over the phone or copied from a screen without mistakes.
const oneTimeAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password an administrator hands over (shown once, never stored in clear):
 * three groups of four, ~59 bits — `k7mp-x3qa-9hvt`. The account must replace it at next sign-in.
 */
export function generateOneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => oneTimeAlphabet[randomInt(oneTimeAlphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}
