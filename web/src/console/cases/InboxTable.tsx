import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CellText } from '../CellText';
import type { fetchCasePage } from './caseApi';
import { ColourTag, currentDeadline, formatTime, StatusTag, type CaseSummary } from './format';
import { useDuplicateFlags } from '../duplicates/useDuplicateFlags';

export type InboxList = UseInfiniteQueryResult<InfiniteData<Awaited<ReturnType<typeof fetchCasePage>>>>;

/** The inbox's cases, page after page ("load more"); rows can be selected for batch dispatch when `selection` is given. */
export function InboxTable({ list, items, selection }: { list: InboxList; items: CaseSummary[]; selection?: { selected: CaseSummary[]; onChange: (rows: CaseSummary[]) => void } }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const flags = useDuplicateFlags(items);
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
          {flags.has(c.id) && (
            <Tag color="orange" title={t('duplicates.inbox.badgeTitle', { number: flags.get(c.id)!.best.number, count: flags.get(c.id)!.likelyCount })} data-testid="duplicate-badge" style={{ marginTop: 2 }}>
              {t('duplicates.inbox.badge')}
            </Tag>
          )}
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

  return (
    <>
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
          selection
            ? {
                selectedRowKeys: selection.selected.map((c) => c.id),
                onChange: (_, rows) => selection.onChange(rows),
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
    </>
  );
}
