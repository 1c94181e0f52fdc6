import { DownOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { formatTime } from '../cases/format';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { useRoles, useUnits, type UserAccount } from './peopleApi';
import { codeOf, TerritoryTreeSelect, type NodeChoice } from './TerritoryTreeSelect';
import { UserDrawer } from './UserDrawer';

interface Filters {
  q?: string;
  role?: UserAccount['role'];
  node?: NodeChoice;
  unit?: string;
  active?: 'true' | 'false';
}

const pageSize = 20;
const k = 'adminUsers.users';

/** 用户管理: the accounts in the administrator's territory, with create, edit, reset and deactivate. */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const { user: me } = useSession();
  const queryClient = useQueryClient();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [filters, setFilters] = useState<Filters>({ active: 'true' });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [drawer, setDrawer] = useState<{ user: UserAccount | null } | null>(null);
  const [shownPassword, setShownPassword] = useState<{ name: string; username: string; password: string } | null>(null);
  const roles = useRoles();
  const units = useUnits();

  const query = {
    q: filters.q || undefined,
    role: filters.role,
    node: filters.node ? codeOf(filters.node) : undefined,
    unit: filters.unit,
    active: filters.active,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const list = useQuery({
    queryKey: ['users', query, lang],
    queryFn: () => call(api.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const patch = (next: Partial<Filters>) => {
    setFilters((old) => ({ ...old, ...next }));
    setPage(1);
  };

  const act = async (action: 'deactivate' | 'reactivate' | 'reset-password', account: UserAccount) => {
    try {
      if (action === 'reset-password') {
        const reset = await call(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id: account.id } } }));
        setShownPassword({ name: account.displayName, username: account.username, password: reset.oneTimePassword });
      } else if (action === 'deactivate') {
        await call(api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id: account.id } } }));
        message.success(t(`${k}.deactivated`, { name: account.displayName }));
      } else {
        await call(api.POST('/api/v1/users/{id}/reactivate', { params: { path: { id: account.id } } }));
        message.success(t(`${k}.reactivated`, { name: account.displayName }));
      }
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    } catch (error) {
      message.error(t(`${k}.actionFailed`, { message: errorMessage(error, t) }));
    }
  };

  const confirm = (action: 'deactivate' | 'reactivate' | 'reset-password', account: UserAccount) => {
    const titles = { deactivate: `${k}.deactivateTitle`, reactivate: `${k}.reactivateTitle`, 'reset-password': `${k}.resetTitle` } as const;
    const bodies = { deactivate: t(`${k}.deactivateBody`), reactivate: null, 'reset-password': t(`${k}.resetBody`) };
    void modal.confirm({
      title: t(titles[action], { name: account.displayName }),
      content: bodies[action],
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: action === 'deactivate' },
      onOk: () => act(action, account),
    });
  };

  const columns: TableColumnsType<UserAccount> = [
    {
      title: t(`${k}.columns.user`),
      key: 'user',
      render: (_, u) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ fontWeight: 500 }}>
            {u.displayName}
            {u.id === me?.id ? <Typography.Text type="secondary">{t(`${k}.self`)}</Typography.Text> : null}
          </div>
          <div className="wg-cell-sub">{u.username}</div>
        </div>
      ),
    },
    { title: t(`${k}.columns.role`), dataIndex: 'roleLabel', width: 170, render: (label: string) => <Tag>{label}</Tag> },
    {
      title: t(`${k}.columns.nodes`),
      key: 'nodes',
      ellipsis: true,
      render: (_, u) => {
        const names = u.nodes.map((n) => n.name).join('、');
        return names ? <Tooltip title={names}>{names}</Tooltip> : t(`${k}.noNodes`);
      },
    },
    { title: t(`${k}.columns.unit`), key: 'unit', width: 200, ellipsis: true, render: (_, u) => u.unit?.name ?? t(`${k}.noNodes`) },
    {
      title: t(`${k}.columns.status`),
      key: 'status',
      width: 170,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.isActive ? <Tag color="green">{t(`${k}.status.active`)}</Tag> : <Tag>{t(`${k}.status.inactive`)}</Tag>}
          {u.isLocked ? (
            <Tooltip title={t(`${k}.lockedHint`)}>
              <Tag color="red">{t(`${k}.status.locked`)}</Tag>
            </Tooltip>
          ) : null}
          {u.mustChangePassword ? <Tag color="gold">{t(`${k}.status.mustChange`)}</Tag> : null}
        </Space>
      ),
    },
    { title: t(`${k}.columns.lastLogin`), dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => (v ? formatTime(v) : <Typography.Text type="secondary">{t(`${k}.never`)}</Typography.Text>) },
    {
      title: t(`${k}.columns.actions`),
      key: 'actions',
      width: 170,
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ user: u })}>
            {t(`${k}.edit`)}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'reset-password', label: t(`${k}.resetPassword`), disabled: u.id === me?.id },
                u.isActive
                  ? { key: 'deactivate', label: t(`${k}.deactivate`), danger: true, disabled: u.id === me?.id }
                  : { key: 'reactivate', label: t(`${k}.reactivate`) },
              ],
              onClick: ({ key }) => confirm(key as 'deactivate' | 'reactivate' | 'reset-password', u),
            }}
          >
            <Button type="link" size="small">
              {t(`${k}.more`)} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(`${k}.title`)}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined spin={list.isFetching} />} onClick={() => void list.refetch()}>
            {t(`${k}.refresh`)}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ user: null })} data-testid="user-create">
            {t(`${k}.create`)}
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t(`${k}.filters.q`)}
          style={{ width: 220 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => patch({ q: q.trim() || undefined })}
          data-testid="users-search"
        />
        <Select allowClear style={{ width: 170 }} placeholder={t(`${k}.filters.role`)} value={filters.role} onChange={(role) => patch({ role })} options={(roles.data?.roles ?? []).map((r) => ({ value: r.role, label: r.label[lang] }))} />
        <TerritoryTreeSelect allowClear style={{ width: 200 }} placeholder={t(`${k}.filters.node`)} value={filters.node ?? null} onChange={(node) => patch({ node: node as NodeChoice | undefined })} />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          placeholder={t(`${k}.filters.unit`)}
          value={filters.unit}
          onChange={(unit) => patch({ unit })}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.shortName ?? u.name }))}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t(`${k}.filters.active`)}
          value={filters.active}
          onChange={(active) => patch({ active })}
          options={[
            { value: 'true', label: t(`${k}.filters.activeOnly`) },
            { value: 'false', label: t(`${k}.filters.inactiveOnly`) },
          ]}
        />
      </Space>
      {list.isError ? <Alert type="error" showIcon message={t(`${k}.loadFailed`, { message: errorMessage(list.error, t) })} style={{ marginBottom: 12 }} /> : null}
      <Table<UserAccount>
        rowKey="id"
        size="middle"
        data-testid="users-table"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        tableLayout="fixed"
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t(`${k}.total`, { count: total }),
          onChange: setPage,
        }}
      />
      {drawer ? (
        <UserDrawer
          open
          key={drawer.user?.id ?? 'new'}
          user={drawer.user}
          roles={roles.data?.roles ?? []}
          units={units.data?.items ?? []}
          onClose={() => setDrawer(null)}
          onCreated={(created, password) => {
            // Show the new account right away, whatever page it falls on.
            setSearch(created.username);
            patch({ q: created.username, active: undefined });
            if (password) setShownPassword({ name: created.displayName, username: created.username, password });
          }}
        />
      ) : null}
      <OneTimePasswordModal shown={shownPassword} onClose={() => setShownPassword(null)} />
    </div>
  );
}
