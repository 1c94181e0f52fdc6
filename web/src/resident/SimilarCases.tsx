import { Button, Tag, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { errorMessage } from '../shared/errors';
import { useSettledDraft, useSimilarCases, type ReportDraft } from '../shared/duplicates/similar';
import { statusColour } from './MyCasesPage';
import { useResident } from './residentSession';

type PublicCandidate = Schemas['SimilarCasePublic'];

/**
 * "附近已有相似问题" on the resident's report form: open cases near the draft whose text is close, each with
 * 「附议」 (follow it instead of reporting; sign-in first when needed) and one 「仍要上报」 to hide them.
 */
export function SimilarCases({ draft }: { draft: ReportDraft }) {
  const { t } = useTranslation();
  const settled = useSettledDraft(draft);
  const similar = useSimilarCases(settled);
  const [isDismissed, setDismissed] = useState(false);
  const items = (similar.data?.items ?? []) as PublicCandidate[];
  if (!settled || items.length === 0) return null;
  if (isDismissed) {
    return (
      <div style={{ padding: '0 12px' }}>
        <Button size="small" fill="none" color="primary" onClick={() => setDismissed(false)} data-testid="similar-show-again">
          {t('duplicates.similar.showAgain')}
        </Button>
      </div>
    );
  }
  return (
    <div className="wg-section" data-testid="similar-cases" style={{ border: '1px solid #f0c36d', background: '#fffbe6', borderRadius: 8, margin: '12px' }}>
      <strong style={{ fontSize: 17 }}>{t('duplicates.similar.title')}</strong>
      <p className="wg-hint" style={{ margin: '4px 0 8px' }}>{t('duplicates.similar.intro')}</p>
      {items.map((item) => (
        <SimilarCard key={item.id} item={item} />
      ))}
      <Button block fill="outline" onClick={() => setDismissed(true)} data-testid="similar-report-anyway" style={{ marginTop: 8 }}>
        {t('duplicates.similar.reportAnyway')}
      </Button>
    </div>
  );
}

function SimilarCard({ item }: { item: PublicCandidate }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const resident = useResident().data;
  const queryClient = useQueryClient();
  const [isFollowing, setFollowing] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const follow = async () => {
    // Not signed in: sign in first; 我的诉求 follows the case when it opens with ?follow=.
    if (!resident) return navigate(`/r/login?next=${encodeURIComponent(`/r/cases?follow=${item.id}`)}`);
    setBusy(true);
    try {
      await call(api.POST('/api/v1/cases/{id}/follow', { params: { path: { id: item.id } } }));
      setFollowing(true);
      await queryClient.invalidateQueries({ queryKey: ['resident-follows'] });
      Toast.show({ icon: 'success', content: t('duplicates.similar.followDone') });
    } catch (e) {
      Toast.show({ content: t('duplicates.similar.followFailed', { message: errorMessage(e, t) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wg-card" data-testid="similar-case" style={{ margin: '6px 0' }}>
      <div className="wg-card-top">
        <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{item.number}</span>
        <Tag color={statusColour(item.status)}>{item.statusLabel}</Tag>
      </div>
      <div className="wg-card-desc">{item.summary}</div>
      <div className="wg-card-bottom">
        <span>
          {[item.category, t('duplicates.similar.distance', { metres: item.distanceM }), item.daysAgo === 0 ? t('duplicates.similar.today') : t('duplicates.similar.daysAgo', { days: item.daysAgo })]
            .filter(Boolean)
            .join(' · ')}
        </span>
        <span>{t('duplicates.similar.followers', { count: item.followerCount + (isFollowing ? 1 : 0) })}</span>
      </div>
      <Button
        block
        color="primary"
        size="middle"
        style={{ marginTop: 8 }}
        loading={isBusy}
        disabled={isFollowing}
        onClick={() => void follow()}
        data-testid="similar-follow"
      >
        {isFollowing ? t('duplicates.similar.following') : resident ? t('duplicates.similar.follow') : t('duplicates.similar.signInToFollow')}
      </Button>
    </div>
  );
}
