import { AppError } from '../errors.js';
import { maskPhone } from '../secrets.js';

/*
 * The reason a person gives for seeing or erasing personal data: required, and kept out of the
 * audit trail's reach of phone numbers.
 */

/** Runs of 7+ digits masked, so a phone typed into a reason does not reach the audit trail. */
export function scrubReason(reason: string): string {
  return reason.replace(/\+?\d[\d\s-]{5,}\d/g, (digits) => maskPhone(digits.replace(/\D/g, '')));
}

export function checkReason(reason: string | undefined, field = 'reason'): string {
  const trimmed = (reason ?? '').trim();
  if ([...trimmed].length < 4) {
    throw new AppError('REASON_REQUIRED', {
      fieldErrors: [{ field, message: { zh: '请说明理由，至少 4 个字', en: 'give a reason of at least 4 characters' } }],
    });
  }
  return trimmed;
}
