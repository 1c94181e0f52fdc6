import { z } from 'zod';
import { notificationChannels } from './notifications.tables.js';
import { textInput } from '../../platform/text.js';

export const notificationView = z
  .object({
    id: z.string().uuid(),
    type: z.string().describe('Event type, e.g. case.dispatched (docs/notifications.md lists them)'),
    caseId: z.string().uuid().nullable(),
    caseNumber: z.string().nullable(),
    title: z.string().describe('Rendered in the language asked for (lang, else Accept-Language)'),
    body: z.string(),
    data: z.record(z.string(), z.unknown()).describe('References only: ids, numbers, codes'),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof notificationView>;

export const listNotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: unread only'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: textInput().uuid('分页游标格式不正确|not a notification id').optional().describe('Cursor: the id of the last item of the previous page'),
  lang: z.enum(['zh', 'en']).optional(),
});

export const notificationList = z
  .object({
    items: z.array(notificationView),
    unreadCount: z.number().int(),
    nextBefore: z.string().nullable().describe('Pass as `before` for the next page; null on the last page'),
  })
  .meta({ id: 'NotificationList' });

export const notificationIdParams = z.object({ id: textInput().uuid('通知编号格式不正确|not a notification id') });

export const streamQuery = z.object({
  lang: z.enum(['zh', 'en']).optional(),
  maxSeconds: z.coerce.number().int().min(0).max(3600).optional().describe('Close the stream after this long (0: after the first poll); default: stay open'),
});

const channel = z.enum(notificationChannels);

export const preferenceItem = z.object({
  eventType: z.string(),
  channels: z.array(channel),
  isDefault: z.boolean().describe('True when the person chose nothing and the defaults apply'),
  defaultChannels: z.array(channel),
});

export const preferencesView = z
  .object({
    locale: z.enum(['zh', 'en']).describe('Language of email and SMS texts'),
    email: z.object({ enabled: z.boolean().describe('False when the server has no SMTP configured'), hasAddress: z.boolean() }),
    sms: z.object({ hasPhone: z.boolean() }),
    items: z.array(preferenceItem),
  })
  .meta({ id: 'NotificationPreferences' });

export const updatePreferencesBody = z
  .object({
    locale: z.enum(['zh', 'en']).optional(),
    items: z
      .array(z.object({ eventType: textInput().min(1).max(60), channels: z.array(channel).max(3) }))
      .max(60)
      .default([]),
  })
  .meta({ id: 'UpdateNotificationPreferences' });
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesBody>;
