import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import i18n from '../../i18n';
import { useCaseAbilities } from '../../shared/cases/useCaseAbilities';
import { errorMessage } from '../../shared/errors';
import { fetchCasePage, type CaseFilters } from './caseApi';
import type { CaseSummary } from './format';
import { InboxBatchBar } from './InboxBatchBar';
import { InboxFilters } from './InboxFilters';
import { InboxTable } from './InboxTable';
import { InboxToolbar } from './InboxToolbar';

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

/**
 * The case inbox: filters (kept in the address, so a link or a saved view restores them), live refresh,
 * lookup by number, batch dispatch for those who dispatch, and export.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params.get('filters')), [params]);
  const [search, setSearch] = useState(filters.q ?? '');
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  // Who dispatches is the server's case policy (GET /cases/abilities).
  const isDispatcher = useCaseAbilities().canDispatch;

  const setFilters = (next: CaseFilters) => {
    const c = clean(next);
    setParams(Object.keys(c).length ? { filters: JSON.stringify(c) } : {}, { replace: true });
    setSelected([]);
  };
  const patch = (p: Partial<CaseFilters>) => setFilters({ ...filters, ...p });
  const applyView = (view: CaseFilters) => {
    setSearch(view.q ?? '');
    setFilters(view);
  };

  const list = useInfiniteQuery({
    queryKey: ['cases', 'inbox', filters, i18n.language],
    queryFn: ({ pageParam }) => fetchCasePage(filters, pageParam, 50),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

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
        <InboxToolbar list={list} filters={filters} onApplyView={applyView} />
      </div>

      <InboxFilters filters={filters} patch={patch} reset={() => applyView({})} search={search} setSearch={setSearch} />

      {list.error && !list.isFetching && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('console.inbox.loadFailed', { message: errorMessage(list.error, t) })} />}

      {isDispatcher && <InboxBatchBar selected={selected} />}

      <InboxTable list={list} items={items} selection={isDispatcher ? { selected, onChange: setSelected } : undefined} />
    </div>
  );
}
