import type { TFunction } from 'i18next';
import { formatMinutes } from '../../shared/format/duration';
import { formatDateTime } from '../../shared/format/time';

/** "2 天 3 小时" / "3 小时 20 分钟" / "45 分钟" for a span in milliseconds (sign ignored): the app's one formatter. */
export function formatDuration(ms: number, t: TFunction): string {
  return formatMinutes(t, Math.floor(Math.abs(ms) / 60_000));
}

/** The same date-time as the console shows: `2026-12-07 09:34`, Asia/Shanghai (the language does not change it). */
export function formatTime(iso: string | null | undefined, _language?: string): string {
  if (!iso) return '—';
  return formatDateTime(iso);
}
