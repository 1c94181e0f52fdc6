import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, ErrorBlock, PullToRefresh, SpinLoading, Tabs, Tag } from 'antd-mobile';
import { ClockCircleOutline, ExclamationCircleFill } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { errorMessage } from '../shared/errors';
import { formatDuration, formatTime } from './kit/duration';
import { PhoneTitle } from './kit/PhoneShell';

type Summary = Schemas['CaseSummary'];
type Tab = 'open' | 'handled' | 'all';

/** Which cases each tab asks for: mine (or my grid's) to work on, results waiting for my check, everything mine. */
const tabQueries: Record<Tab, { assignee?: string; status?: string }> = {
  open: { assignee: 'me', status: 'dispatched,in_progress,rework,returned,accepted' },
  handled: { status: 'handled' },
  all: { assignee: 'me' },
};

/** 我的任务: cards with colour, deadline countdown and overdue mark; pull down to refresh. */
export function TasksPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('open');
  const list = useInfiniteQuery({
    queryKey: ['mobile-tasks', tab],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/cases', { params: { query: { ...tabQueries[tab], limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PhoneTitle title={t('mobile.tasks.title')} />
      <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)} style={{ background: '#fff' }}>
        <Tabs.Tab key="open" title={t('mobile.tasks.tabs.open')} />
        <Tabs.Tab key="handled" title={t('mobile.tasks.tabs.handled')} />
        <Tabs.Tab key="all" title={t('mobile.tasks.tabs.all')} />
      </Tabs>
      <PullToRefresh
        onRefresh={async () => {
          await list.refetch();
        }}
        pullingText={t('mobile.tasks.pullToRefresh')}
        canReleaseText={t('mobile.tasks.release')}
        refreshingText={t('mobile.tasks.refreshing')}
        completeText={t('mobile.tasks.refreshed')}
      >
        <div style={{ minHeight: '70vh' }} data-testid="task-list">
          {list.isLoading && (
            <div style={{ display: 'grid', placeItems: 'center', padding: 40 }}>
              <SpinLoading />
              <p>{t('common.loading')}</p>
            </div>
          )}
          {list.error && (
            <div style={{ padding: 16 }}>
              <p className="wg-error">{t('mobile.tasks.loadFailed', { message: errorMessage(list.error, t) })}</p>
              <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
            </div>
          )}
          {list.isSuccess && items.length === 0 && <ErrorBlock status="empty" title={t('mobile.tasks.empty')} description="" />}
          {items.map((item) => (
            <TaskCard key={item.id} item={item} />
          ))}
          {list.hasNextPage && (
            <div style={{ padding: 12 }}>
              <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('mobile.tasks.loadMore')}
              </Button>
            </div>
          )}
        </div>
      </PullToRefresh>
    </>
  );
}

/** The deadline that matters now: respond-by while unaccepted, resolve-by afterwards. */
export function deadlineOf(item: Pick<Summary, 'status' | 'respondBy' | 'resolveBy'>): { kind: 'respondBy' | 'resolveBy'; at: string } | null {
  if (item.status === 'reported') return { kind: 'respondBy', at: item.respondBy };
  if (['accepted', 'dispatched', 'returned', 'in_progress', 'rework'].includes(item.status) && item.resolveBy) return { kind: 'resolveBy', at: item.resolveBy };
  return null;
}

export function Countdown({ item }: { item: Pick<Summary, 'status' | 'respondBy' | 'resolveBy' | 'isOverdue'> }) {
  const { t, i18n } = useTranslation();
  const deadline = deadlineOf(item);
  if (!deadline) return null;
  const left = new Date(deadline.at).getTime() - Date.now();
  if (item.isOverdue || left < 0) {
    // "超期 3 小时" says both that it is overdue and by how much; "已超期" alone when the time is not past.
    return <span className="wg-overdue"><ExclamationCircleFill /> {left < 0 ? t('mobile.tasks.overdueBy', { time: formatDuration(left, t) }) : t('mobile.tasks.overdue')}</span>;
  }
  return (
    <span className={`wg-due${left < 4 * 3600_000 ? ' soon' : ''}`} title={formatTime(deadline.at, i18n.language)}>
      <ClockCircleOutline /> {t('mobile.tasks.dueIn', { time: formatDuration(left, t) })}
    </span>
  );
}

function TaskCard({ item }: { item: Summary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className={`wg-card ${item.colour}`} role="button" tabIndex={0} onClick={() => navigate(`/m/cases/${item.id}`)} data-testid="task-card">
      <div className="wg-card-top">
        <span>{item.number}</span>
        <Tag color={item.colour === 'red' ? 'danger' : item.colour === 'yellow' ? 'warning' : 'success'}>{t(`mobile.colour.${item.colour}`)}</Tag>
      </div>
      <div className="wg-card-desc">{item.description}</div>
      <div className="wg-card-bottom">
        <span>
          <Tag color="primary" fill="outline">{item.statusLabel}</Tag> {item.category?.name ?? ''}
        </span>
        <Countdown item={item} />
      </div>
      <div className="wg-hint" style={{ fontSize: 14 }}>{item.grid?.name ?? item.territory.name}</div>
    </div>
  );
}
