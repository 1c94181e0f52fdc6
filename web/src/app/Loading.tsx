import { useTranslation } from 'react-i18next';

/** A plain spinner: the entry chunk carries no UI kit, so a resident's phone loads only what its page needs. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" style={{ minHeight: '60vh', display: 'grid', placeItems: 'center', color: '#666', fontSize: 18 }}>
      <div style={{ textAlign: 'center' }}>
        <div className="wg-spinner" />
        {t('common.loading')}
      </div>
    </div>
  );
}
