import { Button, Selector, TextArea, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { formatTime } from '../mobile/kit/duration';
import { errorMessage } from '../shared/errors';
import { CaseCardTop } from './MyCasesPage';

type Followed = Schemas['FollowedCases']['items'][number];
type Rating = 'satisfied' | 'fairlySatisfied' | 'dissatisfied';
const ratings: Rating[] = ['satisfied', 'fairlySatisfied', 'dissatisfied'];

/**
 * 我的诉求 → 我附议的: the cases the resident follows (by choice, or because their report was merged into
 * one), with 评价 once handled. Opened as /r/cases?follow=<id> (after signing in from the report form's
 * 「附议」), it follows that case first.
 */
export function FollowedCases() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const pending = params.get('follow');
  const started = useRef<string | null>(null);
  const list = useQuery({ queryKey: ['resident-follows', i18n.language], queryFn: () => call(api.GET('/api/v1/resident/follows')) });

  useEffect(() => {
    if (!pending || started.current === pending) return;
    started.current = pending;
    void (async () => {
      try {
        const state = await call(api.POST('/api/v1/cases/{id}/follow', { params: { path: { id: pending } } }));
        Toast.show({ icon: 'success', content: t('duplicates.mine.followedNow', { number: state.number }) });
      } catch (e) {
        Toast.show({ content: t('duplicates.mine.followFailed', { message: errorMessage(e, t) }) });
      }
      setParams({}, { replace: true });
      await queryClient.invalidateQueries({ queryKey: ['resident-follows'] });
    })();
  }, [pending, queryClient, setParams, t]);

  const items = list.data?.items ?? [];
  return (
    <div data-testid="followed-cases">
      <div className="wg-section" style={{ margin: '12px 0 0', fontWeight: 600, fontSize: 17 }}>{t('duplicates.mine.title')}</div>
      {list.error && <p className="wg-error" role="alert" style={{ padding: '0 16px' }}>{errorMessage(list.error, t)}</p>}
      {list.isSuccess && items.length === 0 && <p className="wg-hint" style={{ padding: '0 16px' }}>{t('duplicates.mine.empty')}</p>}
      {items.map((item) => (
        <FollowedCard key={item.caseId} item={item} language={i18n.language} />
      ))}
    </div>
  );
}

function FollowedCard({ item, language }: { item: Followed; language: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [isBusy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['resident-follows'] });
  const rate = async () => {
    if (!rating) return;
    setBusy(true);
    try {
      await call(api.POST('/api/v1/cases/{id}/follow/rating', { params: { path: { id: item.caseId } }, body: { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
      Toast.show({ icon: 'success', content: t('duplicates.mine.rateDone') });
      await refresh();
    } catch (e) {
      Toast.show({ content: t('duplicates.mine.rateFailed', { message: errorMessage(e, t) }) });
    } finally {
      setBusy(false);
    }
  };
  const unfollow = async () => {
    try {
      await call(api.DELETE('/api/v1/cases/{id}/follow', { params: { path: { id: item.caseId } } }));
      Toast.show({ content: t('duplicates.mine.unfollowed') });
      await refresh();
    } catch (e) {
      Toast.show({ content: errorMessage(e, t) });
    }
  };
  return (
    <div className="wg-card" data-testid="followed-case">
      <CaseCardTop number={item.number} status={item.status} statusLabel={item.statusLabel} />
      <div className="wg-card-desc">{item.summary}</div>
      <div className="wg-card-bottom">
        <span>{[item.category, item.area].filter(Boolean).join(' · ')}</span>
        <span>{t('duplicates.similar.followers', { count: item.followerCount })}</span>
      </div>
      <div className="wg-hint" style={{ marginTop: 4 }}>
        {t(`duplicates.mine.source.${item.source}`)} · {formatTime(item.followedAt, language)}
      </div>
      {item.rating && <div style={{ marginTop: 6 }}>{t('duplicates.mine.rated', { rating: t(`duplicates.ratings.${item.rating}`) })}</div>}
      {item.canRate && (
        <div style={{ marginTop: 8 }} data-testid="follow-rate">
          <div style={{ marginBottom: 6 }}>{t('duplicates.mine.rate')}</div>
          <Selector columns={3} value={rating ? [rating] : []} onChange={(v) => setRating((v[0] as Rating | undefined) ?? null)} options={ratings.map((r) => ({ value: r, label: t(`duplicates.ratings.${r}`) }))} />
          <TextArea value={comment} onChange={setComment} maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} style={{ marginTop: 6 }} />
          <Button block color="primary" style={{ marginTop: 6 }} disabled={!rating} loading={isBusy} onClick={() => void rate()}>
            {t('duplicates.mine.rate')}
          </Button>
        </div>
      )}
      {!item.canRate && !item.rating && (
        <Button size="mini" fill="none" style={{ marginTop: 6 }} onClick={() => void unfollow()}>
          {t('duplicates.mine.unfollow')}
        </Button>
      )}
    </div>
  );
}
