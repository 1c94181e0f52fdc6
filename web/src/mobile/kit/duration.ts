import type { TFunction } from 'i18next';

/** "2 天 3 小时" / "3 小时 20 分" / "45 分钟" for a span in milliseconds (sign ignored). */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('mobile.duration.days', { d, h });
  if (h > 0) return t('mobile.duration.hours', { h, m });
  return t('mobile.duration.minutes', { m });
}

/** Local date-time in the reader's language, short. */
export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
