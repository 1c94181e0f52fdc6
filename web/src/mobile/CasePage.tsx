import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ErrorBlock, Image, ImageViewer, Popup, Selector, SpinLoading, Steps, Switch, Tag, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { errorMessage } from '../shared/errors';
import { PlaceMap } from '../shared/map/PlaceMap';
import { performAction, phoneActions, type PhoneAction } from './case-actions';
import { formatTime } from './kit/duration';
import { currentPosition } from './kit/LocationField';
import { PhoneTitle } from './kit/PhoneShell';
import { PhotoField, photoIdsOf, type PhotoItem } from './kit/PhotoField';
import { Countdown } from './TasksPage';
import { maxFreeText } from '../shared/limits';

type Detail = Schemas['CaseDetail'];
type Allowed = Detail['allowedActions'][number];

/** One case on the phone: facts, photos, timeline, and a button for each action the server allows. */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [acting, setActing] = useState<Allowed | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const detail = useQuery({ queryKey: ['case', id], queryFn: () => call(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })) });

  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/m/tasks'));
  if (detail.isLoading) {
    return (
      <>
        <PhoneTitle title={t('mobile.case.facts')} onBack={back} />
        <div style={{ display: 'grid', placeItems: 'center', padding: 40 }}>
          <SpinLoading />
          <p>{t('common.loading')}</p>
        </div>
      </>
    );
  }
  if (!detail.data) {
    return (
      <>
        <PhoneTitle title={t('mobile.case.facts')} onBack={back} />
        <ErrorBlock status="default" title={t('mobile.case.loadFailed', { message: errorMessage(detail.error, t) })} description="">
          <Button onClick={() => void detail.refetch()}>{t('common.retry')}</Button>
        </ErrorBlock>
      </>
    );
  }
  const c = detail.data;
  const actions = c.allowedActions.filter((a) => (phoneActions as readonly string[]).includes(a.action));
  const photoUrls = c.photos.map((p) => p.url);
  const onDone = (updated: Detail, label: string) => {
    queryClient.setQueryData(['case', id], updated);
    void queryClient.invalidateQueries({ queryKey: ['mobile-tasks'] });
    setActing(null);
    Toast.show({ icon: 'success', content: t('mobile.case.actionDone', { action: label }) });
  };

  return (
    <>
      <PhoneTitle title={c.number} onBack={back} />
      <div className={`wg-card ${c.colour}`} style={{ margin: '10px 12px' }} data-testid="case-facts">
        <div className="wg-card-top">
          <Tag color="primary" style={{ fontSize: 15 }}>{c.statusLabel}</Tag>
          <Countdown item={c} />
        </div>
        <div style={{ fontSize: 18, margin: '8px 0' }}>{c.description}</div>
        <dl className="wg-facts">
          <dt>{t('mobile.case.category')}</dt>
          <dd>{c.category?.name ?? t('mobile.case.uncategorised')}</dd>
          <dt>{t('mobile.case.grid')}</dt>
          <dd>{c.grid?.name ?? c.territory.name}</dd>
          {c.location.address && (<><dt>{t('mobile.case.address')}</dt><dd>{c.location.address}</dd></>)}
          <dt>{t('mobile.case.reporter')}</dt>
          <dd>{c.isAnonymous || !c.reporter ? t('mobile.case.anonymous') : [c.reporter.name, c.reporter.phone].filter(Boolean).join(' ')}</dd>
          {c.assignee && (<><dt>{t('mobile.case.assignee')}</dt><dd>{c.assignee.name}</dd></>)}
          {c.resolveBy && (<><dt>{t('mobile.case.resolveBy')}</dt><dd>{formatTime(c.resolveBy, i18n.language)}</dd></>)}
        </dl>
        {c.lat !== null && c.lng !== null && (
          <div style={{ marginTop: 8 }}>
            <PlaceMap lat={c.lat} lng={c.lng} name={c.location.address ?? c.grid?.name ?? c.number} />
          </div>
        )}
      </div>
      {c.photos.length > 0 && (
        <div className="wg-section">
          <h3>{t('mobile.case.photos')}</h3>
          <div className="wg-photos">
            {c.photos.map((p, index) => (
              <Image key={p.id} src={p.thumbnailUrl} width={96} height={96} fit="cover" lazy onClick={() => setViewing(index)} />
            ))}
          </div>
        </div>
      )}
      <div className="wg-section">
        <h3>{t('mobile.case.timeline')}</h3>
        <Steps direction="vertical" current={c.timeline.length - 1}>
          {c.timeline.map((e) => (
            <Steps.Step
              key={e.id}
              title={`${e.actionLabel}${e.actor ? ` · ${e.actor.name}` : ''}`}
              description={
                <>
                  <div>{formatTime(e.at, i18n.language)}</div>
                  {e.note && <div style={{ color: '#333', fontSize: 16 }}>{e.note}</div>}
                </>
              }
            />
          ))}
        </Steps>
      </div>
      <div className="wg-actions" style={{ bottom: 50 }} data-testid="case-actions">
        {actions.length === 0 && <span className="wg-hint">{t('mobile.case.noActions')}</span>}
        {actions.map((a) => (
          <Button
            key={a.action}
            size="large"
            color={a.action === 'take' || a.action === 'handle' || a.action === 'close' ? 'primary' : a.action === 'rework' ? 'warning' : 'default'}
            onClick={() => setActing(a)}
          >
            {a.action === 'close' ? t('mobile.case.closeVerify') : a.action === 'rework' ? t('mobile.case.reworkVerify') : a.label}
          </Button>
        ))}
      </div>
      <ImageViewer.Multi images={photoUrls} visible={viewing !== null} defaultIndex={viewing ?? 0} onClose={() => setViewing(null)} />
      <Popup visible={!!acting} onMaskClick={() => setActing(null)} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '90vh', overflowY: 'auto' }} destroyOnClose>
        {acting && <ActionSheet key={acting.action} caseDetail={c} allowed={acting} onDone={onDone} onCancel={() => setActing(null)} />}
      </Popup>
    </>
  );
}

