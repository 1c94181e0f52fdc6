import { Button, Result, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PhoneTitle } from '../mobile/kit/PhoneShell';
import { ReportForm, type CreatedCase } from '../mobile/kit/ReportForm';
import { cardPlace, usePublicContactCard } from './ContactCardPage';
import { useResident } from './residentSession';
import { SimilarCases } from './SimilarCases';

/** 我要反映: the form, then the case number and tracking code shown large. */
export function ReportPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedCase | null>(null);
  const [formKey, setFormKey] = useState(0);
  const resident = useResident().data;
  const queryClient = useQueryClient();
  // From a contact card's QR code (/r/report?grid=<code>): the report is located to that grid.
  const [params] = useSearchParams();
  const card = usePublicContactCard(params.get('grid'));
  if (created) return <Receipt created={created} onAnother={() => { setCreated(null); setFormKey((k) => k + 1); }} />;
  return (
    <>
      <PhoneTitle title={t('resident.report.title')} />
      <p className="wg-hint" style={{ padding: '8px 16px 0' }}>{t('resident.report.intro')}</p>
      <ReportForm
        key={formKey}
        channel="resident_app"
        askIdentity
        phonePlaceholder={resident ? t('residentAccount.report.phoneFromAccount', { phone: resident.phone }) : undefined}
        presetGrid={card.data ? { code: card.data.grid.code, label: cardPlace(card.data) } : undefined}
        beforeSubmit={(draft) => <SimilarCases draft={draft} />}
        onCreated={(c) => {
          setCreated(c);
          if (resident) void queryClient.invalidateQueries({ queryKey: ['resident-cases'] });
          window.scrollTo(0, 0);
        }}
      />
    </>
  );
}

function Receipt({ created, onAnother }: { created: CreatedCase; onAnother: () => void }) {
  const { t } = useTranslation();
  const resident = useResident().data;
  const copy = async () => {
    const text = `${t('resident.done.number')}：${created.number}\n${t('resident.done.code')}：${created.trackingCode}`;
    try {
      await navigator.clipboard.writeText(text);
      Toast.show({ icon: 'success', content: t('resident.done.copied') });
    } catch {
      Toast.show({ content: t('resident.done.copyFailed') });
    }
  };
  const trackUrl = `/r/track?number=${encodeURIComponent(created.number)}&code=${encodeURIComponent(created.trackingCode)}`;
  return (
    <>
      <PhoneTitle title={t('resident.done.title')} />
      <Result status="success" title={t('resident.done.title')} description={created.grid ? t('resident.done.area', { grid: created.grid.name }) : undefined} />
      <div className="wg-section" data-testid="receipt">
        <div className="wg-hint">{t('resident.done.number')}</div>
        <div className="wg-big-code" data-testid="receipt-number">{created.number}</div>
        <div className="wg-hint" style={{ marginTop: 12 }}>{t('resident.done.code')}</div>
        <div className="wg-big-code" data-testid="receipt-code">{created.trackingCode}</div>
        <p className="wg-hint" style={{ marginTop: 12 }}>{t('resident.done.keep')}</p>
        <Button block color="primary" size="large" onClick={copy}>
          {t('resident.done.copy')}
        </Button>
        <Link to={trackUrl}>
          <Button block size="large" style={{ marginTop: 10 }}>
            {t('resident.done.follow')}
          </Button>
        </Link>
        {/* Signed in, the report is already in "我的诉求"; otherwise a phone sign-in shows all of them. */}
        <Link to={resident ? '/r/cases' : '/r/login?next=/r/cases'} data-testid="receipt-mine">
          <Button block fill="outline" color="primary" size="large" style={{ marginTop: 10 }}>
            {resident ? t('residentAccount.receipt.viewMine') : t('residentAccount.receipt.signInToFollow')}
          </Button>
        </Link>
        <Button block fill="none" style={{ marginTop: 10 }} onClick={onAnother}>
          {t('resident.done.another')}
        </Button>
      </div>
    </>
  );
}
