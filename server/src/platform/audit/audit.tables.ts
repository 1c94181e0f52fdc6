import { sql } from 'drizzle-orm';
import { bigint, index, inet, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const auditActorKinds = ['staff', 'resident', 'integration', 'public', 'system'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

/**
 * The audit trail: one row per sign-in, permission change, data change and reveal, written in the
 * same transaction as the change. Rows are appended freely (no lock, no ordering between writers);
 * the sealing job later gives each a `seq` and chains it: hash = sha256(prevHash + canonical row).
 * Rows hold references to people (ids), never their personal data.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind', { enum: auditActorKinds }).notNull(),
    actorId: uuid('actor_id'),
    /** Dotted verb, e.g. `auth.login`, `case.dispatch`, `user.update`, `pii.reveal`. */
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    /** What changed (field names, old/new non-personal values, reasons). Never personal data. */
    data: jsonb('data').$type<Record<string, unknown>>(),
    ip: inet('ip'),
    /** Set by the sealing job, in sealing order; null until sealed. */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_seq').on(t.seq),
    index('audit_log_unsealed').on(t.id).where(sql`${t.seq} is null`),
    index('audit_log_entity').on(t.entityType, t.entityId),
    index('audit_log_actor').on(t.actorId),
    index('audit_log_at').on(t.at),
  ],
);
