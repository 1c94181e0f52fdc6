import { useTranslation } from 'react-i18next';

/** The console area: its own routes live here (mounted at /console/*). */
export default function ConsoleApp() {
  const { t } = useTranslation();
  return <div style={{ padding: 24 }}>{t('console.title')}</div>;
}
