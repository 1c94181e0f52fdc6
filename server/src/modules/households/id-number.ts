/**
 * 居民身份证号 (GB 11643-1999): 6-digit division code, 8-digit birth date, 3-digit sequence and a
 * check character (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, 0–10 → "10X98765432").
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export type IdNumberProblem = 'format' | 'birth_date' | 'checksum';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

/** The normalised number and its birth year, or what is wrong with it. `today` bounds the birth date. */
export function checkIdNumber(cell: string, today: Date): { ok: true; idNumber: string; birthYear: number } | { ok: false; problem: IdNumberProblem } {
  const id = cell.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth.getTime() > today.getTime()) {
    return { ok: false, problem: 'birth_date' };
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, idNumber: id, birthYear: year };
}

/** Masked for display: first 3 and last 2 characters (1101**********123X → 110*************3X). */
export function maskIdNumber(id: string): string {
  if (id.length < 6) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 5) + id.slice(-2);
}
