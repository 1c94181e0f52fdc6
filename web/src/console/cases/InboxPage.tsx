import { DeleteOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Dropdown, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import i18n from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { CellText } from '../CellText';
import { BatchDispatchModal } from './BatchDispatchModal';
import { fetchAllCases, fetchCasePage, findCaseByNumber, territoryPaths, type CaseFilters } from './caseApi';
import { caseNumberPattern, channels, ColourTag, currentDeadline, colours, formatClock, formatTime, levels, StatusTag, type CaseSummary } from './format';
import { useCaseAbilities } from '../../shared/cases/useCaseAbilities';
import { useCaseStatuses } from '../../shared/cases/useCaseStatuses';
import { useSavedViews } from './savedViews';
import { useCategoryOptions } from './useCategories';
import { download } from '../../shared/download';
import { buildXlsx } from './xlsx';
import { codeOf, TerritoryTreeSelect } from '../people/TerritoryTreeSelect';

function parseFilters(raw: string | null): CaseFilters {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as CaseFilters) : {};
  } catch {
    return {};
  }
}

function clean(filters: CaseFilters): CaseFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0))) as CaseFilters;
}

/** The export: every page of the filtered list, Chinese column headers and values. */
async function exportCases(filters: CaseFilters, statusLabel: (status: string, language: 'zh') => string, onProgress: (n: number) => void): Promise<number> {
  const zh = i18n.getFixedT('zh', undefined, 'console.inbox');
  const items = await fetchAllCases(filters, 50_000, onProgress);
  const paths = await territoryPaths(items.map((c) => c.territory.code));
  const keys = ['number', 'status', 'colour', 'level', 'category', 'demandType', 'channel', 'description', 'territory', 'grid', 'assignee', 'respondBy', 'resolveBy', 'overdue', 'createdAt'] as const;
  const header = keys.map((k) => zh(`columns.${k}`));
  const rows = items.map((c) => [
    c.number,
    statusLabel(c.status, 'zh'),
    zh(`colours.${c.colour}`),
    zh(`levels.${c.level}`),
    c.category ? `${c.category.name}（${c.category.code}）` : '',
    zh(`demandTypes.${c.demandType}`),
    zh(`channels.${c.channel}`),
    c.description,
    paths.get(c.territory.code) ?? c.territory.name,
    c.grid?.name ?? '',
    c.assignee?.name ?? '',
    formatTime(c.respondBy),
    formatTime(c.resolveBy),
    c.isOverdue ? zh('yes') : zh('no'),
    formatTime(c.createdAt),
  ]);
  const stamp = formatTime(new Date().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
  download(buildXlsx('案件', header, rows, [24, 10, 6, 10, 22, 10, 14, 50, 18, 18, 18, 17, 17, 8, 17]), `案件列表-${stamp}.xlsx`);
  return items.length;
}

/** The case inbox: filters, saved views, live refresh, lookup by number, batch dispatch and export. */
export default function InboxPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params.get('filters')), [params]);
  const setFilters = (next: CaseFilters) => {
    const c = clean(next);
    setParams(Object.keys(c).length ? { filters: JSON.stringify(c) } : {}, { replace: true });
    setSelected([]);
  };
  const patch = (p: Partial<CaseFilters>) => setFilters({ ...filters, ...p });
  const [search, setSearch] = useState(filters.q ?? '');
  const [looking, setLooking] = useState(false);
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);
  const [exporting, setExporting] = useState<number | null>(null);
  const [saveOpen, setSaveOpen] = useState(false);
  const [saveForm] = Form.useForm<{ name: string }>();
  const { views, save, remove } = useSavedViews();
  const categories = useCategoryOptions();
  const isDispatcher = useCaseAbilities().canDispatch;
  const statuses = useCaseStatuses();

  const list = useInfiniteQuery({
    queryKey: ['cases', 'inbox', filters, i18n.language],
    queryFn: ({ pageParam }) => fetchCasePage(filters, pageParam, 50),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  async function lookup(value: string) {
    const text = value.trim();
    if (caseNumberPattern.test(text)) {
      setLooking(true);
      try {
        const found = await findCaseByNumber(text);
        if (found) navigate(`/console/cases/${found.id}`);
        else message.warning(t('console.inbox.lookupNotFound', { number: text }));
      } catch (e) {
        message.error(t('console.inbox.lookupFailed', { message: errorMessage(e, t) }));
      } finally {
        setLooking(false);
      }
      return;
    }
    patch({ q: text || undefined });
  }

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('console.inbox.columns.number'),
      dataIndex: 'number',
      width: 190,
      render: (_, c) => (
        <div>
          <Link to={`/console/cases/${c.id}`} className="wg-nowrap">
            {c.number}
          </Link>
          <div className="wg-cell-sub">{formatTime(c.createdAt)}</div>
        </div>
      ),
    },
    { title: t('console.inbox.columns.colour'), dataIndex: 'colour', width: 76, align: 'center', render: (_, c) => <ColourTag colour={c.colour} /> },
    { title: t('console.inbox.columns.status'), dataIndex: 'status', width: 104, render: (_, c) => <StatusTag status={c.status} label={c.statusLabel} /> },
    { title: t('console.inbox.columns.category'), dataIndex: 'category', width: 130, ellipsis: { showTitle: false }, render: (_, c) => <CellText text={c.category?.name} /> },
    {
      title: t('console.inbox.columns.description'),
      dataIndex: 'description',
      render: (_, c) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.description }} style={{ margin: 0 }}>
          {c.description}
        </Typography.Paragraph>
      ),
    },
    { title: t('console.inbox.columns.grid'), dataIndex: 'grid', width: 160, ellipsis: { showTitle: false }, render: (_, c) => <CellText text={c.grid?.name ?? c.territory.name} /> },
    { title: t('console.inbox.columns.assignee'), dataIndex: 'assignee', width: 160, ellipsis: { showTitle: false }, render: (_, c) => <CellText text={c.assignee?.name} /> },
    {
      title: t('console.inbox.columns.resolveBy'),
      key: 'deadline',
      width: 140,
      render: (_, c) => {
        const d = currentDeadline(c);
        return (
          <div>
            {d ? (
              <Typography.Text type={c.isOverdue ? 'danger' : undefined} className="wg-nowrap">
                {formatTime(d)}
              </Typography.Text>
            ) : (
              '—'
            )}
            {c.isOverdue && (
              <div>
                <Tag color="red" className="wg-nowrap" style={{ marginInlineEnd: 0 }}>
                  {t('console.inbox.overdueTag')}
                </Tag>
              </div>
            )}
          </div>
        );
      },
    },
  ];

  const categoryTree = categories.options.map((g) => ({ ...g, children: g.children.map((c) => ({ ...c, isLeaf: true })) }));

  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('console.inbox.title')}
          {list.data?.pages[0] ? (
            <Typography.Text type="secondary" data-testid="inbox-total" style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 12 }}>
              {t('console.inbox.total', { count: list.data.pages[0].total })}
            </Typography.Text>
          ) : null}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="inbox-updated">
            {list.isFetching ? t('console.inbox.refreshing') : list.dataUpdatedAt ? t('console.inbox.updatedAt', { time: formatClock(list.dataUpdatedAt) }) : null}
          </Typography.Text>
          <Button icon={<ReloadOutlined spin={list.isFetching} />} onClick={() => void list.refetch()}>
            {t('console.inbox.refresh')}
          </Button>
          <Dropdown
            menu={{
              items: views.length
                ? views.map((v) => ({
                    key: v.name,
                    label: (
                      <span style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
                        {v.name}
                        <DeleteOutlined
                          aria-label={t('console.inbox.deleteView')}
                          onClick={(e) => {
                            e.stopPropagation();
                            remove(v.name);
                          }}
                        />
                      </span>
                    ),
                  }))
                : [{ key: '', label: t('console.inbox.noViews'), disabled: true }],
              onClick: ({ key }) => {
                const view = views.find((v) => v.name === key);
                if (view) {
                  setSearch(view.filters.q ?? '');
                  setFilters(view.filters);
                }
              },
            }}
          >
            <Button>{t('console.inbox.savedViews')}</Button>
          </Dropdown>
          <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)}>
            {t('console.inbox.saveView')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting !== null}
            onClick={async () => {
              setExporting(0);
              try {
                const n = await exportCases(filters, statuses.label, setExporting);
                message.success(t('console.inbox.exportDone', { count: n }));
              } catch (e) {
                message.error(t('console.inbox.exportFailed', { message: errorMessage(e, t) }));
              } finally {
                setExporting(null);
              }
            }}
          >
            {exporting !== null ? t('console.inbox.exporting', { count: exporting }) : t('console.inbox.export')}
          </Button>
          {user?.permissions.includes('case:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/console/cases/new')}>
              {t('console.layout.newCase')}
            </Button>
          )}
        </Space>
      </div>

      <div className="wg-inbox-filters" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          data-testid="inbox-search"
          style={{ width: 360 }}
          allowClear
          value={search}
          placeholder={t('console.inbox.lookupPlaceholder')}
          enterButton={t('console.inbox.search')}
          loading={looking}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value && filters.q) patch({ q: undefined });
          }}
          onSearch={(v) => void lookup(v)}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: 220 }}
          placeholder={t('console.inbox.status')}
          value={filters.status ?? []}
          onChange={(v) => patch({ status: v })}
          options={statuses.options}
        />
        <Select allowClear style={{ width: 92 }} placeholder={t('console.inbox.colour')} value={filters.colour} onChange={(v) => patch({ colour: v })} options={colours.map((c) => ({ value: c, label: t(`console.inbox.colours.${c}`) }))} />
        <Select allowClear style={{ width: 116 }} placeholder={t('console.inbox.level')} value={filters.level} onChange={(v) => patch({ level: v })} options={levels.map((l) => ({ value: l, label: t(`console.inbox.levels.${l}`) }))} />
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          style={{ width: 180 }}
          placeholder={t('console.inbox.category')}
          value={filters.category}
          onChange={(v: string | undefined) => patch({ category: v })}
          treeData={categoryTree}
          loading={categories.isLoading}
          popupMatchSelectWidth={280}
        />
        <TerritoryTreeSelect
          allowClear
          style={{ width: 200 }}
          data-testid="inbox-territory"
          placeholder={t('console.inbox.territory')}
          value={filters.territory ? { value: `node:${filters.territory}`, label: filters.territoryName ?? filters.territory } : null}
          onChange={(v) => {
            const choice = Array.isArray(v) ? v[0] : v;
            patch({ territory: choice ? codeOf(choice) : undefined, territoryName: choice ? String(choice.label) : undefined });
          }}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: 170 }}
          placeholder={t('console.inbox.channel')}
          value={filters.channel ?? []}
          onChange={(v) => patch({ channel: v })}
          options={channels.map((c) => ({ value: c, label: t(`console.inbox.channels.${c}`) }))}
          data-testid="inbox-channel"
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          style={{ width: 250 }}
          placeholder={[t('console.inbox.from'), t('console.inbox.to')]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) => patch({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          data-testid="inbox-dates"
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('console.inbox.assignee')}
          value={filters.assignee}
          onChange={(v) => patch({ assignee: v })}
          options={[
            { value: 'me', label: t('console.inbox.assigneeMe') },
            { value: 'none', label: t('console.inbox.assigneeNone') },
          ]}
        />
        <Checkbox checked={!!filters.overdue} onChange={(e) => patch({ overdue: e.target.checked || undefined })} style={{ alignSelf: 'center' }}>
          {t('console.inbox.overdueOnly')}
        </Checkbox>
        <Button
          type="link"
          onClick={() => {
            setSearch('');
            setFilters({});
          }}
        >
          {t('console.inbox.reset')}
        </Button>
      </div>

      {list.error && !list.isFetching && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('console.inbox.loadFailed', { message: errorMessage(list.error, t) })} />}

      {isDispatcher && selected.length > 0 && (
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text>{t('console.inbox.selected', { count: selected.length })}</Typography.Text>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setBatchOpen(true)}>
            {t('console.inbox.batchDispatch')}
          </Button>
        </Space>
      )}

      <Table<CaseSummary>
        data-testid="inbox-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isLoading}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 1130 }}
        rowClassName={(c) => (c.isOverdue ? 'wg-row-overdue' : '')}
        rowSelection={
          isDispatcher
            ? {
                selectedRowKeys: selected.map((c) => c.id),
                onChange: (_, rows) => setSelected(rows),
                columnWidth: 40,
              }
            : undefined
        }
        onRow={(c) => ({ onDoubleClick: () => navigate(`/console/cases/${c.id}`) })}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('console.inbox.loadMore')}
          </Button>
        ) : (
          items.length > 0 && <Typography.Text type="secondary">{t('console.inbox.noMore')}</Typography.Text>
        )}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('console.inbox.loaded', { count: items.length })}
          </Typography.Text>
        </div>
      </div>

      <BatchDispatchModal cases={selected} open={batchOpen} onClose={() => setBatchOpen(false)} />

      <Modal
        open={saveOpen}
        title={t('console.inbox.saveView')}
        onCancel={() => setSaveOpen(false)}
        onOk={() => saveForm.submit()}
        destroyOnHidden
      >
        <Form
          form={saveForm}
          layout="vertical"
          onFinish={({ name }) => {
            save(name.trim(), filters);
            setSaveOpen(false);
            message.success(t('console.inbox.viewSaved', { name: name.trim() }));
          }}
        >
          <Form.Item name="name" label={t('console.inbox.viewName')} rules={[{ required: true, whitespace: true, message: t('console.inbox.viewNameRequired') }]}>
            <Input maxLength={30} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
