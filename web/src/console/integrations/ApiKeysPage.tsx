import { KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { codeOf, TerritoryTreeSelect, type NodeChoice } from '../people/TerritoryTreeSelect';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format/time';

type ApiKey = Schemas['ApiKey'];
type CreatedApiKey = Schemas['CreatedApiKey'];
type Permission = Schemas['CreateApiKey']['permissions'][number];

const permissionList: Permission[] = ['case:create', 'case:read', 'territory:read'];
const statusColour = { active: 'green', revoked: 'red', expired: 'default' } as const;
/** Text keys for the permissions (i18next reads ':' as a namespace separator, so not the codes themselves). */
const permissionKey: Record<string, string> = { 'case:create': 'caseCreate', 'case:read': 'caseRead', 'territory:read': 'territoryRead' };

function when(iso: string | null): string {
  return iso ? formatDateTime(iso) : '';
}

/** "API 密钥": integrations' keys — list, create (shown once), revoke. Administrators only. */
export default function ApiKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => call(api.GET('/api/v1/api-keys')) });

  const revoke = async (key: ApiKey) => {
    try {
      await call(api.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id: key.id } } }));
      message.success(t('apiKeys.revoked', { name: key.name }));
      await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    } catch (e) {
      message.error(t('apiKeys.revokeFailed', { message: errorMessage(e, t) }));
    }
  };

  return (
    <Card
      title={
        <Space>
          <KeyOutlined />
          {t('apiKeys.title')}
        </Space>
      }
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void keys.refetch()}>
            {t('apiKeys.reload')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-create">
            {t('apiKeys.create')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('apiKeys.intro')}</Typography.Paragraph>
      {keys.error && <Alert type="error" showIcon message={t('apiKeys.loadFailed', { message: errorMessage(keys.error, t) })} style={{ marginBottom: 16 }} />}
      <Table<ApiKey>
        rowKey="id"
        loading={keys.isLoading}
        dataSource={keys.data?.items ?? []}
        locale={{ emptyText: t('apiKeys.empty') }}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('apiKeys.columns.name'), dataIndex: 'name', width: 180 },
          { title: t('apiKeys.columns.prefix'), dataIndex: 'prefix', width: 130, render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
          {
            title: t('apiKeys.columns.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: ApiKey['status']) => <Tag color={statusColour[status]}>{t(`apiKeys.status.${status}`)}</Tag>,
          },
          {
            title: t('apiKeys.columns.permissions'),
            dataIndex: 'permissions',
            render: (list: string[]) => list.map((p) => <Tag key={p}>{permissionKey[p] ? t(`apiKeys.permissions.${permissionKey[p]}`) : p}</Tag>),
          },
          { title: t('apiKeys.columns.nodes'), dataIndex: 'nodes', render: (nodes: ApiKey['nodes']) => nodes.map((n) => n.name).join('、') },
          {
            title: t('apiKeys.columns.createdAt'),
            dataIndex: 'createdAt',
            width: 150,
            render: (at: string, key) => (
              <>
                {when(at)}
                <br />
                <Typography.Text type="secondary">{key.createdBy.name}</Typography.Text>
              </>
            ),
          },
          { title: t('apiKeys.columns.expiresAt'), dataIndex: 'expiresAt', width: 130, render: (at: string | null) => (at ? when(at) : t('apiKeys.noExpiry')) },
          {
            title: t('apiKeys.columns.lastUsed'),
            dataIndex: 'lastUsedAt',
            width: 150,
            render: (at: string | null, key) =>
              at ? (
                <>
                  {when(at)}
                  <br />
                  <Typography.Text type="secondary">{key.lastUsedIp}</Typography.Text>
                </>
              ) : (
                <Typography.Text type="secondary">{t('apiKeys.never')}</Typography.Text>
              ),
          },
          {
            title: t('apiKeys.columns.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right',
            render: (_: unknown, key) =>
              key.status === 'active' ? (
                <Popconfirm
                  title={t('apiKeys.revokeConfirm', { name: key.name })}
                  description={t('apiKeys.revokeHint')}
                  okText={t('apiKeys.revokeOk')}
                  cancelText={t('apiKeys.revokeCancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke(key)}
                >
                  <Button danger size="small">
                    {t('apiKeys.revoke')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      {isCreating && (
        <CreateKeyModal
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
            void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
          }}
        />
      )}
      {created && <ShownOnceModal created={created} onClose={() => setCreated(null)} />}
    </Card>
  );
}

interface CreateForm {
  name: string;
  permissions: Permission[];
  nodes: NodeChoice[];
  expiresAt?: { toISOString(): string } | null;
}

function CreateKeyModal({ onClose, onCreated }: { onClose: () => void; onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateForm>();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const submit = async (values: CreateForm) => {
    setSaving(true);
    setError(null);
    try {
      const key = await call(
        api.POST('/api/v1/api-keys', {
          body: {
            name: values.name.trim(),
            permissions: values.permissions,
            nodeCodes: values.nodes.map(codeOf),
            ...(values.expiresAt ? { expiresAt: values.expiresAt.toISOString() } : {}),
          },
        }),
      );
      onCreated(key);
    } catch (e) {
      setError(t('apiKeys.form.failed', { message: errorMessage(e, t) }));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('apiKeys.form.title')}
      okText={t('apiKeys.form.submit')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<CreateForm> form={form} layout="vertical" onFinish={submit} initialValues={{ permissions: ['case:create', 'case:read'] }}>
        <Form.Item name="name" label={t('apiKeys.form.name')} rules={[{ required: true, min: 2, whitespace: true, message: t('apiKeys.form.nameRequired') }]}>
          <Input placeholder={t('apiKeys.form.namePlaceholder')} maxLength={80} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item name="permissions" label={t('apiKeys.form.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.form.permissionsRequired') }]}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Flex vertical gap={6}>
              {permissionList.map((p) => (
                <Checkbox key={p} value={p}>
                  {t(`apiKeys.permissions.${permissionKey[p]}`)} <Typography.Text type="secondary">— {t(`apiKeys.permissionHints.${permissionKey[p]}`)}</Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="nodes" label={t('apiKeys.form.nodes')} rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.form.nodesRequired') }]}>
          <TerritoryTreeSelect multiple placeholder={t('apiKeys.form.nodesPlaceholder')} style={{ width: '100%' }} data-testid="api-key-nodes" />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('apiKeys.form.expiresAt')} extra={t('apiKeys.form.expiresHint')}>
          <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isBefore(new Date(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ShownOnceModal({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('apiKeys.created.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-done">
          {t('apiKeys.created.done')}
        </Button>
      }
      width={620}
    >
      <Alert type="warning" showIcon message={t('apiKeys.created.warning')} style={{ marginBottom: 16 }} />
      <Typography.Text strong>
        {created.name} · {t('apiKeys.created.key')}
      </Typography.Text>
      <Typography.Paragraph
        copyable={{ text: created.key, tooltips: [t('apiKeys.created.key'), t('apiKeys.created.copied')] }}
        code
        style={{ fontSize: 15, wordBreak: 'break-all', marginTop: 8 }}
        data-testid="api-key-secret"
      >
        {created.key}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('apiKeys.created.usage')}</Typography.Paragraph>
    </Modal>
  );
}
