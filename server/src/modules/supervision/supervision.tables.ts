import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.js';
import { staff } from '../people/people.tables.js';
import { caseTimers } from '../case-timers/case-timers.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const noticeKinds = ['respond_overdue', 'resolve_overdue', 'checkin_overdue', 'manual'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
/** How the addressees were found: the 包联 ladder, territory scope, or chosen by the issuer. */
export const noticeVias = ['assignment', 'territory', 'manual'] as const;
export type NoticeVia = (typeof noticeVias)[number];
/** What the automatic escalation did when the notice was issued (null: the policy does not auto-escalate). */
export const autoEscalationOutcomes = ['escalated', 'no_unit', 'top_level', 'not_escalatable'] as const;
export type AutoEscalationOutcome = (typeof autoEscalationOutcomes)[number];

/**
 * Supervision notices (督办单): a formal, printable demand addressed one step up the ladder when a
 * case misses a deadline, or issued by hand by a leader or center. Acknowledged with a reply.
 */
export const supervisionNotices = pgTable(
  'supervision_notices',
  {
    id: uuid('id').primaryKey(),
    /** `DB-320305-20261122-0001`: county, Shanghai day of issue, serial of the day. */
    number: text('number').notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    /** The due timer that issued it: unique, so one missed deadline never yields two notices. */
    timerId: uuid('timer_id')
      .unique()
      .references(() => caseTimers.id),
    issuedAt: ts('issued_at').notNull(),
    /** Null: issued by the system (the deadline sweep). */
    issuedById: uuid('issued_by').references(() => staff.id),
    addressedTo: jsonb('addressed_to').$type<string[]>().notNull().default([]),
    via: text('via', { enum: noticeVias }).notNull(),
    /** The case's level when the notice was issued. */
    level: text('level').notNull(),
    /** The deadline that was missed (manual: the reply deadline set by the issuer, if any). */
    dueAt: ts('due_at'),
    overdueMinutes: integer('overdue_minutes').notNull().default(0),
    /** Issuer's text (manual) or the system's explanation (e.g. why it did not escalate). */
    note: text('note'),
    autoEscalation: text('auto_escalation', { enum: autoEscalationOutcomes }),
    escalatedToLevel: text('escalated_to_level'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedById: uuid('acknowledged_by').references(() => staff.id),
    reply: text('reply'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('supervision_notices_case').on(t.caseId),
    index('supervision_notices_issued').on(t.issuedAt),
    index('supervision_notices_open').on(t.issuedAt).where(sql`${t.acknowledgedAt} is null`),
    check('supervision_notices_kind', sql`${t.kind} in ('respond_overdue','resolve_overdue','checkin_overdue','manual')`),
    check('supervision_notices_via', sql`${t.via} in ('assignment','territory','manual')`),
    check('supervision_notices_ack', sql`(${t.acknowledgedAt} is null) = (${t.acknowledgedById} is null)`),
  ],
);

export type SupervisionNoticeRow = typeof supervisionNotices.$inferSelect;

/** Last serial per county and Shanghai day; the row lock serialises numbering inside the issuing transaction (no gaps). */
export const supervisionSerials = pgTable(
  'supervision_serials',
  {
    countyCode: text('county_code').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.day] })],
);
