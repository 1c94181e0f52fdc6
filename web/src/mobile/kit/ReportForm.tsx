import { Button, CascadePicker, Form, Input, Radio, Selector, Space, TextArea } from 'antd-mobile';
import { EnvironmentOutline } from 'antd-mobile-icons';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import type { GridCollection } from '../../shared/map/GridMap';
import { commonCategories, suggestCategories, useCategoryOptions, useServerSuggestion, type CategoryOption } from './categories';
import { LocationField, type Place } from './LocationField';
import { PhotoField, photoIdsOf, type PhotoItem } from './PhotoField';
import { maxFreeText } from '../../shared/limits';
import type { ReportDraft } from '../../shared/duplicates/similar';

export type CreatedCase = Schemas['CreatedCase'];
type DemandType = 'inquiry' | 'help' | 'complaint' | 'suggestion';

/**
 * The report form shared by residents (/r/report, channel resident_app, with identity choice)
 * and grid workers on patrol (/m/report, channel patrol). Sends one Idempotency-Key per
 * submission: a retry of the same content after a lost answer returns the same case.
 */
export function ReportForm({
  channel,
  askIdentity,
  grids,
  phonePlaceholder,
  presetGrid,
  onCreated,
  beforeSubmit,
}: {
  channel: 'resident_app' | 'patrol';
  askIdentity: boolean;
  grids?: GridCollection | null;
  /** Overrides the phone field's placeholder (a signed-in resident: "empty means my account's number"). */
  phonePlaceholder?: string;
  /** Opened from a contact card's QR code: without a point chosen, the report goes to this grid (intake locates by grid code). */
  presetGrid?: { code: string; label: string };
  onCreated: (created: CreatedCase) => void;
  /** Shown above the submit button with what is written so far (the resident's "附近已有相似问题"). */
  beforeSubmit?: (draft: ReportDraft) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const isEn = i18n.language === 'en';
  const categories = useCategoryOptions();
  const [categoryCode, setCategoryCode] = useState<string | null>(null);
  const [isPickerOpen, setPickerOpen] = useState(false);
  const [demandType, setDemandType] = useState<DemandType>('help');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [pendingPhotos, setPendingPhotos] = useState(0);
  const [place, setPlace] = useState<Place | null>(null);
  const [photoPlace, setPhotoPlace] = useState<{ lat: number; lng: number } | null>(null);
  const [isAnonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const options = categories.data?.options ?? [];
  const byCode = useMemo(() => new Map(options.map((o) => [o.code, o])), [options]);
  // The county's model first; the keyword guess when no model is on (or while it answers).
  const fromServer = useServerSuggestion(description, options);
  const suggested = fromServer.length ? fromServer : suggestCategories(description, options);
  const offered = suggested.length ? suggested : commonCategories(options);
  const label = (o: CategoryOption) => (isEn ? o.nameEn : o.nameZh);
  const chosen = categoryCode ? byCode.get(categoryCode) : undefined;
  const pickerOptions = (categories.data?.list.groups ?? []).map((g) => ({
    label: isEn ? g.nameEn : g.nameZh,
    value: g.code,
    children: g.categories.map((c) => ({ label: isEn ? c.nameEn : c.nameZh, value: c.code })),
  }));
  const demandTypes = categories.data?.list.demandTypes ?? [];

  const submit = async () => {
    setError(null);
    if (description.trim().length < 5) return setError(t('resident.report.descriptionTooShort'));
    if (pendingPhotos > 0) return setError(t('resident.report.waitPhotos'));
    if (!place && !presetGrid) return setError(t('resident.report.noPlace'));
    if (askIdentity && !isAnonymous && phone && !/^1[3-9]\d{9}$/.test(phone.trim())) return setError(t('resident.report.phoneInvalid'));
    const body = {
      channel,
      description: description.trim(),
      demandType,
      ...(categoryCode ? { categoryCode } : {}),
      location: place ? { lat: place.lat, lng: place.lng, crs: 'wgs84' as const } : { gridCode: presetGrid!.code },
      isAnonymous: askIdentity ? isAnonymous : false,
      ...(askIdentity && !isAnonymous && (name.trim() || phone.trim())
        ? { reporter: { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) } }
        : {}),
      photoIds: photoIdsOf(photos),
    };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { key: crypto.randomUUID(), body: serialized };
    setSubmitting(true);
    try {
      const created = await call(api.POST('/api/v1/cases', { params: { header: { 'idempotency-key': attempt.current.key } }, body }));
      attempt.current = null;
      onCreated(created);
    } catch (e) {
      setError(t('resident.report.failed', { message: errorMessage(e, t) }));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form layout="vertical" mode="card" footer={null}>
      <Form.Header>{t('resident.report.description')}</Form.Header>
      <Form.Item>
        <TextArea
          data-testid="report-description"
          placeholder={t('resident.report.descriptionPlaceholder')}
          value={description}
          onChange={setDescription}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={maxFreeText}
          showCount
        />
      </Form.Item>

      <Form.Header>{t('resident.report.category')}</Form.Header>
      <Form.Item>
        <div className="wg-hint">{suggested.length ? t('resident.report.suggested') : t('resident.report.common')}</div>
        <div className="wg-chips">
          {offered.map((o) => (
            <Button key={o.code} size="small" color={categoryCode === o.code ? 'primary' : 'default'} onClick={() => setCategoryCode(o.code)}>
              {label(o)}
            </Button>
          ))}
          <Button size="small" fill="outline" onClick={() => setPickerOpen(true)}>
            {t('resident.report.more')}…
          </Button>
        </div>
        <div style={{ marginTop: 6 }}>
          {chosen ? (
            <strong>
              {isEn ? chosen.groupEn : chosen.groupZh} / {label(chosen)}
            </strong>
          ) : (
            <span className="wg-hint">{t('resident.report.categoryPlaceholder')}</span>
          )}
        </div>
        <CascadePicker
          title={t('resident.report.categoryPickerTitle')}
          options={pickerOptions}
          visible={isPickerOpen}
          onClose={() => setPickerOpen(false)}
          value={chosen ? [categoryCode!.slice(0, 2), categoryCode!] : []}
          onConfirm={(value) => setCategoryCode((value[1] as string | undefined) ?? null)}
        />
      </Form.Item>

      <Form.Item label={t('resident.report.demandType')}>
        <Selector
          columns={2}
          value={[demandType]}
          onChange={(v) => v[0] && setDemandType(v[0] as DemandType)}
          options={demandTypes.map((d) => ({ label: isEn ? d.nameEn : d.nameZh, value: d.code }))}
        />
      </Form.Item>

      <Form.Header>{t('resident.report.photos')}</Form.Header>
      <Form.Item>
        <PhotoField value={photos} onChange={setPhotos} onPendingChange={setPendingPhotos} onLocated={(p) => setPhotoPlace(p)} />
        <div className="wg-hint">{t('resident.report.photosHint')}</div>
        {photoPlace && place?.source !== 'photo' && (
          <Button size="small" color="primary" fill="outline" style={{ marginTop: 6 }} onClick={() => setPlace({ ...photoPlace, source: 'photo' })}>
            <EnvironmentOutline /> {t('mobile.photos.gpsFound')} — {t('mobile.photos.useGps')}
          </Button>
        )}
      </Form.Item>

      <Form.Header>{t('resident.report.place')}</Form.Header>
      <Form.Item>
        {presetGrid && !place && (
          <p className="wg-hint" data-testid="report-preset-place">
            {t('contactCards.presetPlace', { place: presetGrid.label })}
          </p>
        )}
        <LocationField value={place} onChange={setPlace} grids={grids ?? null} />
      </Form.Item>

      {askIdentity && (
        <>
          <Form.Header>{t('resident.report.identity')}</Form.Header>
          <Form.Item>
            <Radio.Group value={isAnonymous ? 'anonymous' : 'named'} onChange={(v) => setAnonymous(v === 'anonymous')}>
              <Space direction="vertical">
                <Radio value="named">{t('resident.report.named')}</Radio>
                <Radio value="anonymous">{t('resident.report.anonymous')}</Radio>
              </Space>
            </Radio.Group>
            {isAnonymous && <div className="wg-hint">{t('resident.report.anonymousHint')}</div>}
          </Form.Item>
          {!isAnonymous && (
            <>
              <Form.Item label={t('resident.report.name')}>
                <Input placeholder={t('resident.report.namePlaceholder')} value={name} onChange={setName} maxLength={50} clearable />
              </Form.Item>
              <Form.Item label={t('resident.report.phone')}>
                <Input type="tel" placeholder={phonePlaceholder ?? t('resident.report.phonePlaceholder')} value={phone} onChange={setPhone} maxLength={11} clearable />
              </Form.Item>
            </>
          )}
        </>
      )}

      {beforeSubmit?.({ description, lat: place?.lat, lng: place?.lng, categoryCode })}

      <div style={{ padding: '12px 12px 0' }}>
        {error && (
          <p className="wg-error" role="alert">
            {error}
          </p>
        )}
        <Button block color="primary" size="large" loading={isSubmitting} loadingText={t('resident.report.submitting')} onClick={submit} data-testid="report-submit">
          {t('resident.report.submit')}
        </Button>
      </div>
    </Form>
  );
}
