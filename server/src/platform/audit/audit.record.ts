import type { Database } from '../db/database.js';
import { newId } from '../ids.js';
import type { Actor } from '../actor.js';
import { auditLog, type AuditActorKind } from './audit.tables.js';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  data?: Record<string, unknown>;
  ip?: string;
}

export interface AuditActor {
  kind: AuditActorKind;
  id: string | null;
}

/** Who an actor is, for the audit trail: a kind and an id, never a name or phone. */
export function auditActorOf(actor: Actor | AuditActor): AuditActor {
  if (actor.kind === 'public') return { kind: 'public', id: null };
  if (actor.kind === 'system') return actor as AuditActor;
  return { kind: actor.kind, id: actor.id } as AuditActor;
}

export const systemActor: AuditActor = { kind: 'system', id: null };

/**
 * Appends one audit row. Call it with the transaction that makes the change, so the row exists
 * exactly when the change does. Sealing (seq + hash chain) happens later, in order, in one job.
 */
export async function recordAudit(db: Database, actor: Actor | AuditActor, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  const who = auditActorOf(actor);
  await db.insert(auditLog).values({
    id: newId(),
    at,
    actorKind: who.kind,
    actorId: who.id,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    data: entry.data ?? null,
    ip: entry.ip ?? null,
  });
}
