import { ApiOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { typeLabelKey } from '../../notifications/useNotifications';
import { errorMessage } from '../../shared/errors';
import { CreateWebhookModal, SecretModal } from './WebhookForms';
import { formatDateTime } from '../../shared/format/time';

type Webhook = Schemas['Webhook'];
type Delivery = Schemas['WebhookDelivery'];
type Status = Delivery['status'];
const statusColour: Record<Status, string> = { pending: 'blue', delivered: 'green', failed: 'orange', dead: 'red' };

/** Webhook 推送: subscriptions (create, ping, pause, delete) and the delivery log with replay. Administrators only. */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [isCreating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | undefined>();
  const [subscriptionId, setSubscriptionId] = useState<string | undefined>();
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => call(api.GET('/api/v1/webhooks')) });
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', status, subscriptionId],
    queryFn: () => call(api.GET('/api/v1/webhook-deliveries', { params: { query: { status, subscriptionId, limit: 50 } } })),
    refetchInterval: 5000,
  });
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : '');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhook-deliveries'] }).then(() => queryClient.invalidateQueries({ queryKey: ['webhooks'] }));
  const run = async (action: () => Promise<string>) => {
    try {
      message.success(await action());
      await refresh();
    } catch (e) {
      message.error(t('notifications.webhooks.actionFailed', { message: errorMessage(e, t) }));
    }
  };

  const ping = (hook: Webhook) =>
    run(async () => {
      const d = await call(api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id: hook.id } } }));
      return t('notifications.webhooks.pinged', { status: d.responseStatus ?? d.lastError ?? t(`notifications.webhooks.status.${d.status}`) });
    });
  const setActive = (hook: Webhook, isActive: boolean) =>
    run(async () => {
      await call(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: hook.id } }, body: { version: hook.version, isActive } }));
      return hook.name;
    });
  const remove = (hook: Webhook) =>
    run(async () => {
      await call(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: hook.id } } }));
      return t('notifications.webhooks.removed');
    });
  const replay = (d: Delivery) =>
    run(async () => {
      await call(api.POST('/api/v1/webhook-deliveries/{id}/replay', { params: { path: { id: d.id } } }));
      return t('notifications.webhooks.replayed');
    });

  const typeTag = (type: string) => <Tag key={type}>{t(typeLabelKey(type), { defaultValue: type })}</Tag>;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <ApiOutlined />
            {t('notifications.webhooks.title')}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>
              {t('notifications.webhooks.reload')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="webhook-create">
              {t('notifications.webhooks.create')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('notifications.webhooks.intro')}</Typography.Paragraph>
        {hooks.error && <Alert type="error" showIcon message={errorMessage(hooks.error, t)} style={{ marginBottom: 16 }} />}
        <Table<Webhook>
          rowKey="id"
          size="small"
          loading={hooks.isLoading}
          dataSource={hooks.data?.items ?? []}
          locale={{ emptyText: t('notifications.webhooks.empty') }}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            { title: t('notifications.webhooks.columns.name'), dataIndex: 'name', width: 160 },
            { title: t('notifications.webhooks.columns.url'), dataIndex: 'url', render: (url: string) => <Typography.Text code copyable>{url}</Typography.Text> },
            { title: t('notifications.webhooks.columns.events'), dataIndex: 'eventTypes', render: (types: string[]) => types.map(typeTag) },
            { title: t('notifications.webhooks.columns.nodes'), dataIndex: 'nodes', width: 140, render: (nodes: Webhook['nodes']) => nodes.map((n) => n.name).join('、') },
            { title: t('notifications.webhooks.columns.active'), dataIndex: 'isActive', width: 70, render: (on: boolean, hook) => <Switch size="small" checked={on} onChange={(v) => void setActive(hook, v)} /> },
            {
              title: t('notifications.webhooks.columns.actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, hook) => (
                <Space>
                  <Button size="small" onClick={() => void ping(hook)} data-testid="webhook-ping">
                    {t('notifications.webhooks.ping')}
                  </Button>
                  <Button size="small" onClick={() => setSubscriptionId(hook.id)}>
                    {t('notifications.webhooks.deliveries')}
                  </Button>
                  <Popconfirm title={t('notifications.webhooks.removeConfirm', { name: hook.name })} okButtonProps={{ danger: true }} onConfirm={() => void remove(hook)}>
                    <Button size="small" danger>
                      {t('notifications.webhooks.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('notifications.webhooks.deliveries')}
        extra={
          <Space>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('notifications.webhooks.columns.subscription')}
              value={subscriptionId}
              onChange={setSubscriptionId}
              options={(hooks.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))}
            />
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('notifications.webhooks.allStatuses')}
              value={status}
              onChange={setStatus}
              options={(['pending', 'delivered', 'failed', 'dead'] as Status[]).map((s) => ({ value: s, label: t(`notifications.webhooks.status.${s}`) }))}
              data-testid="webhook-status-filter"
            />
          </Space>
        }
      >
        <Table<Delivery>
          rowKey="id"
          size="small"
          loading={deliveries.isLoading}
          dataSource={deliveries.data?.items ?? []}
          locale={{ emptyText: t('notifications.webhooks.noDeliveries') }}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="webhook-deliveries"
          expandable={{ expandedRowRender: (d) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(JSON.parse(d.requestBody), null, 2)}</pre> }}
          columns={[
            { title: t('notifications.webhooks.columns.time'), dataIndex: 'createdAt', width: 170, render: (at: string) => when(at) },
            { title: t('notifications.webhooks.columns.subscription'), dataIndex: 'subscriptionName', width: 140 },
            { title: t('notifications.webhooks.columns.event'), dataIndex: 'eventType', width: 120, render: typeTag },
            { title: t('notifications.webhooks.columns.status'), dataIndex: 'status', width: 110, render: (s: Status) => <Tag color={statusColour[s]}>{t(`notifications.webhooks.status.${s}`)}</Tag> },
            { title: t('notifications.webhooks.columns.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
            { title: t('notifications.webhooks.columns.response'), dataIndex: 'responseStatus', width: 70 },
            { title: t('notifications.webhooks.columns.error'), dataIndex: 'lastError', ellipsis: true },
            { title: t('notifications.webhooks.columns.next'), dataIndex: 'nextAttemptAt', width: 170, render: (at: string | null) => when(at) },
            {
              title: t('notifications.webhooks.columns.actions'),
              key: 'actions',
              width: 80,
              fixed: 'right',
              render: (_: unknown, d) => (
                <Button size="small" disabled={d.status === 'pending'} onClick={() => void replay(d)} data-testid="webhook-replay">
                  {t('notifications.webhooks.replay')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {isCreating && (
        <CreateWebhookModal
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSecret(created.secret);
            void refresh();
          }}
        />
      )}
      {secret && <SecretModal secret={secret} onClose={() => setSecret(null)} />}
    </Space>
  );
}
