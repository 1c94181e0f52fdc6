import type { StaffActor } from '../actor.js';
import { recordAudit } from '../audit/audit.record.js';
import type { Database } from '../db/database.js';
import { newId } from '../ids.js';
import { scrubReason } from './reasons.js';
import { piiReveals, type PiiSubjectType } from './reveals.tables.js';

export interface Reveal {
  subjectType: PiiSubjectType;
  subjectId: string;
  /** The case the subject was revealed for, if any. */
  caseId: string | null;
  /** Field names shown in clear (never the values). */
  fields: string[];
  /** The reason as checked (checkReason): phone numbers in it are masked before it is stored. */
  reason: string;
  ip: string | undefined;
  /** References for the audit row beside the reveal's id, fields and reason (a case number, a household). */
  auditData: Record<string, unknown>;
}

/**
 * The record of one reveal of personal data: a pii_reveals row (who, whose, what, when, why, from
 * where) and a `pii.reveal` audit row. Call it in the transaction that reads the values, before
 * they leave. Returns the reveal's id.
 */
export async function recordReveal(tx: Database, actor: StaffActor, reveal: Reveal, at: Date): Promise<string> {
  const id = newId();
  const reason = scrubReason(reveal.reason);
  await tx.insert(piiReveals).values({ id, at, staffId: actor.id, subjectType: reveal.subjectType, subjectId: reveal.subjectId, caseId: reveal.caseId, fields: reveal.fields, reason, ip: reveal.ip ?? null });
  await recordAudit(
    tx,
    actor,
    { action: 'pii.reveal', entityType: reveal.subjectType, entityId: reveal.subjectId, data: { revealId: id, ...reveal.auditData, fields: reveal.fields, reason }, ip: reveal.ip },
    at,
  );
  return id;
}
