import { Button, Form, Image, ImageViewer, Input, Steps, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api, call, type Schemas } from '../api/client';
import { formatTime } from '../mobile/kit/duration';
import { PhoneTitle } from '../mobile/kit/PhoneShell';
import { errorMessage } from '../shared/errors';
import { RatingForm, type RatingValue } from './RatingForm';

type Tracked = Schemas['TrackedCase'];
const numberPattern = /^\d{6}-\d{8}-\d{4,}$/;

/** 查询进度: number + tracking code → status and a plain-language timeline, with photos. */
export function TrackPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [code, setCode] = useState(params.get('code') ?? '');
  const [formError, setFormError] = useState<string | null>(null);
  const asked = { number: params.get('number') ?? '', code: params.get('code') ?? '' };
  const tracked = useQuery({
    queryKey: ['track', asked.number, asked.code],
    enabled: numberPattern.test(asked.number) && asked.code.length >= 4,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/track/{number}', { params: { path: { number: asked.number }, query: { code: asked.code } } })),
  });

  const search = () => {
    const n = number.trim();
    const c = code.trim().toUpperCase();
    if (!numberPattern.test(n)) return setFormError(t('resident.track.numberInvalid'));
    if (c.length < 4) return setFormError(t('common.required', { field: t('resident.track.code') }));
    setFormError(null);
    setParams({ number: n, code: c }, { replace: true });
  };

  const failure = tracked.error
    ? tracked.error instanceof ApiError && tracked.error.status === 404
      ? t('resident.track.notFound')
      : t('resident.track.failed', { message: errorMessage(tracked.error, t) })
    : null;

  return (
    <>
      <PhoneTitle title={t('resident.track.title')} />
      <Form layout="vertical" mode="card" footer={null}>
        <Form.Item label={t('resident.track.number')}>
          <Input data-testid="track-number" placeholder={t('resident.track.numberPlaceholder')} value={number} onChange={setNumber} clearable />
        </Form.Item>
        <Form.Item label={t('resident.track.code')}>
          <Input data-testid="track-code" placeholder={t('resident.track.codePlaceholder')} value={code} onChange={setCode} clearable maxLength={16} />
        </Form.Item>
        <div style={{ padding: 12 }}>
          {(formError || failure) && <p className="wg-error" role="alert">{formError ?? failure}</p>}
          <Button block color="primary" size="large" loading={tracked.isFetching} loadingText={t('resident.track.searching')} onClick={search} data-testid="track-submit">
            {t('resident.track.search')}
          </Button>
        </div>
      </Form>
      {tracked.data && (
        <TrackedCase
          tracked={tracked.data}
          onRefresh={() => void tracked.refetch()}
          onRate={async (rating, comment) => {
            await call(api.POST('/api/v1/track/{number}/rating', { params: { path: { number: asked.number } }, body: { code: asked.code, rating, ...(comment ? { comment } : {}) } }));
            await tracked.refetch();
          }}
        />
      )}
    </>
  );
}

/** "受理 · 已受理"; the status alone is left out when it only repeats the step ("上报 · 上报"). */
export function timelineTitle(entry: { label: string; status?: string | null }): string {
  return entry.status && entry.status !== entry.label ? `${entry.label} · ${entry.status}` : entry.label;
}

/** Status, area, photos and the plain-language timeline of a case (also shown on "我的诉求"). */
export function TrackedCase({ tracked, onRefresh, onRate }: { tracked: Tracked; onRefresh: () => void; onRate?: (rating: RatingValue, comment: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [viewing, setViewing] = useState<number | null>(null);
  const photoUrls = tracked.photos.map((p) => p.url);
  const groups = [
    { kind: 'report', title: t('resident.track.reportPhotos') },
    { kind: 'evidence', title: t('resident.track.evidencePhotos') },
  ] as const;
  return (
    <div data-testid="tracked-case">
      <div className="wg-section">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span className="wg-big-code" style={{ fontSize: 18 }} data-testid="tracked-number">{tracked.number}</span>
          <Button size="mini" onClick={onRefresh}>{t('resident.track.refresh')}</Button>
        </div>
        <dl className="wg-facts" style={{ marginTop: 8 }}>
          <dt>{t('resident.track.status')}</dt>
          <dd>
            <Tag color={tracked.status === 'closed' ? 'success' : tracked.status === 'rejected' ? 'danger' : 'primary'} style={{ fontSize: 15 }}>
              {tracked.statusLabel}
            </Tag>
          </dd>
          {tracked.category && (<><dt>{t('resident.track.category')}</dt><dd>{tracked.category}</dd></>)}
          <dt>{t('resident.track.area')}</dt>
          <dd>{tracked.area}</dd>
          <dt>{t('resident.track.reportedAt')}</dt>
          <dd>{formatTime(tracked.reportedAt, i18n.language)}</dd>
          {tracked.closedAt && (<><dt>{t('resident.track.closedAt')}</dt><dd>{formatTime(tracked.closedAt, i18n.language)}</dd></>)}
        </dl>
      </div>
      {onRate && <RatingForm state={tracked.rating} onRate={onRate} />}
      {groups.map(({ kind, title }) => {
        const list = tracked.photos.filter((p) => p.kind === kind);
        if (!list.length) return null;
        return (
          <div className="wg-section" key={kind}>
            <h3>{title}</h3>
            <div className="wg-photos">
              {list.map((p) => (
                <Image key={p.id} src={p.thumbnailUrl} width={96} height={96} fit="cover" lazy onClick={() => setViewing(photoUrls.indexOf(p.url))} />
              ))}
            </div>
          </div>
        );
      })}
      <div className="wg-section">
        <h3>{t('resident.track.timeline')}</h3>
        <Steps direction="vertical" current={tracked.timeline.length - 1}>
          {tracked.timeline.map((entry, index) => (
            <Steps.Step
              key={index}
              title={timelineTitle(entry)}
              description={
                <>
                  <div>{formatTime(entry.at, i18n.language)}</div>
                  {entry.message && <div style={{ color: '#333', fontSize: 16 }}>{entry.message}</div>}
                </>
              }
            />
          ))}
        </Steps>
      </div>
      <ImageViewer.Multi images={photoUrls} visible={viewing !== null} defaultIndex={viewing ?? 0} onClose={() => setViewing(null)} />
    </div>
  );
}
