/*
 * How phone numbers and ID numbers are normalised before they are hashed for lookups: every
 * module that seals them (people, households, cases, residents) and privacy (erasure, key
 * rotation) must agree, so the rule lives here, below them all.
 */

/** Phones are hashed in one form: digits only, without the +86 country code. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** ID numbers (居民身份证号) are hashed without spaces, with the check character upper-case. */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.replace(/\s/g, '').toUpperCase();
}