/** The inputs one action needs, and its confirm button. */
function ActionSheet({ caseDetail, allowed, onDone, onCancel }: { caseDetail: Detail; allowed: Allowed; onDone: (d: Detail, label: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const action = allowed.action as PhoneAction;
  const isWhistle = action === 'whistle';
  const isProgress = action === 'report-progress';
  const needsReason = action === 'return' || action === 'rework' || isWhistle;
  const isHandle = action === 'handle';
  const [grade, setGrade] = useState<'routine' | 'raised' | 'emergency'>('routine');
  const [completed, setCompleted] = useState(false);
  const gradeOptions = allowed.input.find((f) => f.name === 'grade')?.options ?? [];
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [pending, setPending] = useState(0);
  const [position, setPosition] = useState<{ lat: number; lng: number } | null | undefined>(undefined);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = action === 'close' ? t('mobile.case.closeVerify') : action === 'rework' ? t('mobile.case.reworkVerify') : allowed.label;

  // Handling notes where the worker stands, asked once when the sheet opens.
  useEffect(() => {
    if (!isHandle) return;
    void currentPosition()
      .then((p) => setPosition({ lat: p.coords.latitude, lng: p.coords.longitude }))
      .catch(() => setPosition(null));
  }, [isHandle]);

  const submit = async () => {
    setError(null);
    const field = isHandle ? t('mobile.case.result') : isProgress ? t('whistles.mobile.progress') : t('mobile.case.reason');
    if ((isHandle || needsReason || isProgress) && text.trim().length < 2) return setError(t('mobile.case.needText', { field }));
    if (pending > 0) return setError(t('resident.report.waitPhotos'));
    setBusy(true);
    try {
      const updated = await performAction(caseDetail.id, action, {
        version: caseDetail.version,
        ...(isHandle
          ? { result: text.trim(), evidence: photoIdsOf(photos), ...(position ? { location: position } : {}) }
          : isProgress
            ? { note: text, completed, evidence: photoIdsOf(photos) }
            : needsReason
              ? { reason: text.trim(), grade }
              : { note: text }),
      });
      onDone(updated, label);
    } catch (e) {
      setError(t('mobile.case.actionFailed', { message: errorMessage(e, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ padding: 16 }} data-testid={`action-${action}`}>
      <h3 style={{ marginTop: 0, fontSize: 19 }}>{label}</h3>
      {isWhistle && (
        <>
          <div className="wg-hint">{t('whistles.mobile.grade')}</div>
          <Selector
            columns={3}
            value={[grade]}
            onChange={(v) => v[0] && setGrade(v[0] as typeof grade)}
            options={gradeOptions.map((o) => ({ value: o.value, label: o.label }))}
            style={{ marginBottom: 12 }}
          />
        </>
      )}
      <div className="wg-hint">
        {isHandle ? t('mobile.case.result') : isWhistle ? t('whistles.mobile.reason') : isProgress ? t('whistles.mobile.progress') : needsReason ? t('mobile.case.reason') : t('mobile.case.note')}
      </div>
      <TextArea
        value={text}
        onChange={setText}
        placeholder={
          isHandle ? t('mobile.case.resultPlaceholder') : isWhistle ? t('whistles.mobile.reasonPlaceholder') : isProgress ? t('whistles.mobile.progressPlaceholder') : needsReason ? t('mobile.case.reasonPlaceholder') : ''
        }
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={isHandle || isProgress ? maxFreeText : 1000}
        style={{ background: '#f7f7f7', padding: 8, borderRadius: 6 }}
      />
      {isProgress && (
        <>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', margin: '12px 0' }}>
            <span style={{ fontSize: 17 }}>{t('whistles.mobile.completed')}</span>
            <Switch checked={completed} onChange={setCompleted} data-testid="progress-completed" />
          </div>
          <PhotoField value={photos} onChange={setPhotos} onPendingChange={setPending} />
        </>
      )}
      {isHandle && (
        <>
          <div className="wg-hint" style={{ marginTop: 12 }}>{t('mobile.case.evidence')}</div>
          <PhotoField value={photos} onChange={setPhotos} onPendingChange={setPending} />
          <div className="wg-hint" style={{ marginTop: 8 }}>
            {t('mobile.case.location')}：
            {position === undefined ? t('mobile.location.locating') : position ? t('mobile.case.locationNoted', { lat: position.lat.toFixed(5), lng: position.lng.toFixed(5) }) : t('mobile.case.locationUnavailable')}
          </div>
        </>
      )}
      {error && <p className="wg-error" role="alert">{error}</p>}
      <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
        <Button size="large" style={{ flex: 1 }} onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        {/* Not while a photo is still on its way: the action would go without it. */}
        <Button size="large" color="primary" style={{ flex: 2 }} loading={isBusy} disabled={pending > 0} onClick={submit} data-testid="action-confirm">
          {pending > 0 ? t('mobile.case.photosUploading') : t('mobile.case.confirm', { action: label })}
        </Button>
      </div>
    </div>
  );
}
