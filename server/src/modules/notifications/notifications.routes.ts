import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePermission } from '../../platform/actor.js';
import { listMyNotifications, markAllRead, markRead } from './inbox.service.js';
import {
  listNotificationsQuery,
  notificationIdParams,
  notificationList,
  notificationView,
  preferencesView,
  streamQuery,
  updatePreferencesBody,
} from './notifications.schema.js';
import { getMyPreferences, updateMyPreferences } from './preferences.service.js';
import { streamInbox } from './stream.js';

const tags = ['notifications'];

/** The caller's own inbox, stream and channel choices: every signed-in staff member, nobody else's rows. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const openStreams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...openStreams]) close();
  });

  app.get(
    '/api/v1/notifications',
    { schema: { tags, summary: 'My notifications, newest first (unread filter, cursor paging)', querystring: listNotificationsQuery, response: { 200: notificationList } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'case:read');
      return listMyNotifications(ctx, actor, request.query, request.lang);
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read', params: notificationIdParams, response: { 200: notificationView } } },
    async (request) => {
      const actor = requirePermission(request.actor, 'case:read');
      return markRead(ctx, actor, request.params.id, request.lang);
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: z.object({ updated: z.number().int() }) } } },
    async (request) => markAllRead(ctx, requirePermission(request.actor, 'case:read')),
  );

  app.get(
    '/api/v1/notifications/stream',
    {
      schema: {
        tags,
        summary: 'My new notifications as Server-Sent Events (event: notification | unread; heartbeat every 15 s; Last-Event-ID resumes)',
        querystring: streamQuery,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, 'case:read');
      await streamInbox(ctx, actor, request, reply, {
        lang: request.lang,
        maxSeconds: request.query.maxSeconds,
        open: openStreams,
      });
    },
  );

  app.get(
    '/api/v1/notifications/preferences',
    { schema: { tags, summary: 'My channels per event type (in-app, email, SMS) and the language of my texts', response: { 200: preferencesView } } },
    async (request) => getMyPreferences(ctx, requirePermission(request.actor, 'case:read')),
  );

  app.put(
    '/api/v1/notifications/preferences',
    { schema: { tags, summary: 'Choose my channels per event type and my language', body: updatePreferencesBody, response: { 200: preferencesView } } },
    async (request) => updateMyPreferences(ctx, requirePermission(request.actor, 'case:read'), request.body),
  );
};
