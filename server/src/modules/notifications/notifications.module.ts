import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import type { CaseExtension } from '../cases/index.js';
import { notifyCaseAction, notifyCaseReported } from './case-events.js';
import { fanOutJob } from './fan-out.job.js';
import { notificationsRoutes } from './notifications.routes.js';
import { sendJob } from './send.job.js';
import { webhookDeliverJob } from './webhooks/webhook-deliver.job.js';
import { webhooksRoutes } from './webhooks/webhooks.routes.js';

const routes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, options) => {
  await app.register(notificationsRoutes, options);
  await app.register(webhooksRoutes, options);
};

/** Cases announce, notifications listen: each change and each new case becomes an outbox event. */
const caseExtension: CaseExtension = { afterChange: notifyCaseAction, afterIntake: notifyCaseReported };

/**
 * Notifications (docs/notifications.md): `notify(tx, event)` writes an outbox row; the fan-out job
 * fills inboxes (live over SSE) and queues email, SMS and signed webhook deliveries, each its own job.
 */
export const notificationsModule = { name: 'notifications', routes, jobs: [fanOutJob, sendJob, webhookDeliverJob], caseExtension } as const;
