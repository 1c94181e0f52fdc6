import { api, call } from '../../api/client';
import type { paths } from '../../api/schema.gen';

export type CalendarDay = paths['/api/v1/calendar/days']['get']['responses'][200]['content']['application/json']['days'][number];
export type CalendarStatus = paths['/api/v1/calendar/status']['get']['responses'][200]['content']['application/json'];
export type ImportSummary = paths['/api/v1/calendar/import']['post']['responses'][200]['content']['application/json'];

export const calendarKeys = { status: ['calendar', 'status'] as const, year: (year: number) => ['calendar', 'days', year] as const };

export const fetchStatus = () => call(api.GET('/api/v1/calendar/status'));
export const fetchYear = (year: number) => call(api.GET('/api/v1/calendar/days', { params: { query: { year } } }));

/** A Shanghai calendar day's weekday, Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The CSV export as the server writes it (UTF-8 with BOM). */
export async function fetchExport(year: number): Promise<Blob> {
  const res = await fetch(`/api/v1/calendar/export?year=${year}`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}
