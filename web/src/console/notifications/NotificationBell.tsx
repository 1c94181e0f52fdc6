import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Drawer, Flex, List, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../shared/errors';
import { typeLabelKey, useMarkRead, useNotificationList, useNotificationStream, type Notification } from '../../notifications/useNotifications';
import { formatDateTime } from '../../shared/format/time';

const urgentTypes = new Set(['case.red', 'case.whistle-emergency', 'case.overdue', 'case.supervision']);

/** The header bell: live unread count (SSE), opening a drawer with my notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { unread, isLive } = useNotificationStream();
  const list = useNotificationList(unreadOnly);
  const mark = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const count = list.data?.pages[0]?.unreadCount ?? unread;

  const openItem = async (n: Notification) => {
    try {
      if (!n.readAt) await mark.one(n.id);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
    if (n.caseId) {
      setOpen(false);
      navigate(`/console/cases/${n.caseId}`);
    }
  };

  return (
    <>
      <Badge count={Math.max(unread, count)} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('notifications.bell')} onClick={() => setOpen(true)} data-testid="notification-bell" />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        width={420}
        title={
          <Space>
            {t('notifications.drawerTitle')}
            <Tag color={isLive ? 'green' : 'default'}>{isLive ? t('notifications.live') : t('notifications.offline')}</Tag>
          </Space>
        }
        extra={
          <Button
            size="small"
            icon={<SettingOutlined />}
            onClick={() => {
              setOpen(false);
              navigate('/console/notification-settings');
            }}
          >
            {t('notifications.settings')}
          </Button>
        }
      >
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Space>
            <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} />
            {t('notifications.unreadOnly')}
          </Space>
          <Button size="small" disabled={count === 0} onClick={() => void mark.all().catch((e: unknown) => message.error(errorMessage(e, t)))}>
            {t('notifications.markAllRead')}
          </Button>
        </Flex>
        {list.error && <Alert type="error" showIcon message={t('notifications.loadFailed', { message: errorMessage(list.error, t) })} />}
        <List<Notification>
          loading={list.isLoading}
          dataSource={items}
          locale={{ emptyText: t('notifications.empty') }}
          data-testid="notification-list"
          renderItem={(n) => (
            <List.Item
              onClick={() => void openItem(n)}
              style={{ cursor: n.caseId ? 'pointer' : 'default', background: n.readAt ? undefined : 'var(--ant-color-primary-bg, #e6f4ff)', paddingInline: 12, borderRadius: 6 }}
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    {!n.readAt && <Badge status="processing" />}
                    <Tag color={urgentTypes.has(n.type) ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                      {t(typeLabelKey(n.type), { defaultValue: n.type })}
                    </Tag>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
        {list.hasNextPage && (
          <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ marginTop: 12 }}>
            {t('notifications.loadMore')}
          </Button>
        )}
      </Drawer>
    </>
  );
}
