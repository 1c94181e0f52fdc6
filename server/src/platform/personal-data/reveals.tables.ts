import { sql } from 'drizzle-orm';
import { check, index, inet, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../../modules/cases/cases.tables.js';
import { staff } from '../../modules/people/people.tables.js';

/** Whose personal data a reveal opened: a reporter of a case, (residents module) a resident, or a household member. */
export const piiSubjectTypes = ['reporter', 'resident', 'household_member'] as const;
export type PiiSubjectType = (typeof piiSubjectTypes)[number];

/**
 * One row per reveal of personal data (who, whose, what, when, why), written in the same
 * transaction as the `pii.reveal` audit row. Holds references and field names, never the values.
 */
export const piiReveals = pgTable(
  'pii_reveals',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    subjectType: text('subject_type', { enum: piiSubjectTypes }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    /** Field names revealed, e.g. {name, phone}. */
    fields: text('fields').array().notNull(),
    reason: text('reason').notNull(),
    ip: inet('ip'),
  },
  (t) => [
    index('pii_reveals_at').on(t.at.desc(), t.id.desc()),
    index('pii_reveals_staff').on(t.staffId, t.at.desc()),
    index('pii_reveals_case').on(t.caseId),
    index('pii_reveals_subject').on(t.subjectType, t.subjectId),
    check('pii_reveals_subject_type_check', sql`${t.subjectType} in ('reporter','resident','household_member')`),
    check('pii_reveals_reason_check', sql`length(${t.reason}) >= 4`),
  ],
);
