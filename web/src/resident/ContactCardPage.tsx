import { Button, ErrorBlock, SpinLoading, Tag } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, call, type Schemas } from '../api/client';
import { PhoneTitle } from '../mobile/kit/PhoneShell';
import { errorMessage } from '../shared/errors';
import './contact-card.css';

type Card = Schemas['PublicContactCard'];
type Contact = Card['contacts'][number];

/** The card of a grid, for the report page too (it shows where a report from the card's QR code goes). */
export function usePublicContactCard(gridCode: string | null) {
  return useQuery({
    queryKey: ['public-contact-card', gridCode],
    enabled: Boolean(gridCode),
    retry: false,
    staleTime: 5 * 60_000,
    queryFn: () => call(api.GET('/api/v1/public/contact-cards/{gridCode}', { params: { path: { gridCode: gridCode! } } })),
  });
}

/** 13800010137 → 138 0001 0137, as printed on the card. */
function formatPhone(phone: string): string {
  return /^1\d{10}$/.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}

/** The place line of the card: 江庄镇 江庄村 · 江庄村第一网格. */
export function cardPlace(card: Pick<Card, 'town' | 'village' | 'grid'>): string {
  const above = [card.town?.name, card.village?.name].filter(Boolean).join(' ');
  return above ? `${above} · ${card.grid.name}` : card.grid.name;
}

function ContactRow({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="wg-cc-contact" data-testid="card-contact">
      <div className="wg-cc-photo" aria-hidden>
        {contact.name.slice(0, 1)}
      </div>
      <div className="wg-cc-who">
        <div>
          <Tag color="danger" fill="solid" style={{ marginRight: 6 }}>
            {i18n.language === 'en' ? contact.label.en : contact.label.zh}
          </Tag>
          <strong className="wg-cc-name">{contact.name}</strong>
          {contact.title && <span className="wg-hint"> {contact.title}</span>}
        </div>
        {contact.duties && (
          <div className="wg-cc-duties">
            {t('contactCards.duties')}：{contact.duties}
          </div>
        )}
        {contact.phone ? (
          // Tap to call: the card's promise, 有事直联.
          <a className="wg-cc-phone" href={`tel:${contact.phone}`} aria-label={`${t('contactCards.call')} ${contact.name}`}>
            <PhoneFill /> {formatPhone(contact.phone)}
          </a>
        ) : (
          <div className="wg-hint">{t('contactCards.noPhone')}</div>
        )}
      </div>
    </div>
  );
}

/** /r/card/:gridCode — the printed 党群联系卡 on the phone: who to call, and a button to report located to the grid. */
export function ContactCardPage() {
  const { t } = useTranslation();
  const { gridCode = '' } = useParams();
  const card = usePublicContactCard(gridCode);

  if (card.isLoading) {
    return (
      <>
        <PhoneTitle title={t('contactCards.title')} />
        <div style={{ padding: 48, textAlign: 'center' }}>
          <SpinLoading /> <div className="wg-hint">{t('contactCards.loading')}</div>
        </div>
      </>
    );
  }
  if (card.isError || !card.data) {
    const isMissing = card.error instanceof ApiError && card.error.status === 404;
    return (
      <>
        <PhoneTitle title={t('contactCards.title')} />
        <ErrorBlock status="empty" title={isMissing ? t('contactCards.notFound') : t('contactCards.loadFailed', { message: errorMessage(card.error, t) })} description="" />
        <div style={{ padding: 16 }}>
          <Link to="/r/report">
            <Button block color="primary" size="large">
              {t('contactCards.report')}
            </Button>
          </Link>
        </div>
      </>
    );
  }
  const data = card.data;
  return (
    <>
      <PhoneTitle title={t('contactCards.title')} />
      <div className="wg-cc" data-testid="contact-card">
        <div className="wg-cc-header">
          <div className="wg-cc-title">{t('contactCards.title')}</div>
          <div className="wg-cc-slogan">{t('contactCards.slogan')}</div>
        </div>
        <div className="wg-cc-place" data-testid="card-place">
          {cardPlace(data)}
        </div>
        {data.contacts.length === 0 ? <p className="wg-hint" style={{ padding: '0 16px' }}>{t('contactCards.noContacts')}</p> : data.contacts.map((c, i) => <ContactRow key={i} contact={c} />)}
        <div className="wg-cc-footer">
          <span>{[data.county?.name, data.town?.name].filter(Boolean).join(' · ')}</span>
          <span>{t('contactCards.gridCode', { code: data.grid.code })}</span>
        </div>
      </div>
      <div style={{ padding: '4px 16px 24px' }}>
        <Link to={`/r/report?grid=${encodeURIComponent(data.grid.code)}`} data-testid="card-report">
          <Button block color="primary" size="large">
            {t('contactCards.report')}
          </Button>
        </Link>
        <p className="wg-hint">{t('contactCards.reportHint', { grid: data.grid.name })}</p>
      </div>
    </>
  );
}
