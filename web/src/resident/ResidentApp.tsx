import { useTranslation } from 'react-i18next';

/** The resident area: its own routes live here (mounted at /r/*). */
export default function ResidentApp() {
  const { t } = useTranslation();
  return <div style={{ padding: 24 }}>{t('resident.title')}</div>;
}
