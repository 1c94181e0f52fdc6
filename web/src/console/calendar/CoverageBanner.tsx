import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { calendarKeys, fetchStatus } from './calendarApi';

/** For admins, on every console page: the holiday calendar lacks data for some of the next 60 days. */
export function CoverageBanner() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data } = useQuery({ queryKey: calendarKeys.status, queryFn: fetchStatus, staleTime: 10 * 60_000 });
  // The calendar page shows the same warning itself.
  if (!data?.warning || location.pathname.startsWith('/console/calendar')) return null;
  return (
    <Alert
      data-testid="calendar-coverage-banner"
      type="warning"
      showIcon
      banner
      style={{ marginBottom: 16 }}
      message={t('calendar.banner.title')}
      description={i18n.language === 'en' ? data.warning.en : data.warning.zh}
      action={
        <Button size="small" onClick={() => navigate('/console/calendar')}>
          {t('calendar.banner.action')}
        </Button>
      }
    />
  );
}
