import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Durable per-case alarms (docs/supervision.md): "at `due_at`, run the handler of `kind` for this
 * case". A pending timer has `fired_at` null; the sweep marks it fired in the same transaction as
 * its handler's effects, so a timer's effect happens exactly once. Fired rows stay as history (the
 * deadline sync reads them so that a deadline already passed is not alarmed twice).
 */
export const caseTimers = pgTable(
  'case_timers',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** Dotted name of the handler: `respond.warn`, `resolve.due`, `whistle.checkin`, … */
    kind: text('kind').notNull(),
    /** What inside the case the timer is about (e.g. a summoned party's id); null for the case itself. */
    refId: text('ref_id'),
    dueAt: ts('due_at').notNull(),
    firedAt: ts('fired_at'),
    /** Failed handler runs so far; a failing timer is retried with back-off, never dropped. */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Set after a failure: not retried before this instant. */
    retryAt: ts('retry_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    // The sweep's only probe: the earliest pending timers. Its size is the number of pending timers, not of cases.
    index('case_timers_due').on(t.dueAt).where(sql`${t.firedAt} is null`),
    // At most one pending timer per case, kind and reference (scheduling again replaces it).
    uniqueIndex('case_timers_pending_unique')
      .on(t.caseId, t.kind, sql`coalesce(${t.refId}, '')`)
      .where(sql`${t.firedAt} is null`),
    index('case_timers_case').on(t.caseId),
  ],
);

export type CaseTimerRow = typeof caseTimers.$inferSelect;
