import { z } from 'zod';
import { maskPhone, type Secrets } from '../../platform/secrets.js';
import { normalizePhone } from '../../platform/personal-data/normalize.js';
import type { StaffActor } from '../../platform/actor.js';
import type { staff } from './people.tables.js';
import { multilineInput, textInput } from '../../platform/text.js';

/**
 * Staff profiles (干部信息): work phone, email, title (职务), duties (分工). The phone is personal
 * data: sealed with the keyring, found by its keyed hash, and shown in clear only to the person
 * themself and to administrators (`user:admin`); everyone else sees 138****0137 (docs/privacy.md).
 */

/** Mainland mobile numbers: 11 digits starting 1[3-9], optionally written with +86 and spaces/dashes. */
export const cnMobile = textInput()
  .trim()
  .transform((v) => normalizePhone(v))
  .refine((v) => /^1[3-9]\d{9}$/.test(v), '请输入 11 位大陆手机号码|enter an 11-digit mainland mobile number');

const email = textInput().trim().toLowerCase().max(120).pipe(z.email('邮箱格式不正确|not a valid email address'));

/** Profile fields of create/edit bodies; null clears a field, leaving it out keeps it. */
export const profileInput = {
  phone: cnMobile.nullable().optional().describe('Mobile phone (stored encrypted)'),
  email: email.nullable().optional(),
  title: textInput().trim().min(1).max(40).nullable().optional().describe('Job title, e.g. 党委委员、副镇长'),
  duties: multilineInput().trim().min(1).max(500).nullable().optional().describe('Duties (分工), free text'),
};

export const profileView = {
  phone: z.string().nullable().describe('Masked (138****0137) unless you are this person or an administrator'),
  phoneMasked: z.boolean(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  duties: z.string().nullable(),
};

type StaffRow = typeof staff.$inferSelect;
type ProfileInput = { phone?: string | null; email?: string | null; title?: string | null; duties?: string | null };
type ProfileColumns = Partial<Pick<StaffRow, 'phoneEncrypted' | 'phoneHash' | 'email' | 'title' | 'duties'>>;

/** The staff columns a profile input sets (only the fields sent). */
export function profileColumns(secrets: Secrets, input: ProfileInput): ProfileColumns {
  const columns: ProfileColumns = {};
  if (input.phone !== undefined) {
    columns.phoneEncrypted = input.phone === null ? null : secrets.encrypt(input.phone);
    columns.phoneHash = input.phone === null ? null : secrets.lookupHash(input.phone);
  }
  if (input.email !== undefined) columns.email = input.email;
  if (input.title !== undefined) columns.title = input.title;
  if (input.duties !== undefined) columns.duties = input.duties;
  return columns;
}

/** Names of the profile fields an edit changes, for the audit row (never the values). */
export function changedProfileFields(secrets: Secrets, row: StaffRow, input: ProfileInput): string[] {
  const fields: string[] = [];
  if (input.phone !== undefined && (input.phone ?? null) !== clearPhone(secrets, row)) fields.push('phone');
  for (const key of ['email', 'title', 'duties'] as const) {
    if (input[key] !== undefined && (input[key] ?? null) !== row[key]) fields.push(key);
  }
  return fields;
}

export function clearPhone(secrets: Secrets, row: Pick<StaffRow, 'phoneEncrypted'>): string | null {
  return row.phoneEncrypted ? secrets.decrypt(row.phoneEncrypted) : null;
}

/** Whether the viewer may see this person's phone in clear. */
export function seesClearPhone(viewer: Pick<StaffActor, 'id' | 'role'> | null, staffId: string): boolean {
  return !!viewer && (viewer.id === staffId || viewer.role === 'admin');
}

export function presentProfile(secrets: Secrets, row: Pick<StaffRow, 'id' | 'phoneEncrypted' | 'email' | 'title' | 'duties'>, viewer: Pick<StaffActor, 'id' | 'role'> | null) {
  const phone = clearPhone(secrets, row);
  const clear = seesClearPhone(viewer, row.id);
  return {
    phone: phone === null ? null : clear ? phone : maskPhone(phone),
    phoneMasked: phone !== null && !clear,
    email: row.email,
    title: row.title,
    duties: row.duties,
  };
}
