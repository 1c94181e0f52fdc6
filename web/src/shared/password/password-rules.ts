/**
 * The password rules, checked live while a person types. The server decides
 * (server/src/modules/people/password-policy.ts); this copy only explains. Keep the two in step.
 */
export type PasswordRule = 'length' | 'classes' | 'username' | 'common' | 'different';

const common = new Set(
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

function classes(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/** Which rules the password meets (true) or breaks (false). */
export function checkPassword(password: string, context: { username: string; currentPassword?: string }): Record<PasswordRule, boolean> {
  const length = [...password].length;
  const username = context.username.trim().toLowerCase();
  return {
    length: length >= 10 && length <= 128,
    classes: length >= 16 || classes(password) >= 3,
    username: username.length < 3 || !password.toLowerCase().includes(username),
    common: password.length > 0 && !common.has(normalise(password)),
    different: context.currentPassword === undefined || context.currentPassword === '' || password !== context.currentPassword,
  };
}
