import { Badge, Button, ErrorBlock, List, PullToRefresh, SpinLoading, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { typeLabelKey, useMarkRead, useNotificationList, type Notification } from '../notifications/useNotifications';
import { errorMessage } from '../shared/errors';
import { PhoneTitle } from './kit/PhoneShell';
import { formatDateTime } from '../shared/format/time';

const urgentTypes = new Set(['case.red', 'case.whistle-emergency', 'case.overdue', 'case.supervision']);

/** 通知 on the phone: my notifications, newest first; tapping one marks it read and opens its case. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useNotificationList(false);
  const mark = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  const open = async (n: Notification) => {
    if (!n.readAt) await mark.one(n.id).catch(() => undefined);
    if (n.caseId) navigate(`/m/cases/${n.caseId}`);
  };
  return (
    <>
      <PhoneTitle title={t('notifications.mobile.title')} />
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '8px 12px', background: '#fff' }}>
        <Button size="small" disabled={unread === 0} onClick={() => void mark.all()}>
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <div style={{ minHeight: '70vh' }} data-testid="mobile-notifications">
          {list.isLoading && (
            <div style={{ display: 'grid', placeItems: 'center', padding: 40 }}>
              <SpinLoading />
            </div>
          )}
          {list.error && <p className="wg-error" style={{ padding: 16 }}>{t('notifications.loadFailed', { message: errorMessage(list.error, t) })}</p>}
          {!list.isLoading && items.length === 0 && <ErrorBlock status="empty" title={t('notifications.empty')} description="" />}
          <List>
            {items.map((n) => (
              <List.Item
                key={n.id}
                onClick={() => void open(n)}
                prefix={n.readAt ? <span style={{ width: 8, display: 'inline-block' }} /> : <Badge content={Badge.dot} />}
                description={
                  <>
                    <div>{n.body}</div>
                    <div style={{ fontSize: 12, color: '#999' }}>{formatDateTime(n.createdAt)}</div>
                  </>
                }
              >
                <Tag color={urgentTypes.has(n.type) ? 'danger' : 'primary'} fill="outline" style={{ marginRight: 6 }}>
                  {t(typeLabelKey(n.type), { defaultValue: n.type })}
                </Tag>
                <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>
              </List.Item>
            ))}
          </List>
          {list.hasNextPage && (
            <div style={{ padding: 12 }}>
              <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('notifications.loadMore')}
              </Button>
            </div>
          )}
        </div>
      </PullToRefresh>
    </>
  );
}

