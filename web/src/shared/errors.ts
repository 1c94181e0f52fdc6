import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** One sentence for a person: the server's own words when it sent some, else what to do next. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    // Field messages name their field ("「问题描述」最多 10000 个字"); add those the detail does not already say.
    const detail = error.problem?.detail;
    const fields = error.problem?.errors?.map((e) => e.message).filter((m) => !detail?.includes(m)).join('；');
    return [detail ?? error.problem?.title, fields || null].filter(Boolean).join(' — ') || t('common.unexpectedError', { message: error.status });
  }
  if (error instanceof TypeError) return t('common.networkError');
  return t('common.unexpectedError', { message: error instanceof Error ? error.message : String(error) });
}
