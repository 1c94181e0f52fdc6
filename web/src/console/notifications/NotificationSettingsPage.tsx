import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Radio, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { typeLabelKey } from '../../notifications/useNotifications';
import { errorMessage } from '../../shared/errors';

type Preferences = Schemas['NotificationPreferences'];
type Channel = Preferences['items'][number]['channels'][number];
const channels: Channel[] = ['in_app', 'email', 'sms'];

/** 我的通知设置: event type × channel, and the language of my email and SMS. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: ['notification-preferences'], queryFn: () => call(api.GET('/api/v1/notifications/preferences')) });
  const [draft, setDraft] = useState<Record<string, Channel[]>>({});
  const [locale, setLocale] = useState<'zh' | 'en'>('zh');
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    if (!prefs.data) return;
    setDraft(Object.fromEntries(prefs.data.items.map((i) => [i.eventType, i.channels])));
    setLocale(prefs.data.locale);
  }, [prefs.data]);

  const toggle = (type: string, channel: Channel, on: boolean) =>
    setDraft((d) => ({ ...d, [type]: on ? [...(d[type] ?? []), channel] : (d[type] ?? []).filter((c) => c !== channel) }));

  const save = async () => {
    setSaving(true);
    try {
      const saved = await call(
        api.PUT('/api/v1/notifications/preferences', { body: { locale, items: Object.entries(draft).map(([eventType, list]) => ({ eventType, channels: list })) } }),
      );
      queryClient.setQueryData(['notification-preferences'], saved);
      message.success(t('notifications.prefs.saved'));
    } catch (e) {
      message.error(t('notifications.prefs.saveFailed', { message: errorMessage(e, t) }));
    } finally {
      setSaving(false);
    }
  };

  const data = prefs.data;
  return (
    <Card
      title={
        <Space>
          <BellOutlined />
          {t('notifications.prefs.title')}
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => data && setDraft(Object.fromEntries(data.items.map((i) => [i.eventType, i.defaultChannels])))}>{t('notifications.prefs.reset')}</Button>
          <Button type="primary" loading={isSaving} onClick={() => void save()} data-testid="notification-prefs-save">
            {t('notifications.prefs.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('notifications.prefs.intro')}</Typography.Paragraph>
      {prefs.error && <Alert type="error" showIcon message={errorMessage(prefs.error, t)} style={{ marginBottom: 16 }} />}
      {data && !data.email.enabled && <Alert type="info" showIcon message={t('notifications.prefs.emailDisabled')} style={{ marginBottom: 8 }} />}
      {data?.email.enabled && !data.email.hasAddress && <Alert type="warning" showIcon message={t('notifications.prefs.noEmail')} style={{ marginBottom: 8 }} />}
      {data && !data.sms.hasPhone && <Alert type="warning" showIcon message={t('notifications.prefs.noPhone')} style={{ marginBottom: 8 }} />}
      <Space style={{ margin: '8px 0 16px' }}>
        <Typography.Text>{t('notifications.prefs.language')}</Typography.Text>
        <Radio.Group value={locale} onChange={(e) => setLocale(e.target.value as 'zh' | 'en')} optionType="button">
          <Radio.Button value="zh">{t('notifications.prefs.zh')}</Radio.Button>
          <Radio.Button value="en">{t('notifications.prefs.en')}</Radio.Button>
        </Radio.Group>
      </Space>
      <Table
        rowKey="eventType"
        size="small"
        loading={prefs.isLoading}
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="notification-prefs"
        columns={[
          {
            title: t('notifications.prefs.eventType'),
            dataIndex: 'eventType',
            render: (type: string) => (
              <Space>
                {t(typeLabelKey(type), { defaultValue: type })}
                <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                  {type}
                </Typography.Text>
              </Space>
            ),
          },
          ...channels.map((channel) => ({
            title: t(`notifications.channels.${channel}`),
            key: channel,
            width: 110,
            align: 'center' as const,
            render: (_: unknown, row: Preferences['items'][number]) => {
              const on = draft[row.eventType]?.includes(channel) ?? false;
              const isDefault = row.defaultChannels.includes(channel);
              return (
                <Space size={4}>
                  <Checkbox
                    checked={on}
                    disabled={channel === 'email' && !data?.email.enabled}
                    onChange={(e) => toggle(row.eventType, channel, e.target.checked)}
                    aria-label={`${row.eventType} ${channel}`}
                  />
                  {isDefault && <Tag style={{ marginInlineEnd: 0, fontSize: 11 }}>{t('notifications.prefs.isDefault')}</Tag>}
                </Space>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
