import type { Schemas } from '../../api/client';

export type Assignment = Schemas['Assignment'];
export type AssignedStaff = Schemas['AssignedStaff'];
export type AssignmentLadder = Schemas['AssignmentLadder'];
export type AssignmentCoverage = Schemas['AssignmentCoverage'];
export type DutyShift = Schemas['DutyShift'];
export type Tier = Assignment['tier'];
export const tiers: Tier[] = ['village_member', 'town_cadre', 'town_leader'];

/** Today in Asia/Shanghai as YYYY-MM-DD (business dates are Shanghai dates). */
export function shanghaiToday(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A person as one line: name, title and (masked) phone. */
export function staffLine(s: AssignedStaff): string {
  return [s.displayName, s.title, s.phone].filter(Boolean).join(' · ');
}

/** Downloads rows as a UTF-8 CSV with a BOM (Excel opens it as Chinese text). */
export function downloadCsv(filename: string, rows: Array<Array<string | number>>) {
  const escape = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const blob = new Blob(['\uFEFF' + rows.map((r) => r.map(escape).join(',')).join('\r\n')], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
