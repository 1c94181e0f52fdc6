import { DotLoading, ErrorBlock } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ApiError, api, call } from '../api/client';
import { PhoneTitle } from '../mobile/kit/PhoneShell';
import { errorMessage } from '../shared/errors';
import { useResident } from './residentSession';
import { TrackedCase } from './TrackPage';

/** One of my cases: what I reported, then the same status, photos and timeline as the tracking page. */
export function MyCasePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const resident = useResident();
  const detail = useQuery({
    queryKey: ['resident-cases', 'detail', id, i18n.language],
    enabled: !!resident.data,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/resident/cases/{id}', { params: { path: { id } } })),
  });
  if (!resident.isLoading && !resident.data) return <Navigate to={`/r/login?next=${encodeURIComponent(`/r/cases/${id}`)}`} replace />;
  const back = () => navigate('/r/cases');
  return (
    <>
      <PhoneTitle title={t('residentAccount.mine.title')} onBack={back} />
      {(resident.isLoading || detail.isLoading) && (
        <div style={{ padding: 48, textAlign: 'center', fontSize: 24 }}>
          <DotLoading />
        </div>
      )}
      {detail.error && (
        <ErrorBlock
          status="default"
          title={
            detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)
              ? t('residentAccount.mine.notFound')
              : t('residentAccount.mine.loadFailed', { message: errorMessage(detail.error, t) })
          }
          description=""
        />
      )}
      {detail.data && (
        <>
          <div className="wg-section" data-testid="resident-case-detail">
            <h3>{t('residentAccount.mine.description')}</h3>
            <p style={{ margin: 0, fontSize: 17 }}>{detail.data.description}</p>
            <dl className="wg-facts" style={{ marginTop: 10 }}>
              <dt>{t('residentAccount.mine.code')}</dt>
              <dd style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontWeight: 600 }}>{detail.data.trackingCode}</dd>
            </dl>
          </div>
          <TrackedCase
            tracked={detail.data}
            onRefresh={() => void detail.refetch()}
            onRate={async (rating, comment) => {
              await call(api.POST('/api/v1/resident/cases/{id}/rating', { params: { path: { id } }, body: { rating, ...(comment ? { comment } : {}) } }));
              await detail.refetch();
            }}
          />
        </>
      )}
    </>
  );
}
