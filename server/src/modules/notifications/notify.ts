import type { Database } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { enqueueJob } from '../../platform/jobs/jobs.js';
import { notificationEvents, type Recipient } from './notifications.tables.js';

export type { Recipient } from './notifications.tables.js';

/**
 * Something that happened and who should hear of it. `type` names the template (`event-types.ts`
 * lists the known ones; an unknown type still reaches inboxes with a generic text). `data` holds
 * references only (ids, numbers, codes, times as ISO strings) — never names or phones.
 */
export interface NotificationEvent {
  type: string;
  caseId?: string;
  to: Recipient[];
  data?: Record<string, unknown>;
  at: Date;
}

/** Job kind of the fan-out (its definition lives in fan-out.job.ts). */
export const fanOutJobKind = 'notifications.fan-out';

/**
 * Records `event` in the caller's transaction and enqueues its fan-out job (dedupe key = event id).
 * Nothing is sent here: if the caller's transaction rolls back, neither the event nor the job exists;
 * if it commits, the job delivers it even across restarts. Returns the event id.
 */
export async function notify(tx: Database, event: NotificationEvent): Promise<string> {
  const id = newId();
  await tx.insert(notificationEvents).values({
    id,
    type: event.type,
    caseId: event.caseId ?? null,
    recipients: event.to,
    data: event.data ?? {},
    at: event.at,
    createdAt: event.at,
  });
  await enqueueJob(tx, fanOutJobKind, { eventId: id }, { dedupeKey: `notify:${id}`, maxAttempts: 10 });
  return id;
}
