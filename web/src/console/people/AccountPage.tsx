import { DesktopOutlined, LogoutOutlined, MobileOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { PasswordChangeForm } from '../../shared/password/PasswordChangeForm';
import { formatTime } from '../cases/format';

type Session = Schemas['Session'];
const k = 'adminUsers.account';

/** "Chrome · Android" from a user-agent string; enough to tell one's own devices apart. */
function describeDevice(userAgent: string | null): { label: string | null; isPhone: boolean } {
  if (!userAgent) return { label: null, isPhone: false };
  const browser =
    [/MicroMessenger/, /EdgA?\//, /Firefox\//, /Chrome\//, /Safari\//].map((re, i) => (re.test(userAgent) ? ['微信', 'Edge', 'Firefox', 'Chrome', 'Safari'][i] : null)).find(Boolean) ??
    userAgent.split(/[ /]/)[0]!;
  const os = [/Android/, /iPhone|iPad/, /Windows/, /Mac OS X/, /Linux/].map((re, i) => (re.test(userAgent) ? ['Android', 'iOS', 'Windows', 'macOS', 'Linux'][i] : null)).find(Boolean);
  return { label: os ? `${browser} · ${os}` : browser, isPhone: /Android|iPhone|Mobile/.test(userAgent) };
}

/** The server's idle limit, read off the current session (idle end minus last activity). */
function idleMinutes(items: Session[] | undefined): number | string {
  const current = items?.find((s) => s.isCurrent);
  if (!current) return '…';
  return Math.round((Date.parse(current.idleExpiresAt) - Date.parse(current.lastSeenAt)) / 60_000);
}

/** 我的账号: who I am, change my password, the devices signed in to my account. */
export default function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: () => call(api.GET('/api/v1/auth/sessions')) });
  if (!user) return null;

  const endSession = async (session: Session) => {
    try {
      await call(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id: session.id } } }));
      if (session.isCurrent) {
        queryClient.clear();
        navigate('/login', { replace: true });
        return;
      }
      message.success(t(`${k}.signedOutDevice`));
      await sessions.refetch();
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };
  const endEverywhere = async () => {
    try {
      const { revokedSessions } = await call(api.POST('/api/v1/auth/logout-everywhere'));
      message.success(t(`${k}.signedOutEverywhere`, { count: revokedSessions }));
      queryClient.clear();
      navigate('/login', { replace: true });
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };

  const columns: TableColumnsType<Session> = [
    {
      title: t(`${k}.device`),
      key: 'device',
      render: (_, s) => {
        const device = describeDevice(s.userAgent);
        return (
          <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', minWidth: 0 }}>
            <span style={{ paddingTop: 2 }}>{device.isPhone ? <MobileOutlined /> : <DesktopOutlined />}</span>
            <div style={{ minWidth: 0 }}>
              <div title={s.userAgent ?? undefined} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {device.label ?? t(`${k}.unknownDevice`)}
                {s.isCurrent ? (
                  <Tag color="blue" style={{ marginInlineStart: 8 }}>
                    {t(`${k}.current`)}
                  </Tag>
                ) : null}
              </div>
              <div className="wg-cell-sub">{s.ip ?? '—'}</div>
            </div>
          </div>
        );
      },
    },
    {
      title: t(`${k}.lastSeen`),
      key: 'seen',
      width: 170,
      render: (_, s) => (
        <div>
          <div>{formatTime(s.lastSeenAt)}</div>
          <div className="wg-cell-sub">
            {t(`${k}.signedInAt`)} {formatTime(s.createdAt)}
          </div>
        </div>
      ),
    },
    {
      key: 'actions',
      width: 110,
      align: 'right',
      render: (_, s) => (
        <Popconfirm title={t(`${k}.signOutDeviceConfirm`)} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => endSession(s)}>
          <Button type="link" size="small" danger style={{ paddingInline: 0 }}>
            {t(`${k}.signOutDevice`)}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t(`${k}.title`)}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10} xxl={9}>
          <Card title={t(`${k}.profile`)} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t(`${k}.username`)}>{user.username}</Descriptions.Item>
              <Descriptions.Item label={t(`${k}.role`)}>{user.roleLabel}</Descriptions.Item>
              <Descriptions.Item label={t(`${k}.unit`)}>{user.unit?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t(`${k}.nodes`)}>{user.nodes.map((n) => n.name).join('、') || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t(`${k}.changePassword`)} size="small">
            <PasswordChangeForm
              username={user.username}
              onChanged={async () => {
                message.success(t('adminUsers.password.changed'));
                await sessions.refetch();
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14} xxl={15}>
          <Card
            title={t(`${k}.sessions`)}
            size="small"
            extra={
              <Popconfirm title={t(`${k}.signOutEverywhereConfirm`)} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={endEverywhere}>
                <Button danger icon={<LogoutOutlined />} size="small" data-testid="sign-out-everywhere">
                  {t(`${k}.signOutEverywhere`)}
                </Button>
              </Popconfirm>
            }
          >
            <Typography.Paragraph type="secondary">{t(`${k}.sessionsIntro`, { minutes: idleMinutes(sessions.data?.items) })}</Typography.Paragraph>
            {sessions.isError ? <Alert type="error" showIcon message={t(`${k}.loadFailed`, { message: errorMessage(sessions.error, t) })} /> : null}
            <Table<Session> rowKey="id" size="small" loading={sessions.isFetching} columns={columns} dataSource={sessions.data?.items ?? []} pagination={false} tableLayout="fixed" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
