import type { CaseLevel, ClockKind, Colour } from '../categories/categories.tables.js';

export interface PolicyRule {
  categoryCode: string | null;
  colour: Colour | null;
  level: CaseLevel | null;
  respondMinutes: number;
  resolveMinutes: number;
  clock: ClockKind;
  autoEscalate: boolean;
  warnFraction: number;
}

const day = 24 * 60;

/**
 * The seeds' rule (“15 分钟响应、24 小时协调”) as policies: respond within 15 minutes when the grid can
 * solve it (green at grid level), within 24 hours when higher levels must coordinate (yellow, or any
 * level above the grid); red cases run on the continuous clock. The seed writes these rows into
 * `deadline_policies` (with these fixed ids, so docs and tests can name them); the code falls back on
 * the same rows when the table has no match.
 */
export const seedsRule: ReadonlyArray<PolicyRule & { id: string }> = [
  { id: '0190f000-0000-7000-8000-00000000d001', categoryCode: null, colour: 'green', level: 'grid', respondMinutes: 15, resolveMinutes: 3 * day, clock: 'working_days', autoEscalate: false, warnFraction: 0.8 },
  { id: '0190f000-0000-7000-8000-00000000d002', categoryCode: null, colour: 'yellow', level: null, respondMinutes: day, resolveMinutes: 10 * day, clock: 'working_days', autoEscalate: false, warnFraction: 0.8 },
  { id: '0190f000-0000-7000-8000-00000000d003', categoryCode: null, colour: 'red', level: null, respondMinutes: 15, resolveMinutes: day, clock: 'continuous', autoEscalate: false, warnFraction: 0.8 },
  { id: '0190f000-0000-7000-8000-00000000d004', categoryCode: null, colour: null, level: 'village', respondMinutes: day, resolveMinutes: 10 * day, clock: 'working_days', autoEscalate: false, warnFraction: 0.8 },
  { id: '0190f000-0000-7000-8000-00000000d005', categoryCode: null, colour: null, level: 'town', respondMinutes: day, resolveMinutes: 10 * day, clock: 'working_days', autoEscalate: false, warnFraction: 0.8 },
  { id: '0190f000-0000-7000-8000-00000000d006', categoryCode: null, colour: null, level: 'department', respondMinutes: day, resolveMinutes: 10 * day, clock: 'working_days', autoEscalate: false, warnFraction: 0.8 },
];
