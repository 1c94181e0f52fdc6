import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** One sentence for a person: the server's own words when it sent some, else what to do next. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const fields = error.problem?.errors?.map((e) => `${e.field}: ${e.message}`).join('；');
    return [error.problem?.detail ?? error.problem?.title, fields && fields !== error.problem?.detail ? fields : null].filter(Boolean).join(' — ') || t('common.unexpectedError', { message: error.status });
  }
  if (error instanceof TypeError) return t('common.networkError');
  return t('common.unexpectedError', { message: error instanceof Error ? error.message : String(error) });
}
