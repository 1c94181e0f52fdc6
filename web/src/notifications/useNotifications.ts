import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';

export type Notification = Schemas['Notification'];

const listKey = ['notifications'] as const;

/** The text key of an event type's label (`case.deadline-warning` → `notifications.types.deadline-warning`). */
export function typeLabelKey(type: string): string {
  return `notifications.types.${type.split('.').pop()}`;
}

/**
 * The live unread count: one EventSource on /api/v1/notifications/stream (the session cookie signs
 * it in). Each new notification refreshes the lists; the browser reconnects by itself and resumes
 * after the last event id.
 */
export function useNotificationStream(enabled = true): { unread: number; isLive: boolean } {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [unread, setUnread] = useState(0);
  const [isLive, setLive] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/notifications/stream?lang=${lang}`);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('unread', (e) => setUnread(Number(JSON.parse((e as MessageEvent<string>).data).count) || 0));
    source.addEventListener('notification', () => void queryClient.invalidateQueries({ queryKey: listKey }));
    return () => source.close();
  }, [enabled, lang, queryClient]);
  return { unread, isLive };
}

/** My notifications, newest first, a page at a time. */
export function useNotificationList(unreadOnly: boolean) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return useInfiniteQuery({
    queryKey: [...listKey, { unreadOnly, lang }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/notifications', { params: { query: { unread: unreadOnly ? 'true' : undefined, limit: 20, before: pageParam, lang } } })),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** Read-marking that refreshes the lists (the stream then sends the new unread count on the next event). */
export function useMarkRead() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey });
  return {
    one: async (id: string) => {
      await call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
      await refresh();
    },
    all: async () => {
      await call(api.POST('/api/v1/notifications/read-all'));
      await refresh();
    },
  };
}
