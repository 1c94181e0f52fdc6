import { Button, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { formatTime } from '../mobile/kit/duration';
import { PhoneTitle } from '../mobile/kit/PhoneShell';
import { errorMessage } from '../shared/errors';
import { useResident, useResidentSession } from './residentSession';
import { FollowedCases } from './FollowedCases';

type Summary = Schemas['ResidentCaseSummary'];

export function statusColour(status: string): 'success' | 'danger' | 'warning' | 'primary' | 'default' {
  if (status === 'closed') return 'success';
  if (status === 'rejected') return 'danger';
  if (status === 'merged') return 'default';
  if (status === 'reported') return 'warning';
  return 'primary';
}

/** 我的诉求: every case reported with the signed-in phone (or while signed in), newest first. */
export function MyCasesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const resident = useResident();
  const { signOut } = useResidentSession();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['resident-cases', i18n.language],
    enabled: !!resident.data,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/resident/cases', { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

  if (resident.isLoading) return <Centered><DotLoading /></Centered>;
  if (!resident.data) return <Navigate to={`/r/login?next=${encodeURIComponent(`/r/cases${window.location.search}`)}`} replace />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PhoneTitle title={t('residentAccount.mine.title')} />
      <div className="wg-section" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: 0 }}>
        <span data-testid="resident-signed-in">{t('residentAccount.mine.signedInAs', { phone: resident.data.phone })}</span>
        <Button
          size="small"
          onClick={async () => {
            try {
              await signOut();
              navigate('/r/login', { replace: true });
            } catch (e) {
              setSignOutError(t('residentAccount.mine.signOutFailed', { message: errorMessage(e, t) }));
            }
          }}
        >
          {t('residentAccount.mine.signOut')}
        </Button>
      </div>
      {signOutError && <p className="wg-error" role="alert" style={{ padding: '0 16px' }}>{signOutError}</p>}
      {list.isLoading && <Centered><DotLoading /></Centered>}
      {list.error && (
        <div className="wg-section">
          <p className="wg-error" role="alert">{t('residentAccount.mine.loadFailed', { message: errorMessage(list.error, t) })}</p>
          <Button onClick={() => void list.refetch()}>{t('residentAccount.mine.retry')}</Button>
        </div>
      )}
      {list.isSuccess && items.length === 0 && (
        <ErrorBlock status="empty" title={t('residentAccount.mine.empty')} description={<Link to="/r/report">{t('residentAccount.mine.reportNow')}</Link>} />
      )}
      <div data-testid="resident-cases">
        {items.map((item) => (
          <CaseCard key={item.id} item={item} language={i18n.language} onOpen={() => navigate(`/r/cases/${item.id}`)} />
        ))}
      </div>
      {list.hasNextPage && (
        <div style={{ padding: 12 }}>
          <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('residentAccount.mine.more')}
          </Button>
        </div>
      )}
      <FollowedCases />
    </>
  );
}

/** A case card's first line on the phone: the number, and the status as a coloured tag. */
export function CaseCardTop({ number, status, statusLabel }: { number: string; status: string; statusLabel: string }) {
  return (
    <div className="wg-card-top">
      <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{number}</span>
      <Tag color={statusColour(status)} style={{ fontSize: 15 }}>
        {statusLabel}
      </Tag>
    </div>
  );
}

function CaseCard({ item, language, onOpen }: { item: Summary; language: string; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="wg-card" role="link" tabIndex={0} onClick={onOpen} onKeyDown={(e) => e.key === 'Enter' && onOpen()} data-testid="resident-case" style={{ cursor: 'pointer' }}>
      <CaseCardTop number={item.number} status={item.status} statusLabel={item.statusLabel} />
      <div className="wg-card-desc">{item.description}</div>
      <div className="wg-card-bottom">
        <span>{[item.category, item.area].filter(Boolean).join(' · ')}</span>
        <span style={{ color: '#666' }}>{t('residentAccount.mine.reportedAt', { time: formatTime(item.reportedAt, language) })}</span>
      </div>
      {item.lastUpdate && (
        <div className="wg-hint" style={{ marginTop: 4 }}>
          {t('residentAccount.mine.lastUpdate', { label: item.lastUpdate.label })} · {formatTime(item.lastUpdate.at, language)}
        </div>
      )}
    </div>
  );
}

function Centered({ children }: { children: ReactNode }) {
  return <div style={{ padding: 48, textAlign: 'center', fontSize: 24 }}>{children}</div>;
}
