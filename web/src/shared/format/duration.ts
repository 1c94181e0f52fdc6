import type { TFunction } from 'i18next';

/**
 * A span of minutes in the reader's language, the one formatter of the app: "4 小时", "1 天 3 小时",
 * "3 小时 20 分钟", "45 分钟" / "4 h", "1 d 3 h", "3 h 20 min", "45 min". Zero parts are left out.
 */
export function formatMinutes(t: TFunction, totalMinutes: number): string {
  const minutes = Math.floor(Math.abs(totalMinutes));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const out = [d ? t('common.duration.d', { count: d }) : '', h ? t('common.duration.h', { count: h }) : '', m || (!d && !h) ? t('common.duration.m', { count: m }) : ''];
  return out.filter(Boolean).join(' ');
}
