import type { TFunction } from 'i18next';

/** A limit in minutes as people say it: "15 分钟", "24 小时", "3 个工作日". */
export function formatLimit(t: TFunction, minutes: number, clock: 'continuous' | 'working_hours' | 'working_days' | 'respond'): string {
  const k = 'calendar.policies.duration';
  if (clock === 'working_days' && minutes % 1440 === 0) return t(`${k}.workingDays`, { n: minutes / 1440 });
  if (clock === 'working_hours' && minutes % 60 === 0) return t(`${k}.workingHours`, { n: minutes / 60 });
  if (minutes % 1440 === 0 && minutes >= 2880) return t(`${k}.days`, { n: minutes / 1440 });
  if (minutes % 60 === 0) return t(`${k}.hours`, { n: minutes / 60 });
  return t(`${k}.minutes`, { n: minutes });
}
