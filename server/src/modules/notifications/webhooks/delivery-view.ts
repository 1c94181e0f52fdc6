import type { WebhookDeliveryRow } from '../notifications.tables.js';

/** A delivery as the API shows it (the body is references only, so it is shown in full). */
export function presentDelivery(d: WebhookDeliveryRow, subscriptionName: string) {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    subscriptionName,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    requestBody: d.requestBody,
  };
}
