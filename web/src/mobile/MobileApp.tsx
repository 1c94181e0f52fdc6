import { useTranslation } from 'react-i18next';

/** The mobile area: its own routes live here (mounted at /m/*). */
export default function MobileApp() {
  const { t } = useTranslation();
  return <div style={{ padding: 24 }}>{t('mobile.title')}</div>;
}
