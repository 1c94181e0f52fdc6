/** Business dates are Asia/Shanghai (UTC+8, no daylight saving since 1991). */
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `2026-11-22` for the Shanghai calendar day that contains `at`. */
export function shanghaiDate(at: Date): string {
  return formatter.format(at);
}

/** `20261122`, the date part of a case number. */
export function shanghaiCompactDate(at: Date): string {
  return shanghaiDate(at).replaceAll('-', '');
}

/** The hour of the day (0–23) in Shanghai: UTC+8 with no daylight saving. */
export function shanghaiHour(at: Date): number {
  return (at.getUTCHours() + 8) % 24;
}
