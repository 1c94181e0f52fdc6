import { CloudUploadOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { HouseholdDrawer } from './HouseholdDrawer';
import { householdTags, tagColours, type HouseholdListItem } from './householdsApi';
import { formatDate } from '../../shared/format/time';

/** /console/households: 户籍台账 — the households in scope, filters, masked heads, coloured tags. */
export default function HouseholdsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const canEdit = user?.permissions.includes('household:edit') ?? false;
  const canImport = user?.permissions.includes('household:import') ?? false;
  const [filters, setFilters] = useState<{ under?: string; tag?: (typeof householdTags)[number]; q?: string; phone?: string; active: 'true' | 'all' }>({ active: 'true' });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | 'new' | null>(null);

  const villages = useQuery({
    queryKey: ['households', 'under-options', user?.nodes.map((n) => n.code).join(',')],
    queryFn: async () => {
      const options: Array<{ value: string; label: string }> = [];
      for (const node of user?.nodes ?? []) {
        const detail = await call(api.GET('/api/v1/territories/{code}', { params: { path: { code: node.code } } }));
        options.push({ value: detail.code, label: detail.name });
        for (const child of detail.children ?? []) options.push({ value: child.code, label: `${detail.name} / ${child.name}` });
      }
      return options;
    },
    staleTime: 5 * 60_000,
  });

  const list = useQuery({
    queryKey: ['households', 'list', filters, page],
    queryFn: () => call(api.GET('/api/v1/households', { params: { query: { ...filters, ...page } } })),
  });

  const tagLabel = (tag: string) => t(`households.tags.${tag}`);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('households.list.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', maxWidth: 760 }}>
            {t('households.list.intro')}
          </Typography.Paragraph>
        </div>
        <Space>
          {canImport ? (
            <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/console/household-import')}>
              {t('households.list.import')}
            </Button>
          ) : null}
          {canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')}>
              {t('households.list.add')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 260 }} placeholder={t('households.list.under')} options={villages.data ?? []} loading={villages.isLoading} onChange={(under?: string) => (setFilters({ ...filters, under }), setPage({ ...page, page: 1 }))} />
          <Select allowClear style={{ width: 160 }} placeholder={t('households.list.tag')} options={householdTags.map((tag) => ({ value: tag, label: tagLabel(tag) }))} onChange={(tag?: (typeof householdTags)[number]) => (setFilters({ ...filters, tag }), setPage({ ...page, page: 1 }))} />
          <Input.Search allowClear style={{ width: 260 }} placeholder={t('households.list.search')} onSearch={(q) => (setFilters({ ...filters, q: q || undefined }), setPage({ ...page, page: 1 }))} />
          <Input.Search allowClear style={{ width: 200 }} placeholder={t('households.list.phone')} inputMode="tel" onSearch={(phone) => (setFilters({ ...filters, phone: phone || undefined }), setPage({ ...page, page: 1 }))} />
          <Checkbox onChange={(e) => setFilters({ ...filters, active: e.target.checked ? 'all' : 'true' })}>{t('households.list.showInactive')}</Checkbox>
        </Flex>
      </Card>
      <Table<HouseholdListItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onRow={(row) => ({ onClick: () => setOpen(row.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (count) => t('households.list.total', { count }),
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
        columns={[
          {
            title: t('households.list.address'),
            key: 'address',
            render: (_, h) => (
              <Space size={4}>
                <span data-testid="household-address">{[h.address, h.building && `${h.building}栋`, h.unit && `${h.unit}单元`, h.room].filter(Boolean).join(' ')}</span>
                {h.lat !== null ? <EnvironmentOutlined title={t('households.list.located')} style={{ color: '#1677ff' }} /> : null}
                {!h.isActive ? <Tag>{t('households.list.inactive')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('households.list.grid'), key: 'grid', render: (_, h) => <span>{h.village ? `${h.village.name} · ` : ''}{h.grid.name}</span> },
          { title: t('households.list.head'), key: 'head', render: (_, h) => (h.head ? <span>{h.head.name} <Typography.Text type="secondary">{h.head.phone}</Typography.Text></span> : '—') },
          { title: t('households.list.members'), dataIndex: 'memberCount', width: 70, align: 'right' },
          { title: t('households.list.tag'), key: 'tags', render: (_, h) => h.tags.map((tag) => <Tag key={tag} color={tagColours[tag]}>{tagLabel(tag)}</Tag>) },
          { title: t('households.list.lastVisited'), key: 'visited', width: 120, render: (_, h) => (h.lastVisitedAt ? formatDate(h.lastVisitedAt) : <Typography.Text type="secondary">{t('households.list.never')}</Typography.Text>) },
        ]}
      />
      {open ? <HouseholdDrawer id={open === 'new' ? null : open} canEdit={canEdit} onClose={() => setOpen(null)} onSaved={() => void list.refetch()} /> : null}
    </Flex>
  );
}
