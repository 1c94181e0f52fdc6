/**
 * Dates and times as people in the county read them, the same on the console and the phone:
 * Asia/Shanghai, `2026-12-07` and `2026-12-07 09:34`, whatever the reader's language.
 */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function parts(value: string | number | Date): Record<string, string> {
  return Object.fromEntries(shanghai.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
}

/** `2026-12-07` (Asia/Shanghai); '' for nothing. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-12-07 09:34` (Asia/Shanghai); '' for nothing. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}
