import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, CascadePicker, Card, Form, Input, List, Selector, SpinLoading, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { commonCategories, suggestCategories, useCategoryOptions } from '../kit/categories';
import { currentPosition } from '../kit/LocationField';
import { PhoneTitle } from '../kit/PhoneShell';
import { PhotoField, photoIdsOf, type PhotoItem } from '../kit/PhotoField';
import { newClientId, sendOrQueue } from './offline-queue';
import { QueueBanner } from './QueueBanner';
import { formatDateTime } from '../../shared/format/time';
import { maxFreeText } from '../../shared/limits';

type Visit = Schemas['Visit'];

/** How long after a visit its findings can still be raised from the household page (the server's 7-day window for recording). */
const raiseWindowMs = 7 * 86_400_000;

/** `YYYY-MM-DDTHH:mm` in the phone's own time zone, for a datetime-local input. */
function localInputValue(at: Date): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** One household on the phone: who lives there (masked), past visits, and the visit form (民情日记). */
export function HouseholdVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['visit-household', id], queryFn: () => call(api.GET('/api/v1/visits/households/{id}', { params: { path: { id } } })) });
  const [saved, setSaved] = useState<Visit | null>(null);
  const { user } = useSession();
  const navigate = useNavigate();
  if (detail.isLoading) return <SpinLoading style={{ margin: 40 }} />;
  if (detail.error || !detail.data) return <p className="wg-error" style={{ padding: 16 }}>{errorMessage(detail.error, t)}</p>;
  const { household: h, members, visits } = detail.data;
  // 一键上报 works from the server's record: the visit just saved, or after a reload my latest recent visit here.
  const raiseFrom = visits.find((v) => v.id === saved?.id) ?? saved ?? visits.find((v) => v.staffId === user?.id && Date.now() - new Date(v.visitedAt).getTime() < raiseWindowMs);
  return (
    <>
      <PhoneTitle title={t('visits.household.title')} onBack={() => navigate('/m/visits')} />
      <QueueBanner />
      <Card title={h.address} style={{ margin: 8 }} data-testid="visit-household">
        <div className="wg-hint">
          {h.gridName} {h.building && `${h.building}栋`} {h.unit && `${h.unit}单元`} {h.room}
        </div>
        <div style={{ marginTop: 6, display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          {h.tags.map((tag) => (
            <Tag key={tag.code} color="danger" fill="outline">
              {tag.label}
            </Tag>
          ))}
        </div>
      </Card>
      <List header={`${t('visits.household.members')} · ${t('visits.household.masked')}`}>
        {members.length === 0 && <List.Item>{t('visits.household.noMembers')}</List.Item>}
        {members.map((m) => (
          <List.Item key={m.id} extra={m.phone ?? ''} description={m.tags.map((tag) => tag.label).join(' ')}>
            {m.name ?? '—'} · {m.relation}
          </List.Item>
        ))}
      </List>
      {raiseFrom && <RaiseCase key={raiseFrom.id} visit={raiseFrom} justSaved={raiseFrom.id === saved?.id} onDone={() => void detail.refetch()} />}
      {!saved && <VisitForm householdId={h.id} onSaved={setSaved} />}
      <List header={t('visits.household.history')}>
        {visits.length === 0 && <List.Item>{t('visits.household.noHistory')}</List.Item>}
        {visits.map((v) => (
          <List.Item
            key={v.id}
            description={[v.notes, v.raised.join('；'), v.caseNumbers.length ? t('visits.household.cases', { numbers: v.caseNumbers.map((c) => c.number).join('、') }) : ''].filter(Boolean).join(' — ')}
          >
            {formatDateTime(v.visitedAt)} · {v.staffName}
          </List.Item>
        ))}
      </List>
    </>
  );
}

function VisitForm({ householdId, onSaved }: { householdId: string; onSaved: (visit: Visit) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [notes, setNotes] = useState('');
  const [raised, setRaised] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [pendingPhotos, setPendingPhotos] = useState(0);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [visitedAt, setVisitedAt] = useState(() => localInputValue(new Date()));
  const [saving, setSaving] = useState(false);
  const locate = async () => {
    setLocating(true);
    try {
      const position = await currentPosition();
      setPoint({ lat: position.coords.latitude, lng: position.coords.longitude });
    } catch (error) {
      Toast.show({ content: t('visits.form.locateFailed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setLocating(false);
    }
  };
  const submit = async () => {
    setSaving(true);
    try {
      const body = {
        clientId: newClientId(),
        householdId,
        visitedAt: new Date(visitedAt).toISOString(),
        ...(point ? { location: point } : {}),
        notes: notes.trim(),
        raised: raised.split('\n').map((line) => line.trim()).filter(Boolean),
        photoIds: photoIdsOf(photos),
      };
      const visit = await sendOrQueue(body);
      if (visit) {
        Toast.show({ icon: 'success', content: t('visits.form.saved') });
        onSaved(visit);
      } else {
        Toast.show({ content: t('visits.queue.savedOffline'), duration: 4000 });
      }
      await queryClient.invalidateQueries({ queryKey: ['visits-today'] });
      await queryClient.invalidateQueries({ queryKey: ['visit-household', householdId] });
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error, t), duration: 4000 });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form layout="vertical" mode="card" style={{ margin: '8px 0' }}>
      <Form.Header>{t('visits.form.title')}</Form.Header>
      <Form.Item label={t('visits.form.notes')}>
        <TextArea value={notes} onChange={setNotes} placeholder={t('visits.form.notesPlaceholder')} rows={3} maxLength={maxFreeText} data-testid="visit-notes" />
      </Form.Item>
      <Form.Item label={t('visits.form.raised')}>
        <TextArea value={raised} onChange={setRaised} placeholder={t('visits.form.raisedPlaceholder')} rows={2} data-testid="visit-raised" />
      </Form.Item>
      <Form.Item label={t('visits.form.photos')}>
        <PhotoField value={photos} onChange={setPhotos} onPendingChange={setPendingPhotos} onLocated={(p) => setPoint((current) => current ?? p)} />
      </Form.Item>
      <Form.Item label={t('visits.form.location')}>
        <Button size="small" loading={locating} onClick={() => void locate()}>
          {locating ? t('visits.form.locating') : t('visits.form.locate')}
        </Button>
        {point && <span className="wg-hint" style={{ marginLeft: 8 }}>{t('visits.form.located', { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) })}</span>}
      </Form.Item>
      <Form.Item label={t('visits.form.time')}>
        <Input type="datetime-local" value={visitedAt} onChange={setVisitedAt} />
      </Form.Item>
      <Button block color="primary" size="large" loading={saving} disabled={pendingPhotos > 0} onClick={() => void submit()} data-testid="visit-submit">
        {t('visits.form.submit')}
      </Button>
    </Form>
  );
}

/**
 * "发现问题，一键上报" from a visit (channel visit, where the visitor stood or at the household), with
 * a category: suggested from the text, or picked. The cases already raised come from the server, so
 * the form is the same after a reload; a visit may raise several cases.
 */
function RaiseCase({ visit, justSaved, onDone }: { visit: Visit; justSaved: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const isEn = i18n.language === 'en';
  const categories = useCategoryOptions();
  const [description, setDescription] = useState(visit.caseNumbers.length ? '' : visit.raised.join('；'));
  const [demandType, setDemandType] = useState<'help' | 'complaint' | 'inquiry' | 'suggestion'>('help');
  const [categoryCode, setCategoryCode] = useState<string | null>(null);
  const [isPickerOpen, setPickerOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const options = categories.data?.options ?? [];
  const suggested = suggestCategories(description, options);
  const offered = suggested.length ? suggested : commonCategories(options);
  const chosen = options.find((o) => o.code === categoryCode);
  const pickerOptions = (categories.data?.list.groups ?? []).map((g) => ({
    label: isEn ? g.nameEn : g.nameZh,
    value: g.code,
    children: g.categories.map((c) => ({ label: isEn ? c.nameEn : c.nameZh, value: c.code })),
  }));
  // One key per visit, text and category: a double tap raises one case.
  const idempotencyKey = `visit-${visit.id}-${description.length}-${categoryCode ?? 'auto'}`;
  const submit = async () => {
    setSending(true);
    try {
      const raised = await call(
        api.POST('/api/v1/visits/{id}/cases', {
          params: { path: { id: visit.id }, header: { 'idempotency-key': idempotencyKey } },
          body: { description: description.trim(), demandType, ...(categoryCode ? { categoryCode } : {}) },
        }),
      );
      Toast.show({ icon: 'success', content: t('visits.form.raised_ok', { number: raised.number }) });
      setDescription('');
      setCategoryCode(null);
      onDone();
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error, t), duration: 4000 });
    } finally {
      setSending(false);
    }
  };
  return (
    <Form layout="vertical" mode="card" style={{ margin: '8px 0' }} data-testid="visit-raise-form">
      <Form.Header>{t('visits.form.raiseTitle')}</Form.Header>
      <p className="wg-hint" style={{ padding: '0 12px' }} data-testid="visit-saved">
        {justSaved ? t('visits.form.saved') : t('visits.form.raiseFrom', { time: new Date(visit.visitedAt).toLocaleString(isEn ? 'en-GB' : 'zh-CN', { hour12: false }) })}
      </p>
      {visit.caseNumbers.map((c) => (
        <p key={c.id} style={{ padding: '0 12px' }} data-testid="visit-case-number">
          {t('visits.form.raised_ok', { number: c.number })}
        </p>
      ))}
      <Form.Item label={t('visits.form.description')}>
        <TextArea value={description} onChange={setDescription} placeholder={t('visits.form.descriptionPlaceholder')} rows={3} data-testid="visit-case-description" />
      </Form.Item>
      <Form.Item label={t('visits.form.category')}>
        <div className="wg-hint">{suggested.length ? t('visits.form.categorySuggested') : t('visits.form.categoryCommon')}</div>
        <div className="wg-chips">
          {offered.map((o) => (
            <Button key={o.code} size="small" color={categoryCode === o.code ? 'primary' : 'default'} onClick={() => setCategoryCode(categoryCode === o.code ? null : o.code)}>
              {isEn ? o.nameEn : o.nameZh}
            </Button>
          ))}
          <Button size="small" fill="outline" onClick={() => setPickerOpen(true)} data-testid="visit-case-category-more">
            {t('visits.form.categoryMore')}
          </Button>
        </div>
        <div style={{ marginTop: 6 }} data-testid="visit-case-category">
          {chosen ? <strong>{isEn ? `${chosen.groupEn} / ${chosen.nameEn}` : `${chosen.groupZh} / ${chosen.nameZh}`}</strong> : <span className="wg-hint">{t('visits.form.categoryAuto')}</span>}
        </div>
        <CascadePicker
          title={t('visits.form.category')}
          options={pickerOptions}
          visible={isPickerOpen}
          onClose={() => setPickerOpen(false)}
          value={categoryCode ? [categoryCode.slice(0, 2), categoryCode] : []}
          onConfirm={(value) => setCategoryCode((value[1] as string | undefined) ?? null)}
        />
      </Form.Item>
      <Form.Item label={t('visits.form.demandType')}>
        <Selector
          columns={2}
          value={[demandType]}
          onChange={(v) => v[0] && setDemandType(v[0])}
          options={(['help', 'complaint', 'inquiry', 'suggestion'] as const).map((code) => ({ label: t(`visits.form.demand.${code}`), value: code }))}
        />
      </Form.Item>
      <Button block color="danger" size="large" loading={sending} disabled={description.trim().length < 5} onClick={() => void submit()} data-testid="visit-raise-case">
        {t('visits.household.raiseCase')}
      </Button>
    </Form>
  );
}
